// SPDX-License-Identifier: MIT
// Our ELF reading against binutils on binaries gcc compiles now: `size` totals and `nm --size-sort`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseElf } from '../../../../src/core/elf/elf-file.js';
import { berkeleySizes, nmType, sizeSortedSymbols } from '../../../../src/core/elf/symbols.js';
import { MicroyoctoError } from '../../../../src/core/errors.js';
import { elfToBigEndian } from '../../../helpers/elf-swap.js';
import { tempDir } from '../../../helpers/tmp.js';

const SOURCE = `
int counter = 3;
int table_bss[64];
const int lookup[16] = {1, 2, 3};
static int local_data = 7;
static int local_bss;
__attribute__((weak)) int weak_data = 1;
__attribute__((weak)) int weak_func(void) { return 2; }
__thread int per_thread = 5;
char big_buffer[4096];
static int helper(int a) { static int calls; calls++; return a * 3 + calls + local_bss; }
int api(int a) { return helper(a) + counter + lookup[a & 15] + local_data + weak_data + weak_func() + per_thread + big_buffer[a]; }
int main(void) { return api(1); }
`;

function has(tool: string, args: string[]): boolean {
  try {
    execFileSync(tool, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const toolsPresent = has('gcc', ['--version']) && has('nm', ['--version']) && has('size', ['--version']);

function nmSizeSort(file: string): string[] {
  const out = execFileSync('nm', ['--size-sort', file], { encoding: 'latin1' });
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [size, type, name] = l.split(' ');
      return `${parseInt(size!, 16)} ${type} ${name}`;
    })
    .sort();
}

function sizeBerkeley(file: string): number[] {
  const line = execFileSync('size', [file], { encoding: 'utf8' }).split('\n')[1]!;
  return line.trim().split(/\s+/).slice(0, 3).map(Number);
}

function compareWithBinutils(file: string): void {
  const elf = parseElf(readFileSync(file), file);
  const b = berkeleySizes(elf);
  assert.deepEqual([b.text, b.data, b.bss], sizeBerkeley(file), `size of ${file}`);
  const ours = sizeSortedSymbols(elf).map((s) => `${s.size} ${s.type} ${s.name}`).sort();
  assert.deepEqual(ours, nmSizeSort(file), `nm --size-sort of ${file}`);
}

const VARIANTS: Array<{ name: string; args: string[] }> = [
  { name: '64-bit object', args: ['-O2', '-c'] },
  { name: '64-bit executable', args: ['-O2'] },
  { name: '64-bit static executable', args: ['-O2', '-static'] },
  { name: '32-bit object', args: ['-m32', '-O2', '-c'] },
  { name: '32-bit freestanding executable', args: ['-m32', '-O2', '-nostdlib', '-static', '-Wl,-e,api'] },
];

for (const v of VARIANTS) {
  test(`${v.name}: size and nm --size-sort agree with binutils, in both byte orders`, { skip: !toolsPresent && 'gcc/binutils not installed' }, (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'probe.c'), SOURCE);
    const out = join(dir, 'probe');
    try {
      execFileSync('gcc', [...v.args, join(dir, 'probe.c'), '-o', out], { stdio: 'pipe' });
    } catch {
      t.skip(`gcc ${v.args.join(' ')} does not work here (no multilib or static libc)`);
      return;
    }
    compareWithBinutils(out);
    const be = `${out}.be`;
    writeFileSync(be, elfToBigEndian(readFileSync(out)));
    const elf = parseElf(readFileSync(be), be);
    assert.equal(elf.endian, 'big');
    compareWithBinutils(be);
  });
}

test('symbol types follow nm: weak objects V, weak functions W, locals lower case', { skip: !toolsPresent && 'gcc not installed' }, (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'probe.c'), SOURCE);
  execFileSync('gcc', ['-O2', '-c', join(dir, 'probe.c'), '-o', join(dir, 'probe.o')]);
  const elf = parseElf(readFileSync(join(dir, 'probe.o')), 'probe.o');
  const type = (name: string): string => nmType(elf.symbols.find((s) => s.name === name || s.name.startsWith(`${name}.`))!, elf.sections);
  assert.equal(type('weak_data'), 'V');
  assert.equal(type('weak_func'), 'W');
  assert.equal(type('counter'), 'D');
  assert.equal(type('table_bss'), 'B');
  assert.equal(type('lookup'), 'R');
  assert.equal(type('calls'), 'b');
  assert.equal(type('api'), 'T');
});

test('a file that is not ELF is rejected with ELF_INVALID naming it', () => {
  assert.throws(() => parseElf(new TextEncoder().encode('#!/bin/sh\necho hi\n'), 'script.sh'), (e: unknown) => {
    return e instanceof MicroyoctoError && e.code === 'ELF_INVALID' && e.message.startsWith('script.sh: not an ELF file');
  });
});

test('a truncated ELF file is rejected, not read past its end', () => {
  const header = new Uint8Array(64);
  header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  const view = new DataView(header.buffer);
  view.setBigUint64(40, 4096n, true); // e_shoff beyond the file
  view.setUint16(58, 64, true);
  view.setUint16(60, 3, true);
  assert.throws(() => parseElf(header, 'cut.o'), (e: unknown) => e instanceof MicroyoctoError && e.code === 'ELF_INVALID' && /cut\.o: .*outside the file/.test(e.message));
});
