// SPDX-License-Identifier: MIT
// The WebAssembly assignment finder gives `kconfig merge` exactly what its regex scan gives (merge.ts is
// the reference), and leaves input beyond ASCII to it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createAssignmentFinder } from '../../../../src/core/kconfig/assignments-kernel.js';
import { mergeFragments, type MergeSource } from '../../../../src/core/kconfig/merge.js';
import { rng } from '../../../conformance/fragments.js';

// Built by `npm run build` (scripts/build-wasm.mjs); the test fails when it is missing.
const find = createAssignmentFinder(readFileSync(new URL('../../../../wasm/assignments.wasm', import.meta.url)));

// Lines at the edges of `^(?:P(NAME)=|# P(NAME) is not set)`: after a CR, names followed by other
// characters, trailing text after "is not set", one space too many, a name that is a prefix of another.
function oddLines(p: string, name: string): string[] {
  return [
    `${p}${name}=y`,
    `# ${p}${name} is not set`,
    `# ${p}${name} is not set, really`,
    `#  ${p}${name} is not set`,
    `# ${p}${name} is not se`,
    `${p}${name}-X=y`,
    `${p}${name}`,
    `${p}${name}X=m`,
    `${p}=y`,
    `x\r${p}${name}=y`,
    `${p}${name}="${p}${name}=y"`,
    ` ${p}${name}=y`,
    '',
    '# comment',
  ];
}

function randomConfig(r: () => number, p: string, size: number, names: number): string {
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const name = `S${Math.floor(r() * names)}${r() < 0.2 ? '_LONGER_THAN_EIGHT' : ''}`;
    if (r() < 0.25) {
      const odd = oddLines(p, name);
      lines.push(odd[Math.floor(r() * odd.length)]!);
    } else lines.push(r() < 0.3 ? `# ${p}${name} is not set` : `${p}${name}=${['y', 'm', '"t"', '0x10'][Math.floor(r() * 4)]}`);
  }
  return lines.join('\n') + (r() < 0.8 ? '\n' : '');
}

function mergeBoth(base: MergeSource, fragments: MergeSource[], prefix: string): [ReturnType<typeof mergeFragments>, ReturnType<typeof mergeFragments>] {
  return [mergeFragments(base, fragments, { textOnly: true, prefix }), mergeFragments(base, fragments, { textOnly: true, prefix, findAssignments: find })];
}

test('merging with the finder gives the same text and messages as the regex scan', () => {
  let found = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const r = rng(seed);
    const prefix = seed % 5 === 0 ? 'FOO_' : 'CONFIG_';
    const base = { name: 'base', text: randomConfig(r, prefix, Math.floor(r() * 200), 60) };
    const fragments = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => ({ name: `f${i}`, text: randomConfig(r, prefix, Math.floor(r() * 30), 60) }));
    const [reference, fast] = mergeBoth(base, fragments, prefix);
    assert.equal(fast.text, reference.text, `seed ${seed}: text`);
    assert.equal(fast.messages, reference.messages, `seed ${seed}: messages`);
    found += find(base.text, ['S1', 'S2', 'S3'], prefix)!.length / 3;
  }
  assert.ok(found > 50, `the finder found assignments (${found})`);
});

test('the finder reports line starts, ends and name indexes in text order', () => {
  const text = 'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=m\nCONFIG_A=n';
  assert.deepEqual([...find(text, ['A', 'B'], 'CONFIG_')!], [0, 10, 0, 11, 32, 1, 44, 54, 0]);
  assert.deepEqual([...find(text, [], 'CONFIG_')!], []);
});

test('the finder leaves text or a prefix beyond ASCII to the regex scan', () => {
  assert.equal(find('CONFIG_A="é"\n', ['A'], 'CONFIG_'), undefined);
  // U+010A would be written as a newline byte: it must never reach the kernel
  assert.equal(find('CONFIG_A="\u010a"\n', ['A'], 'CONFIG_'), undefined);
  assert.equal(find('CONFIG_A=y\n', ['A'], 'CÖNFIG_'), undefined);
  const base = { name: 'base', text: 'CONFIG_A="é"\nCONFIG_B=y\n' };
  const [reference, fast] = mergeBoth(base, [{ name: 'f', text: 'CONFIG_B=m\n' }], 'CONFIG_');
  assert.equal(fast.text, reference.text);
});
