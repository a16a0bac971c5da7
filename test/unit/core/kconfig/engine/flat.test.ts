// SPDX-License-Identifier: MIT
// The resolve kernel (flat.ts, the tree read in place from its snapshot blob) against conf's own output
// for the mini tree, and against the object evaluator (the reference) on random inputs: same bytes,
// same warnings, same unknown symbols, in every mode — on trees with choices, ranges, selects, implies,
// string/int/hex defaults from other symbols, comparisons and a dependency loop.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveFlat } from '../../../../../src/core/kconfig/engine/flat.js';
import { parseKconfig, resolveConfig, type KconfigTree, type ResolveMode } from '../../../../../src/core/kconfig/engine/index.js';
import { decodeSnapshot, encodeTree } from '../../../../../src/core/kconfig/engine/snapshot.js';
import { miniTree } from '../../../../helpers/mini-tree.js';

const FIX = new URL('../../../../../../test/fixtures/kconfig-engine/', import.meta.url).pathname;
const MODES: ResolveMode[] = ['olddefconfig', 'defconfig', 'alldefconfig', 'allnoconfig', 'allyesconfig', 'allmodconfig', 'mod2noconfig', 'yes2modconfig', 'mod2yesconfig'];

function flatOf(tree: KconfigTree) {
  return decodeSnapshot<null>(encodeTree(tree, null)!)!.flat();
}

function parse(text: string): () => KconfigTree {
  return () => {
    const o = parseKconfig({ read: (n) => (n === 'Kconfig' ? text : undefined), env: () => undefined, shell: () => '' });
    assert.ok(o.complete);
    return o.tree;
  };
}

// Both evaluators on fresh trees (a tree resolves once): the flat result must equal the reference's.
// Then the output is resolved again with olddefconfig (a config that changes nothing: conf's other path).
function assertSame(fresh: () => KconfigTree, mode: ResolveMode, input: { name: string; text: string } | undefined, what: string): string {
  const ref = resolveConfig(fresh(), { mode, input, origins: false });
  const flat = resolveFlat(flatOf(fresh()), { mode, input });
  assert.equal(flat.text, ref.text, `${what}: text`);
  assert.deepEqual(flat.warnings, ref.warnings, `${what}: warnings`);
  assert.deepEqual(flat.unknown, ref.unknown, `${what}: unknown`);
  const again = { name: 'out.config', text: flat.text };
  assert.equal(resolveFlat(flatOf(fresh()), { mode: 'olddefconfig', input: again }).text, resolveConfig(fresh(), { mode: 'olddefconfig', input: again }).text, `${what}: its output again`);
  return flat.text;
}

for (const file of readdirSync(join(FIX, 'mini-expected')).sort()) {
  const [mode, input] = file.replace(/\.config$/, '').split('-') as [ResolveMode, string];
  test(`flat kernel, mini tree: ${mode}${input ? ` with ${input}` : ''} is byte-identical to conf and to the object evaluator`, () => {
    const text = input ? readFileSync(join(FIX, `mini-${input}.config`), 'utf8') : undefined;
    const got = assertSame(() => miniTree(), mode, text === undefined ? undefined : { name: '.config', text }, file);
    assert.equal(got, readFileSync(join(FIX, 'mini-expected', file), 'utf8'));
  });
}

// A tree with every kind of rule the evaluator has; the random inputs below name all of its symbols.
const RULES = `mainmenu "rules"
config MODULES
	bool "modules"
	modules
	default y
config EXPERT
	bool "expert"
menu "Values"
	visible if EXPERT || !MODULES
config S
	string "s"
	default "hello"
config S2
	string
	default S
config I
	int "i"
	range 2 40
	default 8
config I2
	int "i2"
	range I 64
	default I
config H
	hex "h"
	range 0x10 0xff
	default 0x20
config HBIG
	hex "hbig"
	default 0xffffffffffffffff
endmenu
config T1
	tristate "t1"
	select T2
	imply T3
config T2
	tristate "t2"
	depends on T4 || EXPERT
config T3
	tristate "t3"
config T4
	tristate
	default m if MODULES
config CMP
	bool "cmp"
	depends on I > 4 && H != 0x20 && S = "hello"
config UCMP
	def_bool HBIG > 0x10
config CMP2
	bool "cmp2"
	default y if I < 10
	default n if H <= 0x30
	default y if I >= 20 && S != "x"
	depends on !(I2 > 50)
choice
	prompt "mode"
	default C2
config C1
	bool "c1"
config C2
	bool "c2"
	depends on T1
config C3
	bool "c3"
endchoice
choice
	tristate "tri choice"
	optional
config TC1
	tristate "tc1"
config TC2
	tristate "tc2"
config TC3
	tristate "tc3"
	depends on T4
endchoice
config LA
	bool "la"
	depends on LB
	default y
config LB
	bool "lb"
	depends on LA
	default y
config LC
	def_bool y
	depends on !LD
config LD
	def_bool y
	depends on LC
config LE
	bool "le"
	default y
	depends on LC && !LD
config LF
	tristate "lf"
	default LD || LC
config LG
	def_bool y
	depends on !LH && LE
config LH
	def_bool y
	depends on LG || LF
menuconfig MC
	bool "mc"
if MC
config MC_CHILD
	bool
	default y
comment "a comment"
	depends on MC
endif
`;

