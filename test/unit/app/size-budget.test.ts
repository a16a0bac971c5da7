// SPDX-License-Identifier: MIT
// Budgets: a profile's [budget] against the artifacts in deploy/<profile>/.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findDeployArtifacts, runSize } from '../../../src/app/size.js';
import type { Profile, SizeBudget } from '../../../src/core/model.js';
import { runMicroyocto } from '../../helpers/cli.js';
import { writeKernelArtifacts } from '../../helpers/kernel-artifacts.js';
import { tempDir } from '../../helpers/tmp.js';

function profile(budget: SizeBudget): Profile {
  return {
    name: 'tiny',
    description: 'test profile',
    extends: [],
    manifest: 'default',
    machine: 'qemux86',
    distro: 'poky-micro',
    image: 'image-micro',
    kernel: { features: [], fragments: [], recipe: 'linux-yocto-tiny' },
    vars: {},
    budget,
    file: '/profiles/tiny.ini',
  };
}

// deploy/tiny/ with an ELF "vmlinux" (the 64-bit fixture object: a few hundred bytes of text),
// a 3000-byte bzImage and a 500-byte gzip rootfs.
function workspace(dir: string): void {
  const deploy = join(dir, 'deploy', 'tiny');
  writeKernelArtifacts(deploy);
  const gz = new Uint8Array(500);
  gz.set([0x1f, 0x8b]);
  writeFileSync(join(deploy, 'image-micro-qemux86.rootfs.cpio.gz'), gz);
  writeFileSync(join(deploy, 'README.txt'), 'not an artifact');
}

test('deploy artifacts are found by name, the README is not', async (t) => {
  const dir = tempDir(t);
  workspace(dir);
  assert.deepEqual(await findDeployArtifacts('deploy/tiny', dir), ['deploy/tiny/bzImage', 'deploy/tiny/vmlinux', 'deploy/tiny/image-micro-qemux86.rootfs.cpio.gz']);
});

test('within budget: --check passes and every budget is reported ok', async (t) => {
  const dir = tempDir(t);
  workspace(dir);
  const outcome = await runSize({ files: [], profile: 'tiny', check: true, cwd: dir, loadProfile: async () => profile({ kernelText: 5000, kernelImage: 3000, rootfs: 600 }) });
  assert.equal(outcome.error, undefined);
  assert.deepEqual(outcome.budget?.map((l) => [l.key, l.status]), [
    ['kernelText', 'ok'],
    ['kernelImage', 'ok'],
    ['rootfs', 'ok'],
  ]);
});

test('over budget: BUDGET_EXCEEDED (exit 3) with one line per exceeded budget', async (t) => {
  const dir = tempDir(t);
  workspace(dir);
  const outcome = await runSize({
    files: [],
    profile: 'tiny',
    check: true,
    cwd: dir,
    loadProfile: async () => profile({ kernelText: 100, kernelData: 1000, kernelImage: 2999, rootfs: 600, image: 10 }),
  });
  const text = outcome.budget!.find((l) => l.key === 'kernelText')!.actual!;
  assert.ok(text > 100);
  assert.equal(outcome.error?.code, 'BUDGET_EXCEEDED');
  assert.equal(outcome.error?.exitCode, 3);
  const lines = outcome.error!.message.split('\n');
  assert.equal(lines.length, 2);
  assert.equal(lines[0], `budget tiny.kernelText exceeded: deploy/tiny/vmlinux is ${text} bytes, budget 100 (+${text - 100} bytes, +${(((text - 100) * 100) / 100).toFixed(1)}%)`);
  assert.match(lines[1]!, /^budget tiny\.kernelImage exceeded: deploy\/tiny\/bzImage is 3000 bytes, budget 2999 \(\+1 bytes/);
  assert.match(outcome.text, /image\s+-\s+\/\s+10\s+not measured/);
});

test('without --check an exceeded budget is reported but does not fail', async (t) => {
  const dir = tempDir(t);
  workspace(dir);
  const outcome = await runSize({ files: [], profile: 'tiny', check: false, cwd: dir, loadProfile: async () => profile({ kernelText: 1 }) });
  assert.equal(outcome.error, undefined);
  assert.match(outcome.text, /kernelText\s+\d+ \/\s+1\s+EXCEEDED/);
});

test('a profile without artifacts says which folder it looked in', async (t) => {
  const dir = tempDir(t);
  await assert.rejects(runSize({ files: [], profile: 'tiny', check: true, cwd: dir, loadProfile: async () => profile({}) }), /no build artifacts .* in deploy\/tiny/);
});

test('size --check without --profile is a usage error', async (t) => {
  const run = await runMicroyocto(['size', '--check', 'x'], { cwd: tempDir(t) });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /USAGE.*--check needs --profile/);
});

test("the rootfs by package comes from buildhistory's installed-package-sizes.txt when the build wrote one", async (t) => {
  const dir = tempDir(t);
  workspace(dir);
  const hist = join(dir, 'build', 'tiny', 'buildhistory', 'images', 'qemux86', 'musl', 'image-micro');
  mkdirSync(hist, { recursive: true });
  writeFileSync(join(hist, 'installed-package-sizes.txt'), '612\tKiB\tbusybox\n1480\tKiB\tmusl\n8\tKiB base-files\nnot a line\n');
  const outcome = await runSize({ files: [], profile: 'tiny', check: false, cwd: dir, loadProfile: async () => profile({}) });
  assert.deepEqual(outcome.packages, [
    { name: 'musl', kib: 1480 },
    { name: 'busybox', kib: 612 },
    { name: 'base-files', kib: 8 },
  ]);
  assert.match(outcome.text, /rootfs by package \(build\/tiny\/buildhistory\/images\/qemux86\/musl\/image-micro\/installed-package-sizes\.txt\): 3 packages, 2100 KiB installed\n\s+1480 KiB\s+70\.5%\s+musl\n/);
  assert.equal(outcome.diagnostics.length, 1);
  assert.equal(outcome.diagnostics[0]!.line, 4);
});

test('size --profile --check with a workspace profile: artifacts found in bitbake deploy/images, exit 3 over budget', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'configs', 'profiles'), { recursive: true });
  writeFileSync(join(dir, 'configs', 'profiles', 'tight.ini'), 'description = a tight budget\nextends = just-things\n\n[budget]\nkernel-text = 100\nkernel-image = 8M\n');
  const images = join(dir, 'build', 'tight', 'tmp', 'deploy', 'images', 'qemux86');
  writeKernelArtifacts(images);
  copyFileSync(join(images, 'vmlinux'), join(images, 'vmlinux-6.1-r0-qemux86-20260101.bin'));
  copyFileSync(join(images, 'bzImage'), join(images, 'bzImage--6.1-r0-qemux86-20260101.bin'));
  const over = await runMicroyocto(['size', '--profile', 'tight', '--check'], { cwd: dir });
  assert.equal(over.code, 3, over.stderr);
  assert.match(over.stderr, /BUDGET_EXCEEDED.*budget tight\.kernelText exceeded: build\/tight\/tmp\/deploy\/images\/qemux86\/vmlinux is 438 bytes, budget 100/);
  assert.doesNotMatch(over.stderr, /kernelImage exceeded/);
  // The stable names were measured, not the timestamped copies.
  assert.match(over.stdout, /\tbuild\/tight\/tmp\/deploy\/images\/qemux86\/vmlinux\n/);
  assert.doesNotMatch(over.stdout, /20260101/);
  const plain = await runMicroyocto(['size', '--profile', 'tight'], { cwd: dir });
  assert.equal(plain.code, 0);
});
