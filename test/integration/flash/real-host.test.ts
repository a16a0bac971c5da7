// SPDX-License-Identifier: MIT
// The real host (no injection): typos and regular files are refused without creating anything; and,
// where we are root with losetup, real loop devices: refused when mounted or claimed, flashed sparse
// and read back identical. The loop tests skip cleanly elsewhere.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runMicroyocto } from '../../helpers/cli.js';
import { BMAP_FIXTURES, recipe, writeSparseImage } from '../../helpers/sparse-image.js';
import { tempDir } from '../../helpers/tmp.js';

function imageIn(t: TestContext): { dir: string; image: string } {
  const dir = tempDir(t);
  const image = join(dir, 'small.img');
  writeSparseImage('small', image);
  writeFileSync(join(dir, 'small.img.bmap'), readFileSync(join(BMAP_FIXTURES, 'small.bmap')));
  return { dir, image };
}

test('a typo under /dev is refused and no file is created there (bmaptool would create one)', async (t) => {
  const typo = '/dev/sdzz9';
  if (existsSync(typo)) return t.skip(`${typo} exists on this machine`);
  const { dir, image } = imageIn(t);
  const run = await runMicroyocto(['flash', typo, '--image', image, '--yes', '--expect-size', '1'], { cwd: dir });
  assert.equal(run.code, 7);
  assert.match(run.stderr, /✖ DEVICE_NOT_FOUND {2}refusing to flash \/dev\/sdzz9: \/dev\/sdzz9 does not exist \(nothing will be created\)/);
  assert.equal(existsSync(typo), false);
});

test('a regular file is not a block device and is left untouched', async (t) => {
  const { dir, image } = imageIn(t);
  const file = join(dir, 'card.bin');
  writeFileSync(file, 'keep me');
  const run = await runMicroyocto(['flash', file, '--image', image, '--yes', '--expect-size', '7'], { cwd: dir });
  assert.equal(run.code, 7);
  assert.match(run.stderr, /is a regular file, not a block device/);
  assert.equal(readFileSync(file, 'utf8'), 'keep me');
});

// Root, losetup, and a free loop device: otherwise the loop tests skip.
function loopUnavailable(): string | false {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'needs root';
  if (process.env.MICROYOCTO_NO_LOOP) return 'MICROYOCTO_NO_LOOP is set';
  const r = spawnSync('losetup', ['--version'], { stdio: 'ignore' });
  if (r.status !== 0) return 'losetup not available';
  return false;
}
const SKIP = loopUnavailable();

// Attach a backing file; detached again (by its own name) when the test ends.
function attachLoop(t: TestContext, backing: string): string | undefined {
  const r = spawnSync('losetup', ['--find', '--show', '--', backing], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const dev = r.stdout.trim();
  t.after(() => void spawnSync('losetup', ['--detach', dev]));
  return dev;
}

test('a full sparse flash to a real loop device reads back identical, byte for byte', { skip: SKIP }, async (t) => {
  const { dir, image } = imageIn(t);
  const backing = join(dir, 'card.img');
  writeFileSync(backing, Buffer.alloc(0));
  execFileSync('truncate', ['-s', '8M', backing]);
  const dev = attachLoop(t, backing);
  if (!dev) return t.skip('no free loop device');
  const refused = await runMicroyocto(['flash', dev, '--image', image, '--yes', '--expect-size', '8M'], { cwd: dir });
  assert.equal(refused.code, 7, 'a loop device needs --allow-loop');
  assert.match(refused.stderr, /is a loop device/);
  const run = await runMicroyocto(['flash', dev, '--image', image, '--allow-loop', '--yes', '--expect-size', '8M', '--read-back'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /read back 607208 bytes: identical/);
  const size = recipe('small').size;
  const onDevice = Buffer.alloc(size);
  const fd = openSync(dev, constants.O_RDONLY);
  try {
    readSync(fd, onDevice, 0, size, 0);
  } finally {
    closeSync(fd);
  }
  assert.ok(onDevice.equals(readFileSync(image)), 'the device holds the image byte for byte');
});

test('a mounted loop device is refused with its mount point; --unmount unmounts it and flashes', { skip: SKIP }, async (t) => {
  const { dir, image } = imageIn(t);
  const backing = join(dir, 'fs.img');
  execFileSync('truncate', ['-s', '8M', backing]);
  if (spawnSync('mkfs.ext4', ['-q', '-F', backing]).status !== 0) return t.skip('mkfs.ext4 not available');
  const dev = attachLoop(t, backing);
  if (!dev) return t.skip('no free loop device');
  const mnt = join(dir, 'mnt');
  mkdirSync(mnt);
  if (spawnSync('mount', ['--', dev, mnt]).status !== 0) return t.skip('cannot mount here');
  t.after(() => void spawnSync('umount', ['--', mnt]));
  const run = await runMicroyocto(['flash', dev, '--image', image, '--allow-loop', '--yes', '--expect-size', '8M'], { cwd: dir });
  assert.equal(run.code, 7);
  assert.match(run.stderr, new RegExp(`✖ DEVICE_BUSY {2}refusing to flash ${dev}: mounted: ${dev} on ${mnt}`));
  const again = await runMicroyocto(['flash', dev, '--image', image, '--allow-loop', '--yes', '--expect-size', '8M', '--unmount'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, new RegExp(`umount ${mnt}`));
  assert.equal(readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${mnt} `), false);
});

test('a loop device another process holds exclusively is refused by the O_EXCL open', { skip: SKIP }, async (t) => {
  const { dir, image } = imageIn(t);
  const backing = join(dir, 'card.img');
  execFileSync('truncate', ['-s', '8M', backing]);
  const dev = attachLoop(t, backing);
  if (!dev) return t.skip('no free loop device');
  const holder = openSync(dev, constants.O_RDONLY | constants.O_EXCL);
  t.after(() => closeSync(holder));
  const run = await runMicroyocto(['flash', dev, '--image', image, '--allow-loop', '--yes', '--expect-size', '8M'], { cwd: dir });
  assert.equal(run.code, 7);
  assert.match(run.stderr, /✖ DEVICE_BUSY {2}.* is busy: the kernel refused an exclusive open/);
});

test('without root, flash says the write needs root instead of failing on EACCES', { skip: SKIP || (spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status !== 0 ? 'setpriv not available' : false) }, async (t) => {
  const { dir, image } = imageIn(t);
  const backing = join(dir, 'card.img');
  execFileSync('truncate', ['-s', '8M', backing]);
  const dev = attachLoop(t, backing);
  if (!dev) return t.skip('no free loop device');
  chmodSync(dir, 0o755);
  chmodSync(image, 0o644);
  const bin = new URL('../../../../bin/microyocto.cjs', import.meta.url).pathname;
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, 'flash', dev, '--image', image, '--allow-loop', '--yes', '--expect-size', '8M'], { encoding: 'utf8', cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  assert.equal(r.status, 7, r.stderr);
  assert.match(r.stderr, new RegExp(`✖ PERMISSION_DENIED {2}refusing to flash ${dev}: writing ${dev} needs root`));
  assert.match(r.stderr, /hint: run the flash step with sudo/);
});