const NAMES = ['MODULES', 'EXPERT', 'S', 'S2', 'I', 'I2', 'H', 'HBIG', 'T1', 'T2', 'T3', 'T4', 'CMP', 'UCMP', 'CMP2', 'C1', 'C2', 'C3', 'TC1', 'TC2', 'TC3', 'LA', 'LB', 'LC', 'LD', 'LE', 'LF', 'LG', 'LH', 'MC', 'MC_CHILD', 'NOPE'];
const VALUES = ['y', 'm', 'n', '1', '3', '10', '40', '41', '64', '100', '0x10', '0x5', '0xFF', '0x0ff', '0xfff', '"hello"', '"x\\"y"', '"open', 'abc', '-1', ''];

// A small deterministic generator (xorshift), so a failure names its seed.
function rng(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

function randomConfig(r: () => number): string {
  const lines: string[] = [];
  const n = Math.floor(r() * 14);
  for (let i = 0; i < n; i++) {
    const name = NAMES[Math.floor(r() * NAMES.length)]!;
    const k = r();
    if (k < 0.2) lines.push(`# CONFIG_${name} is not set`);
    else if (k < 0.25) lines.push('garbage line');
    else lines.push(`CONFIG_${name}=${VALUES[Math.floor(r() * VALUES.length)]}`);
  }
  return lines.join('\n') + (r() < 0.8 ? '\n' : '');
}

test('flat kernel = object evaluator on 150 random configs × every mode (choices, ranges, selects, loops)', () => {
  const fresh = parse(RULES);
  for (let seed = 1; seed <= 150; seed++) {
    const r = rng(seed * 7919);
    const text = randomConfig(r);
    for (const mode of MODES) assertSame(fresh, mode, seed % 10 === 0 ? undefined : { name: `seed${seed}.config`, text }, `seed ${seed} ${mode}`);
  }
});

test('flat kernel = object evaluator on the mini tree with random configs', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const r = rng(seed * 104729);
    const text = randomConfig(r) + readFileSync(join(FIX, seed % 2 ? 'mini-frag1.config' : 'mini-frag2.config'), 'utf8');
    for (const mode of MODES) assertSame(() => miniTree(), mode, { name: 'frag.config', text }, `mini seed ${seed} ${mode}`);
  }
});

test('flat kernel: a tree without MODULES, and a config naming only symbols it lacks', () => {
  const fresh = parse('mainmenu "m"\nconfig A\n\ttristate "a"\n\tdefault m\nconfig B\n\tbool "b"\n');
  for (const mode of MODES) assertSame(fresh, mode, { name: 'x', text: 'CONFIG_A=m\nCONFIG_ZZ=y\n' }, mode);
  const out = resolveFlat(flatOf(fresh()), { mode: 'olddefconfig', input: { name: 'x', text: 'CONFIG_ZZ=y\n' } });
  assert.deepEqual(out.unknown, [{ name: 'ZZ', file: 'x', line: 1 }]);
  assert.match(out.text, /^CONFIG_A=y$/m, 'without MODULES a tristate is a bool');
});

