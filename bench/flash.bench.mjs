#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Flash throughput: `microyocto flash` vs `bmaptool copy`, same sparse image, same target.
// Target: a loop device when we are root with losetup (the real path: O_EXCL open, fsync every 6 MiB
// on a block device); otherwise a regular file, written through microyocto's writer directly (the CLI
// refuses regular files by design). Prints medians and the ratio (bmaptool time / microyocto time).
// Two images: `contiguous` (the mapped data in 4 MiB extents: 48 bmap ranges) and `fragmented` (64 KiB
// extents: ~3,000 ranges, closer to a real ext4 rootfs, where parsing the bmap and per-range work show).
// Env: FLASH_BENCH_MIB (image size, default 1024), FLASH_BENCH_MAPPED_MIB (default 192), FLASH_BENCH_RUNS
// (default 5), FLASH_BENCH_SCENARIOS (default `contiguous,fragmented`).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MiB = 1 << 20;
const SIZE = Number(process.env.FLASH_BENCH_MIB ?? 1024) * MiB;
const MAPPED = Number(process.env.FLASH_BENCH_MAPPED_MIB ?? 192) * MiB;
const RUNS = Number(process.env.FLASH_BENCH_RUNS ?? 5);

if (spawnSync('bmaptool', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('bmaptool not installed: skipped (apt-get install bmap-tools)');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'microyocto-flash-bench-'));
let loop;
const cleanup = () => {
  if (loop) spawnSync('losetup', ['--detach', loop]);
  rmSync(dir, { recursive: true, force: true });
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

// A wic-like sparse image: a partition table, a boot area, then file data scattered in extents.
function makeImage(name, extentBytes) {
  const image = join(dir, `${name}.wic`);
  const fd = openSync(image, 'w');
  ftruncateSync(fd, SIZE);
  const extents = Math.max(1, Math.floor(MAPPED / extentBytes));
  const unit = SIZE / extents >= MiB ? MiB : 4096;
  const stride = Math.floor(SIZE / extents / unit) * unit;
  const chunk = Buffer.alloc(extentBytes);
  for (let i = 0; i < extents; i++) {
    for (let o = 0; o < chunk.length; o += 32) createHash('sha256').update(`${i}:${o}`).digest().copy(chunk, o);
    writeSync(fd, chunk, 0, chunk.length, i * stride);
  }
  closeSync(fd);
  if (spawnSync('bmaptool', ['create', '-o', `${image}.bmap`, image]).status !== 0) throw new Error('bmaptool create failed');
  return image;
}
const backing = join(dir, 'card.img');
spawnSync('truncate', ['-s', String(SIZE + 64 * MiB), backing]);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && spawnSync('losetup', ['--version'], { stdio: 'ignore' }).status === 0) {
  const r = spawnSync('losetup', ['--find', '--show', '--', backing], { encoding: 'utf8' });
  if (r.status === 0) loop = r.stdout.trim();
}
const target = loop ?? backing;
const bin = join(ROOT, 'bin/microyocto.cjs');

function time(file, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, args, { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return ms;
}

const writerScript = join(dir, 'write.mjs');
// NOTE: the writer API path (no root) still parses the bmap and hashes every range like the CLI.
{
  const fd = openSync(writerScript, 'w');
  writeSync(fd, `
import { open } from 'node:fs/promises';
import { resolveImage } from ${JSON.stringify(join(ROOT, 'dist/src/flash/image.js'))};
import { writeImage } from ${JSON.stringify(join(ROOT, 'dist/src/flash/writer.js'))};
const image = await resolveImage({ image: process.argv[2], cwd: '.' });
const fh = await open(process.argv[3], 'r+');
await writeImage(image, fh, { verify: true, hashForReadBack: false, signal: new AbortController().signal, onProgress() {}, env: process.env });
await fh.close();
`);
  closeSync(fd);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const SCENARIOS = { contiguous: 4 * MiB, fragmented: 64 * 1024 };
const picked = (process.env.FLASH_BENCH_SCENARIOS ?? 'contiguous,fragmented').split(',').filter((n) => n in SCENARIOS);
console.log(`image ${SIZE / MiB} MiB, target ${loop ? `loop device ${loop}` : 'regular file (writer API)'}, ${RUNS} runs each, interleaved, whole command timed`);
for (const name of picked) {
  const image = makeImage(name, SCENARIOS[name]);
  const bmap = `${image}.bmap`;
  const bmapText = spawnSync('cat', [bmap], { encoding: 'utf8' }).stdout;
  const ours = loop
    ? () => time(process.execPath, [bin, 'flash', loop, '--image', image, '--allow-loop', '--yes', '--expect-size', String(SIZE + 64 * MiB), '-q'])
    : () => time(process.execPath, [writerScript, image, backing]);
  const theirs = () => time('bmaptool', ['-q', 'copy', '--bmap', bmap, image, target]);
  const a = [];
  const b = [];
  ours(); // warm-up: both read the image from the page cache afterwards
  theirs();
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      a.push(ours());
      b.push(theirs());
    } else {
      b.push(theirs());
      a.push(ours());
    }
  }
  const mapped = Number(/<MappedBlocksCount>\s*(\d+)/.exec(bmapText)[1]) * 4096;
  const ranges = (bmapText.match(/<Range\b/g) ?? []).length;
  const rate = (ms) => `${((mapped / MiB) / (ms / 1000)).toFixed(0)} MiB/s`;
  console.log(`\n${name}: mapped ${(mapped / MiB).toFixed(0)} MiB in ${ranges} bmap ranges`);
  console.log(`microyocto flash  median ${median(a).toFixed(0)} ms  (${rate(median(a))})  runs ${a.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`bmaptool copy     median ${median(b).toFixed(0)} ms  (${rate(median(b))})  runs ${b.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`ratio bmaptool/microyocto: ${(median(b) / median(a)).toFixed(2)}x (>1 means microyocto is faster)`);
  rmSync(image, { force: true });
  rmSync(bmap, { force: true });
}
