// SPDX-License-Identifier: MIT
// `size diff` against goldens the kernel's scripts/bloat-o-meter printed for the fixture objects.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compareSizes, formatBloatSection, symbolSizes } from '../../../../src/core/size/bloat-o-meter.js';
import { formatFixed } from '../../../../src/core/size/exact-fixed.js';
import { runMicroyocto } from '../../../helpers/cli.js';
import { elfToBigEndian } from '../../../helpers/elf-swap.js';
import { FIXTURES, tempDir } from '../../../helpers/tmp.js';

const DIR = join(FIXTURES, 'footprint');

for (const bits of ['64', '32']) {
  for (const mode of ['all', '-c', '-d', '-t']) {
    test(`size diff ${mode} on ${bits}-bit objects is byte-identical to bloat-o-meter`, async () => {
      const golden = readFileSync(join(DIR, `bloat-${bits}${mode}.txt`), 'utf8');
      const argv = ['size', 'diff', ...(mode === 'all' ? [] : [mode]), `old-${bits}.o`, `new-${bits}.o`];
      const run = await runMicroyocto(argv, { cwd: DIR });
      assert.equal(run.stderr, '');
      assert.equal(run.code, 0);
      assert.equal(run.stdout, golden);
    });
  }
}

test('size diff reads big-endian files to the same result', async (t) => {
  const dir = tempDir(t);
  for (const v of ['old', 'new']) writeFileSync(join(dir, `${v}.o`), elfToBigEndian(readFileSync(join(DIR, `${v}-64.o`))));
  const run = await runMicroyocto(['size', 'diff', 'old.o', 'new.o'], { cwd: dir });
  assert.equal(run.stdout, readFileSync(join(DIR, 'bloat-64all.txt'), 'utf8'));
});

test('size diff --json carries the same rows and totals', async () => {
  const run = await runMicroyocto(['--json', 'size', 'diff', 'old-64.o', 'new-64.o'], { cwd: DIR });
  const doc = JSON.parse(run.stdout) as { sections: Array<{ title: string; up: number; down: number; oldTotal: number; symbols: Array<{ name: string; old: number | null; delta: number }> }> };
  const text = readFileSync(join(DIR, 'bloat-64all.txt'), 'utf8');
  const s = doc.sections[0]!;
  assert.match(text, new RegExp(`up/down: ${s.up}/-${s.down} `));
  assert.match(text, new RegExp(`Before=${s.oldTotal},`));
  const removed = s.symbols.find((r) => r.old !== null && r.delta === -r.old);
  assert.ok(removed && text.includes(removed.name));
});

test('generated symbols are dropped and .NUMBER suffixes merged, as bloat-o-meter does', () => {
  const sizes = symbolSizes(
    [
      { name: 'calls.0', type: 'b', size: 4 },
      { name: 'calls.1', type: 'b', size: 4 },
      { name: 'helper.constprop.0', type: 't', size: 10 },
      { name: '__se_sys_read', type: 'T', size: 9 },
      { name: '__mod_x', type: 'D', size: 9 },
      { name: 'linux_banner', type: 'R', size: 9 },
      { name: 'a:b', type: 'T', size: 9 },
      { name: 'weak', type: 'W', size: 9 },
    ],
    'tTdDbBrR',
  );
  assert.deepEqual([...sizes.entries()], [
    ['calls', 8],
    ['helper.constprop', 10],
  ]);
});

test('rows with equal growth are ordered by name, descending, like Python reverse-sorted tuples', () => {
  const s = compareSizes('Function', new Map([['a', 1]]), new Map([['a', 3], ['b', 2], ['c', 2]]));
  assert.deepEqual(s.rows.map((r) => r.name), ['c', 'b', 'a']);
  assert.match(formatBloatSection(s), /^add\/remove: 2\/0 grow\/shrink: 1\/0 up\/down: 6\/0 \(6\)\n/);
  assert.match(formatBloatSection(s), /Total: Before=1, After=7, chg \+600\.00%\n$/);
});

test('percentages round exact ties to even, as printf does', () => {
  assert.equal(formatFixed(0.125, 2), '0.12');
  assert.equal(formatFixed(0.375, 2), '0.38');
  assert.equal(formatFixed(1.005, 2), '1.00'); // 1.005 is 1.00499999... in binary
  assert.equal(formatFixed(-0.001, 2), '-0.00');
  assert.equal(formatFixed(3.1622, 2), '3.16');
  assert.equal(formatFixed(100, 2), '100.00');
});