test('flat kernel = object evaluator on every comparison operator at, below and above equality', () => {
  const operands = ['I10', 'J10', 'K11', 'H10', 'NEG', 'S1', 'S2', '"abc"', '"10"', '"0x10"'];
  const lines = [
    'mainmenu "cmp"',
    'config I10\n\tint "i"\n\tdefault 10',
    'config J10\n\tint "j"\n\tdefault 10',
    'config K11\n\tint "k"\n\tdefault 11',
    'config H10\n\thex "h"\n\tdefault 0x10',
    'config NEG\n\tint "neg"\n\tdefault -3',
    'config S1\n\tstring "s1"\n\tdefault "abc"',
    'config S2\n\tstring "s2"\n\tdefault "abd"',
  ];
  let n = 0;
  for (const op of ['=', '!=', '<', '<=', '>', '>=']) {
    for (const a of operands) for (const b of operands) lines.push(`config R${n++}\n\tbool "r"\n\tdefault ${a} ${op} ${b}`);
  }
  const fresh = parse(lines.join('\n') + '\n');
  const text = assertSame(fresh, 'alldefconfig', undefined, 'comparisons');
  // every outcome occurs: the table is not all one answer
  assert.match(text, /^CONFIG_R\d+=y$/m);
  assert.match(text, /^# CONFIG_R\d+ is not set$/m);
});

test('flat kernel: a user value outside its range is dropped and the symbol recomputed; expressions read the new value', () => {
  const qs = Array.from({ length: 8 }, (_, i) => `config Q${i}\n\tbool "q${i}"\n\tdefault y if N1 > 4`).join('\n');
  const fresh = parse(`mainmenu "r"\nconfig N1\n\tint "n1"\n\trange 1 5\n\tdefault 3\n${qs}\nmenu "big"\n\tdepends on N1 > 4\nconfig INSIDE\n\tbool "inside"\nendmenu\n`);
  for (const mode of MODES) {
    const text = assertSame(fresh, mode, { name: 'r.config', text: 'CONFIG_N1=9\nCONFIG_INSIDE=y\n' }, mode);
    // conf checks ranges of loaded values where it reads a .config (olddefconfig, defconfig, mod2noconfig and
    // its kin); all*config clamp to the bound
    assert.match(text, mode.startsWith('all') ? /^CONFIG_N1=5$/m : /^CONFIG_N1=3$/m, mode);
  }
});

test('flat kernel: a choice passes over a default whose member is hidden, to the next default that holds', () => {
  const fresh = parse(`mainmenu "c"
config SHOW_A
	bool "show a"
choice
	prompt "pick"
	default A
	default C if !SHOW_A
	default B
config A
	bool "a"
	depends on SHOW_A
config B
	bool "b"
config C
	bool "c"
endchoice
`);
  assert.match(assertSame(fresh, 'alldefconfig', undefined, 'A hidden'), /^CONFIG_C=y$/m);
  assert.match(assertSame(fresh, 'alldefconfig', { name: 's.config', text: 'CONFIG_SHOW_A=y\n' }, 'A shown'), /^CONFIG_A=y$/m);
});

test('flat kernel: .config names are matched as conf matches them (named choice and config of one name, 1-letter names, long names)', () => {
  const long = 'L'.repeat(70);
  const fresh = parse(`mainmenu "n"\nchoice DUP\n\tprompt "dup choice"\nconfig D1\n\tbool "d1"\nconfig D2\n\tbool "d2"\nendchoice\nconfig DUP\n\tbool "dup"\nconfig X\n\tbool "x"\nconfig ${long}\n\tbool "long"\n`);
  const text = `CONFIG_DUP=y\nCONFIG_D2=y\nCONFIG_X=y\nCONFIG_y=y\nCONFIG_${long}=y\nCONFIG_${long}X=y\nCONFIG_=y\n# CONFIG_X is not set\n`;
  for (const mode of MODES) assertSame(fresh, mode, { name: 'n.config', text }, mode);
  const out = resolveFlat(flatOf(fresh()), { mode: 'olddefconfig', input: { name: 'n.config', text } });
  assert.deepEqual(out.unknown.map((u) => u.name), [`${long}X`, '']);
  assert.match(out.text, new RegExp(`^CONFIG_${long}=y$`, 'm'));
});

test('flat kernel: a dependency loop read back from its own output is recomputed before writing, as conf does', () => {
  // Computing LD reads LC, whose computation reads LD mid-way (its stale value): the values depend on
  // what was computed before, so conf recomputes everything before writing even when nothing changed.
  const fresh = parse('mainmenu "loop"\nconfig LC\n\tdef_bool y\n\tdepends on !LD\nconfig LD\n\tdef_bool y\n\tdepends on LC\nconfig P\n\tbool "p"\n');
  const first = assertSame(fresh, 'olddefconfig', undefined, 'first');
  let text = first;
  for (let round = 0; round < 3; round++) text = assertSame(fresh, 'olddefconfig', { name: 'out.config', text }, `round ${round}`);
});
