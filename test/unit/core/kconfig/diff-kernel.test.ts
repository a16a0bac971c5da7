// SPDX-License-Identifier: MIT
// The WebAssembly diff kernel equals the JavaScript reference (diff.ts) on every input it takes, and
// leaves the rest (CR, bytes beyond ASCII, malformed lines) to it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createDiffKernel } from '../../../../src/core/kconfig/diff-kernel.js';
import { formatPairText, readPairForDiff } from '../../../../src/core/kconfig/diff.js';
import { rng } from '../../../conformance/fragments.js';

// Built by `npm run build` (scripts/build-wasm.mjs); the test fails when it is missing.
const kernel = createDiffKernel(readFileSync(new URL('../../../../wasm/diffconfig.wasm', import.meta.url)));
const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const reference = (a: string, b: string): string => formatPairText(readPairForDiff(a, 'a', b, 'b'));

// Lines that stress diffconfig's reading rules: not-set lines of every length, `CONFIG_X=... is not set`,
// empty names and values, names that are prefixes of others, odd characters, comments, blank lines.
const ODD_LINES = [
  '# CONFIG_A is not set',
  'CONFIG_A=x is not set',
  'x is not set',
  ' is not set',
  'short is not set',
  '#CONFIG_B is not set',
  'CONFIG_=y',
  'CONFIG_A_LONGER_NAME_THAN_EIGHT_BYTES=m',
  'CONFIG_A_LONGER_NAME_THAN_EIGHT_BYTE=m',
  'CONFIG_SP ACE=y',
  'CONFIG_TAB\tNAME=y',
  'CONFIG_CTL\x01=y',
  'CONFIG_EMPTY=',
  'CONFIG_STR="a = b"',
  '',
  '# plain comment',
  'garbage line',
];

const VALUES = ['y', 'm', 'n', '', '"some text"', '"x"', '0x1f', '42', '-3', 'y '];

function randomConfig(r: () => number, size: number, names: number): string {
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const roll = r();
    if (roll < 0.1) lines.push(ODD_LINES[Math.floor(r() * ODD_LINES.length)]!);
    else {
      // names of all lengths, some sharing long prefixes (the kernel hashes and compares 8 bytes at a time)
      const name = `${r() < 0.3 ? 'LONG_COMMON_PREFIX_' : ''}S${Math.floor(r() * names)}${'X'.repeat(Math.floor(r() * 12))}`;
      const value = VALUES[Math.floor(r() * VALUES.length)]!;
      lines.push(value === 'n' && r() < 0.7 ? `# CONFIG_${name} is not set` : `CONFIG_${name}=${value}`);
    }
  }
  // sometimes no newline at the end (diffconfig then drops the last real character)
  return lines.join('\n') + (r() < 0.8 ? '\n' : '');
}

test('the kernel gives the reference text on random configs with every reading rule', () => {
  let took = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    const a = randomConfig(r, Math.floor(r() * 120), 80);
    const b = r() < 0.1 ? a : randomConfig(r, Math.floor(r() * 120), 80);
    const out = kernel.diff(bytes(a), bytes(b));
    if (out === undefined) continue;
    took++;
    assert.equal(out, reference(a, b), `seed ${seed}`);
  }
  assert.ok(took > 200, `the kernel took most inputs (${took} of 300)`);
});

test('the kernel sorts like Python on many names (the quicksort, not only the insertion sort)', () => {
  const r = rng(7);
  const names = Array.from({ length: 3000 }, (_, i) => `N${Math.floor(r() * 1e6)}_${i % 7 === 0 ? '' : 'Z'.repeat(i % 5)}`);
  const a = names.map((n) => `CONFIG_${n}=y`).join('\n') + '\n';
  const b = names.map((n, i) => (i % 3 === 0 ? `CONFIG_${n}=m` : i % 3 === 1 ? `# CONFIG_${n}_NEW is not set` : `CONFIG_${n}=y`)).join('\n') + '\n';
  const out = kernel.diff(bytes(a), bytes(b));
  assert.equal(out, reference(a, b));
  assert.ok(out!.split('\n').length > 3000);
});

test('the kernel leaves CR, non-ASCII and malformed lines to the JavaScript reader', () => {
  const ok = 'CONFIG_A=y\n';
  assert.equal(kernel.diff(bytes(ok), bytes('CONFIG_A=m\r\n')), undefined);
  assert.equal(kernel.diff(bytes(ok), Buffer.from('CONFIG_A="é"\n', 'utf8')), undefined);
  assert.equal(kernel.diff(bytes('CONFIG_NO_EQUALS\n'), bytes(ok)), undefined);
  assert.equal(kernel.diff(bytes(ok), bytes('CONFIG_A=m\n')), ' A y -> m\n');
  assert.equal(kernel.diff(bytes(''), bytes('')), '');
});

test('one kernel serves many diffs of different sizes (its memory is reused and grown)', () => {
  const r = rng(99);
  for (const size of [10, 5000, 3, 20000, 50]) {
    const a = randomConfig(r, size, size);
    const b = randomConfig(r, size, size);
    const out = kernel.diff(bytes(a), bytes(b));
    if (out !== undefined) assert.equal(out, reference(a, b), `size ${size}`);
  }
});
