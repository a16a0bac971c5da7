// SPDX-License-Identifier: MIT
// The pipeline commands through the CLI: a workspace with its own profile, machine and manifest
// (file:// repos), the stand-in bitbake and wic on PATH; in-process runs and one spawned binary
// that gets a real SIGINT the way a terminal sends it (to the whole foreground process group).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runMicroyocto } from '../helpers/cli.js';
import { FIXTURES, tempDir, writeFiles } from '../helpers/tmp.js';
import { makeRemote, type Remote } from '../helpers/workspace.js';

const BIN = new URL('../../../bin/microyocto.cjs', import.meta.url).pathname;

interface CliWorkspace {
  root: string;
  env: Record<string, string | undefined>;
  remotes: Record<string, Remote>;
  buildDir: string;
  scenario(name: string): void;
  records(): Array<Record<string, unknown>>;
}

function cliWorkspace(t: TestContext): CliWorkspace {
  const remotes = {
    bitbake: makeRemote(t, 'bitbake'),
    'openembedded-core': makeRemote(t, 'openembedded-core', { 'meta/conf/layer.conf': '# core\n' }),
  };
  const root = tempDir(t, 'cli-ws-');
  writeFiles(root, {
    'microyocto.ini': 'manifest = test\nprofile = tiny\n',
    'configs/manifests/test.ini': [
      'description = test repos', 'release = wrynose',
      '[repo.bitbake]', `url = ${remotes.bitbake.url}`, 'branch = main', 'layers =',
      '[repo.openembedded-core]', `url = ${remotes['openembedded-core'].url}`, 'branch = main', 'layers = meta', '',
    ].join('\n'),
    'configs/machines/testbox.ini': 'description = test box\nbitbake-machine = qemux86\nkernel-arch = i386\nwks = micro.wks\n',
    'configs/machines/micro.wks': 'part / --source rootfs --fstype=ext4\n',
    'configs/profiles/tiny.ini': 'description = test profile\nmanifest = test\nmachine = testbox\ndistro = poky-tiny\nimage = image-micro\n[kernel]\nfeatures = proc-min-enable\n',
  });
  const buildDir = join(root, 'build/tiny');
  return {
    root,
    remotes,
    buildDir,
    env: { PATH: `${join(FIXTURES, 'bin')}:${process.env.PATH ?? ''}`, HOME: process.env.HOME },
    scenario(name) {
      writeFiles(buildDir, { '.stand-in/bitbake-scenario': name });
    },
    records() {
      const f = join(buildDir, '.stand-in/bitbake.ndjson');
      return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
    },
  };
}

test('microyocto build from an empty workspace: layers, conf, bitbake, wic and deploy/<profile>/manifest.json, with timestamped lines', async (t) => {
  const ws = cliWorkspace(t);
  const r = await runMicroyocto(['build'], { cwd: ws.root, env: ws.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^\[\d\d:\d\d:\d\d\] ▶ Fetch layers$/m);
  assert.match(r.stderr, /^\[\d\d:\d\d:\d\d\] ✔ Build with bitbake \(\d+\.\d s\)$/m);
  assert.match(r.stderr, /^image: deploy\/tiny\/micro-202611251719-sda\.direct \(\+ deploy\/tiny\/micro-202611251719-sda\.direct\.bmap\)$/m);
  const manifest = JSON.parse(readFileSync(join(ws.root, 'deploy/tiny/manifest.json'), 'utf8'));
  assert.equal(manifest.machine, 'testbox');
  assert.deepEqual(manifest.kernel.kernelFeatures, ['features/microyocto/proc-min-enable.scc']);
  assert.ok(existsSync(join(ws.root, 'microyocto.lock')));
});

test('microyocto build --json ends a failed build with one error record (exit 5)', async (t) => {
  const ws = cliWorkspace(t);
  ws.scenario('2.8.1/04-fail-shell-task');
  const r = await runMicroyocto(['build', '--json'], { cwd: ws.root, env: ws.env });
  assert.equal(r.code, 5);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; error?: { code: string; exitCode: number } });
  const last = events.at(-1);
  assert.equal(last?.event, 'error');
  assert.equal(last?.error?.code, 'BUILD_FAILED');
  assert.ok(events.some((e) => e.event === 'task-failed'));
});

