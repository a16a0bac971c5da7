// SPDX-License-Identifier: MIT
// The probe runner on real shell commands: answers are raw stdout whatever the exit status, each probe is
// its own shell ($$ differs), many run at once but never more than the slots, and a runner that cannot
// start or dies leaves the probes to run on their own instead of hanging.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createProbeSpool } from '../../../src/io/probe-spool.js';
import { ShellProbeRunner } from '../../../src/tools/shell-probes.js';
import { tempDir } from '../../helpers/tmp.js';

function runner(t: TestContext, options: { slots?: number; env?: Record<string, string | undefined>; startTimeoutMs?: number } = {}): { r: ShellProbeRunner; cwd: string; spools: string[] } {
  const cwd = tempDir(t);
  const spools: string[] = [];
  const r = new ShellProbeRunner({
    env: options.env ?? { PATH: process.env.PATH, PROBE_VAR: 'from-env' },
    cwd,
    slots: options.slots,
    startTimeoutMs: options.startTimeoutMs,
    spool: () => {
      const s = createProbeSpool();
      spools.push(s.dir);
      return s;
    },
  });
  t.after(() => r.close());
  return { r, cwd, spools };
}

test('the answer is the raw stdout, whatever the exit status; stderr is dropped', (t) => {
  const { r } = runner(t);
  const cmds = ['echo out; echo err >&2; exit 3', 'printf "a\\n\\nb\\n\\n"', 'false', "printf '%s' 'back\\slash'   "];
  for (const c of cmds) r.start(c);
  assert.deepEqual(
    cmds.map((c) => r.wait(c)),
    ['out\n', 'a\n\nb\n\n', '', 'back\\slash'],
  );
});

test('probes see the given environment and folder, and /dev/null as stdin', (t) => {
  const { r, cwd } = runner(t);
  assert.equal(r.wait('echo "$PROBE_VAR"; pwd'), `from-env\n${cwd}\n`);
  assert.equal(r.wait('cat; echo after-cat'), 'after-cat\n');
  // the job stream was not eaten by `cat`
  assert.equal(r.wait('echo still-running'), 'still-running\n');
});

test('each probe is its own shell: $$ differs, so .tmp_$$ folders do not collide', (t) => {
  const { r, cwd } = runner(t);
  const cmds = Array.from({ length: 12 }, (_, i) => `{ trap "rm -rf .tmp_$$" EXIT; mkdir .tmp_$$ && echo $$; } 2>/dev/null # ${i}`);
  for (const c of cmds) r.start(c);
  const pids = cmds.map((c) => r.wait(c).trim());
  assert.equal(new Set(pids).size, cmds.length);
  assert.ok(pids.every((p) => /^\d+$/.test(p) && Number(p) !== r.pid));
  assert.deepEqual(readdirSync(cwd), []);
});

test('many probes run at once, never more than the slots, and all are answered', (t) => {
  const { r, cwd } = runner(t, { slots: 3 });
  const running = join(cwd, 'running');
  mkdirSync(running);
  // each answers how many others were running when it started
  const cmds = Array.from({ length: 30 }, (_, i) => `n=$(ls ${running} | wc -l); touch ${running}/${i}; sleep 0.02; rm ${running}/${i}; echo $n ${i}`);
  for (const c of cmds) r.start(c);
  const answers = cmds.map((c) => r.wait(c));
  answers.forEach((a, i) => assert.match(a, new RegExp(`^\\d+ ${i}\\n$`)));
  assert.ok(answers.every((a) => Number(a.split(' ')[0]) < 3), answers.join(''));
  assert.equal(r.count, 30);
});

test('a command waited for runs before those still queued', (t) => {
  const { r, cwd } = runner(t, { slots: 1 });
  const order = join(cwd, 'order');
  for (let i = 0; i < 5; i++) r.start(`sleep 0.05; echo ${i} >> ${order}`);
  assert.equal(r.wait(`echo urgent >> ${order}; echo done`), 'done\n');
  const before = r.wait(`cat ${order}`);
  assert.ok(!before.includes('4'), before);
});

test('a command with a newline is run on its own, and gives the same answer', (t) => {
  const { r } = runner(t);
  r.start('echo one\necho two');
  assert.equal(r.wait('echo one\necho two'), 'one\ntwo\n');
});

test('a runner that cannot start leaves the probes to run one by one', (t) => {
  // without mkfifo on PATH the runner gives up at once (and says so); echo is a shell builtin
  const { r } = runner(t, { env: { PATH: '/nonexistent' }, startTimeoutMs: 60_000 });
  r.start('echo a');
  r.start('echo b');
  assert.equal(r.wait('echo a'), 'a\n');
  assert.equal(r.wait('echo b'), 'b\n');
});

test('a runner killed mid-way: what it started still answers, what came after runs on its own', (t) => {
  const { r, spools } = runner(t);
  r.start('sleep 0.2; echo started-before');
  assert.equal(r.wait('echo ready'), 'ready\n');
  process.kill(r.pid!, 'SIGKILL');
  r.start('echo sent-to-a-dead-runner');
  assert.equal(r.wait('sleep 0.2; echo started-before'), 'started-before\n');
  assert.equal(r.wait('echo sent-to-a-dead-runner'), 'sent-to-a-dead-runner\n');
  r.close();
  assert.equal(existsSync(spools[0]!), false);
});

test('close removes the spool folder', (t) => {
  const { r, spools } = runner(t);
  assert.equal(r.wait('echo x'), 'x\n');
  assert.equal(existsSync(spools[0]!), true);
  r.close();
  assert.equal(existsSync(spools[0]!), false);
});
