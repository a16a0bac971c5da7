// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { previewKernelConfig } from '../../../src/app/kernel-preview.js';
import { diffConfigs, readForDiff } from '../../../src/core/kconfig/diff.js';
import { loadProfile } from '../../../src/profiles/index.js';
import { FIXTURES } from '../../helpers/tmp.js';

for (const name of ['internet-of-things', 'internet-of-pings', 'just-things']) {
  test(`${name}: the merged fragment matches yocto-kernel-tools scc + merge_config.sh -m`, async () => {
    const preview = await previewKernelConfig(await loadProfile(name));
    const golden = readForDiff(readFileSync(join(FIXTURES, 'profiles', `${name}.merge_config.config`), 'utf8'), 'golden').values;
    const ours = readForDiff(preview.mergedText, 'ours').values;
    assert.deepEqual(diffConfigs(golden, ours), { removed: [], changed: [], added: [] });
    assert.ok(ours.size > 40);
  });
}
