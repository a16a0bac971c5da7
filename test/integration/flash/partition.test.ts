// SPDX-License-Identifier: MIT
// --partition (flash-safety.md rule 2: partitions only when asked explicitly) on the fixture machines:
// the whole disk must still pass the rules about what the disk is, the partition those about what it
// holds, and the confirmation says which disk the partition belongs to.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runMicroyocto } from '../../helpers/cli.js';
import { fixtureHost } from '../../helpers/flash-host.js';
import { BMAP_FIXTURES, writeSparseImage } from '../../helpers/sparse-image.js';
import { tempDir } from '../../helpers/tmp.js';

/** sdb2 of the fixture card: 29360128 sectors (sys/class/block/sdb2/size). */
const SDB2_BYTES = 29360128 * 512;

function setup(t: TestContext): { dir: string; image: string; target: string } {
  const dir = tempDir(t);
  const image = join(dir, 'small.img');
  writeSparseImage('small', image);
  writeFileSync(join(dir, 'small.img.bmap'), readFileSync(join(BMAP_FIXTURES, 'small.bmap')));
  const target = join(dir, 'partition.bin');
  writeFileSync(target, Buffer.alloc(16));
  return { dir, image, target };
}

test('without --partition a partition is refused, and the hint names --partition', async (t) => {
  const ws = setup(t);
  const host = fixtureHost('usb-card', { targetFile: ws.target });
  const run = await runMicroyocto(['flash', '/dev/sdb2', '--image', ws.image, '--yes', '--expect-size', String(SDB2_BYTES)], { cwd: ws.dir, flashHost: host });
  assert.equal(run.code, 7);
  assert.match(run.stderr, /✖ DEVICE_UNSAFE {2}refusing to flash \/dev\/sdb2: \/dev\/sdb2 is a partition of \/dev\/sdb/);
  assert.match(run.stderr, /hint: use \/dev\/sdb, or pass --partition to write only this partition/);
  assert.deepEqual(host.opened, []);
});

test('--partition writes the partition after a confirmation that names its disk; default No writes nothing', async (t) => {
  for (const [answer, written] of [['', false], ['y', true]] as const) {
    const ws = setup(t);
    const host = fixtureHost('usb-card', { targetFile: ws.target });
    let question = '';
    const run = await runMicroyocto(['flash', '/dev/sdb2', '--partition', '--image', ws.image], {
      cwd: ws.dir,
      flashHost: host,
      isTTY: true,
      prompt: async (q) => {
        question = q;
        return answer;
      },
    });
    assert.equal(run.code, written ? 0 : 7, run.stderr);
    assert.match(question, /^Erase partition \/dev\/sdb2 \(number 2 of \/dev\/sdb, Generic STORAGE DEVICE, 14\.8 GiB disk; the rest of \/dev\/sdb is left as it is\) and write .*small\.img\? \[y\/N\] $/);
    assert.match(run.stderr, /\? whole-disk +\/dev\/sdb2 is partition 2 of \/dev\/sdb \(Generic STORAGE DEVICE, 14\.8 GiB\): only this partition is written \(--partition\)/);
    assert.match(run.stderr, /device {5}\/dev\/sdb2 \(8:18\)\n {2}partition {2}number 2 of \/dev\/sdb \(8:16, 14\.8 GiB disk\): only the partition is written\n/);
    assert.match(run.stderr, /serial {5}000000264001\n {2}size {7}14\.0 GiB \(15032385536 bytes\)/);
    assert.deepEqual(host.opened, written ? [ws.target] : []);
    if (written) assert.match(run.stdout, /✔ flashed \/dev\/sdb2: wrote 593\.0 KiB/);
  }
});

