// SPDX-License-Identifier: MIT
// The discovery pass asks for exactly the shell commands the parse will run (so they can all start at
// once), commands built from earlier answers included, and nothing from help text or comments.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { discoverShellCommands, parseKconfig } from '../../../../../src/core/kconfig/engine/index.js';

const MINI = new URL('../../../../../../test/fixtures/kconfig-engine/mini', import.meta.url).pathname;

// A pretend shell: each command's answer is computed from its text (a few commands have set answers).
function answerOf(command: string): string {
  const fixed: Record<string, string> = {
    'cc-version': 'GCC 120200\n',
    'set -- GCC 120200 && echo $1': 'GCC\n',
    'set -- GCC 120200 && echo $2': '120200\n',
    'pick-flag -m64': '-m64\n',
    'dir-of plugin': '/usr/lib/gcc/plugin\n\n',
  };
  return fixed[command] ?? `y\n`;
}

interface Run {
  /** Commands in the order discovery asked for them (first time each). */
  asked: string[];
  /** Commands discovery had to wait for (their answers fed a later command). */
  waited: string[];
}

// Discovery with a host that knows no answer when first asked (as when probes are still running).
function discover(files: Record<string, string>, env: Record<string, string> = {}): Run {
  const run: Run = { asked: [], waited: [] };
  discoverShellCommands({
    read: (n) => files[n],
    env: (n) => env[n],
    shell: (c) => {
      if (!run.asked.includes(c)) run.asked.push(c);
      return undefined;
    },
    wait: (c) => {
      run.waited.push(c);
      return answerOf(c);
    },
  });
  return run;
}

// The commands the parse runs, in order, each once.
function parsed(files: Record<string, string>, env: Record<string, string> = {}): string[] {
  const o = parseKconfig({ read: (n) => files[n], env: (n) => env[n], shell: answerOf });
  assert.ok(o.complete);
  return [...new Set(o.tree.commands)];
}

const TRICKY: Record<string, string> = {
  Kconfig: [
    'mainmenu "T $(shell,mainmenu-probe)"',
    'cc-info := $(shell,cc-version)',
    'cc-name := $(shell,set -- $(cc-info) && echo $1)',
    'cc-ver := $(shell,set -- $(cc-info) && echo $2)',
    'm64 := $(shell,pick-flag -m64)',
    'can-link = $(shell,can-link $(m64) $(1))',
    '# $(shell,commented-out)',
    'config A',
    '\tbool "a"',
    '\tdefault $(can-link,-static)',
    '\thelp',
    '\t  Help text is not parsed: $(shell,in-help) and',
    '\t  source "not/a/file"',
    '\t  x := $(shell,assignment-in-help)',
    '',
    '\t  still help after a blank line.',
    'config B',
    '\tint "b" if \\',
    '\t   $(shell,continued)',
    '\tdefault $(cc-ver)',
    'source "sub/Kconfig"',
    'plugin-dir := $(shell,dir-of plugin)',
    'config C',
    '\tdef_bool $(shell,test -e $(plugin-dir)/version.h && echo y)',
    '\thelp',
    '\t  help then a less indented statement',
    ' config D',
    '\tbool "d $(shell,line $(lineno))"',
    '',
  ].join('\n'),
  'sub/Kconfig': 'config S\n\tstring "s"\n\tdefault "$(shell,in-sub $(cc-name))"\n\thelp\n\t  $(shell,sub-help)\n',
};

test('discovery asks for the commands the parse runs, in the same order, and none from help text or comments', () => {
  const run = discover(TRICKY);
  const want = parsed(TRICKY);
  assert.deepEqual(run.asked, want);
  for (const c of ['in-help', 'sub-help', 'commented-out', 'assignment-in-help']) assert.ok(!run.asked.some((a) => a.includes(c)), c);
  assert.ok(run.asked.includes('set -- GCC 120200 && echo $1'));
  assert.ok(run.asked.includes('test -e /usr/lib/gcc/plugin/version.h && echo y'));
  assert.ok(run.asked.includes('line 28'));
});

test('an answer is waited for only when a later command is built from it', () => {
  const run = discover(TRICKY);
  assert.deepEqual([...new Set(run.waited)], ['cc-version', 'pick-flag -m64', 'set -- GCC 120200 && echo $1', 'dir-of plugin']);
});

test('on the mini test tree discovery finds every command the parse runs', () => {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(MINI, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(MINI);
  const env = { ARCH: 'x86_64', KERNELVERSION: '6.1.0', srctree: MINI };
  const run = discover(files, env);
  assert.ok(run.asked.length > 0);
  assert.deepEqual(run.asked, parsed(files, env));
});

test('a broken tree stops discovery quietly (the parse reports the error)', () => {
  const run = discover({ Kconfig: 'a := $(shell,first)\nb := $(shell,unterminated\nc := $(shell,never)\n' });
  assert.deepEqual(run.asked, ['first']);
  assert.deepEqual(discover({ Kconfig: 'source "missing"\nx := $(shell,after)\n' }).asked, []);
});
