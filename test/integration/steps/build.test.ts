// SPDX-License-Identifier: MIT
// The build pipeline against the stand-in bitbake and wic (test/fixtures/bin), which replay the real
// captures with their exit codes and signal behaviour and record their argv and environment.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createInterrupts } from '../../../src/cli/context.js';
import { MicroyoctoError } from '../../../src/core/errors.js';
import { makeWorkspace, runKind, type TestWorkspace } from '../../helpers/workspace.js';

async function waitFor(what: string, cond: () => boolean): Promise<void> {
  // NOTE: waits on a condition (not a duration); the cap only keeps a broken test from hanging.
  for (let i = 0; i < 400; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function setUp(t: import('node:test').TestContext): Promise<TestWorkspace> {
  const ws = makeWorkspace(t);
  const r = await runKind(ws, 'setup');
  assert.equal(r.error, undefined, String(r.error));
  return ws;
}

test('a successful build runs bitbake and wic with the oe-init-build-env environment and writes deploy/<profile>/manifest.json', async (t) => {
  const ws = await setUp(t);
  const r = await runKind(ws, 'build');
  assert.equal(r.error, undefined, String(r.error));

  const [start] = ws.records('bitbake');
  assert.deepEqual(start?.argv, ['image-micro']);
  assert.equal(start?.cwd, ws.buildDir);
  const env = start?.env as Record<string, string>;
  assert.equal(env.BUILDDIR, ws.buildDir);
  assert.equal(env.LC_ALL, 'en_US.UTF-8');
  assert.ok(env.PATH?.startsWith(`${join(ws.root, 'layers/openembedded-core/scripts')}:${join(ws.root, 'layers/bitbake/bin')}:`), env.PATH);
  assert.match(env.BB_ENV_PASSTHROUGH_ADDITIONS ?? '', /\bMACHINE\b.*\bBB_NO_NETWORK\b/);
  assert.equal(env.MACHINE, undefined, "the caller's MACHINE does not leak into bitbake");
  assert.equal(env.SECRET_TOKEN, undefined, 'nothing outside the passthrough list is passed');

  const [wic] = ws.records('wic');
  assert.deepEqual(wic?.argv, ['create', join(ws.root, 'layers/meta-test/wic/micro.wks'), '-e', 'image-micro', '-o', join(ws.buildDir, 'wic'), '-m']);

  const deploy = join(ws.root, 'deploy/tiny');
  const manifest = JSON.parse(readFileSync(join(deploy, 'manifest.json'), 'utf8'));
  const image = manifest.images[0];
  assert.equal(image.path, 'micro-202611251719-sda.direct');
  assert.equal(image.bmap, 'micro-202611251719-sda.direct.bmap');
  const bytes = readFileSync(join(deploy, image.path));
  assert.equal(image.size, bytes.length);
  assert.equal(image.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.ok(existsSync(join(deploy, image.bmap)));
  const measured = manifest.sizes.find((x: { file: string }) => x.file === image.path);
  assert.equal(measured?.bytes, bytes.length, 'the artifacts manifest records the sizes');
  assert.deepEqual(manifest.budget, [], 'the test profile has no budget');
  assert.deepEqual(
    manifest.repos.map((x: { name: string; commit: string }) => [x.name, x.commit]),
    Object.entries(ws.remotes).map(([name, remote]) => [name, remote.head()]),
  );
  assert.deepEqual(manifest.kernel.kernelFeatures, ['features/microyocto/proc-min-enable.scc', 'features/microyocto/net-disable.scc']);
  assert.deepEqual(manifest.bitbake.tasks, { attempted: 23, notRerun: 0, failed: 0 });
  assert.equal(manifest.profile, 'tiny');
  assert.equal(typeof manifest.durationsMs.bitbake, 'number');
});

test('a failed task is reported up front with its tid, its log path and the tail of the log (exit 5), and wic does not run', async (t) => {
  const ws = await setUp(t);
  ws.scenario('2.18.0/04-fail-shell-task');
  const r = await runKind(ws, 'build');
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'BUILD_FAILED');
  assert.equal(r.error.exitCode, 5);
  const msg = r.error.message;
  assert.match(msg, /^bitbake: 1 task failed \(15 of 23 tasks attempted\)/);
  assert.match(msg, /micro-base-1\.0-r0 do_compile/);
  assert.match(msg, new RegExp(`log: ${ws.buildDir}/tmp/work/qemux86-64/micro-base/1.0/temp/log\\.do_compile\\.22538`));
  assert.match(msg, /\| harness: failing do_compile on purpose/);
  assert.match(r.stderr, /ERROR: micro-base-1\.0-r0 do_compile: Execution of .* failed with exit code 1/);
  assert.deepEqual(ws.records('wic'), []);
  assert.ok(!existsSync(join(ws.root, 'deploy/tiny/manifest.json')));
});

test('-k is passed to bitbake and every failure of a keep-going build is listed with its own log', async (t) => {
  const ws = await setUp(t);
  ws.scenario('2.8.1/07b-fail-two-tasks-keep-going');
  const r = await runKind(ws, 'build', { keepGoing: true });
  assert.deepEqual(ws.records('bitbake')[0]?.argv, ['-k', 'image-micro']);
  assert.ok(r.error instanceof MicroyoctoError);
  assert.match(r.error.message, /^bitbake: 2 tasks failed/);
  assert.match(r.error.message, /micro-base-1\.0-r0 do_compile[\s\S]*log: .*log\.do_compile\.24312[\s\S]*micro-extra-2\.1-r0 do_install[\s\S]*log: .*log\.do_install\.24319/);
});

test('a parse error in local.conf is a metadata error naming file:line (exit 2)', async (t) => {
  const ws = await setUp(t);
  ws.scenario('2.18.0/18-parse-error-localconf');
  const r = await runKind(ws, 'build');
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'BITBAKE_PARSE');
  assert.equal(r.error.exitCode, 2);
  assert.match(r.error.message, /^build\/tiny\/conf\/local\.conf:11: unparsed line: 'MACHINE = "qemux86-64'/);
});

test('an unknown target is a configuration error, not a build failure', async (t) => {
  const ws = await setUp(t);
  ws.scenario('2.18.0/17-nothing-provides');
  const r = await runKind(ws, 'build', { targets: ['no-such-image'] });
  assert.deepEqual(ws.records('bitbake')[0]?.argv, ['no-such-image']);
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'CONFIG_INVALID');
  assert.match(r.error.message, /no recipe provides 'no-such-image'/);
});