test('in CI --partition needs --yes and a pin; --expect-size is the size of the partition, not of the disk', async (t) => {
  const ws = setup(t);
  const host = fixtureHost('usb-card', { targetFile: ws.target });
  const diskSize = await runMicroyocto(['flash', '/dev/sdb2', '--partition', '--image', ws.image, '--yes', '--expect-size', '15931539456'], { cwd: ws.dir, flashHost: host });
  assert.equal(diskSize.code, 7);
  assert.match(diskSize.stderr, /DEVICE_CHANGED .*--expect-size 15931539456 but \/dev\/sdb2 has 15032385536 bytes/);
  assert.deepEqual(host.opened, []);
  const ok = await runMicroyocto(['flash', '/dev/sdb2', '--partition', '--image', ws.image, '--yes', '--expect-serial', '000000264001', '--json'], { cwd: ws.dir, flashHost: host });
  assert.equal(ok.code, 0, ok.stdout);
  const result = ok.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; device?: { path: string; partitionOf?: { path: string } } }).find((e) => e.event === 'result');
  assert.equal(result?.device?.path, '/dev/sdb2');
  assert.equal(result?.device?.partitionOf?.path, '/dev/sdb');
  assert.deepEqual(host.opened, [ws.target]);
});

interface Refusal {
  rule: string;
  machine: string;
  device: string;
  code: string;
  check: string;
  message: RegExp;
}

const REFUSALS: Refusal[] = [
  { rule: 'a partition of the system disk is refused (the disk holds / and /boot/efi)', machine: 'usb-card', device: '/dev/sda2', code: 'DEVICE_UNSAFE', check: 'system-disk', message: /\/dev\/sda is a system disk: it holds \/ \(\/dev\/sda2\)/ },
  { rule: 'a partition of an internal disk needs --allow-internal', machine: 'internal-sata', device: '/dev/sdb1', code: 'DEVICE_UNSAFE', check: 'transport', message: /\/dev\/sdb is an internal disk \(sata\)/ },
  { rule: 'a partition of a locked card is refused', machine: 'read-only', device: '/dev/sdb2', code: 'DEVICE_READ_ONLY', check: 'read-only', message: /\/dev\/sdb is read-only/ },
  { rule: 'a mounted partition is refused, and only its own mount is listed', machine: 'mounted', device: '/dev/sdb2', code: 'DEVICE_BUSY', check: 'mounted', message: /mounted: \/dev\/sdb2 on \/media\/user\/rootfs(?!, )/ },
  { rule: 'the mounted boot partition is refused', machine: 'mounted-boot', device: '/dev/sdb1', code: 'DEVICE_BUSY', check: 'mounted', message: /mounted: \/dev\/sdb1 on \/media\/user\/boot/ },
  { rule: 'a partition of the disk that holds the image is refused', machine: 'source-disk', device: '/dev/sdb2', code: 'DEVICE_UNSAFE', check: 'source-disk', message: /\/dev\/sdb holds the image/ },
];

for (const c of REFUSALS) {
  test(`--partition: ${c.rule} (${c.machine})`, async (t) => {
    const ws = setup(t);
    const host = fixtureHost(c.machine, { targetFile: ws.target, pathDevices: c.machine === 'source-disk' ? { [ws.dir]: '8:17' } : undefined });
    const argv = ['flash', c.device, '--partition', '--image', ws.image, '--yes', '--expect-serial', c.machine === 'usb-card' && c.device.startsWith('/dev/sda') ? 'S3Z9NB0K123456' : '000000264001'];
    const run = await runMicroyocto(argv, { cwd: ws.dir, flashHost: host });
    assert.equal(run.code, 7, run.stderr);
    assert.match(run.stderr, new RegExp(`✖ ${c.code} {2}refusing to flash ${c.device.replace(/\//g, '\\/')}: `));
    assert.match(run.stderr, c.message);
    assert.deepEqual(host.opened, []);
    const dry = await runMicroyocto([...argv, '--dry-run', '--json'], { cwd: ws.dir, flashHost: host });
    const doc = JSON.parse(dry.stdout) as { allowed: boolean; checks: { id: string; status: string }[] };
    assert.equal(doc.allowed, false);
    assert.ok(doc.checks.some((k) => k.id === c.check && k.status === 'refuse'), JSON.stringify(doc.checks));
  });
}

test('--partition: a partition whose sibling is mounted is allowed (only the sibling is mounted)', async (t) => {
  const ws = setup(t);
  const host = fixtureHost('mounted-boot', { targetFile: ws.target });
  const run = await runMicroyocto(['flash', '/dev/sdb2', '--partition', '--image', ws.image, '--yes', '--expect-serial', '000000264001'], { cwd: ws.dir, flashHost: host });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(host.opened, [ws.target]);
});
