// SPDX-License-Identifier: MIT
// `kernel size` end to end with a stand-in `make` on PATH (records argv, replays captured kbuild output).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterrupts } from '../../src/cli/context.js';
import { kbuildProgress, kernelMakeArgs } from '../../src/tools/make.js';
import { runMicroyocto } from '../helpers/cli.js';
import { FIXTURES, tempDir } from '../helpers/tmp.js';

const FP = join(FIXTURES, 'footprint');
const FRAG = join(FP, 'fragments');

interface Setup {
  dir: string;
  ksrc: string;
  root: string;
  env: Record<string, string | undefined>;
}

function setup(dir: string): Setup {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  copyFileSync(join(FP, 'fake-make.sh'), join(bin, 'make'));
  copyFileSync(join(FP, 'kbuild-vmlinux.log'), join(bin, 'kbuild-vmlinux.log'));
  copyFileSync(join(FP, 'new-32.o'), join(bin, 'vmlinux.elf'));
  const ksrc = join(dir, 'linux');
  mkdirSync(join(ksrc, 'scripts', 'kconfig'), { recursive: true });
  writeFileSync(join(ksrc, 'Makefile'), '# kernel\n');
  return { dir, ksrc, root: join(dir, 'cache'), env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir } };
}

const variant = (name: string, ...frags: string[]): string[] => ['--variant', `${name}=${frags.map((f) => join(FRAG, `${f}.cfg`)).join(',')}`];

test('make argv: out of tree, ARCH, allconfig, -j; kbuild lines become progress', () => {
  assert.deepEqual(kernelMakeArgs({ kernelSrc: '/k', buildDir: '/o', arch: 'i386', targets: ['allnoconfig'], jobs: 1, allconfig: '/o/f' }), ['-C', '/k', 'O=/o', 'ARCH=i386', 'KCONFIG_ALLCONFIG=/o/f', '-j1', 'allnoconfig']);
  assert.deepEqual(kernelMakeArgs({ kernelSrc: '/k', buildDir: '/o', arch: 'i386', targets: ['vmlinux'] }), ['-C', '/k', 'O=/o', 'ARCH=i386', '-j2', 'vmlinux']);
  assert.equal(kbuildProgress('  CC      kernel/fork.o'), 'CC kernel/fork.o');
  assert.equal(kbuildProgress("make[1]: Entering directory '/o'"), undefined);
});

