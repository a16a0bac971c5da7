// SPDX-License-Identifier: MIT
// Read the block-device facts of a machine from sysfs, /proc and /dev/disk/by-id. Every root is
// injectable, so a test describes any machine with a fake tree.
import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DiskFacts, MountEntry, PartitionFacts } from '../core/flash/machine.js';
import { deviceKind, parseMountinfo, parseSwaps, transportFromSysPath } from '../core/flash/machine.js';
import type { FlashFacts, SourcePath } from '../core/flash/plan.js';

export interface MachineRoots {
  /** @defaultValue '/sys' */
  sys: string;
  /** @defaultValue '/proc/self/mountinfo' */
  mountinfo: string;
  /** @defaultValue '/proc/swaps' */
  swaps: string;
  /** Where udev's by-id and by-label links are (shown as /dev/disk/...). @defaultValue '/dev/disk' */
  diskLinks: string;
}

export const REAL_ROOTS: MachineRoots = { sys: '/sys', mountinfo: '/proc/self/mountinfo', swaps: '/proc/swaps', diskLinks: '/dev/disk' };

function readAttr(path: string): string | undefined {
  try {
    const v = readFileSync(path, 'utf8').trim();
    return v === '' ? undefined : v;
  } catch {
    return undefined;
  }
}

function list(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}

// Holders followed recursively (a partition held by dm-0, dm-0 held by dm-1 ...).
function holdersOf(sys: string, name: string, seen = new Set<string>()): string[] {
  const out: string[] = [];
  for (const h of list(join(sys, 'class/block', name, 'holders'))) {
    if (seen.has(h)) continue;
    seen.add(h);
    out.push(h, ...holdersOf(sys, h, seen));
  }
  return out;
}

// lsblk's HOTPLUG: some ancestor of the device in sysfs has `removable` = "removable".
function isHotplug(devicePath: string, sys: string): boolean {
  let dir = devicePath;
  const top = join(sys, 'devices');
  while (dir.startsWith(top) && dir !== top) {
    if (readAttr(join(dir, 'removable')) === 'removable') return true;
    dir = dirname(dir);
  }
  return false;
}

// A serial from the SCSI/NVMe/MMC device, else from the nearest USB ancestor that has one.
function serialOf(devicePath: string, sys: string): string | undefined {
  const direct = readAttr(join(devicePath, 'device/serial'));
  if (direct) return direct;
  let dir = devicePath;
  const top = join(sys, 'devices');
  while (dir.startsWith(top) && dir !== top) {
    const s = readAttr(join(dir, 'serial'));
    if (s && readAttr(join(dir, 'idVendor'))) return s;
    dir = dirname(dir);
  }
  return undefined;
}

function realDir(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function byLink(dir: string, shownAs: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of list(dir)) {
    try {
      const target = basename(resolve(dir, readlinkSync(join(dir, entry))));
      map.set(target, [...(map.get(target) ?? []), `${shownAs}/${entry}`]);
    } catch {
      // not a link: ignore
    }
  }
  return map;
}

