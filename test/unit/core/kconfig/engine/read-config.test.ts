// SPDX-License-Identifier: MIT
// Reading a .config into user values (conf_read_simple's rules): line forms, warnings with their line
// numbers, CR line ends, a last line without a newline, symbols the tree does not define.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readConfigValues, type ValueOrigin } from '../../../../../src/core/kconfig/engine/confdata.js';
import { parseKconfig, type KconfigTree } from '../../../../../src/core/kconfig/engine/index.js';
import { Y, M, N, F_DEF_USER, type KSymbol } from '../../../../../src/core/kconfig/engine/model.js';

const KCONFIG = `mainmenu "t"
config MODULES
	bool "modules"
	modules
config A
	bool "a"
config B
	tristate "b"
config S
	string "s"
config I
	int "i"
config H
	hex "h"
`;

function tree(): KconfigTree {
  const o = parseKconfig({ read: (n) => (n === 'Kconfig' ? KCONFIG : undefined), env: () => undefined, shell: () => '' });
  assert.ok(o.complete);
  return o.tree;
}

function sym(t: KconfigTree, name: string): KSymbol {
  const s = t.table.find(name);
  assert.ok(s, name);
  return s;
}

test('every line form sets its user value; the last assignment wins, with an override warning', () => {
  const t = tree();
  const origins = new Map<KSymbol, ValueOrigin>();
  const text = ['CONFIG_A=y', '# CONFIG_B is not set', 'CONFIG_B=m', 'CONFIG_S="a \\"q\\" \\\\ b"', 'CONFIG_I=42', 'CONFIG_H=0x1f', ''].join('\n');
  const r = readConfigValues(t.ev, 'in.config', text, origins);
  assert.equal(sym(t, 'A').userTri, Y);
  assert.equal(sym(t, 'B').userTri, M);
  assert.equal(sym(t, 'S').userVal, 'a "q" \\ b');
  assert.equal(sym(t, 'I').userVal, '42');
  assert.equal(sym(t, 'H').userVal, '0x1f');
  assert.deepEqual(r.warnings, [{ file: 'in.config', line: 3, message: 'override: reassigning to symbol B' }]);
  assert.deepEqual(origins.get(sym(t, 'B')), { file: 'in.config', line: 3, text: 'CONFIG_B=m' });
  for (const n of ['A', 'B', 'S', 'I', 'H']) assert.ok(sym(t, n).flags & F_DEF_USER, n);
});

test('CR line ends, a last line without a newline, comments and blank lines', () => {
  const t = tree();
  const text = '# a comment\r\n\r\nCONFIG_A=y\r\n#CONFIG_B is not set\n# CONFIG_I is not set, or is it\n\nCONFIG_B=m';
  const r = readConfigValues(t.ev, 'crlf', text);
  assert.equal(sym(t, 'A').userTri, Y);
  assert.equal(sym(t, 'B').userTri, M);
  // "# CONFIG_I is not set..." reads as 'n', which an int does not take.
  assert.deepEqual(r.warnings, [{ file: 'crlf', line: 5, message: "symbol value 'n' invalid for I" }]);
  assert.equal(sym(t, 'I').flags & F_DEF_USER, 0);
});

test('bad lines: unexpected data, invalid values and strings, unknown symbols (each with its line)', () => {
  const t = tree();
  const text = ['CONFIG_A=y', 'garbage here\rtail', 'CONFIG_B=q', 'CONFIG_S="open', 'CONFIG_I=12x', 'CONFIG_NOPE=y', 'CONFIG_A', 'CONFIG_H=zz'].join('\n') + '\n';
  const r = readConfigValues(t.ev, 'bad', text);
  assert.deepEqual(r.warnings, [
    { file: 'bad', line: 2, message: 'unexpected data: garbage here' },
    { file: 'bad', line: 3, message: "symbol value 'q' invalid for B" },
    { file: 'bad', line: 4, message: 'invalid string found' },
    { file: 'bad', line: 5, message: "symbol value '12x' invalid for I" },
    { file: 'bad', line: 8, message: "symbol value 'zz' invalid for H" },
  ]);
  assert.deepEqual(r.unknown, [{ name: 'NOPE', file: 'bad', line: 6 }]);
  assert.equal(sym(t, 'B').userTri, N);
  assert.equal(sym(t, 'A').userTri, Y);
});

test('reading again starts from no user values', () => {
  const t = tree();
  readConfigValues(t.ev, 'one', 'CONFIG_A=y\nCONFIG_S="x"\n');
  readConfigValues(t.ev, 'two', 'CONFIG_B=y\n');
  assert.equal(sym(t, 'A').flags & F_DEF_USER, 0);
  assert.equal(sym(t, 'S').userVal, null);
  assert.equal(sym(t, 'B').userTri, Y);
});
