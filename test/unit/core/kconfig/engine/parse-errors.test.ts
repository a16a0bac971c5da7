// SPDX-License-Identifier: MIT
// Parse errors and macro behaviour: every error names file:line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KconfigSyntaxError, parseKconfig, resolveConfig } from '../../../../../src/core/kconfig/engine/index.js';

function parse(files: Record<string, string>, shell: Record<string, string> = {}, env: Record<string, string> = {}) {
  return parseKconfig({ read: (n) => files[n], env: (n) => env[n], shell: (c) => shell[c] });
}

function errorOf(files: Record<string, string>): string {
  try {
    parse(files);
  } catch (e) {
    assert.ok(e instanceof KconfigSyntaxError);
    return e.message;
  }
  assert.fail('expected a syntax error');
}

const cases: Array<[string, Record<string, string>, RegExp]> = [
  ['an unknown statement', { Kconfig: 'config A\n\tbool "a"\nfrobnicate A\n' }, /^Kconfig:3: unknown statement "frobnicate"/],
  ['a missing endmenu', { Kconfig: 'menu "m"\nconfig A\n\tbool\n' }, /^Kconfig:1: missing endmenu/],
  ['endif closing a menu', { Kconfig: 'menu "m"\nendif\n' }, /^Kconfig:2: unexpected 'endif' within menu block/],
  ['a bad expression in a sourced file', { Kconfig: 'source "sub/K"\n', 'sub/K': '\n\nconfig B\n\tbool "b" if (A\n' }, /^sub\/K:4: syntax error: missing '\)'/],
  ['a missing sourced file', { Kconfig: '\nsource "nope/Kconfig"\n' }, /^Kconfig:2: can't open file "nope\/Kconfig"/],
  ['an unterminated macro', { Kconfig: 'x := $(shell,echo\n' }, /^Kconfig:1: unterminated reference/],
  ['error-if', { Kconfig: '\n$(error-if,y,toolchain too old)\n' }, /^Kconfig:2: toolchain too old/],
  ['a menu option in a choice', { Kconfig: 'choice\n\tprompt "c"\nmenu "m"\nendmenu\nendchoice\n' }, /^Kconfig:3: invalid statement in a choice/],
];
for (const [what, files, want] of cases) {
  test(`${what} is reported with file:line`, () => assert.match(errorOf(files), want));
}

test('variables: recursive, simple, append, and user functions with arguments', () => {
  const out = parse({
    Kconfig: ['a = one', 'a += two', 'f = <$(1)|$(2)>', 'b := $(f,x,$(a))', 'config S', '\tstring', '\tdefault "$(b) $(ENVV) $(lineno)"', ''].join('\n'),
  }, {}, { ENVV: 'from-env' });
  assert.ok(out.complete);
  const r = resolveConfig(out.tree, { mode: 'alldefconfig' });
  assert.match(r.text, /^CONFIG_S="<x\|one two> from-env 7"$/m);
});

test('a missing shell answer makes the parse incomplete and lists the command', () => {
  const files = { Kconfig: 'v := $(shell,echo hi)\nw := $(shell,echo $(v) there)\n' };
  const out = parse(files);
  assert.equal(out.complete, false);
  // the second command depends on the first answer, so it is not asked for yet
  assert.deepEqual(out.complete ? [] : out.missing, ['echo hi']);
  const again = parse(files, { 'echo hi': 'hi\n' });
  assert.deepEqual(again.complete ? [] : again.missing, ['echo hi there']);
  assert.equal(parse(files, { 'echo hi': 'hi\n', 'echo hi there': 'x' }).complete, true);
});

test('shell output: trailing newlines dropped, inner newlines become spaces', () => {
  const out = parse({ Kconfig: 'v := $(shell,lines)\nconfig S\n\tstring\n\tdefault "$(v)"\n' }, { lines: 'a\nb\n\n' });
  assert.ok(out.complete);
  assert.match(resolveConfig(out.tree, { mode: 'alldefconfig' }).text, /^CONFIG_S="a b"$/m);
});
