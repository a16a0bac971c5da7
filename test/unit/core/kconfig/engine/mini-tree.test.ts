// SPDX-License-Identifier: MIT
// The engine on a small Kconfig tree of our own (test/fixtures/kconfig-engine/mini) against what the
// kernel's conf (Linux 6.1) wrote for it: 5 modes × {no input, two fragments}, byte for byte.
// The expected files were produced by scripts/kconfig/conf with srctree pointing at the fixture.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveConfig, type ResolveMode } from '../../../../../src/core/kconfig/engine/index.js';
import { miniTree } from '../../../../helpers/mini-tree.js';

const FIX = new URL('../../../../../../test/fixtures/kconfig-engine/', import.meta.url).pathname;

for (const file of readdirSync(join(FIX, 'mini-expected')).sort()) {
  const [mode, input] = file.replace(/\.config$/, '').split('-') as [ResolveMode, string];
  test(`mini tree: ${mode}${input ? ` with ${input}` : ''} is byte-identical to conf`, () => {
    const tree = miniTree();
    const text = input ? readFileSync(join(FIX, `mini-${input}.config`), 'utf8') : undefined;
    const r = resolveConfig(tree, { mode, input: text === undefined ? undefined : { name: '.config', text } });
    assert.equal(r.text, readFileSync(join(FIX, 'mini-expected', file), 'utf8'));
  });
}

test('reading a fragment reports conf warnings with file:line and unknown symbols', () => {
  const tree = miniTree();
  const text = readFileSync(join(FIX, 'mini-frag1.config'), 'utf8');
  const r = resolveConfig(tree, { mode: 'olddefconfig', input: { name: 'frag1.config', text } });
  assert.deepEqual(
    r.warnings.map((w) => `${w.file}:${w.line}:${w.message}`),
    ['frag1.config:8:override: TC_BOOL changes choice state', 'frag1.config:13:override: reassigning to symbol EXPERT'],
  );
  assert.deepEqual(r.unknown.map((u) => u.name), ['UNKNOWN_THING']);
});
