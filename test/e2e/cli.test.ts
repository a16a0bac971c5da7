// SPDX-License-Identifier: MIT
// The CLI shell: help, version, exit codes, error rendering, JSON, and the spawned binary.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMicroyocto } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/tmp.js';

const BIN = new URL('../../../bin/microyocto.cjs', import.meta.url).pathname;

test('--help lists the commands and exits 0', async (t) => {
  const r = await runMicroyocto(['--help'], { cwd: tempDir(t) });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Usage: microyocto/);
  assert.match(r.stdout, /kconfig/);
});

test('--version prints the package version', async (t) => {
  const r = await runMicroyocto(['--version'], { cwd: tempDir(t) });
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), pkg.version);
});

test('an unknown command is a usage error: exit 2 with a hint', async (t) => {
  const r = await runMicroyocto(['frobnicate'], { cwd: tempDir(t) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /✖ USAGE {2}unknown command 'frobnicate'\nhint: /);
});

test('an unknown option of a fast command falls back to commander and is a usage error', async (t) => {
  const r = await runMicroyocto(['kconfig', 'merge', '--bogus', 'a'], { cwd: tempDir(t) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--bogus'/);
});

test('a missing fragment names the file, exits 2 and writes nothing', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'base.config': 'CONFIG_A=y\n', 'f1.config': 'CONFIG_B=y\n' });
  const r = await runMicroyocto(['kconfig', 'merge', '-o', 'out.config', 'base.config', 'f1.config', 'missing.config'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /FILE_NOT_FOUND {2}fragment 'missing.config' does not exist/);
  assert.equal(r.stdout, '');
  assert.equal(existsSync(join(dir, 'out.config')), false);
});

test('a malformed line is a warning naming file:line; the merge goes on', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'base.config': 'CONFIG_A=y\n', 'f.config': 'CONFIG_B=y\nbogus line\n' });
  const r = await runMicroyocto(['kconfig', 'merge', '-o', 'out.config', 'base.config', 'f.config'], { cwd: dir });
  assert.equal(r.code, 0);
  assert.match(r.stderr, /^f\.config:2: warning: unexpected data: bogus line/m);
});

test('--json on merge gives symbols with their origin and overrides with both sides', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'base.config': 'CONFIG_A=y\nCONFIG_B=y\n', 'f.config': '# CONFIG_A is not set\n' });
  const r = await runMicroyocto(['--json', 'kconfig', 'merge', '-o', 'out.config', 'base.config', 'f.config'], { cwd: dir });
  assert.equal(r.code, 0);
  const doc = JSON.parse(r.stdout) as { symbols: Array<{ name: string; value: string; file: string; line: number }>; overrides: Array<{ symbol: string; previous: Array<{ file: string; line: number }>; next: Array<{ file: string; line: number }> }> };
  assert.deepEqual(doc.symbols.find((s) => s.name === 'A'), { name: 'A', value: 'n', file: 'f.config', line: 1 });
  assert.deepEqual(doc.overrides[0]?.previous[0], { file: 'base.config', line: 1, text: 'CONFIG_A=y' });
  assert.deepEqual(doc.overrides[0]?.next[0], { file: 'f.config', line: 1, text: '# CONFIG_A is not set' });
});

test('--json on diff gives removed, changed and added', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'a': 'CONFIG_A=y\nCONFIG_B=y\n', 'b': 'CONFIG_B=m\nCONFIG_C=y\n' });
  const r = await runMicroyocto(['kconfig', 'diff', '--json', 'a', 'b'], { cwd: dir });
  assert.deepEqual(JSON.parse(r.stdout), {
    removed: [{ name: 'A', value: 'y' }],
    changed: [{ name: 'B', old: 'y', new: 'm' }],
    added: [{ name: 'C', value: 'y' }],
  });
});

test('strict merge prints the script message, exits 3 and writes nothing', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'base.config': 'CONFIG_A=y\n', 'f.config': 'CONFIG_A=m\n' });
  const r = await runMicroyocto(['kconfig', 'merge', '-s', '-o', 'out.config', 'base.config', 'f.config'], { cwd: dir });
  assert.equal(r.code, 3);
  assert.match(r.stdout, /The fragment redefined a value and strict mode had been passed.\n$/);
  assert.equal(existsSync(join(dir, 'out.config')), false);
});

test('check --strict exits 3 on a mismatch and 0 without one', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'final': 'CONFIG_A=y\n# CONFIG_B is not set\n', 'f1': 'CONFIG_A=y\nCONFIG_B=y\n', 'f2': 'CONFIG_A=y\n' });
  const bad = await runMicroyocto(['kconfig', 'check', '--strict', '--final', 'final', 'f1'], { cwd: dir });
  assert.equal(bad.code, 3);
  assert.equal(bad.stdout, 'Value requested for CONFIG_B not in final .config\nRequested value:  CONFIG_B=y\nActual value:     # CONFIG_B is not set\n\n');
  const good = await runMicroyocto(['kconfig', 'check', '--strict', '--final', 'final', 'f2'], { cwd: dir });
  assert.equal(good.code, 0);
});

test('check --absent-is-n accepts an unset request for a symbol that is not written', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'final': 'CONFIG_A=y\n', 'f': '# CONFIG_GONE is not set\n' });
  const plain = await runMicroyocto(['kconfig', 'check', '--final', 'final', 'f'], { cwd: dir });
  assert.match(plain.stdout, /Actual value: {5}\n/);
  const lenient = await runMicroyocto(['kconfig', 'check', '--absent-is-n', '--final', 'final', 'f'], { cwd: dir });
  assert.equal(lenient.stdout, '');
});

test('the spawned binary merges and exits 0; a usage error exits 2', (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'base.config': 'CONFIG_A=y\n', 'f.config': 'CONFIG_A=m\n' });
  const ok = spawnSync(process.execPath, [BIN, 'kconfig', 'merge', 'base.config', 'f.config'], { cwd: dir, encoding: 'utf8', env: { PATH: '' } });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /# merged configuration written to \.config \(needs make\)/);
  assert.equal(readFileSync(join(dir, '.config'), 'utf8'), '\nCONFIG_A=m\n');
  const bad = spawnSync(process.execPath, [BIN, 'kconfig', 'diff', 'only-one'], { cwd: dir, encoding: 'utf8' });
  assert.equal(bad.status, 2);
});

test('-O writes DIR/.config and prints its absolute path; a missing DIR is an error', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'base.config': 'CONFIG_A=y\n', 'out/keep': '' });
  const ok = await runMicroyocto(['kconfig', 'merge', '-O', 'out', 'base.config'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`written to ${join(dir, 'out', '.config').replace(/[.]/g, '\\.')} \\(needs make\\)`));
  assert.equal(readFileSync(join(dir, 'out', '.config'), 'utf8'), 'CONFIG_A=y\n');
  const bad = await runMicroyocto(['kconfig', 'merge', '-O', 'nowhere', 'base.config'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /output directory 'nowhere' does not exist/);
});

test('an unwritable output is FILE_WRITE (exit 2) and leaves no temporary file behind', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'base.config': 'CONFIG_A=y\n', 'blocker': 'a file, not a folder' });
  const r = await runMicroyocto(['kconfig', 'merge', '-o', 'blocker/out.config', 'base.config'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /FILE_WRITE {2}cannot write/);
});
