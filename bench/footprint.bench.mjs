#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// size / size diff vs binutils size and the kernel's scripts/bloat-o-meter, whole process, side by side.
// Inputs: MICROYOCTO_VMLINUX=a/vmlinux:b/vmlinux (real kernels) and KSRC=<kernel tree> for bloat-o-meter;
// without them the fixture objects are used and bloat-o-meter is skipped. BENCH_RUNS (default 7).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/microyocto.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const kernels = (process.env.MICROYOCTO_VMLINUX ?? '').split(':').filter((f) => f && existsSync(f));
const [a, b] = kernels.length >= 2 ? kernels : [join(ROOT, 'test/fixtures/footprint/old-64.o'), join(ROOT, 'test/fixtures/footprint/new-64.o')];
const ksrc = process.env.KSRC ?? '';
const bloat = join(ksrc, 'scripts/bloat-o-meter');

function median(cmd, args) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)];
}

console.log(`inputs: ${a} ${b} (${RUNS} runs each, median wall time of the whole process)`);
const rows = [];
const ours = median(process.execPath, [BIN, 'size', a, b]);
const theirs = median('size', [a, b]);
rows.push(['size A B', ours, theirs, 'binutils size']);
const oursDiff = median(process.execPath, [BIN, 'size', 'diff', a, b]);
if (ksrc && existsSync(bloat)) rows.push(['size diff A B', oursDiff, median('python3', [bloat, a, b]), 'bloat-o-meter']);
else rows.push(['size diff A B', oursDiff, undefined, 'bloat-o-meter skipped (set KSRC)']);
for (const [task, o, t, ref] of rows) {
  const ratio = t === undefined ? '' : `  ratio ${(o / t).toFixed(2)}x (${o < t ? 'faster' : 'slower'})`;
  console.log(`${task.padEnd(14)} microyocto ${o.toFixed(1)} ms   ${ref} ${t === undefined ? '-' : `${t.toFixed(1)} ms`}${ratio}`);
}
