// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceKind, mountOf, parseMountinfo, parseSwaps, transportFromSysPath } from '../../../../src/core/flash/machine.js';
import { parseSize, progressMessage } from '../../../../src/core/flash/format.js';

test('mountinfo lines are split around the optional fields and octal escapes are decoded', () => {
  const m = parseMountinfo('50 27 8:17 / /media/user/my\\040card rw,nosuid shared:1 master:2 - vfat /dev/sdb1 rw\n');
  assert.deepEqual(m, [{ majMin: '8:17', root: '/', mountPoint: '/media/user/my card', fsType: 'vfat', source: '/dev/sdb1' }]);
});

test('/proc/swaps skips its header', () => {
  assert.deepEqual(parseSwaps('Filename\tType\tSize\tUsed\tPriority\n/dev/sdb2  partition\t8388604\t0\t-2\n/swapfile file 1 0 -3\n'), [
    { path: '/dev/sdb2', type: 'partition' },
    { path: '/swapfile', type: 'file' },
  ]);
});

test('device kinds and transports come from names and sysfs paths', () => {
  assert.deepEqual(['loop3', 'ram0', 'sr0', 'zram0', 'md127', 'dm-2', 'sda', 'mmcblk0', 'nvme0n1'].map(deviceKind), ['loop', 'ram', 'sr', 'zram', 'md', 'dm', 'disk', 'disk', 'disk']);
  assert.equal(transportFromSysPath('/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0/block/sdb', 'sdb'), 'usb');
  assert.equal(transportFromSysPath('/sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda', 'sda'), 'sata');
  assert.equal(transportFromSysPath('/sys/devices/pci0000:00/0000:00:1d.0/0000:3d:00.0/nvme/nvme0/nvme0n1', 'nvme0n1'), 'nvme');
  assert.equal(transportFromSysPath('/sys/devices/platform/x.mmc/mmc_host/mmc0/mmc0:aaaa/block/mmcblk0', 'mmcblk0'), 'mmc');
  assert.equal(transportFromSysPath('/sys/devices/virtual/block/loop0', 'loop0'), undefined);
});

test('the mount that holds a path is the longest matching mount point', () => {
  const mounts = parseMountinfo('1 0 8:2 / / rw - ext4 /dev/sda2 rw\n2 1 8:17 / /srv/work rw - ext4 /dev/sdb1 rw\n');
  assert.equal(mountOf('/srv/work/build/x', mounts)?.majMin, '8:17');
  assert.equal(mountOf('/srv/workshop', mounts)?.majMin, '8:2');
});

test('sizes parse in bytes or binary units, and progress shows throughput and ETA', () => {
  assert.equal(parseSize('15931539456'), 15931539456);
  assert.equal(parseSize('16G'), 16 * 1024 ** 3);
  assert.equal(parseSize('128MiB'), 128 * 1024 ** 2);
  assert.equal(parseSize('twelve'), undefined);
  assert.equal(progressMessage(10 * 1024 ** 2, 40 * 1024 ** 2, 1000), '10.0 MiB of 40.0 MiB · 10.0 MiB/s · ETA 3 s');
});