test('another build in the same directory is reported plainly (lock held before, and the reconnect)', async (t) => {
  const ws = await setUp(t);
  ws.scenario('2.18.0/16-concurrent-second');
  mkdirSync(ws.buildDir, { recursive: true });
  writeFileSync(join(ws.buildDir, 'bitbake.lock'), '4242\n');
  const r = await runKind(ws, 'build', { only: ['bitbake'] });
  assert.equal(r.error, undefined, String(r.error));
  assert.match(r.stderr, /bitbake\.lock in build\/tiny is held by pid 4242: another build \(or a resident bitbake server\) is running there; this build will wait for it/);
  assert.match(r.stderr, /another bitbake server is already running in build\/tiny .*bitbake reconnected to it/);
});

test('Ctrl-C once sends one SIGINT to bitbake, waits for it to exit and says so (exit 130)', async (t) => {
  const ws = await setUp(t);
  ws.scenario('sigint-once');
  const interrupts = createInterrupts();
  const running = runKind(ws, 'build', { only: ['bitbake'] }, { interrupts });
  await waitFor('the stand-in to be running', () => existsSync(join(ws.buildDir, '.stand-in/running')));
  interrupts.fire();
  const r = await running;
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'INTERRUPTED');
  assert.equal(r.error.exitCode, 130);
  assert.match(r.error.message, /bitbake stopped after its running tasks finished/);
  const signals = ws.records('bitbake').filter((x) => x.signal !== undefined);
  assert.deepEqual(signals, [{ signal: 'SIGINT', count: 1 }], 'exactly one SIGINT and never SIGTERM');
  assert.match(r.stderr, /Ctrl-C: asked bitbake to stop \(SIGINT\)\. Running tasks finish first; press Ctrl-C again to stop them now\./);
  assert.match(r.stderr, /bitbake exited \(exit code 1\) after finishing its running tasks/);
  assert.ok(!existsSync(join(ws.buildDir, 'bitbake.lock')));
});