// Every block device sysfs lists as a disk (partitions folded into their disk).
export function readDisks(roots: MachineRoots): DiskFacts[] {
  const classBlock = join(roots.sys, 'class/block');
  const byId = byLink(join(roots.diskLinks, 'by-id'), '/dev/disk/by-id');
  const byLabel = byLink(join(roots.diskLinks, 'by-label'), '/dev/disk/by-label');
  const disks: DiskFacts[] = [];
  for (const name of list(classBlock)) {
    const base = join(classBlock, name);
    if (readAttr(join(base, 'partition')) !== undefined) continue;
    const majMin = readAttr(join(base, 'dev'));
    if (majMin === undefined) continue;
    const devicePath = realDir(base);
    const partitions: PartitionFacts[] = [];
    for (const child of list(base)) {
      // NOTE: the kernel names a partition after its disk (sdb1, mmcblk0p1, loop0p2, nvme0n1p3); the
      // other entries are the disk's attributes (dev, size, queue/ ...): skip them without a read.
      if (!child.startsWith(name) || child === name) continue;
      if (readAttr(join(base, child, 'partition')) === undefined) continue;
      const holders = holdersOf(roots.sys, child);
      partitions.push({
        name: child,
        devPath: `/dev/${child}`,
        majMin: readAttr(join(base, child, 'dev')) ?? '',
        sizeBytes: Number(readAttr(join(base, child, 'size')) ?? '0') * 512,
        label: byLabel.get(child)?.map((l) => basename(l).replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))))[0],
        holders,
        holderMajMins: holders.map((h) => readAttr(join(classBlock, h, 'dev')) ?? ''),
      });
    }
    const holders = holdersOf(roots.sys, name);
    disks.push({
      name,
      devPath: `/dev/${name}`,
      majMin,
      kind: deviceKind(name),
      // NOTE: sysfs `size` is always in 512-byte sectors, whatever the logical block size.
      sizeBytes: Number(readAttr(join(base, 'size')) ?? '0') * 512,
      readOnly: readAttr(join(base, 'ro')) === '1',
      removable: readAttr(join(base, 'removable')) === '1',
      hotplug: isHotplug(devicePath, roots.sys),
      transport: transportFromSysPath(devicePath.startsWith(roots.sys) ? devicePath.slice(roots.sys.length) : devicePath, name),
      vendor: readAttr(join(base, 'device/vendor')),
      model: readAttr(join(base, 'device/model')) ?? readAttr(join(base, 'device/name')),
      serial: serialOf(devicePath, roots.sys),
      wwn: readAttr(join(base, 'wwid')) ?? readAttr(join(base, 'device/wwid')),
      byId: (byId.get(name) ?? []).filter((l) => !/-part\d+$/.test(l)),
      partitions,
      holders,
      holderMajMins: holders.map((h) => readAttr(join(classBlock, h, 'dev')) ?? ''),
      backingFile: readAttr(join(base, 'loop/backing_file')),
      partitionScan: deviceKind(name) !== 'loop' || readAttr(join(base, 'loop/partscan')) === '1',
    });
  }
  return disks;
}

function majMinOf(dev: number): string {
  // NOTE: Linux's dev_t encoding (new_decode_dev in include/linux/kdev_t.h).
  const major = (dev >>> 8) & 0xfff;
  const minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
  return `${major}:${minor}`;
}

// st_dev of a path as major:minor (the device its filesystem is on), or undefined.
export function pathDevice(path: string): string | undefined {
  try {
    return majMinOf(statSync(path).dev);
  } catch {
    return undefined;
  }
}

// st_rdev of a device node as major:minor.
export function nodeDevice(path: string): string | undefined {
  try {
    const st = statSync(path);
    return st.isBlockDevice() ? majMinOf(st.rdev) : undefined;
  } catch {
    return undefined;
  }
}

// The mount table.
export function readMounts(roots: MachineRoots): MountEntry[] {
  return parseMountinfo(readAttr(roots.mountinfo) ?? '');
}

// Everything the plan needs about the machine, with `sources` resolved to their devices.
export function readFlashFacts(roots: MachineRoots, sources: { role: string; path: string }[], fakeDevices?: (path: string) => string | undefined): FlashFacts {
  const disks = readDisks(roots);
  const mounts = readMounts(roots);
  // A swap partition is a device node (its rdev); a swap file lives on a filesystem (its dev).
  const swaps = parseSwaps(readAttr(roots.swaps) ?? '').map((s) => ({
    path: s.path,
    majMin: fakeDevices?.(s.path) ?? (s.type === 'partition' ? nodeDevice(s.path) : pathDevice(s.path)),
  }));
  const resolved: SourcePath[] = sources.map((s) => ({ ...s, majMin: fakeDevices?.(s.path) ?? pathDevice(s.path) }));
  return { disks, mounts, swaps, sources: resolved };
}
