// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bitbakeArgs, bitbakeEnv, locateTools } from '../../../../src/core/bitbake/invocation.js';
import type { MachineSpec, Manifest, Profile, ProjectFile } from '../../../../src/core/model.js';
import { workspaceLayout } from '../../../../src/core/workspace/layout.js';
import { localConfVersion, overrideSyntax, passthroughVar, planBuildConfig, sstateMirrorEntry } from '../../../../src/core/workspace/build-config.js';
import { findLocalOverrides, scanConfAssignments } from '../../../../src/core/workspace/local-conf.js';
import { formatLock, parseLock, planPins } from '../../../../src/core/workspace/lock.js';
import { redactText } from '../../../../src/core/redact.js';
import { unifiedDiff } from '../../../../src/core/text-diff.js';
import { MicroyoctoError } from '../../../../src/core/errors.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

test('override syntax follows the release: colons from honister on, underscores before', () => {
  assert.equal(overrideSyntax('KERNEL_FEATURES:append:galileo', 'wrynose'), 'KERNEL_FEATURES:append:galileo');
  assert.equal(overrideSyntax('KERNEL_FEATURES:append:galileo', 'daisy'), 'KERNEL_FEATURES_append_galileo');
  assert.equal(overrideSyntax('KERNEL_FEATURES_append', 'scarthgap'), 'KERNEL_FEATURES:append');
  assert.equal(overrideSyntax('PREFERRED_PROVIDER_virtual/kernel', 'scarthgap'), 'PREFERRED_PROVIDER_virtual/kernel');
});

test('the passthrough variable and local.conf version follow the release', () => {
  assert.equal(passthroughVar('kirkstone'), 'BB_ENV_PASSTHROUGH_ADDITIONS');
  assert.equal(passthroughVar('daisy'), 'BB_ENV_EXTRAWHITE');
  assert.equal(localConfVersion('daisy'), '1');
  assert.equal(localConfVersion('wrynose'), '2');
});

test('a bare sstate mirror URL becomes a file://.* PATH mapping; a full mapping is kept', () => {
  assert.equal(sstateMirrorEntry('https://s.example/sstate/'), 'file://.* https://s.example/sstate/PATH;downloadfilename=PATH');
  assert.equal(sstateMirrorEntry('file://.* file:///srv/sstate/PATH'), 'file://.* file:///srv/sstate/PATH');
});

test('bitbake argv: -k and the targets, nothing else', () => {
  assert.deepEqual(bitbakeArgs({ targets: ['image-micro'] }), ['image-micro']);
  assert.deepEqual(bitbakeArgs({ targets: ['a', 'b'], keepGoing: true, task: 'fetch' }), ['-k', '-c', 'fetch', 'a', 'b']);
});

const split: Manifest = {
  name: 'm', description: '', release: 'wrynose', file: 'm.ini',
  repos: [
    { name: 'bitbake', url: 'u', branch: 'b', layers: [], mirrors: [] },
    { name: 'openembedded-core', url: 'u', branch: 'b', layers: ['meta'], mirrors: [] },
  ],
};

test('bitbake comes from the bitbake repo, or from the bitbake/ of a combined poky repo', () => {
  assert.deepEqual(locateTools(split, '/w/layers'), { bitbakeBin: '/w/layers/bitbake/bin', scripts: '/w/layers/openembedded-core/scripts' });
  const poky: Manifest = { ...split, release: 'daisy', repos: [{ name: 'poky', url: 'u', branch: 'daisy', layers: ['meta', 'meta-yocto'], mirrors: [] }] };
  assert.deepEqual(locateTools(poky, '/w/layers'), { bitbakeBin: '/w/layers/poky/bitbake/bin', scripts: '/w/layers/poky/scripts' });
});

test('the bitbake environment passes only the allowed variables of the caller', () => {
  const env = bitbakeEnv({ caller: { PATH: '/usr/bin', HOME: '/h', MACHINE: 'x', DISTRO: 'y', https_proxy: 'http://p:3128', AWS_SECRET: 's' }, buildDir: '/w/build/p', layersDir: '/w/layers', manifest: split, offline: true });
  assert.equal(env.PATH, '/w/layers/openembedded-core/scripts:/w/layers/bitbake/bin:/usr/bin');
  assert.equal(env.HOME, '/h');
  assert.equal(env.https_proxy, 'http://p:3128');
  assert.equal(env.BB_NO_NETWORK, '1');
  assert.equal(env.MACHINE, undefined);
  assert.equal(env.DISTRO, undefined);
  assert.equal(env.AWS_SECRET, undefined);
  assert.equal(env.BUILDDIR, '/w/build/p');
});

test('local.conf lines that replace, add to, or fail to change a profile variable are told apart', () => {
  const local = ['# MACHINE = "commented"', 'MACHINE = "qemux86-64"', 'DISTRO ?= "poky"', 'DL_DIR := "/x"', 'IMAGE_INSTALL:append = " foo"', 'SSTATE_DIR \\', '  += "/y"', 'OTHER = "1"'].join('\n');
  const o = findLocalOverrides(local, { MACHINE: 'galileo', DISTRO: 'poky-tiny', DL_DIR: '/d', IMAGE_INSTALL: 'busybox', SSTATE_DIR: '/s' });
  assert.deepEqual(o.map((x) => [x.line, x.name, x.kind]), [
    [2, 'MACHINE', 'replaces'],
    [3, 'DISTRO', 'no-effect'],
    [4, 'DL_DIR', 'replaces'],
    [5, 'IMAGE_INSTALL:append', 'appends'],
    [6, 'SSTATE_DIR', 'appends'],
  ]);
  assert.deepEqual(scanConfAssignments('export FOO = "bar"')[0], { line: 1, name: 'FOO', op: '=', value: 'bar' });
});

