// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../../../src/core/diagnostics.js';
import { MicroyoctoError } from '../../../src/core/errors.js';
import { loadMachine, loadManifest, loadProfile, loadProject, ProfileInvalidError, resolveProfile } from '../../../src/profiles/index.js';
import { tempDir, writeFiles } from '../../helpers/tmp.js';

const MICRO = 'perf-disable acpi-disable block-disable pcie-disable mmc-disable mtd-disable nohz-disable misc-disable bug-disable printk-disable user-io-disable proc-sysctl-disable preempt-none crypto-disable hrt-disable x86-verbose-boot-disable slob net-diet ipv6-disable packet-disable proc-min-enable sysfs-disable splice-disable sysfs-syscall-disable uselib-disable pty-enable'.split(' ');

// Run a loader that must fail with PROFILE_INVALID and return its diagnostics as `line: code`.
async function problems(run: () => Promise<unknown>): Promise<Diagnostic[]> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof ProfileInvalidError, `expected PROFILE_INVALID, got ${String(error)}`);
    assert.equal(error.code, 'PROFILE_INVALID');
    assert.equal(error.exitCode, 2);
    return error.diagnostics.filter((d) => d.severity === 'error');
  }
  assert.fail('expected the loader to fail');
}

test('the built-in profiles carry the feature sets of meta-galileo and the talk budgets', async () => {
  const things = await loadProfile('internet-of-things');
  assert.deepEqual(things.kernel.features, [...MICRO, 'ftrace-disable', 'lto']);
  assert.equal(things.budget.kernelText, 766 * 1024);
  const pings = await loadProfile('internet-of-pings');
  assert.deepEqual(pings.extends, ['internet-of-things']);
  assert.deepEqual(pings.kernel.features, [...MICRO, 'inet-disable', 'ftrace-disable', 'lto']);
  assert.equal(pings.budget.kernelText, 620 * 1024);
  assert.equal(pings.machine, 'galileo');
  const just = await loadProfile('just-things');
  assert.deepEqual(just.kernel.features, [...MICRO, 'net-disable', 'ftrace-disable', 'lto']);
  assert.equal(just.budget.kernelText, 535 * 1024);
  assert.equal(pings.origins?.machine?.file.endsWith('internet-of-things.ini'), true);
});

test('the built-in manifests and machines load', async () => {
  const modern = await loadManifest('default');
  assert.equal(modern.release, 'wrynose');
  assert.deepEqual(modern.repos.map((r) => r.name), ['bitbake', 'openembedded-core', 'meta-yocto', 'meta-microyocto']);
  assert.deepEqual(modern.repos[0]!.layers, []);
  assert.equal(modern.repos[3]!.builtin, true);
  assert.ok(modern.repos[3]!.localPath?.endsWith(join('layers', 'meta-microyocto')));
  const daisy = await loadManifest('galileo-daisy');
  assert.equal(daisy.release, 'daisy');
  const galileo = daisy.repos.find((r) => r.url.includes('meta-galileo'));
  assert.equal(galileo?.name, 'meta-intel');
  assert.equal(galileo?.branch, 'daisy');
  const machine = await loadMachine('galileo');
  assert.equal(machine.kernelArch, 'i386');
  assert.ok(machine.wks?.endsWith('files/wic/micro-galileo.wks'));
  assert.equal(machine.cmdline, 'root=/dev/ram0 console=ttyS1,115200n8');
  assert.equal((await loadMachine('qemux86-64')).kernelArch, 'x86_64');
});

test('a malformed profile reports every problem at once, each with file:line', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, {
    'configs/profiles/bad.ini': [
      'description = broken on purpose', // 1
      'extends = internet-of-thing', // 2 unknown profile (typo)
      'machne = galileo', // 3 unknown key
      'distro = Poky Micro', // 4 bad value
      '[kernel]', // 5
      'features = proc-min-enable proc-min-enabel', // 6 unknown feature
      'fragments = missing.cfg', // 7 missing file
      '[budget]', // 8
      'kernel-text = lots', // 9 bad size
      'rootfs = 1M', // 10 fine
      'rootfs = 2M', // 11 duplicate key
      'no equals here', // 12 malformed
    ].join('\n'),
  });
  const file = join(ws, 'configs/profiles/bad.ini');
  const diags = await problems(() => loadProfile('bad', { workspaceDir: ws }));
  const byLine = diags.map((d) => `${d.line}:${d.code}`).sort();
  assert.deepEqual(byLine, ['11:duplicate-key', '12:malformed-line', '2:extends-not-found', '3:unknown-key', '4:bad-value', '6:unknown-feature', '7:missing-fragment', '9:bad-value'].sort());
  for (const d of diags) assert.equal(d.file, file);
  const text = (code: string): string => diags.find((d) => d.code === code)!.message;
  assert.match(text('unknown-key'), /'machne'.*did you mean 'machine'/);
  assert.match(text('extends-not-found'), /did you mean 'internet-of-things'/);
  assert.match(text('unknown-feature'), /'proc-min-enabel'.*did you mean 'proc-min-enable'/);
});

