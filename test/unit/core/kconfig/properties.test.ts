// SPDX-License-Identifier: MIT
// Properties of the fast core, on many seeded random configs (no fixed examples to overfit).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMalformedLines, parseConfig, serializeConfig, toSymbolMap } from '../../../../src/core/kconfig/config-file.js';
import { diffConfigs, formatDiff, formatPairText, hasPlainNames, readForDiff, readPairForDiff } from '../../../../src/core/kconfig/diff.js';
import { mergeFragments } from '../../../../src/core/kconfig/merge.js';
import { rng } from '../../../conformance/fragments.js';

const VALUES = ['y', 'm', 'n', '"some text"', '"esc \\"q\\""', '0x1f', '42', '-3'];

function randomConfig(r: () => number, size: number, names: number): string {
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const name = `SYM_${Math.floor(r() * names)}`;
    const value = VALUES[Math.floor(r() * VALUES.length)]!;
    lines.push(value === 'n' ? `# CONFIG_${name} is not set` : `CONFIG_${name}=${value}`);
    if (r() < 0.05) lines.push('# a comment');
  }
  return lines.join('\n') + '\n';
}

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

test('parse then serialise round-trips the effective values', () => {
  for (const seed of SEEDS) {
    const r = rng(seed);
    const map = toSymbolMap(parseConfig(randomConfig(r, 80, 60), 'a').entries);
    const again = toSymbolMap(parseConfig(serializeConfig(map.values()), 'b').entries);
    assert.deepEqual([...again].map(([k, e]) => [k, e.value]), [...map].map(([k, e]) => [k, e.value]), `seed ${seed}`);
  }
});

test('merging one fragment onto an empty base gives the fragment back', () => {
  for (const seed of SEEDS) {
    const frag = randomConfig(rng(seed), 50, 40);
    const merged = mergeFragments({ name: 'empty', text: '' }, [{ name: 'f', text: frag }]);
    assert.equal(merged.text, '\n' + frag, `seed ${seed}`);
  }
});

test('merging a fragment onto anything gives the fragment its values', () => {
  for (const seed of SEEDS) {
    const r = rng(seed);
    const base = randomConfig(r, 100, 70);
    const frag = randomConfig(r, 30, 70);
    const merged = toSymbolMap(parseConfig(mergeFragments({ name: 'b', text: base }, [{ name: 'f', text: frag }]).text, 'm').entries);
    for (const [name, e] of toSymbolMap(parseConfig(frag, 'f').entries)) assert.equal(merged.get(name)?.value, e.value, `seed ${seed} ${name}`);
  }
});

test('diff of a config with itself is empty', () => {
  for (const seed of SEEDS) {
    const a = readForDiff(randomConfig(rng(seed), 80, 60), 'a').values;
    assert.equal(formatDiff(diffConfigs(a, a)), '', `seed ${seed}`);
  }
});

test('diff sorts names in code point order, as Python does', () => {
  // Names beyond the Basic Multilingual Plane sort differently by UTF-16 unit and by code point.
  const exotic = ['CONFIG_\u{1F600}X=y', 'CONFIG_\uFF21Y=y', 'CONFIG_aZ=y'];
  for (const seed of SEEDS) {
    const r = rng(seed);
    const withExotic = (t: string): string => (seed % 3 === 0 ? `${t}${exotic.join('\n')}\n` : t);
    const a = readForDiff(withExotic(randomConfig(r, 80, 60)), 'a').values;
    const b = readForDiff(randomConfig(r, 80, 60), 'b').values;
    const removed = diffConfigs(a, b).removed.map(([name]) => name);
    const byCodePoint = [...removed].sort((x, y) => {
      const cx = [...x].map((c) => c.codePointAt(0)!);
      const cy = [...y].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(cx.length, cy.length); i++) if (cx[i] !== cy[i]) return cx[i]! - cy[i]!;
      return cx.length - cy.length;
    });
    assert.deepEqual(removed, byCodePoint, `seed ${seed}`);
  }
});

