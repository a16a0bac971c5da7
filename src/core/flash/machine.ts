// SPDX-License-Identifier: MIT
// What microyocto knows about the block devices of a machine (read from sysfs by src/flash/), and
// pure parsers for /proc/self/mountinfo and /proc/swaps.

export interface PartitionFacts {
  name: string;
  devPath: string;
  majMin: string;
  sizeBytes: number;
  label: string | undefined;
  /** Devices stacked on this partition (dm-crypt, LVM, md), followed recursively through holders/. */
  holders: string[];
  /** majMin of each holder, in the same order. */
  holderMajMins: string[];
}

export type DeviceKind = 'disk' | 'loop' | 'ram' | 'sr' | 'zram' | 'md' | 'dm' | 'nbd';

export interface DiskFacts {
  name: string;
  devPath: string;
  majMin: string;
  kind: DeviceKind;
  sizeBytes: number;
  readOnly: boolean;
  /** sysfs `removable` == 1. */
  removable: boolean;
  /** A parent device in sysfs says it is removable (lsblk's HOTPLUG: USB, Thunderbolt, SD readers). */
  hotplug: boolean;
  /** usb, mmc, sdio, sata, nvme, virtio, scsi ... derived from the sysfs device path, as lsblk does. */
  transport: string | undefined;
  vendor: string | undefined;
  model: string | undefined;
  serial: string | undefined;
  wwn: string | undefined;
  /** /dev/disk/by-id links that point at this disk. */
  byId: string[];
  partitions: PartitionFacts[];
  holders: string[];
  holderMajMins: string[];
  /** For loop devices: the backing file. */
  backingFile: string | undefined;
  /** False for a loop device attached without partition scanning (BLKRRPART would fail: skip it). */
  partitionScan: boolean;
}

export interface MountEntry {
  majMin: string;
  /** The filesystem root inside the device (mountinfo field 4). */
  root: string;
  mountPoint: string;
  fsType: string;
  source: string;
}

export interface SwapEntry {
  path: string;
  type: string;
}

// NOTE: mountinfo escapes space, tab, newline and backslash as \040 \011 \012 \134 (proc(5)).
function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

// Parse /proc/self/mountinfo (proc(5)): `id parent maj:min root mountpoint opts [tags] - fstype source superopts`.
export function parseMountinfo(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    if (dash < 6 || fields.length < dash + 3) continue;
    out.push({
      majMin: fields[2] ?? '',
      root: unescapeMount(fields[3] ?? ''),
      mountPoint: unescapeMount(fields[4] ?? ''),
      fsType: fields[dash + 1] ?? '',
      source: unescapeMount(fields[dash + 2] ?? ''),
    });
  }
  return out;
}

// Parse /proc/swaps: a header line, then `Filename Type Size Used Priority`.
export function parseSwaps(text: string): SwapEntry[] {
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const parts = l.trim().split(/\s+/);
      return { path: unescapeMount(parts[0] ?? ''), type: parts[1] ?? '' };
    });
}

// The kind of a block device from its kernel name (drivelist's and fwup's filters).
export function deviceKind(name: string): DeviceKind {
  if (/^loop\d+$/.test(name)) return 'loop';
  if (/^ram\d+$/.test(name)) return 'ram';
  if (/^sr\d+$/.test(name)) return 'sr';
  if (/^zram\d+$/.test(name)) return 'zram';
  if (/^md\d+|^md_/.test(name)) return 'md';
  if (/^dm-\d+$/.test(name)) return 'dm';
  if (/^nbd\d+$/.test(name)) return 'nbd';
  return 'disk';
}

// The transport of a disk from its sysfs device path (the real path of /sys/class/block/<name>).
export function transportFromSysPath(path: string, name: string): string | undefined {
  if (/^mmcblk\d+$/.test(name)) return path.includes('/sdio') ? 'sdio' : 'mmc';
  if (path.includes('/usb')) return 'usb';
  if (/\/mmc\d|\/mmc_host\//.test(path)) return 'mmc';
  if (path.includes('/nvme')) return 'nvme';
  if (/\/ata\d+\//.test(path)) return 'sata';
  if (path.includes('/virtio')) return 'virtio';
  if (/\/host\d+\/target/.test(path)) return 'scsi';
  return undefined;
}

// The mount that holds a path: the longest mount point that is a prefix of it.
export function mountOf(path: string, mounts: readonly MountEntry[]): MountEntry | undefined {
  let best: MountEntry | undefined;
  for (const m of mounts) {
    const mp = m.mountPoint;
    const inside = path === mp || mp === '/' || path.startsWith(mp.endsWith('/') ? mp : mp + '/');
    if (inside && (best === undefined || mp.length >= best.mountPoint.length)) best = m;
  }
  return best;
}
