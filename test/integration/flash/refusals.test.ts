// SPDX-License-Identifier: MIT
// One fake machine per refusal rule (test/fixtures/flash/machines/), run through the CLI in-process.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fixtureHost, machineDir } from '../../helpers/flash-host.js';
import { runMicroyocto } from '../../helpers/cli.js';
import { writeSparseImage } from '../../helpers/sparse-image.js';
import { tempDir } from '../../helpers/tmp.js';
import { BMAP_FIXTURES } from '../../helpers/sparse-image.js';

// A workspace with the small sparse image and its bmap, and an untouched target file.
function workspace(t: TestContext): { dir: string; image: string; target: string } {
  const dir = tempDir(t);
  const image = join(dir, 'small.img');
  writeSparseImage('small', image);
  writeFileSync(join(dir, 'small.img.bmap'), readFileSync(join(BMAP_FIXTURES, 'small.bmap')));
  const target = join(dir, 'card.bin');
  writeFileSync(target, Buffer.alloc(64));
  return { dir, image, target };
}

// The device's real size in the fixture, so the identity pin itself never is what refuses.
function pinSize(machine: string, device: string): number {
  const file = join(machineDir(machine), 'sys/class/block', device.slice(5), 'size');
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) * 512 : 1;
}

interface Case {
  rule: string;
  machine: string;
  device: string;
  flags?: string[];
  pathDevices?: (dir: string) => Record<string, string>;
  code: string;
  exit: number;
  check: string;
  message: RegExp;
}

const CASES: Case[] = [
  { rule: 'a partition is not a whole disk', machine: 'usb-card', device: '/dev/sdb1', code: 'DEVICE_UNSAFE', exit: 7, check: 'whole-disk', message: /partition of \/dev\/sdb; an image is written to the whole disk/ },
  { rule: 'a device that does not exist is refused, not created', machine: 'usb-card', device: '/dev/sdzz9', code: 'DEVICE_NOT_FOUND', exit: 7, check: 'block-device', message: /\/dev\/sdzz9 does not exist \(nothing will be created\)/ },
  { rule: 'loop devices need --allow-loop', machine: 'loop', device: '/dev/loop0', code: 'DEVICE_UNSAFE', exit: 7, check: 'device-kind', message: /is a loop device/ },
  { rule: 'ram disks are refused', machine: 'ram', device: '/dev/ram0', code: 'DEVICE_UNSAFE', exit: 7, check: 'device-kind', message: /is a ram device/ },
  { rule: 'md arrays are refused', machine: 'md', device: '/dev/md0', code: 'DEVICE_UNSAFE', exit: 7, check: 'device-kind', message: /is a md device/ },
  { rule: 'device-mapper volumes are refused', machine: 'dm', device: '/dev/dm-0', code: 'DEVICE_UNSAFE', exit: 7, check: 'device-kind', message: /is a dm device/ },
  { rule: 'a locked card is refused', machine: 'read-only', device: '/dev/sdb', code: 'DEVICE_READ_ONLY', exit: 7, check: 'read-only', message: /read-only/ },
  { rule: 'the disk that holds / and /boot is the system disk', machine: 'system-mount', device: '/dev/sdb', code: 'DEVICE_UNSAFE', exit: 7, check: 'system-disk', message: /system disk: it holds \/ \(\/dev\/sdb2\), \/boot/ },
  { rule: 'a disk with active swap is a system disk', machine: 'system-swap', device: '/dev/sdb', code: 'DEVICE_UNSAFE', exit: 7, check: 'system-disk', message: /swap \/dev\/sdb2/ },
  { rule: 'a disk under the LVM/dm-crypt root (through holders) is a system disk', machine: 'system-holders', device: '/dev/sdb', code: 'DEVICE_UNSAFE', exit: 7, check: 'system-disk', message: /holds \/ \(\/dev\/mapper\/vg-root\)/ },
  { rule: 'the disk that holds the image and the build is refused', machine: 'source-disk', device: '/dev/sdb', pathDevices: (dir) => ({ [dir]: '8:17' }), code: 'DEVICE_UNSAFE', exit: 7, check: 'source-disk', message: /holds the image .*small\.img/ },
  { rule: 'an internal SATA disk needs --allow-internal', machine: 'internal-sata', device: '/dev/sdb', code: 'DEVICE_UNSAFE', exit: 7, check: 'transport', message: /internal disk \(sata\)/ },
  { rule: 'an internal NVMe disk needs --allow-internal', machine: 'nvme', device: '/dev/nvme0n1', code: 'DEVICE_UNSAFE', exit: 7, check: 'transport', message: /internal disk \(nvme\)/ },
  { rule: 'an image larger than the card is refused', machine: 'too-small', device: '/dev/sdb', code: 'DEVICE_TOO_SMALL', exit: 7, check: 'size', message: /does not fit \/dev\/sdb \(2\.0 MiB\)/ },
  { rule: 'an empty card reader is refused', machine: 'empty-reader', device: '/dev/sdb', code: 'DEVICE_UNSAFE', exit: 7, check: 'size', message: /no medium/ },
  { rule: 'mounted partitions are refused and listed', machine: 'mounted', device: '/dev/sdb', code: 'DEVICE_BUSY', exit: 7, check: 'mounted', message: /\/dev\/sdb1 on \/media\/user\/boot, \/dev\/sdb2 on \/media\/user\/rootfs/ },
  { rule: 'without the privilege to write, the message says so', machine: 'usb-card', device: '/dev/sdb', code: 'PERMISSION_DENIED', exit: 7, check: 'permission', message: /needs root/ },
];

