// SPDX-License-Identifier: MIT
// ExpansionErrors and a busy server, from real captures of bitbake 2.8.1 and 2.18.0 (20-22 in
// test/fixtures/bitbake, made as README.md there says) and from text modelled on bitbake's source
// (test/fixtures/bitbake/modelled, each .info cites the source lines).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { locateAssignment } from '../../../../src/core/bitbake/locate.js';
import { parseBitbakeOutput, parseExpansionMessage } from '../../../../src/core/bitbake/parse.js';
import { failedOnlyOnExpansion, failedTasks, summarize } from '../../../../src/core/bitbake/state.js';
import { FIXTURES } from '../../../helpers/tmp.js';

const capture = (version: string, name: string): string => readFileSync(join(FIXTURES, 'bitbake', version, `${name}.out`), 'utf8');
const RECIPE = '/home/dev/micro/layers/meta-micro/recipes/image-micro_1.0.bb';
const NAME_ERROR = "NameError: name 'undefined_function' is not defined";

for (const v of ['2.8.1', '2.18.0']) {
  test(`bitbake ${v}: a := in local.conf that cannot be expanded is an expansion error while reading the configuration`, () => {
    const s = summarize(parseBitbakeOutput(capture(v, '20-expansion-error-localconf')));
    assert.deepEqual(s.expansionErrors, [{ variable: 'MICRO_GREETING', expression: '${@undefined_function(d)}', exception: NAME_ERROR, where: { kind: 'config' }, chain: ['MICRO_GREETING[:=]'] }]);
    assert.deepEqual(s.parseErrors, []);
    assert.deepEqual(failedTasks(s), []);
  });

  test(`bitbake ${v}: an ExpansionError while parsing a recipe names the recipe`, () => {
    const s = summarize(parseBitbakeOutput(capture(v, '22-expansion-error-parsing')));
    assert.deepEqual(s.expansionErrors, [{ variable: 'PR', expression: 'r${@undefined_function(d)}', exception: NAME_ERROR, where: { kind: 'recipe', recipe: RECIPE }, chain: ['PR'] }]);
  });

  test(`bitbake ${v}: a task that failed only because a variable could not be expanded is told apart from a broken task`, () => {
    const s = summarize(parseBitbakeOutput(capture(v, '21-expansion-error-recipe')));
    const [x] = s.expansionErrors;
    assert.equal(x?.variable, 'MICRO_SLEEP');
    assert.equal(x?.expression, "${@int('one')}");
    assert.equal(x?.exception, "ValueError: invalid literal for int() with base 10: 'one'");
    assert.deepEqual(x?.where, { kind: 'task', pf: 'image-micro-1.0-r0', task: 'do_compile' });
    assert.equal(failedOnlyOnExpansion(s), true);
    const broken = summarize(parseBitbakeOutput(capture(v, '04-fail-shell-task')));
    assert.deepEqual(broken.expansionErrors, []);
    assert.equal(failedOnlyOnExpansion(broken), false);
  });
}

test('both wordings of an ExpansionError are read: 2.18.0 sentences and the 2.8.1 repr', () => {
  assert.deepEqual(parseExpansionMessage('Failure expanding variable A[:=], expression was ${@x} which triggered exception NameError: boom'), { variable: 'A', expression: '${@x}', exception: 'NameError: boom' });
  assert.deepEqual(parseExpansionMessage('Failure expanding variable B: KeyError: k'), { variable: 'B', expression: undefined, exception: 'KeyError: k' });
  assert.deepEqual(parseExpansionMessage(`ExpansionError('C', "\${@int('x')}", ValueError("bad 'x'"))`), { variable: 'C', expression: "${@int('x')}", exception: "ValueError: bad 'x'" });
  assert.equal(parseExpansionMessage('Execution of run.do_compile failed with exit code 1'), undefined);
});

test("bitbake's Busy answer (knotty.py:708 + command.py:106) is a busy server, not a failed task", () => {
  const s = summarize(parseBitbakeOutput(readFileSync(join(FIXTURES, 'bitbake', 'modelled', 'busy-command.out'), 'utf8')));
  assert.equal(s.busy, 'Busy (buildTargets in progress)');
  assert.equal(s.reconnected, true);
  assert.deepEqual(failedTasks(s), []);
});

test('the conf line of a variable is found; a line holding the failing value wins over a later plain one', () => {
  const files = [
    { path: 'build/x/conf/auto.conf', text: 'DISTRO = "poky-tiny"\nPR = "r0"\n' },
    { path: 'build/x/conf/local.conf', text: '# mine\nPR = "r${@undefined_function(d)}"\nPR:append = "x"\n' },
  ];
  assert.deepEqual(locateAssignment(files, 'PR', 'r${@undefined_function(d)}'), { file: 'build/x/conf/local.conf', line: 2, assignment: 'PR = "r${@undefined_function(d)}"' });
  assert.deepEqual(locateAssignment(files, 'PR', undefined), { file: 'build/x/conf/local.conf', line: 3, assignment: 'PR:append = "x"' });
  assert.equal(locateAssignment(files, 'NOT_SET', '${@x}'), undefined);
});