test('the lock refuses short SHAs and says which repo', () => {
  const bad = JSON.stringify({ version: 1, manifest: 'm', repos: { bitbake: { url: 'u', branch: 'b', commit: 'abc123' } } });
  assert.throws(() => parseLock(bad, 'microyocto.lock'), (e: unknown) => e instanceof MicroyoctoError && /microyocto\.lock: repos\.bitbake\.commit: expected a full 40-hex SHA, got "abc123"/.test(e.message));
  assert.throws(() => parseLock('{', 'microyocto.lock'), /microyocto\.lock: not valid JSON/);
});

test('pins come from the lock, then the manifest commit, then the branch head', () => {
  const m: Manifest = { ...split, repos: [...split.repos, { name: 'meta-x', url: 'u', branch: 'b', layers: ['.'], mirrors: [], commit: SHA_B }, { name: 'meta-microyocto', url: '', branch: '', layers: ['.'], mirrors: [], builtin: true }] };
  const lock = parseLock(formatLock({ version: 1, manifest: 'm', repos: { bitbake: { url: 'u', branch: 'b', commit: SHA_A } } }), 'l');
  assert.deepEqual(planPins(m, lock, 'l').map((p) => [p.repo.name, p.source, p.commit]), [
    ['bitbake', 'lock', SHA_A],
    ['openembedded-core', 'branch', undefined],
    ['meta-x', 'manifest', SHA_B],
  ]);
});

test('credentials are removed from URLs; ssh user names are kept', () => {
  assert.equal(redactText('fatal: https://bob:pw@host/r.git not found'), 'fatal: https://***@host/r.git not found');
  assert.equal(redactText('https://TOKEN@github.com/x'), 'https://***@github.com/x');
  assert.equal(redactText('ssh://git@host/r.git'), 'ssh://git@host/r.git');
  assert.equal(redactText('ssh://git:pw@host/r.git'), 'ssh://***@host/r.git');
});

test('the unified diff shows removed before added lines with context', () => {
  assert.equal(unifiedDiff('f', 'a\nb\nc\n', 'a\nB\nc\n'), '--- a/f\n+++ b/f\n a\n-b\n+B\n c\n');
  assert.equal(unifiedDiff('f', undefined, 'x\n'), '--- /dev/null\n+++ b/f\n+x\n');
  assert.equal(unifiedDiff('f', 'same\n', 'same\n'), '');
});

test('kernel features go to MICROYOCTO_KERNEL_FEATURES with meta-microyocto, else to the release-era KERNEL_FEATURES append', () => {
  const profile: Profile = {
    name: 'p', description: '', extends: [], manifest: 'm', machine: 'galileo', distro: 'poky-tiny', image: 'image-micro',
    kernel: { features: ['printk-disable', 'lto'], fragments: [], recipe: 'linux-yocto-tiny' }, vars: {}, budget: {}, file: 'p.ini',
  };
  const machine: MachineSpec = { name: 'galileo', description: '', bitbakeMachine: 'galileo', kernelArch: 'i386', file: 'g.ini' };
  const project: ProjectFile = { manifest: 'm', shallow: false, caches: { sstateMirrors: [] }, file: 'microyocto.ini' };
  const kernelFeatures = [
    { kernelFeature: 'features/microyocto/printk-disable.scc', path2014: 'cfg/printk-disable.scc' },
    { kernelFeature: 'features/microyocto/lto.scc', path2014: 'features/lto/lto.scc' },
  ];
  const layout = workspaceLayout('/ws', 'p');
  const withLayer: Manifest = { ...split, repos: [...split.repos, { name: 'meta-microyocto', url: '', branch: '', layers: ['.'], mirrors: [], builtin: true, localPath: '/pkg/layers/meta-microyocto' }] };
  const modern = planBuildConfig({ layout, manifest: withLayer, machine, profile, project, kernelFeatures });
  assert.match(modern.auto, /^MICROYOCTO_KERNEL_FEATURES = "features\/microyocto\/printk-disable\.scc features\/microyocto\/lto\.scc"$/m);
  assert.doesNotMatch(modern.auto, /^KERNEL_FEATURES/m);
  const daisy = planBuildConfig({ layout, manifest: { ...split, release: 'daisy' }, machine, profile, project, kernelFeatures });
  assert.doesNotMatch(daisy.auto, /MICROYOCTO_KERNEL_FEATURES/);
  assert.match(daisy.auto, /^KERNEL_FEATURES_append_galileo \+= "cfg\/printk-disable\.scc features\/lto\/lto\.scc"$/m);
  const honister = planBuildConfig({ layout, manifest: { ...split, release: 'honister' }, machine, profile, project, kernelFeatures });
  assert.match(honister.auto, /^KERNEL_FEATURES:append:galileo = " cfg\/printk-disable\.scc features\/lto\/lto\.scc"$/m);
});