for (const c of CASES) {
  test(`${c.rule} (${c.machine})`, async (t) => {
    const ws = workspace(t);
    const host = fixtureHost(c.machine, { targetFile: ws.target, pathDevices: c.pathDevices?.(ws.dir), canWrite: c.check !== 'permission' });
    const argv = ['flash', c.device, '--image', ws.image, '--yes', '--expect-size', String(pinSize(c.machine, c.device)), ...(c.flags ?? [])];
    const run = await runMicroyocto(argv, { cwd: ws.dir, flashHost: host });
    assert.equal(run.code, c.exit, run.stderr);
    assert.match(run.stderr, new RegExp(`✖ ${c.code}  refusing to flash ${c.device.replace(/\//g, '\\/')}: `));
    assert.match(run.stderr, c.message);
    assert.match(run.stderr, /nothing was written/);
    assert.deepEqual(host.opened, [], 'the target was never opened');
    assert.deepEqual(readFileSync(ws.target), Buffer.alloc(64));
    assert.equal(existsSync(join(ws.dir, 'sdzz9')), false);
    // --dry-run shows the same check as refused, with every other check.
    const dry = await runMicroyocto([...argv, '--dry-run', '--json'], { cwd: ws.dir, flashHost: host });
    const doc = JSON.parse(dry.stdout) as { allowed: boolean; checks: { id: string; status: string }[] };
    assert.equal(doc.allowed, false);
    assert.ok(doc.checks.some((k) => k.id === c.check && k.status === 'refuse'), JSON.stringify(doc.checks));
  });
}

test('a USB card is eligible, and the dry run lists every check and writes nothing', async (t) => {
  const ws = workspace(t);
  const host = fixtureHost('usb-card', { targetFile: ws.target });
  const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--dry-run'], { cwd: ws.dir, flashHost: host });
  assert.equal(run.code, 0, run.stderr);
  for (const id of ['block-device', 'whole-disk', 'device-kind', 'read-only', 'system-disk', 'source-disk', 'transport', 'size', 'mounted']) assert.match(run.stdout, new RegExp(`✔ ${id} `));
  assert.match(run.stdout, /by-id {6}\/dev\/disk\/by-id\/usb-Generic_STORAGE_DEVICE_000000264001-0:0/);
  assert.match(run.stdout, /serial {5}000000264001/);
  assert.match(run.stdout, /transport {2}usb/);
  assert.match(run.stdout, /partition {2}sdb1 "boot"/);
  assert.match(run.stdout, /dry run: nothing was written/);
  assert.deepEqual(host.opened, []);
});

