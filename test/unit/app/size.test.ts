// SPDX-License-Identifier: MIT
// `microyocto size`: the Berkeley table as binutils prints it, other artifacts by kind and size.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMicroyocto } from '../../helpers/cli.js';
import { bzImageBytes } from '../../helpers/kernel-artifacts.js';
import { FIXTURES, tempDir, writeFiles } from '../../helpers/tmp.js';

const DIR = join(FIXTURES, 'footprint');

for (const bits of ['64', '32']) {
  test(`size on ${bits}-bit objects prints exactly what binutils size printed`, async () => {
    const run = await runMicroyocto(['size', `old-${bits}.o`, `new-${bits}.o`], { cwd: DIR });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, readFileSync(join(DIR, `size-${bits}.txt`), 'utf8'));
  });
}

test('size names non-ELF artifacts by kind with their size', async (t) => {
  const dir = tempDir(t);
  const boot = bzImageBytes(4000);
  writeFiles(dir, { 'rootfs.cpio': '070701' + '0'.repeat(200), 'notes.txt': 'hello' });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'bzImage'), boot);
  const run = await runMicroyocto(['size', 'bzImage', 'rootfs.cpio', 'notes.txt'], { cwd: dir });
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^bzImage\s+4000 \(4 KiB\)\s+bzImage$/m);
  assert.match(run.stdout, /^rootfs\.cpio\s+206 \(0 KiB\)\s+cpio$/m);
  assert.match(run.stdout, /^notes\.txt\s+5 \(0 KiB\)\s+other$/m);
});

test('size of a missing file fails with FILE_NOT_FOUND naming it', async (t) => {
  const run = await runMicroyocto(['size', 'nope/vmlinux'], { cwd: tempDir(t) });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /FILE_NOT_FOUND.*nope\/vmlinux/);
});

test('size diff of a file that is not ELF fails with ELF_INVALID', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { a: 'text', b: 'text' });
  const run = await runMicroyocto(['size', 'diff', 'a', 'b'], { cwd: dir });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /ELF_INVALID.*a: not an ELF file/);
});

test('size diff takes build folders for their vmlinux', async (t) => {
  const dir = tempDir(t);
  const { copyFileSync, mkdirSync } = await import('node:fs');
  for (const v of ['old', 'new']) {
    mkdirSync(join(dir, v));
    copyFileSync(join(DIR, `${v}-64.o`), join(dir, v, 'vmlinux'));
  }
  const run = await runMicroyocto(['size', 'diff', 'old', 'new'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, readFileSync(join(DIR, 'bloat-64all.txt'), 'utf8'));
  const empty = await runMicroyocto(['size', 'diff', 'old', '.'], { cwd: dir });
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /FILE_NOT_FOUND.*\. is a folder without a vmlinux/);
});