test('an extends cycle is reported at the extends line that closes it', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, { 'configs/profiles/a.ini': 'extends = b\n', 'configs/profiles/b.ini': '\nextends = a\n' });
  const diags = await problems(() => loadProfile('a', { workspaceDir: ws }));
  assert.equal(diags.length, 1);
  assert.equal(diags[0]!.code, 'extends-cycle');
  assert.equal(diags[0]!.file, join(ws, 'configs/profiles/b.ini'));
  assert.equal(diags[0]!.line, 2);
  assert.match(diags[0]!.message, /a -> b -> a/);
});

test('an unknown profile lists the known ones and suggests the nearest', async () => {
  await assert.rejects(loadProfile('internet-of-ping'), (error: unknown) => {
    assert.ok(error instanceof MicroyoctoError);
    assert.equal(error.code, 'PROFILE_NOT_FOUND');
    assert.match(error.message, /did you mean 'internet-of-pings'/);
    assert.match(error.hint ?? '', /internet-of-things.*just-things/);
    return true;
  });
});

test('workspace files are found first and may extend the built-in one of the same name', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, {
    'configs/profiles/internet-of-things.ini': 'extends = internet-of-things\nmachine = qemux86\n[kernel]\nfeatures:remove = lto\nfragments:append = extra.cfg\n[vars]\nEXTRA_X = "a;b"\n',
    'configs/profiles/extra.cfg': 'CONFIG_LOCALVERSION="-ws"\n',
  });
  const mine = await loadProfile('internet-of-things', { workspaceDir: ws });
  assert.equal(mine.file, join(ws, 'configs/profiles/internet-of-things.ini'));
  assert.equal(mine.machine, 'qemux86');
  assert.equal(mine.kernel.features.includes('lto'), false);
  assert.deepEqual(mine.kernel.fragments, [join(ws, 'configs/profiles/extra.cfg')]);
  assert.equal(mine.vars.EXTRA_X, 'a;b');
  assert.equal(mine.budget.kernelText, 766 * 1024, 'inherited from the built-in file');
  // The built-in internet-of-pings extends internet-of-things, which now means the workspace one.
  const pings = await loadProfile('internet-of-pings', { workspaceDir: ws });
  assert.equal(pings.machine, 'qemux86');
  assert.equal(pings.extends.length, 2);
});

test('the project file sets the default manifest and overrides the machine', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, { 'microyocto.ini': 'manifest = scarthgap\nprofile = just-things\nmachine = qemux86\nshallow = true\n[cache]\nsstate-mirrors[] = file://.* http://a/PATH\nsstate-mirrors[] = file://.* http://b/PATH\n' });
  const project = await loadProject(ws);
  assert.equal(project.profile, 'just-things');
  assert.equal(project.shallow, true);
  assert.deepEqual(project.caches.sstateMirrors, ['file://.*', 'http://a/PATH', 'file://.*', 'http://b/PATH']);
  const p = await loadProfile('just-things', { workspaceDir: ws, project });
  assert.equal(p.machine, 'qemux86');
  assert.equal(p.manifest, 'default', 'the profile names its manifest, which wins over the project default');
  const missing = await loadProject(tempDir(t));
  assert.equal(missing.manifest, 'default');
});

test('a malformed manifest reports each problem with file:line', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, {
    'configs/manifests/m.ini': ['release = rocky', '[repo.poky]', 'url = https://example.com/poky.git', 'comit = abc', '[repo.meta-x]', 'branch = main', 'commit = 1234', '[repo.other]', 'builtin = yes'].join('\n'),
  });
  const diags = await problems(() => loadManifest('m', { workspaceDir: ws }));
  const byLine = diags.map((d) => `${d.line}:${d.code}`);
  assert.deepEqual(byLine, ['1:bad-value', '4:unknown-key', '7:bad-value', '9:bad-value']);
  assert.match(diags[0]!.message, /expected a Yocto release codename/);
  assert.match(diags[1]!.message, /did you mean 'commit'/);
});

test('resolveProfile returns diagnostics instead of throwing', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, { 'p.ini': 'extends = just-things\n[kernel]\nfeatures:remove = not-there\nfeatures:append = lto\n' });
  const r = await resolveProfile({ file: join(ws, 'p.ini') }, { workspaceDir: ws });
  assert.ok(r.profile);
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['3:remove-absent', '4:duplicate-feature']);
});

test('a profile naming an unknown machine or manifest gets an error at that line with the nearest name', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, { 'configs/profiles/p.ini': 'extends = just-things\nmachine = galilleo\nmanifest = galileo-daisey\n' });
  const diags = await problems(() => loadProfile('p', { workspaceDir: ws }));
  assert.deepEqual(diags.map((d) => `${d.line}:${d.code}`), ['2:unknown-machine', '3:unknown-manifest']);
  assert.match(diags[0]!.message, /did you mean 'galileo'/);
  assert.match(diags[1]!.message, /did you mean 'galileo-daisy'/);
});
