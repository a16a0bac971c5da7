// SPDX-License-Identifier: MIT
// Replays what the kernel's merge_config.sh -m, diffconfig and merge_config's check printed (recorded
// by `npm run conformance -- --update` on Linux 6.1) and demands the same bytes from microyocto.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadGoldens } from '../../conformance/golden.js';
import { runMicroyocto } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';

const goldens = loadGoldens();

test('the committed goldens cover merge, diff and check', () => {
  const kinds = new Set(goldens.map((g) => g.kind));
  assert.deepEqual([...kinds].sort(), ['check', 'diff', 'merge']);
});

for (const g of goldens) {
  test(`${g.name}: byte-identical to the kernel's tool`, async (t) => {
    const dir = tempDir(t);
    for (const [name, text] of Object.entries(g.files)) writeFileSync(join(dir, name), text);
    if (g.kind === 'merge') {
      const r = await runMicroyocto(['kconfig', 'merge', '-o', 'out.config', ...g.args], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, g.stdout);
      assert.equal(readFileSync(join(dir, 'out.config'), 'utf8'), g.output);
      assert.equal(r.stderr, '', 'real kernel configs and well-formed fragments must not warn');
    } else if (g.kind === 'diff') {
      const r = await runMicroyocto(['kconfig', 'diff', ...g.args], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, g.stdout);
      assert.equal(r.stderr, '');
    } else {
      writeFileSync(join(dir, 'final.config'), g.output ?? '');
      const r = await runMicroyocto(['kconfig', 'check', '--final', 'final.config', ...g.args], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, g.stdout);
    }
  });
}
