// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyValue, parseConfig, quoteString, serializeConfig, toSymbolMap, unquoteString } from '../../../../src/core/kconfig/config-file.js';

const cases: Array<[string, string, Array<[string, string, string]>]> = [
  ['bool and tristate', 'CONFIG_A=y\nCONFIG_B=m\n', [['A', 'y', 'tristate'], ['B', 'm', 'tristate']]],
  ['not set', '# CONFIG_NET is not set\n', [['NET', 'n', 'tristate']]],
  ['string with escapes', 'CONFIG_S="a \\"q\\" \\\\ b"\n', [['S', '"a \\"q\\" \\\\ b"', 'string']]],
  ['hex and int', 'CONFIG_H=0x1000000\nCONFIG_I=-12\n', [['H', '0x1000000', 'hex'], ['I', '-12', 'int']]],
  ['hex without 0x, as conf writes it', 'CONFIG_RADIO_GEMTEK_PORT=34c\n', [['RADIO_GEMTEK_PORT', '34c', 'hex']]],
  ['CRLF line ends', 'CONFIG_A=y\r\n# CONFIG_B is not set\r\n', [['A', 'y', 'tristate'], ['B', 'n', 'tristate']]],
  ['trailing white space', 'CONFIG_A=y  \n# CONFIG_B is not set \t\n', [['A', 'y', 'tristate'], ['B', 'n', 'tristate']]],
  ['comments and blanks are skipped', '#\n# Automatically generated\n\n   \nCONFIG_A=y\n', [['A', 'y', 'tristate']]],
  ['no final newline', 'CONFIG_A=y', [['A', 'y', 'tristate']]],
  ['empty value', 'CONFIG_E=\n', [['E', '', 'empty']]],
];

for (const [title, text, expected] of cases) {
  test(`parses ${title}`, () => {
    const parsed = parseConfig(text, 'f.config');
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.entries.map((e) => [e.name, e.value, e.kind]), expected);
  });
}

const malformed: Array<[string, string, number, RegExp]> = [
  ['indented assignment', 'CONFIG_A=y\n  CONFIG_B=y\n', 2, /unexpected data: {3}CONFIG_B=y/],
  ['bare word', 'CONFIG_A=y\nhello\n', 2, /unexpected data: hello/],
  ['no equals sign', 'CONFIG_A\n', 1, /no '='/],
  ['unterminated string', '\nCONFIG_S="abc\n', 2, /invalid value '"abc'/],
  ['invalid bool value', 'CONFIG_USB=maybe\n', 1, /CONFIG_USB has invalid value 'maybe'/],
];

for (const [title, text, line, message] of malformed) {
  test(`warns on ${title}, names the line and skips it`, () => {
    const parsed = parseConfig(text, 'f.config');
    assert.equal(parsed.diagnostics.length, 1);
    const d = parsed.diagnostics[0]!;
    assert.equal(d.severity, 'warning');
    assert.equal(d.file, 'f.config');
    assert.equal(d.line, line);
    assert.match(d.message, message);
  });
}

test('the last assignment of a symbol wins', () => {
  const map = toSymbolMap(parseConfig('CONFIG_A=y\nCONFIG_B=y\n# CONFIG_A is not set\n', 'f').entries);
  assert.equal(map.get('A')?.value, 'n');
  assert.equal(map.get('A')?.line, 3);
  assert.deepEqual([...map.keys()], ['B', 'A']);
});

test('serialise writes canonical lines', () => {
  assert.equal(serializeConfig([{ name: 'A', value: 'y' }, { name: 'B', value: 'n' }]), 'CONFIG_A=y\n# CONFIG_B is not set\n');
});

test('string quoting round-trips', () => {
  for (const s of ['plain', 'with "quotes"', 'back\\slash', '']) assert.equal(unquoteString(quoteString(s)), s);
});

test('value classes', () => {
  assert.equal(classifyValue('y'), 'tristate');
  assert.equal(classifyValue('0xZZ'), undefined);
  assert.equal(classifyValue('"x'), undefined);
  assert.equal(classifyValue('12'), 'int');
});
