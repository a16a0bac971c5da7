// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MicroyoctoError } from '../../../src/core/errors.js';
import { parseLock } from '../../../src/core/workspace/lock.js';
import { tempDir } from '../../helpers/tmp.js';
import { git, makeWorkspace, runKind } from '../../helpers/workspace.js';

const lockOf = (root: string) => parseLock(readFileSync(join(root, 'microyocto.lock'), 'utf8'), 'microyocto.lock');

test('setup in an empty workspace clones every repo at its branch head and pins full SHAs in microyocto.lock', async (t) => {
  const ws = makeWorkspace(t);
  const r = await runKind(ws, 'setup');
  assert.equal(r.error, undefined, String(r.error));
  const lock = lockOf(ws.root);
  for (const [name, remote] of Object.entries(ws.remotes)) {
    assert.equal(lock.repos[name]?.commit, remote.head(), name);
    assert.equal(git(join(ws.root, 'layers', name), 'rev-parse', 'HEAD'), remote.head());
    assert.equal(git(join(ws.root, 'layers', name), 'remote', 'get-url', 'origin'), remote.url);
  }
  assert.ok(existsSync(join(ws.root, 'layers/meta-test/wic/micro.wks')), 'the work tree is checked out');
  assert.match(r.stderr, /cloning file:\/\/.*bitbake into layers\/bitbake/);
  assert.ok(existsSync(join(ws.buildDir, 'conf', 'auto.conf')), 'setup with a profile writes the build configuration');
});

test('a locked repo stays on its pin when upstream moves; lock --update moves it and lists the new commit subjects', async (t) => {
  const ws = makeWorkspace(t);
  assert.equal((await runKind(ws, 'setup')).error, undefined);
  const old = ws.remotes['meta-test'].head();
  ws.remotes['meta-test'].commit('meta-test: add a recipe', { 'recipes/a.bb': 'A\n' });
  const newest = ws.remotes['meta-test'].commit('meta-test: fix the recipe', { 'recipes/a.bb': 'B\n' });
  const again = await runKind(ws, 'setup');
  assert.equal(again.error, undefined);
  assert.equal(git(join(ws.root, 'layers/meta-test'), 'rev-parse', 'HEAD'), old);
  assert.equal(lockOf(ws.root).repos['meta-test']?.commit, old);

  const upd = await runKind(ws, 'lock', { update: true });
  assert.equal(upd.error, undefined, String(upd.error));
  assert.equal(lockOf(ws.root).repos['meta-test']?.commit, newest);
  assert.equal(git(join(ws.root, 'layers/meta-test'), 'rev-parse', 'HEAD'), newest);
  const moved = upd.context.results.lockChanges;
  assert.deepEqual(moved.map((m) => [m.repo, m.from, m.to, m.commits.map((c) => c.subject)]), [
    ['meta-test', old, newest, ['meta-test: fix the recipe', 'meta-test: add a recipe']],
  ]);
});

test('a mirror that fails falls back to the origin, and the clone keeps the origin as its remote', async (t) => {
  const ws = makeWorkspace(t);
  const dead = `file://${tempDir(t)}/no-such-mirror.git`;
  ws.manifest.repos[2]!.mirrors = [dead];
  const r = await runKind(ws, 'setup');
  assert.equal(r.error, undefined, String(r.error));
  assert.match(r.stderr, /meta-test: clone from file:\/\/.*no-such-mirror\.git failed: .*; trying the next source/);
  assert.equal(git(join(ws.root, 'layers/meta-test'), 'remote', 'get-url', 'origin'), ws.remotes['meta-test'].url);
});

test('credentials in a URL are never printed', async (t) => {
  const ws = makeWorkspace(t);
  ws.manifest.repos[2]!.url = 'https://alice:s3cret-token@127.0.0.1:9/meta-test.git';
  const r = await runKind(ws, 'setup');
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'FETCH_FAILED');
  assert.equal(r.error.exitCode, 4);
  const all = `${r.stderr}\n${r.error.message}\n${r.error.hint ?? ''}`;
  assert.ok(!all.includes('s3cret-token'), all);
  assert.match(all, /https:\/\/\*\*\*@127\.0\.0\.1:9\/meta-test\.git/);
});

