// SPDX-License-Identifier: MIT
// `kernel size` on a real kernel tree (slow: a full i386 build, minutes). Run with
// `KSRC=/path/to/clean/linux-6.1 npm run test:slow`; MICROYOCTO_SLOW_BUILD_ROOT keeps the builds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterrupts } from '../../src/cli/context.js';
import { runMicroyocto } from '../helpers/cli.js';
import { FIXTURES, tempDir } from '../helpers/tmp.js';

const KSRC = process.env.KSRC;
const skip = process.env.MICROYOCTO_SLOW !== '1' ? 'slow suite (npm run test:slow)' : KSRC === undefined || !existsSync(join(KSRC, 'Makefile')) ? 'set KSRC to a clean kernel tree' : false;
const FRAG = join(FIXTURES, 'footprint', 'fragments');
const env = { PATH: process.env.PATH, HOME: process.env.HOME };

interface ResultLine {
  event: string;
  variants: Array<{ name: string; buildDir: string; sizes: { text: number; data: number; bss: number }; dropped: Array<{ symbol: string }> }>;
}

function lastResult(stdout: string): ResultLine {
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ResultLine;
}

test('just-things builds, measures like binutils size, names the symbols x86 forces on, then rebuilds incrementally', { skip, timeout: 3_600_000 }, async (t) => {
  const root = process.env.MICROYOCTO_SLOW_BUILD_ROOT ?? tempDir(t);
  const argv = ['--json', 'kernel', 'size', '--kernel-src', KSRC!, '--build-root', root, '--variant', `just-things=${FRAG}/micro.cfg,${FRAG}/just-things.cfg`];
  const first = await runMicroyocto(argv, { cwd: root, env });
  assert.equal(first.code, 0, first.stderr);
  const r = lastResult(first.stdout).variants[0]!;
  const size = execFileSync('size', [join(r.buildDir, 'vmlinux')], { encoding: 'utf8' }).split('\n')[1]!.trim().split(/\s+/).map(Number);
  assert.deepEqual([r.sizes.text, r.sizes.data, r.sizes.bss], size.slice(0, 3));
  assert.deepEqual(r.dropped.map((d) => d.symbol).sort(), ['PERF_EVENTS', 'X86_FEATURE_NAMES']);
  const again = await runMicroyocto(argv, { cwd: root, env });
  assert.equal(again.code, 0);
  const compiled = again.stdout.split('\n').filter((l) => l.includes('"event":"progress"') && l.includes('"message":"CC ')).length;
  assert.ok(compiled < 20, `an unchanged rebuild compiled ${compiled} files`);
  assert.deepEqual(lastResult(again.stdout).variants[0]!.sizes, r.sizes);
});

test('Ctrl-C during a real build stops make and exits 130', { skip, timeout: 600_000 }, async (t) => {
  const root = tempDir(t);
  const interrupts = createInterrupts();
  const run = runMicroyocto(['kernel', 'size', '--kernel-src', KSRC!, '--build-root', root, '--variant', `jt=${FRAG}/micro.cfg`], { cwd: root, env, interrupts });
  // make vmlinux has started once syncconfig wrote autoconf.h; give it a few objects more.
  const started = join(root, 'jt-i386', 'include', 'generated', 'autoconf.h');
  for (let i = 0; i < 6000 && !existsSync(started); i++) await sleep(100);
  const initDir = join(root, 'jt-i386', 'init');
  for (let i = 0; i < 600 && !(existsSync(initDir) && readdirSync(initDir).some((f) => f.endsWith('.o'))); i++) await sleep(100);
  interrupts.fire();
  const result = await run;
  assert.equal(result.code, 130);
  const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(`O=${root}/jt-i386`));
  assert.deepEqual(left, []);
});
