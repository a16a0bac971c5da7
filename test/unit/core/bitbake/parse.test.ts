// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBitbakeParser, parseBitbakeOutput } from '../../../../src/core/bitbake/parse.js';
import { failedTasks, summarize } from '../../../../src/core/bitbake/state.js';
import { FIXTURES } from '../../../helpers/tmp.js';

const capture = (version: string, name: string): string => readFileSync(join(FIXTURES, 'bitbake', version, `${name}.out`), 'utf8');
const VERSIONS = ['2.8.1', '2.18.0'];
const LAYER = '/home/dev/micro/layers/meta-micro/recipes-core';
const WORK = '/home/dev/micro/build/tmp/work/qemux86-64';

for (const v of VERSIONS) {
  test(`bitbake ${v}: a successful build gives progress up to 23 of 23, the parse stats and the tasks summary`, () => {
    const events = parseBitbakeOutput(capture(v, '01-build-success'));
    const s = summarize(events);
    assert.equal(s.current, 23);
    assert.equal(s.total, 23);
    assert.deepEqual(s.parse, { files: 3, cached: 0, parsed: 3, targets: 3, skipped: 0, masked: 0, errors: 0 });
    assert.deepEqual(s.tasks, { attempted: 23, notRerun: 0, failed: 0 });
    assert.deepEqual(s.failures, []);
    assert.deepEqual(s.running, []);
    assert.equal(s.buildConfig['meta-micro'], '<unknown>:<unknown>');
    assert.equal(events.filter((e) => e.type === 'text').length, 0, 'every line is understood');
    const first = events.find((e) => e.type === 'task-running');
    assert.deepEqual(first, {
      type: 'task-running', current: 1, total: 23, noexec: true, setscene: false,
      tid: `${LAYER}/images/image-micro.bb:do_fetch`, recipeFile: `${LAYER}/images/image-micro.bb`, task: 'do_fetch',
    });
  });

  test(`bitbake ${v}: a failing shell task gives the failed tid, its log and the error counts`, () => {
    const s = summarize(parseBitbakeOutput(capture(v, '04-fail-shell-task')));
    const failures = failedTasks(s);
    assert.equal(failures.length, 1);
    const f = failures[0]!;
    assert.equal(f.tid, `${LAYER}/micro-base/micro-base_1.0.bb:do_compile`);
    assert.equal(f.pf, 'micro-base-1.0-r0');
    assert.equal(f.exitCode, 1);
    assert.match(f.log ?? '', new RegExp(`^${WORK}/micro-base/1.0/temp/log.do_compile.\\d+$`));
    assert.match(f.message ?? '', /run\.do_compile/);
    assert.deepEqual(s.tasks, { attempted: 15, notRerun: 0, failed: 1 });
    assert.deepEqual(s.summaryFailed, [f.tid]);
    assert.equal(s.messageCounts.errors, 1);
  });

  test(`bitbake ${v}: log data printed by bitbake is attached to its failure`, () => {
    const [f] = failedTasks(summarize(parseBitbakeOutput(capture(v, '05-fail-shell-task-includelogs'))));
    assert.ok(f?.logData.includes('harness: failing micro-base:do_compile on purpose'));
    assert.ok(f?.logData.includes('DEBUG: Executing shell function do_compile'));
  });

  test(`bitbake ${v}: keep-going with two failures pairs each failure with its own log`, () => {
    const s = summarize(parseBitbakeOutput(capture(v, '07b-fail-two-tasks-keep-going')));
    const failures = failedTasks(s);
    assert.deepEqual(
      failures.map((f) => [f.tid?.split('/').at(-1), f.log?.replace(/\.\d+$/, '').split('/temp/')[0]?.split('/').slice(-2).join('/'), f.log?.split('/').at(-1)?.replace(/\.\d+$/, '')]),
      [
        ['micro-base_1.0.bb:do_compile', 'micro-base/1.0', 'log.do_compile'],
        ['micro-extra_2.1.bb:do_install', 'micro-extra/2.1', 'log.do_install'],
      ],
    );
    assert.equal(s.tasks?.failed, 2);
    assert.equal(s.messageCounts.errors, 2);
  });

  test(`bitbake ${v}: one SIGINT is reported as a graceful stop and an interrupted run`, () => {
    const s = summarize(parseBitbakeOutput(capture(v, '13-sigint-once')));
    assert.equal(s.interrupt, 1);
    assert.equal(s.interrupted, true);
    assert.ok(s.errors.includes('Command execution failed: Stopped build'));
  });

  test(`bitbake ${v}: two SIGINTs are reported as a forced stop`, () => {
    const s = summarize(parseBitbakeOutput(capture(v, '14-sigint-twice')));
    assert.equal(s.interrupt, 2);
    assert.equal(s.interrupted, true);
    assert.ok(s.warnings.includes('Exiting due to interrupt.'));
    assert.equal(s.tasks, undefined);
  });

  test(`bitbake ${v}: a second build in the same directory shows it reconnected to the running server`, () => {
    const s = summarize(parseBitbakeOutput(capture(v, '16-concurrent-second')));
    assert.equal(s.reconnected, true);
    assert.deepEqual(s.tasks, { attempted: 23, notRerun: 22, failed: 0 });
  });

  test(`bitbake ${v}: a parse error in local.conf gives file and line`, () => {
    const s = summarize(parseBitbakeOutput(capture(v, '18-parse-error-localconf')));
    assert.deepEqual(s.parseErrors, [{ file: '/home/dev/micro/build/conf/local.conf', line: 11, message: `unparsed line: 'MACHINE = "qemux86-64'` }]);
  });
}