test('two variants: configured from allnoconfig, built, measured, dropped symbols named, table printed', async (t) => {
  const s = setup(tempDir(t));
  const argv = ['kernel', 'size', '--kernel-src', s.ksrc, '--build-root', s.root, ...variant('things', 'micro', 'things'), ...variant('just-things', 'micro', 'just-things'), '--table'];
  const run = await runMicroyocto(argv, { cwd: s.dir, env: s.env });
  assert.equal(run.code, 0, run.stderr);
  const calls = readFileSync(join(s.root, 'things-i386', 'make-argv.log'), 'utf8').trim().split('\n');
  assert.deepEqual(calls, [
    `-C ${s.ksrc} O=${s.root}/things-i386 ARCH=i386 KCONFIG_ALLCONFIG=${s.root}/things-i386/microyocto-fragment.config -j1 allnoconfig`,
    `-C ${s.ksrc} O=${s.root}/things-i386 ARCH=i386 -j2 vmlinux`,
  ]);
  const merged = readFileSync(join(s.root, 'things-i386', 'microyocto-fragment.config'), 'utf8');
  assert.match(merged, /^CONFIG_INET=y$/m);
  // new-32.o measures 488/12/772 with binutils size (fixtures/footprint/size-32.txt).
  assert.match(run.stdout, /^\| things \| 488 \(0\) \| 12 \(0\) \| 772 \(1\) \| - \| .* \| PERF_EVENTS \| [\d.]+ s \|$/m);
  assert.match(run.stdout, /^\| just-things \| 488 /m);
  assert.match(run.stdout, /micro\.cfg:\d+: # CONFIG_PERF_EVENTS is not set -> CONFIG_PERF_EVENTS=y/);
  assert.match(run.stderr, /kernel-build|build vmlinux/);
});

test('a second run with the same fragments keeps the configuration and only runs make vmlinux', async (t) => {
  const s = setup(tempDir(t));
  const argv = ['kernel', 'size', '--kernel-src', s.ksrc, '--build-root', s.root, ...variant('jt', 'micro', 'just-things')];
  assert.equal((await runMicroyocto(argv, { cwd: s.dir, env: s.env })).code, 0);
  const again = await runMicroyocto(argv, { cwd: s.dir, env: s.env });
  assert.equal(again.code, 0);
  const calls = readFileSync(join(s.root, 'jt-i386', 'make-argv.log'), 'utf8').trim().split('\n');
  assert.equal(calls.length, 3);
  assert.match(calls[2]!, / -j2 vmlinux$/);
  assert.match(again.stdout, /^jt: text 488, data 12, bss 772, dec 1272/m);
});

test('--attribute builds without each feature in a folder seeded from the full build', async (t) => {
  const s = setup(tempDir(t));
  const argv = ['--json', 'kernel', 'size', '--kernel-src', s.ksrc, '--build-root', s.root, ...variant('things', 'micro', 'things', 'extra-packet'), '--attribute'];
  const run = await runMicroyocto(argv, { cwd: s.dir, env: s.env });
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { event: string; attribution: Array<{ feature: string; without: { name: string; fragments: string[] } }> };
  assert.equal(result.event, 'result');
  assert.deepEqual(result.attribution.map((a) => a.feature).sort(), ['extra-packet.cfg', 'things.cfg']);
  const withoutThings = readFileSync(join(s.root, 'things-without-things.cfg-i386', 'microyocto-fragment.config'), 'utf8');
  assert.doesNotMatch(withoutThings, /CONFIG_INET=y/);
  assert.match(withoutThings, /CONFIG_PACKET=y/);
  // Seeded by copying the full build: its make log starts with the full build's two calls.
  const calls = readFileSync(join(s.root, 'things-without-things.cfg-i386', 'make-argv.log'), 'utf8').trim().split('\n');
  assert.equal(calls.length, 4);
});

test('a failing make is TOOL_FAILED (exit 5) with the tail of its output', async (t) => {
  const s = setup(tempDir(t));
  mkdirSync(s.root, { recursive: true });
  writeFileSync(join(s.root, 'fail-build'), '');
  const run = await runMicroyocto(['kernel', 'size', '--kernel-src', s.ksrc, '--build-root', s.root, ...variant('jt', 'micro', 'just-things')], { cwd: s.dir, env: s.env });
  assert.equal(run.code, 5);
  assert.match(run.stderr, /TOOL_FAILED.*make failed with exit code 2/);
  assert.match(run.stderr, /error: expected ';'/);
});

test('Ctrl-C stops make (SIGTERM) and exits 130', async (t) => {
  const s = setup(tempDir(t));
  mkdirSync(s.root, { recursive: true });
  writeFileSync(join(s.root, 'slow-build'), '');
  const interrupts = createInterrupts();
  const running = runMicroyocto(['kernel', 'size', '--kernel-src', s.ksrc, '--build-root', s.root, ...variant('jt', 'micro', 'just-things')], { cwd: s.dir, env: s.env, interrupts });
  // Wait for the stand-in to reach its build (a marker file), then press Ctrl-C.
  for (let i = 0; i < 500 && !existsSync(join(s.root, 'build-started')); i++) await sleep(20);
  interrupts.fire();
  const run = await running;
  assert.equal(run.code, 130);
  assert.match(run.stderr, /INTERRUPTED.*make stopped/);
  assert.equal(existsSync(join(s.root, 'jt-i386', 'vmlinux')), false);
});

test('a kernel tree configured in place is refused before building', async (t) => {
  const s = setup(tempDir(t));
  writeFileSync(join(s.ksrc, '.config'), 'CONFIG_X=y\n');
  const run = await runMicroyocto(['kernel', 'size', '--kernel-src', s.ksrc, '--build-root', s.root, ...variant('jt', 'micro')], { cwd: s.dir, env: s.env });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /CONFIG_INVALID.*configured in place/);
});

