// SPDX-License-Identifier: MIT
// --partition on a real loop device with a partition table (root, losetup, parted and partx needed;
// skips cleanly elsewhere): only the partition is written, the table and the other partition stay.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runMicroyocto } from '../../helpers/cli.js';
import { BMAP_FIXTURES, recipe, writeSparseImage } from '../../helpers/sparse-image.js';
import { tempDir } from '../../helpers/tmp.js';

const MiB = 1024 * 1024;

function unavailable(): string | false {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'needs root';
  if (process.env.MICROYOCTO_NO_LOOP) return 'MICROYOCTO_NO_LOOP is set';
  for (const tool of ['losetup', 'parted', 'partx']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) return `${tool} not available`;
  }
  return false;
}
const SKIP = unavailable();

function readAt(path: string, offset: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  const fd = openSync(path, constants.O_RDONLY);
  try {
    readSync(fd, out, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  return out;
}

// A 16 MiB disk image with an MBR, partition 1 at 1-6 MiB (filled with 0xa5) and partition 2 at
// 6-15 MiB, attached with partitions; /dev/<loop>p2, made with mknod if no udev made it.
function partitionedLoop(t: TestContext, dir: string): { disk: string; part: string; backing: string } | string {
  const backing = join(dir, 'disk.img');
  execFileSync('truncate', ['-s', '16M', backing]);
  if (spawnSync('parted', ['-s', backing, 'mklabel', 'msdos', 'mkpart', 'primary', '1MiB', '6MiB', 'mkpart', 'primary', '6MiB', '15MiB']).status !== 0) return 'parted failed';
  const fd = openSync(backing, 'r+');
  try {
    writeSync(fd, Buffer.alloc(5 * MiB, 0xa5), 0, 5 * MiB, 1 * MiB);
  } finally {
    closeSync(fd);
  }
  const r = spawnSync('losetup', ['--find', '--show', '--partscan', '--', backing], { encoding: 'utf8' });
  if (r.status !== 0) return 'no free loop device';
  const disk = r.stdout.trim();
  t.after(() => void spawnSync('losetup', ['--detach', disk]));
  const name = `${basename(disk)}p2`;
  // NOTE: without udev the kernel may not have scanned the table yet; partx asks it to (harmless if it has).
  spawnSync('partx', ['-a', '--', disk], { stdio: 'ignore' });
  const devFile = `/sys/class/block/${name}/dev`;
  if (!existsSync(devFile)) return 'the kernel did not expose the loop partitions';
  const part = `/dev/${name}`;
  if (!existsSync(part)) {
    const [major, minor] = readFileSync(devFile, 'utf8').trim().split(':');
    if (spawnSync('mknod', ['-m', '600', part, 'b', major!, minor!]).status !== 0) return `no ${part} and mknod failed`;
    t.after(() => rmSync(part, { force: true }));
  }
  return { disk, part, backing };
}

test('--partition writes only the partition of a real loop disk: table and the other partition untouched, read back identical', { skip: SKIP }, async (t) => {
  const dir = tempDir(t);
  const image = join(dir, 'small.img');
  writeSparseImage('small', image);
  writeFileSync(join(dir, 'small.img.bmap'), readFileSync(join(BMAP_FIXTURES, 'small.bmap')));
  const loop = partitionedLoop(t, dir);
  if (typeof loop === 'string') return t.skip(loop);
  const mbr = readAt(loop.backing, 0, 512);
  const refused = await runMicroyocto(['flash', loop.part, '--image', image, '--allow-loop', '--yes', '--expect-size', '9M'], { cwd: dir });
  assert.equal(refused.code, 7);
  assert.match(refused.stderr, new RegExp(`${loop.part} is a partition of ${loop.disk}; .*hint: use ${loop.disk}, or pass --partition`, 's'));
  const run = await runMicroyocto(['flash', loop.part, '--partition', '--image', image, '--allow-loop', '--yes', '--expect-size', '9M', '--read-back'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, new RegExp(`partition {2}number 2 of ${loop.disk} `));
  assert.match(run.stderr, /read back 607208 bytes: identical/);
  const size = recipe('small').size;
  assert.ok(readAt(loop.backing, 6 * MiB, size).equals(readFileSync(image)), 'partition 2 holds the image byte for byte');
  assert.ok(readAt(loop.backing, 0, 512).equals(mbr), 'the partition table is untouched');
  assert.ok(readAt(loop.backing, 1 * MiB, 5 * MiB).equals(Buffer.alloc(5 * MiB, 0xa5)), 'partition 1 is untouched');
});
