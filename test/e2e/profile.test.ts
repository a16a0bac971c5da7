// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMicroyocto } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/tmp.js';

test('profile show --json on a built-in profile gives settings, features with files, merged fragment and conf line', async (t) => {
  const ws = tempDir(t);
  const r = await runMicroyocto(['profile', 'show', 'just-things', '--json'], { cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.profile.name, 'just-things');
  assert.deepEqual(doc.profile.extends, ['internet-of-things']);
  assert.equal(doc.profile.budget.kernelText, 535 * 1024);
  assert.equal(doc.manifest.release, 'wrynose');
  assert.equal(doc.machine.bitbakeMachine, 'galileo');
  const netDisable = doc.kernel.features.find((f: { name: string }) => f.name === 'net-disable');
  assert.equal(netDisable.kernelFeature, 'features/microyocto/net-disable.scc');
  assert.ok(netDisable.scc.endsWith('microyocto-kmeta/features/microyocto/net-disable.scc'));
  assert.ok(netDisable.cfg[0].endsWith('net-disable.cfg'));
  assert.equal(netDisable.path2014, 'cfg/net-disable.scc');
  const net = doc.kernel.merged.find((m: { symbol: string }) => m.symbol === 'NET');
  assert.deepEqual([net.value, net.feature, net.line], ['n', 'net-disable', 2]);
  assert.equal(doc.kernel.conflicts.filter((c: { intended: boolean }) => !c.intended).length, 0);
  assert.match(doc.confLines[0], /^MICROYOCTO_KERNEL_FEATURES = ".*features\/microyocto\/net-disable\.scc features\/microyocto\/ftrace-disable\.scc features\/microyocto\/lto\.scc"$/);
});

test('profile show with a daisy manifest writes the talk syntax with 2014 feature paths', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, { 'configs/profiles/retro.ini': 'extends = internet-of-things\nmanifest = galileo-daisy\n' });
  const r = await runMicroyocto(['profile', 'show', 'retro', '--json'], { cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  const line: string = JSON.parse(r.stdout).confLines[0];
  assert.match(line, /^KERNEL_FEATURES_append_galileo \+= "cfg\/perf-disable\.scc .* features\/net\/diet\.scc .*features\/lto\/lto\.scc"$/);
});

test('profile diff --json shows setting, feature and kconfig differences', async (t) => {
  const ws = tempDir(t);
  const r = await runMicroyocto(['profile', 'diff', 'internet-of-things', 'just-things', '--json'], { cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.deepEqual(d.features, { removed: [], added: ['net-disable'] });
  assert.deepEqual(d.kconfig.added, [{ name: 'NET', value: 'n' }]);
  assert.deepEqual(d.kconfig.removed, []);
  assert.deepEqual(d.settings.find((s: { key: string }) => s.key === 'budget.kernelText'), { key: 'budget.kernelText', a: '766 kB', b: '535 kB' });
  const text = await runMicroyocto(['profile', 'diff', 'internet-of-things', 'internet-of-pings'], { cwd: ws });
  assert.match(text.stdout, /^\+INET n$/m);
  assert.match(text.stdout, /^ PACKET n -> y$/m);
});

test('profile show of an unknown profile exits 2 and suggests the nearest name', async (t) => {
  const r = await runMicroyocto(['profile', 'show', 'just-thing'], { cwd: tempDir(t) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /PROFILE_NOT_FOUND/);
  assert.match(r.stderr, /did you mean 'just-things'/);
  assert.match(r.stderr, /internet-of-pings/);
});

test('profile validate reports every problem of a file outside the repository with file:line, exit 2', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, { 'elsewhere/mine.ini': 'extends = just-things\nimage = Image Micro\n[kernel]\nfeatures:append = lto-disabel\n[budgett]\nx = 1\n' });
  const file = join(ws, 'elsewhere/mine.ini');
  const r = await runMicroyocto(['profile', 'validate', 'elsewhere/mine.ini'], { cwd: ws });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`${file}:2: error: image:`));
  assert.match(r.stderr, new RegExp(`${file}:4: error: unknown kernel feature 'lto-disabel' \\(did you mean 'lto-disable'\\?\\)`));
  assert.match(r.stderr, new RegExp(`${file}:5: error: unknown section 'budgett' at the top \\(did you mean 'budget'\\?\\)`));
  assert.match(r.stderr, /PROFILE_INVALID/);
  const json = await runMicroyocto(['profile', 'validate', 'elsewhere/mine.ini', '--json'], { cwd: ws });
  assert.equal(json.code, 2);
  const doc = JSON.parse(json.stdout);
  assert.equal(doc.error.code, 'PROFILE_INVALID');
  assert.deepEqual(doc.error.diagnostics.map((d: { line: number }) => d.line), [2, 4, 5]);
});

test('profile validate with no files checks every built-in file and passes', async (t) => {
  const r = await runMicroyocto(['profile', 'validate', '--json'], { cwd: tempDir(t) });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.ok(doc.files.length >= 9);
  assert.ok(doc.files.every((f: { ok: boolean }) => f.ok));
});

test('profile list marks workspace profiles and profile features lists the 2014-only ones', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, { 'configs/profiles/just-things.ini': 'extends = just-things\nmachine = qemux86\n', 'microyocto.ini': 'profile = just-things\n' });
  const r = await runMicroyocto(['profile', 'list'], { cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\* just-things .*\[workspace, overrides built-in\]$/m);
  const f = await runMicroyocto(['profile', 'features', '--json'], { cwd: ws });
  const features = JSON.parse(f.stdout).features as Array<{ name: string; only2014?: string }>;
  assert.ok(features.find((x) => x.name === 'proc-min-enable')?.only2014);
  assert.ok(features.find((x) => x.name === 'lto')?.only2014);
  const show = await runMicroyocto(['profile', 'show'], { cwd: ws });
  assert.match(show.stdout, /machine +qemux86 \(MACHINE=qemux86, ARCH=i386\)/);
});