test('--variant without fragments is a usage error', async (t) => {
  const s = setup(tempDir(t));
  const run = await runMicroyocto(['kernel', 'size', '--kernel-src', s.ksrc, '--variant', 'things'], { cwd: s.dir, env: s.env });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /USAGE.*expected NAME=FRAGMENT/);
});

test('--profile resolves the built-in profile and its kernel features to .cfg fragments', async (t) => {
  const s = setup(tempDir(t));
  const run = await runMicroyocto(['kernel', 'size', '--kernel-src', s.ksrc, '--build-root', s.root, '--profile', 'just-things'], { cwd: s.dir, env: s.env });
  assert.equal(run.code, 0, run.stderr);
  const merged = readFileSync(join(s.root, 'just-things-i386', 'microyocto-fragment.config'), 'utf8');
  assert.match(merged, /^# CONFIG_NET is not set$/m);
  assert.match(merged, /^# CONFIG_PRINTK is not set$/m);
  assert.match(run.stdout, /^ {2}fragments perf-disable\.cfg .*net-disable\.cfg/m);
  assert.match(run.stdout, /perf-disable\.cfg:\d+: # CONFIG_PERF_EVENTS is not set -> CONFIG_PERF_EVENTS=y/);
});

test('--attribute skips the build when removing a feature leaves the .config unchanged; --features narrows it', async (t) => {
  const s = setup(tempDir(t));
  writeFileSync(join(s.dir, 'noop.cfg'), '# asks for what micro.cfg already sets\nCONFIG_PROC_FS=y\n');
  const argv = ['--json', 'kernel', 'size', '--kernel-src', s.ksrc, '--build-root', s.root];
  const run = await runMicroyocto([...argv, '--variant', `x=${FRAG}/micro.cfg,noop.cfg,${FRAG}/things.cfg`, '--features', 'noop.cfg'], { cwd: s.dir, env: s.env });
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { attribution: Array<{ feature: string; cost: { text: number } }> };
  assert.deepEqual(result.attribution.map((a) => [a.feature, a.cost.text]), [['noop.cfg', 0]]);
  assert.match(run.stdout, /"event":"step-skipped","step":"kernel-build","reason":"the \.config is the same as x's"/);
  const calls = readFileSync(join(s.root, 'x-without-noop.cfg-i386', 'make-argv.log'), 'utf8').trim().split('\n');
  assert.equal(calls.length, 3); // the full build's two calls (seeded copy) + allnoconfig, no make vmlinux
  const bad = await runMicroyocto([...argv, '--variant', `x=${FRAG}/micro.cfg,noop.cfg`, '--features', 'nope.cfg'], { cwd: s.dir, env: s.env });
  assert.equal(bad.code, 2);
  assert.match(bad.stdout, /"code":"USAGE".*nope\.cfg is not a feature/);
});

test('--attribute reuses another variant built in the same run when the .config without a feature equals its', async (t) => {
  const s = setup(tempDir(t));
  const argv = ['kernel', 'size', '--kernel-src', s.ksrc, '--build-root', s.root, ...variant('things', 'micro', 'things'), ...variant('base', 'micro'), '--features', 'things.cfg'];
  const run = await runMicroyocto(argv, { cwd: s.dir, env: s.env });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^\| things\.cfg \| things \(without = base\) \| \+0 \(\+0\) /m);
  const calls = readFileSync(join(s.root, 'things-without-things.cfg-i386', 'make-argv.log'), 'utf8').trim().split('\n');
  assert.equal(calls.length, 3); // seeded copy's two calls + allnoconfig; no make vmlinux
});
