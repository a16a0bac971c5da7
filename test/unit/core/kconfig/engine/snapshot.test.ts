// SPDX-License-Identifier: MIT
// A tree restored from its snapshot resolves like the parsed tree: non-ASCII texts (stored apart from the
// ASCII ones), select and imply (not stored: their targets' revDep/implied carry them), menus and choices.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKconfig, resolveConfig, type KconfigTree } from '../../../../../src/core/kconfig/engine/index.js';
import { decodeSnapshot, encodeTree, PR_TEXT } from '../../../../../src/core/kconfig/engine/snapshot.js';

const KCONFIG = `mainmenu "Tést"
config MODULES
	bool "modules"
	default y
	modules
menu "Timers (in μs)"
config A
	bool "a, in μs"
	select B
	imply C
config B
	tristate
config C
	tristate "c"
comment "ASCII comment"
endmenu
choice
	prompt "pick (ü)"
	default P2
config P1
	bool "p1"
config P2
	bool "p2"
endchoice
config N
	int "n"
	range 2 8
	default 12
`;

function parse(): KconfigTree {
  const o = parseKconfig({ read: (n) => (n === 'Kconfig' ? KCONFIG : undefined), env: () => undefined, shell: () => '' });
  assert.ok(o.complete);
  return o.tree;
}

test('a restored tree resolves byte for byte like the parsed one, its texts intact', () => {
  const blob = encodeTree(parse(), { note: 'ü' });
  assert.ok(blob);
  const header = decodeSnapshot<{ note: string }>(blob);
  assert.ok(header);
  assert.equal(header.user.note, 'ü');
  for (const input of ['CONFIG_A=y\n', 'CONFIG_A=y\n# CONFIG_C is not set\nCONFIG_P1=y\nCONFIG_N=5\n', '']) {
    const parsed: string = resolveConfig(parse(), { mode: 'olddefconfig', input: { name: 'in', text: input } }).text;
    const restored: string = resolveConfig(header.tree(['Kconfig']), { mode: 'olddefconfig', input: { name: 'in', text: input } }).text;
    assert.equal(restored, parsed);
  }
  const text = resolveConfig(header.tree(['Kconfig']), { mode: 'olddefconfig', input: { name: 'in', text: 'CONFIG_A=y\n' } }).text;
  assert.match(text, /^# Tést$/m);
  assert.match(text, /^# Timers \(in μs\)$/m);
  assert.match(text, /^CONFIG_B=y$/m, 'select B survives as B\'s reverse dependency');
  assert.match(text, /^CONFIG_C=y$/m, 'imply C survives as C\'s implied expression');
  assert.match(text, /^CONFIG_N=8$/m, 'the default is clamped to the range');
  const tree = header.tree(['Kconfig']);
  const a = tree.table.find('A')!;
  assert.deepEqual(a.props.map((p) => p.kind), ['prompt']);
  assert.equal(a.props[0]!.text, 'a, in μs');
});

test('a blob that is not a snapshot of this format is refused', () => {
  const blob = encodeTree(parse(), null)!;
  const other = blob.slice();
  other[7] = 0x30;
  assert.equal(decodeSnapshot(other), undefined);
  assert.equal(decodeSnapshot(blob.subarray(0, blob.length - 4)), undefined);
});

test('every name and prompt text comes back, ASCII or not, empty or not, past a thousand of them', () => {
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const prompt = i % 7 === 0 ? `µ-${i}` : i % 11 === 0 ? '' : `p ${i} = "${'x'.repeat(i % 5)}"`;
    lines.push(`config S${i}`, `\tbool ${JSON.stringify(prompt)}`, `config T${i}`, `\tstring`, `\tdefault "d${i % 3 === 0 ? '' : i}"`);
  }
  const text = `${lines.join('\n')}\n`;
  const o = parseKconfig({ read: (n) => (n === 'Kconfig' ? text : undefined), env: () => undefined, shell: () => '' });
  assert.ok(o.complete);
  const created = o.tree.table.created();
  const header = decodeSnapshot(encodeTree(o.tree, null)!)!;
  const restored = header.tree(['Kconfig']).table.created();
  assert.deepEqual(restored.map((s) => s.name), created.map((s) => s.name));
  assert.deepEqual(
    restored.map((s) => s.props.map((p) => p.text)),
    created.map((s) => s.props.filter((p) => p.kind !== 'select' && p.kind !== 'imply').map((p) => p.text)),
  );
  // the flat form cuts texts as they are asked for, here last first
  const flat = decodeSnapshot(encodeTree(o.tree, null)!)!.flat();
  const texts: string[] = [];
  for (let p = flat.propAt.length - 1; p >= 0; p--) {
    const ti = flat.ints[flat.propAt[p]! + PR_TEXT]!;
    if (ti >= 0) texts.push(flat.text(ti));
  }
  // (and the root menu's prompt, which no symbol holds)
  const expected = [o.tree.root.prompt!.text, ...created.flatMap((s) => s.props.map((p) => p.text))].filter((t) => t !== undefined);
  assert.deepEqual(texts.sort(), expected.sort());
  assert.deepEqual(flat.names.slice(4), created.map((s) => s.name));
});