test('the diff text the CLI prints (sorted output lines) equals the name-sorted diff, weird names included', () => {
  // Names with a tab, a space, a control character or a surrogate pair would sort differently as lines.
  const weird = ['CONFIG_SYM_1\tB=y', 'CONFIG_SYM_1 B=m', '# CONFIG_SYM_2 X is not set', 'CONFIG_SYM_3\x01=y', 'CONFIG_\u{1F600}=y', 'CONFIG_SYM_=y'];
  let plain = 0;
  for (const seed of SEEDS) {
    const r = rng(seed);
    const inject = (t: string): string => (r() < 0.5 ? `${t}${weird[Math.floor(r() * weird.length)]}\n` : t);
    const aText = inject(randomConfig(r, 80, 60));
    const bText = inject(randomConfig(r, 80, 60));
    const pair = readPairForDiff(aText, 'a', bText, 'b');
    if (hasPlainNames(pair.names)) plain++;
    const byName = diffConfigs(readForDiff(aText, 'a').values, readForDiff(bText, 'b').values);
    for (const mergeStyle of [false, true]) {
      assert.equal(formatPairText(pair, mergeStyle), formatDiff(byName, mergeStyle), `seed ${seed}`);
    }
  }
  assert.ok(plain > 0 && plain < SEEDS.length, `both paths exercised (${plain} of ${SEEDS.length} plain)`);
});

test('applying diff -m of (a, b) to a as a fragment gives b, but for symbols only a has', () => {
  for (const seed of SEEDS) {
    const r = rng(seed);
    const aText = randomConfig(r, 80, 60);
    const bText = randomConfig(r, 80, 60);
    const a = readForDiff(aText, 'a').values;
    const b = readForDiff(bText, 'b').values;
    const diff = diffConfigs(a, b);
    const fragment = formatDiff(diff, true);
    const applied = readForDiff(mergeFragments({ name: 'a', text: aText }, [{ name: 'd', text: fragment }]).text, 'x').values;
    const removed = new Set(diff.removed.map(([n]) => n));
    for (const [name, value] of b) assert.equal(applied.get(name), value, `seed ${seed}: ${name}`);
    for (const [name] of applied) assert.ok(b.has(name) || removed.has(name), `seed ${seed}: ${name} appeared from nowhere`);
  }
});

test('the fast malformed-line scan finds exactly what the full parser finds', () => {
  const junk = ['  CONFIG_X=y', 'hello', 'CONFIG_NOEQ', 'CONFIG_S="open', 'CONFIG_B=maybe', 'CONFIG_H=34c', 'CONFIG_E=', '\r', 'CONFIG_Y=y\r', '#CONFIG_Z=y',
    'CONFIG_A=y\rjunk', 'CONFIG_S="a\\', 'CONFIG_T="x" y', 'CONFIG_U=y \t', 'CONFIG_V="a\rb"', 'CONFIG_W=y\u2028', '\u2028CONFIG_X=y',
    'CONFIG_\u00fc=y', '   ', 'CONFIG_=y', '# comment\rCONFIG_Q bad', 'CONFIG_R="q\\\r"', 'CONFIG_M=-0x1', 'CONFIG_N=0X1F'];
  for (const seed of SEEDS) {
    const r = rng(seed);
    const lines = randomConfig(r, 60, 40).split('\n');
    for (let i = 0; i < 8; i++) lines.splice(Math.floor(r() * lines.length), 0, junk[Math.floor(r() * junk.length)]!);
    const text = lines.join('\n');
    assert.deepEqual(findMalformedLines(text, 'f'), parseConfig(text, 'f').diagnostics, `seed ${seed}`);
  }
});

test('a text-only merge gives the same text and messages as a full one', () => {
  for (const seed of SEEDS) {
    const r = rng(seed);
    const base = { name: 'b', text: randomConfig(r, 120, 90) };
    const frags = [0, 1, 2].map((i) => ({ name: `f${i}`, text: randomConfig(r, 25, 90) }));
    for (const opts of [{}, { warnRedundant: true }, { builtin: true }]) {
      const full = mergeFragments(base, frags, opts);
      const fast = mergeFragments(base, frags, { ...opts, textOnly: true });
      assert.equal(fast.text, full.text, `seed ${seed}`);
      assert.equal(fast.messages, full.messages, `seed ${seed}`);
      assert.deepEqual(fast.overrides, full.overrides, `seed ${seed}`);
    }
  }
});
