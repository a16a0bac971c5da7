// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DiskFacts } from '../../../../src/core/flash/machine.js';
import { parseMountinfo } from '../../../../src/core/flash/machine.js';
import { identityOf, planFlash, sameIdentity, type FlashFacts, type TargetFacts } from '../../../../src/core/flash/plan.js';

const card: DiskFacts = {
  name: 'sdc', devPath: '/dev/sdc', majMin: '8:32', kind: 'disk', sizeBytes: 8 * 1024 ** 3, readOnly: false, removable: true, hotplug: true,
  transport: 'usb', vendor: 'SanDisk', model: 'Cruzer', serial: 'ABC', wwn: undefined, byId: [], holders: [], holderMajMins: [], backingFile: undefined, partitionScan: true,
  partitions: [
    { name: 'sdc1', devPath: '/dev/sdc1', majMin: '8:33', sizeBytes: 1, label: 'boot', holders: [], holderMajMins: [] },
    { name: 'sdc2', devPath: '/dev/sdc2', majMin: '8:34', sizeBytes: 1, label: undefined, holders: [], holderMajMins: [] },
  ],
};
const target: TargetFacts = { argument: '/dev/sdc', path: '/dev/sdc', type: 'block', majMin: '8:32' };
const facts = (mounts: string, disk = card): FlashFacts => ({ disks: [disk], mounts: parseMountinfo(mounts), swaps: [], sources: [] });

test('with --unmount the mounted partitions become the unmount list, deepest first is left to the step', () => {
  const m = '1 0 8:2 / / rw - ext4 /dev/sda2 rw\n5 1 8:33 / /media/boot rw - vfat /dev/sdc1 rw\n6 5 8:34 / /media/boot/nested rw - ext4 /dev/sdc2 rw\n';
  const refused = planFlash(target, facts(m), { expandedSize: 1024 }, {});
  assert.equal(refused.allowed, false);
  assert.equal(refused.checks.find((c) => c.id === 'mounted')?.code, 'DEVICE_BUSY');
  const plan = planFlash(target, facts(m), { expandedSize: 1024 }, { unmount: true });
  assert.equal(plan.allowed, true);
  assert.deepEqual(plan.unmount.map((u) => u.mountPoint), ['/media/boot', '/media/boot/nested']);
});

test('a system mount is never offered for unmounting', () => {
  const plan = planFlash(target, facts('1 0 8:33 / / rw - ext4 /dev/sdc1 rw\n'), undefined, { unmount: true });
  assert.equal(plan.allowed, false);
  assert.deepEqual(plan.unmount, []);
  assert.equal(plan.checks.find((c) => c.id === 'system-disk')?.status, 'refuse');
});

test('a partition held by device-mapper refuses even without mounts', () => {
  const held = { ...card, partitions: [{ ...card.partitions[0]!, holders: ['dm-3'], holderMajMins: ['253:3'] }] };
  const plan = planFlash(target, facts('', held), undefined, {});
  assert.match(plan.checks.find((c) => c.id === 'holders')?.message ?? '', /in use by dm-3/);
  assert.equal(plan.allowed, false);
});

test('a large drive needs a confirmation; an unknown image size is a warning', () => {
  const big = { ...card, sizeBytes: 128e9 };
  const plan = planFlash(target, facts('', big), { expandedSize: undefined }, {});
  assert.equal(plan.allowed, true);
  assert.deepEqual(plan.confirmations, ['/dev/sdc is large (119.2 GiB): is it really not a storage drive?']);
  assert.equal(plan.checks.find((c) => c.id === 'size')?.status, 'warn');
});

test('identities differ when the card behind the same path changes', () => {
  const a = identityOf(card, []);
  assert.equal(sameIdentity(a, identityOf(card, [])), undefined);
  assert.equal(sameIdentity(a, identityOf({ ...card, serial: 'XYZ' }, [])), 'serial was ABC, now XYZ');
  assert.equal(sameIdentity(a, identityOf({ ...card, majMin: '8:48' }, [])), 'majMin was 8:32, now 8:48');
});

test('--partition: the image must fit the partition, not the disk', () => {
  const part: TargetFacts = { argument: '/dev/sdc2', path: '/dev/sdc2', type: 'block', majMin: '8:34' };
  const plan = planFlash(part, facts(''), { expandedSize: 1024 }, { partition: true });
  const size = plan.checks.find((c) => c.id === 'size');
  assert.equal(size?.status, 'refuse');
  assert.equal(size?.code, 'DEVICE_TOO_SMALL');
  assert.match(size?.message ?? '', /does not fit \/dev\/sdc2 \(1 B\)/);
  assert.equal(plan.identity?.partitionOf?.path, '/dev/sdc');
  assert.equal(plan.identity?.partitionOf?.number, 2);
  assert.equal(plan.disk?.partitionScan, false, 'the partition table is not re-read after writing a partition');
  const refused = planFlash(part, facts(''), { expandedSize: 1 }, {});
  assert.equal(refused.checks.find((c) => c.id === 'whole-disk')?.status, 'refuse');
});
