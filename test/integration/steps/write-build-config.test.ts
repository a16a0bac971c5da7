// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatPlan } from '../../../src/app/pipeline-report.js';
import { makeWorkspace, runKind } from '../../helpers/workspace.js';

test('the conf writers are idempotent: a second run rewrites nothing (mtimes stay) and local.conf is created once', async (t) => {
  const ws = makeWorkspace(t);
  assert.equal((await runKind(ws, 'setup')).error, undefined);
  const conf = join(ws.buildDir, 'conf');
  const files = ['bblayers.conf', 'auto.conf', 'local.conf'].map((f) => join(conf, f));
  const before = files.map((f) => statSync(f).mtimeMs);
  const again = await runKind(ws, 'build', { only: ['write-build-config'] });
  assert.equal(again.error, undefined);
  assert.deepEqual(files.map((f) => statSync(f).mtimeMs), before);
  assert.match(again.stderr, /build\/tiny\/conf\/bblayers\.conf unchanged/);
  assert.match(again.stderr, /build\/tiny\/conf\/local\.conf is yours: left as it is/);
});

test('a changed profile rewrites auto.conf but leaves the user\'s local.conf byte for byte', async (t) => {
  const ws = makeWorkspace(t);
  assert.equal((await runKind(ws, 'setup')).error, undefined);
  const local = join(ws.buildDir, 'conf/local.conf');
  const mine = readFileSync(local, 'utf8') + 'MACHINE = "qemux86-64"\nBB_NUMBER_THREADS = "2"\n';
  writeFileSync(local, mine);
  ws.profile.distro = 'poky';
  ws.profile.vars.INHERIT = 'rm_work';
  const r = await runKind(ws, 'build', { only: ['write-build-config'] });
  assert.equal(r.error, undefined);
  assert.equal(readFileSync(local, 'utf8'), mine);
  const auto = readFileSync(join(ws.buildDir, 'conf/auto.conf'), 'utf8');
  assert.match(auto, /^# Managed by microyocto/);
  assert.match(auto, /^DISTRO = "poky"$/m);
  assert.match(auto, /^INHERIT = "rm_work"$/m);
  assert.match(r.stderr, /updated build\/tiny\/conf\/auto\.conf/);
});

test('bblayers.conf lists the layers of the manifest relative to TOPDIR, and auto.conf has the shared caches and servers', async (t) => {
  const ws = makeWorkspace(t, { project: { caches: { sstateMirrors: ['https://sstate.example.com/all'], hashserve: 'hashserv.example.com:8686', prserv: 'localhost:0', dlDir: '/srv/dl' } } });
  assert.equal((await runKind(ws, 'setup')).error, undefined);
  const bblayers = readFileSync(join(ws.buildDir, 'conf/bblayers.conf'), 'utf8');
  assert.match(bblayers, /BBLAYERS \?= " \\\n {2}\$\{TOPDIR\}\/\.\.\/\.\.\/layers\/openembedded-core\/meta \\\n {2}\$\{TOPDIR\}\/\.\.\/\.\.\/layers\/meta-test \\\n {2}"/);
  const auto = readFileSync(join(ws.buildDir, 'conf/auto.conf'), 'utf8');
  for (const line of [
    'MACHINE = "qemux86"',
    'DISTRO = "poky-tiny"',
    'DL_DIR = "/srv/dl"',
    `SSTATE_DIR = "${join(ws.root, 'sstate-cache')}"`,
    'SSTATE_MIRRORS = "file://.* https://sstate.example.com/all/PATH;downloadfilename=PATH"',
    'BB_SIGNATURE_HANDLER = "OEEquivHash"',
    'BB_HASHSERVE = "hashserv.example.com:8686"',
    'PRSERV_HOST = "localhost:0"',
    // The test manifest has no meta-microyocto, so the features go to KERNEL_FEATURES with their 2014 paths.
    'KERNEL_FEATURES:append:qemux86 = " cfg/proc-min-enable.scc cfg/net-disable.scc"',
    'IMAGE_FSTYPES:append = " cpio.gz"',
  ]) assert.ok(auto.split('\n').includes(line), `${line}\n---\n${auto}`);
});

test('build --dry-run prints every command with its environment and the diff of every file, and changes nothing', async (t) => {
  const ws = makeWorkspace(t);
  const r = await runKind(ws, 'build', { dryRun: true });
  assert.equal(r.error, undefined, String(r.error));
  assert.ok(!existsSync(join(ws.root, 'layers')), 'no clone');
  assert.ok(!existsSync(join(ws.root, 'build')), 'no build folder');
  assert.ok(!existsSync(join(ws.root, 'microyocto.lock')), 'no lock');
  const text = formatPlan(r.context.plan, ws.root);
  assert.match(text, /\[fetch-layers\] layers\$ git clone --no-checkout -- file:\/\/.*\/bitbake .*layers\/bitbake/);
  assert.match(text, /\[write-build-config\] would create build\/tiny\/conf\/auto\.conf\n {4}--- \/dev\/null\n {4}\+\+\+ b\/build\/tiny\/conf\/auto\.conf\n {4}\+# Managed by microyocto/);
  assert.match(text, /\[write-build-config\] would create build\/tiny\/conf\/local\.conf/);
  assert.match(text, /\[bitbake\] build\/tiny\$ bitbake image-micro\n {4}BB_ENV_PASSTHROUGH_ADDITIONS=MACHINE DISTRO/);
  assert.match(text, /\n {4}BUILDDIR=.*build\/tiny\n/);
  assert.match(text, /\[wic\] build\/tiny\$ wic create .*micro\.wks -e image-micro -o .*build\/tiny\/wic -m/);
  assert.deepEqual(ws.records('bitbake'), []);
});

test('--dry-run on a set-up workspace shows the diff of a changed auto.conf and keeps local.conf', async (t) => {
  const ws = makeWorkspace(t);
  assert.equal((await runKind(ws, 'setup')).error, undefined);
  ws.profile.distro = 'poky';
  const r = await runKind(ws, 'build', { dryRun: true, only: ['write-build-config'] });
  const text = formatPlan(r.context.plan, ws.root);
  assert.match(text, /would update build\/tiny\/conf\/auto\.conf\n[\s\S]*-DISTRO = "poky-tiny"\n {4}\+DISTRO = "poky"/);
  assert.match(text, /kept as it is \(yours\): build\/tiny\/conf\/local\.conf/);
  assert.match(text, /unchanged: build\/tiny\/conf\/bblayers\.conf/);
  assert.match(readFileSync(join(ws.buildDir, 'conf/auto.conf'), 'utf8'), /DISTRO = "poky-tiny"/);
});