test('Ctrl-C twice sends SIGINT again (forced stop), never SIGTERM, and says so', async (t) => {
  const ws = await setUp(t);
  ws.scenario('sigint-twice');
  const interrupts = createInterrupts();
  const running = runKind(ws, 'build', { only: ['bitbake'] }, { interrupts });
  await waitFor('the stand-in to be running', () => existsSync(join(ws.buildDir, '.stand-in/running')));
  interrupts.fire();
  await waitFor('the first SIGINT to arrive', () => ws.records('bitbake').some((x) => x.signal === 'SIGINT'));
  interrupts.fire();
  const r = await running;
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'INTERRUPTED');
  assert.match(r.error.message, /bitbake stopped its running tasks and exited/);
  assert.deepEqual(ws.records('bitbake').filter((x) => x.signal !== undefined), [{ signal: 'SIGINT', count: 1 }, { signal: 'SIGINT', count: 2 }]);
  assert.match(r.stderr, /second Ctrl-C: asked bitbake to stop its running tasks now \(SIGINT again\); waiting for it to exit\./);
  assert.match(r.stderr, /bitbake: stopping the running tasks now/);
});

test('--json writes one parsable event per line, including the failed task with its log tail', async (t) => {
  const ws = await setUp(t);
  ws.scenario('2.18.0/05-fail-shell-task-includelogs');
  const r = await runKind(ws, 'build', {}, { json: true });
  assert.ok(r.error instanceof MicroyoctoError);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const kinds = new Set(events.map((e) => e.event));
  for (const k of ['step-start', 'step-end', 'progress', 'repo', 'parse-complete', 'task-failed', 'build-failed']) assert.ok(kinds.has(k), `${k} in ${[...kinds].join(',')}`);
  const failed = events.find((e) => e.event === 'build-failed') as { failures: Array<{ tid: string; log: string; tail: string[] }> };
  assert.match(failed.failures[0]!.tid, /micro-base_1\.0\.bb:do_compile$/);
  assert.ok(failed.failures[0]!.tail.includes('harness: failing do_compile on purpose'));
  assert.ok(events.every((e) => typeof e.time === 'string'));
  assert.equal(r.stderr, '', 'nothing for people on stderr in --json mode');
});

test('image: a wic failure is IMAGE_FAILED (exit 6) with wic\'s error, and nothing is deployed', async (t) => {
  const ws = await setUp(t);
  ws.wicScenario('fail');
  const r = await runKind(ws, 'image');
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'IMAGE_FAILED');
  assert.equal(r.error.exitCode, 6);
  assert.match(r.error.message, /wic failed with exit code 1\n {2}ERROR: Couldn't find correct bootimg_dir, exiting/);
  assert.ok(!existsSync(join(ws.root, 'deploy/tiny/manifest.json')));
});

test('--skip with an unknown step id is a usage error listing the steps', async (t) => {
  const ws = makeWorkspace(t);
  const r = await runKind(ws, 'build', { skip: ['bitbak'] });
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'USAGE');
  assert.equal(r.error.hint, 'steps are: fetch-layers, write-build-config, bitbake, wic, collect-artifacts');
});