test('bitbake 2.18.0: a failing python task keeps its own message', () => {
  const [f] = failedTasks(summarize(parseBitbakeOutput(capture('2.18.0', '06-fail-python-task'))));
  assert.equal(f?.message, 'harness: failing micro-base:do_fetch on purpose');
  assert.equal(f?.task, 'do_fetch');
});

test('bitbake 2.18.0: warnings of a successful build are collected with the closing count', () => {
  const s = summarize(parseBitbakeOutput(capture('2.18.0', '08-success-with-warnings')));
  assert.deepEqual(s.warnings, [
    'micro-base-1.0-r0 do_install: harness warning requested for micro-base:do_install',
    'image-micro-1.0-r0 do_rootfs: harness warning requested for image-micro:do_rootfs',
  ]);
  assert.equal(s.messageCounts.warnings, 2);
  assert.equal(failedTasks(s).length, 0);
});

test('bitbake 2.18.0: an unknown target and a missing layer are typed', () => {
  const np = summarize(parseBitbakeOutput(capture('2.18.0', '17-nothing-provides')));
  assert.deepEqual(np.nothingProvides, ['no-such-image']);
  const ml = summarize(parseBitbakeOutput(capture('2.18.0', '19-missing-layer')));
  assert.deepEqual(ml.missingLayers, ['/home/dev/micro/layers/meta-does-not-exist']);
});

test('OE-Core: the sstate summary printed inside "Initialising tasks..." is parsed and the phase still ends', () => {
  const events = parseBitbakeOutput(readFileSync(join(FIXTURES, 'bitbake/oe-wrynose-split/06-kernel-configme-offline.out'), 'utf8'));
  const s = summarize(events);
  assert.deepEqual(s.sstate, { wanted: 136, local: 0, mirrors: 0, missed: 136, current: 0, matchPercent: 0, completePercent: 0 });
  assert.ok(events.some((e) => e.type === 'phase' && e.phase === 'initialising' && e.done));
  const failures = failedTasks(s);
  assert.deepEqual(failures.map((f) => [f.pf, f.task, f.tid?.startsWith('virtual:native:')]), [
    ['gnu-config-native-20250709+git-r0', 'do_fetch', true],
    ['quilt-native-0.69-r0', 'do_fetch', false],
  ]);
  assert.ok(failures.every((f) => f.log?.includes(f.pf?.startsWith('gnu') ? 'gnu-config-native' : 'quilt-native')));
  assert.equal(s.buildConfig.DISTRO, 'poky-tiny');
  assert.equal(s.messageCounts.warnings, 2);
});

test('running tasks are tracked from Started to Succeeded or Failed', () => {
  const p = createBitbakeParser();
  const s = summarize([
    ...p.push('NOTE: recipe a-1.0-r0: task do_compile: Started'),
    ...p.push('NOTE: recipe b-1.0-r0: task do_fetch: Started'),
    ...p.push('NOTE: recipe a-1.0-r0: task do_compile: Succeeded'),
  ]);
  assert.deepEqual(s.running, ['b-1.0-r0:do_fetch']);
});

test('busy and shutting-down server messages are typed as server-busy', () => {
  const p = createBitbakeParser();
  assert.deepEqual(p.push('ERROR: Command execution failed: Busy (buildTargets in progress)'), [{ type: 'server-busy', message: 'Busy (buildTargets in progress)' }]);
  assert.equal(p.push('NOTE: Previous bitbake instance shutting down?, waiting to retry... (1)')[0]?.type, 'server-busy');
  assert.equal(p.push('ERROR: Unable to connect to bitbake server, or start one (server startup failures would be in bitbake-cookerdaemon.log).')[0]?.type, 'server-busy');
});

test('setscene tasks and multiconfig tids are split on the last colon', () => {
  const [e] = createBitbakeParser().push('NOTE: Running setscene task 3 of 9 (mc:tiny:/l/recipes/foo_1.0.bb:do_populate_sysroot_setscene)');
  assert.deepEqual(e, {
    type: 'task-running', current: 3, total: 9, noexec: false, setscene: true,
    tid: 'mc:tiny:/l/recipes/foo_1.0.bb:do_populate_sysroot_setscene', recipeFile: 'mc:tiny:/l/recipes/foo_1.0.bb', task: 'do_populate_sysroot_setscene',
  });
});

test('a failure is counted once whether the stderr lines come before or after the closing summary', () => {
  // stdout and stderr are separate pipes: bitbake's ERROR lines (stderr) can arrive after the Summary (stdout).
  const out = capture('2.18.0', '07b-fail-two-tasks-keep-going').split('\n');
  const err = new Set(readFileSync(join(FIXTURES, 'bitbake/2.18.0/07b-fail-two-tasks-keep-going.stderr'), 'utf8').split('\n'));
  const reordered = [...out.filter((l) => !err.has(l)), ...out.filter((l) => err.has(l))].join('\n');
  const failures = failedTasks(summarize(parseBitbakeOutput(reordered)));
  assert.deepEqual(failures.map((f) => [f.pf, f.task, f.log?.split('/').at(-1)]), [
    ['micro-base-1.0-r0', 'do_compile', 'log.do_compile.25326'],
    ['micro-extra-2.1-r0', 'do_install', 'log.do_install.25325'],
  ]);
});