for (const [machine, device, serial] of [['mmc', '/dev/mmcblk0', '0x1c2d3e4f'], ['usb-ssd', '/dev/sdb', '000000264001']] as const) {
  test(`an external disk that reports removable=0 is still accepted (${machine})`, async (t) => {
    const ws = workspace(t);
    const run = await runMicroyocto(['flash', device, '--image', ws.image, '--dry-run', '--json', '--yes', '--expect-serial', serial], { cwd: ws.dir, flashHost: fixtureHost(machine, { targetFile: ws.target }) });
    const doc = JSON.parse(run.stdout) as { allowed: boolean; checks: { id: string; status: string }[] };
    assert.equal(doc.allowed, true, run.stdout);
  });
}

test('--allow-internal turns the internal-disk refusal into a confirmation that defaults to No', async (t) => {
  const ws = workspace(t);
  const host = fixtureHost('internal-sata', { targetFile: ws.target });
  const questions: string[] = [];
  const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--allow-internal', '--json'], {
    cwd: ws.dir,
    flashHost: host,
    isTTY: true,
    prompt: async (q) => {
      questions.push(q);
      return '';
    },
  });
  assert.equal(run.code, 7);
  assert.match(questions[0] ?? '', /internal disk .*\[y\/N\] $/);
  assert.match(run.stdout, /FLASH_NOT_CONFIRMED/);
  assert.deepEqual(host.opened, []);
});

test('without a terminal, --yes and an identity pin are both required', async (t) => {
  const ws = workspace(t);
  const host = fixtureHost('usb-card', { targetFile: ws.target });
  const noYes = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--expect-size', '15931539456'], { cwd: ws.dir, flashHost: host });
  assert.equal(noYes.code, 7);
  assert.match(noYes.stderr, /FLASH_NOT_CONFIRMED .*needs --yes/);
  const noPin = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--yes'], { cwd: ws.dir, flashHost: host });
  assert.match(noPin.stderr, /needs an identity pin/);
  assert.match(noPin.stderr, /hint: e\.g\. microyocto flash \/dev\/sdb --yes --expect-size 15931539456 \(or --expect-serial 000000264001\)/);
  const wrongSerial = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--yes', '--expect-serial', 'ABC'], { cwd: ws.dir, flashHost: host });
  assert.match(wrongSerial.stderr, /DEVICE_CHANGED .*--expect-serial ABC but \/dev\/sdb has serial 000000264001/);
  assert.deepEqual(host.opened, []);
  const byId = await runMicroyocto(['flash', '/dev/disk/by-id/usb-Generic_STORAGE_DEVICE_000000264001-0:0', '--image', ws.image, '--yes'], { cwd: ws.dir, flashHost: host });
  assert.equal(byId.code, 0, byId.stderr);
  assert.deepEqual(host.opened, [ws.target]);
});

test('--list shows each disk with its identity, its partitions and why it is or is not eligible', async (t) => {
  const ws = workspace(t);
  const run = await runMicroyocto(['flash', '--list'], { cwd: ws.dir, flashHost: fixtureHost('usb-card') });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^✔ \/dev\/sdb {2}14\.8 GiB {2}usb {2}Generic STORAGE DEVICE {2}serial 000000264001\n/);
  assert.match(run.stdout, /✖ \/dev\/sda {2}256\.0 GiB {2}sata {2}ATA Samsung SSD 860 .*\n.*\n( {4}partition sda\d .*\n)+ {4}✖ \/dev\/sda is a system disk: it holds \/ \(\/dev\/sda2\), \/boot\/efi \(\/dev\/sda1\)\n {4}✖ \/dev\/sda is an internal disk \(sata\)/);
});