test('--offline refuses to clone a missing layer and says so (exit 4)', async (t) => {
  const ws = makeWorkspace(t);
  const r = await runKind(ws, 'setup', { offline: true });
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'FETCH_FAILED');
  assert.match(r.error.message, /layers\/bitbake is missing and --offline allows no network/);
  assert.ok(!existsSync(join(ws.root, 'layers', 'bitbake')));
});

test('a shallow clone reaches a pinned commit that is not the branch head', async (t) => {
  const ws = makeWorkspace(t);
  const pinned = ws.remotes['openembedded-core'].head();
  ws.remotes['openembedded-core'].commit('oe-core: later', { 'meta/x': '1\n' });
  ws.manifest.repos[1]!.commit = pinned;
  const r = await runKind(ws, 'setup', { shallow: true });
  assert.equal(r.error, undefined, String(r.error));
  const dir = join(ws.root, 'layers/openembedded-core');
  assert.equal(git(dir, 'rev-parse', 'HEAD'), pinned);
  assert.equal(git(dir, 'rev-parse', '--is-shallow-repository'), 'true');
});

test('a repo with local changes is not moved to a new pin', async (t) => {
  const ws = makeWorkspace(t);
  assert.equal((await runKind(ws, 'setup')).error, undefined);
  ws.remotes['meta-test'].commit('meta-test: upstream change', { 'conf/layer.conf': 'changed upstream\n' });
  writeFileSync(join(ws.root, 'layers/meta-test/conf/layer.conf'), 'my local edit\n');
  const r = await runKind(ws, 'lock', { update: true });
  assert.ok(r.error instanceof MicroyoctoError);
  assert.match(r.error.message, /layers\/meta-test has local changes \(conf\/layer\.conf\)/);
  assert.equal(readFileSync(join(ws.root, 'layers/meta-test/conf/layer.conf'), 'utf8'), 'my local edit\n');
});

test('a shared mirror cache is filled and used as --reference, and serves --offline clones', async (t) => {
  const cache = tempDir(t, 'git-mirror-');
  const ws = makeWorkspace(t, { project: { caches: { sstateMirrors: [], gitMirror: cache } } });
  assert.equal((await runKind(ws, 'setup')).error, undefined);
  const alternates = join(ws.root, 'layers/meta-test/.git/objects/info/alternates');
  assert.ok(existsSync(alternates), 'clone borrows objects from the cache');
  const ws2 = makeWorkspace(t, { project: { caches: { sstateMirrors: [], gitMirror: cache } } });
  ws2.manifest.repos.splice(0, ws2.manifest.repos.length, ...ws.manifest.repos);
  const offline = await runKind(ws2, 'setup', { offline: true });
  assert.equal(offline.error, undefined, String(offline.error));
  assert.equal(git(join(ws2.root, 'layers/meta-test'), 'rev-parse', 'HEAD'), ws.remotes['meta-test'].head());
});

test('a lock for another branch than the manifest is a LOCK_MISMATCH naming both', async (t) => {
  const ws = makeWorkspace(t);
  assert.equal((await runKind(ws, 'setup')).error, undefined);
  ws.remotes.bitbake.commit('bitbake: 2.18 branch', { x: '1\n' }, '2.18');
  ws.manifest.repos[0]!.branch = '2.18';
  const r = await runKind(ws, 'setup');
  assert.ok(r.error instanceof MicroyoctoError);
  assert.equal(r.error.code, 'LOCK_MISMATCH');
  assert.match(r.error.message, /bitbake is locked on branch 'main' but the manifest .* says '2\.18'/);
  const upd = await runKind(ws, 'lock', { update: true });
  assert.equal(upd.error, undefined, String(upd.error));
  assert.equal(lockOf(ws.root).repos.bitbake?.branch, '2.18');
});