test('microyocto status shows where local.conf overrides the profile', async (t) => {
  const ws = cliWorkspace(t);
  assert.equal((await runMicroyocto(['setup'], { cwd: ws.root, env: ws.env })).code, 0);
  const local = join(ws.buildDir, 'conf/local.conf');
  writeFileSync(local, `${readFileSync(local, 'utf8')}MACHINE = "qemux86-64"\nDISTRO ?= "poky"\n`);
  const r = await runMicroyocto(['status'], { cwd: ws.root, env: ws.env });
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(local, 'utf8').split('\n');
  const n = lines.indexOf('MACHINE = "qemux86-64"') + 1;
  assert.match(r.stdout, new RegExp(`local\\.conf:${n}: MACHINE = "qemux86-64" replaces the profile value "qemux86"`));
  assert.match(r.stdout, /local\.conf:\d+: DISTRO \?= "poky" has no effect \(auto\.conf already set it\) "poky-tiny"/);
  assert.match(r.stdout, /layers\/bitbake [0-9a-f]{12} at the locked commit/);
  const json = await runMicroyocto(['status', '--json'], { cwd: ws.root, env: ws.env });
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.profile.overrides[0].name, 'MACHINE');
});

test('microyocto lock --update prints what moved: the commit subjects between the old and the new pin', async (t) => {
  const ws = cliWorkspace(t);
  assert.equal((await runMicroyocto(['setup'], { cwd: ws.root, env: ws.env })).code, 0);
  const unchanged = await runMicroyocto(['lock', '--update'], { cwd: ws.root, env: ws.env });
  assert.match(unchanged.stdout, /microyocto\.lock: nothing moved/);
  const old = ws.remotes.bitbake!.head();
  const sha = ws.remotes.bitbake!.commit('bitbake: fix the cooker', { 'lib/x': '1\n' });
  const r = await runMicroyocto(['lock', '--update'], { cwd: ws.root, env: ws.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `bitbake: ${old.slice(0, 12)} -> ${sha.slice(0, 12)} (1 commit)\n    ${sha.slice(0, 12)} bitbake: fix the cooker\n`);
});

test('a real Ctrl-C (SIGINT to the whole process group) reaches bitbake exactly once through microyocto; exit 130', async (t) => {
  const ws = cliWorkspace(t);
  assert.equal((await runMicroyocto(['setup'], { cwd: ws.root, env: ws.env })).code, 0);
  ws.scenario('sigint-once');
  // detached: the CLI leads its own process group, like a shell job in a terminal.
  const child = spawn(process.execPath, [BIN, 'build', '--only', 'bitbake'], { cwd: ws.root, env: { ...ws.env, NO_COLOR: '1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 400 && !existsSync(join(ws.buildDir, '.stand-in/running')); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(existsSync(join(ws.buildDir, '.stand-in/running')), 'the stand-in bitbake is running');
  process.kill(-child.pid!, 'SIGINT');
  const code = await exited;
  assert.equal(code, 130, stderr);
  assert.deepEqual(ws.records().filter((x) => x.signal !== undefined), [{ signal: 'SIGINT', count: 1 }], 'one SIGINT: the terminal\'s did not reach bitbake directly');
  assert.match(stderr, /Ctrl-C: asked bitbake to stop \(SIGINT\)/);
  assert.match(stderr, /INTERRUPTED {2}build interrupted: bitbake stopped after its running tasks finished and exited/);
});

test('bitbake warnings of a successful build are repeated in the closing summary', async (t) => {
  const ws = cliWorkspace(t);
  ws.scenario('2.18.0/08-success-with-warnings');
  const r = await runMicroyocto(['build', '--skip', 'wic'], { cwd: ws.root, env: ws.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^bitbake: 23 tasks, 0 from cache or already done, 2 warnings\n {2}WARNING: micro-base-1\.0-r0 do_install: harness warning requested for micro-base:do_install\n {2}WARNING: image-micro-1\.0-r0 do_rootfs: /m);
});
