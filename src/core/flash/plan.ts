// SPDX-License-Identifier: MIT
// The flash decision, pure: injected machine facts + options in, every check's result and a plan out.
import type { ErrorCode } from '../errors.js';
import { humanSize } from './format.js';
import type { DiskFacts, MountEntry } from './machine.js';
import { mountOf } from './machine.js';
import { isPartitionTarget, partitionNumber, partitionTarget, type PartitionTarget } from './partition.js';

/** How the target argument resolved on the host (realpath, then stat). */
export interface TargetFacts {
  /** As the user typed it. */
  argument: string;
  /** After realpath (the argument when it does not exist). */
  path: string;
  type: 'block' | 'file' | 'directory' | 'other' | 'missing';
  /** major:minor for a block device. */
  majMin: string | undefined;
}

/** A path whose disk must not be overwritten (the image, the build dir, DL_DIR, SSTATE_DIR). */
export interface SourcePath {
  role: string;
  path: string;
  /** st_dev of the path as major:minor, when it exists. */
  majMin: string | undefined;
}

export interface FlashFacts {
  disks: DiskFacts[];
  mounts: MountEntry[];
  /** Active swap areas with the major:minor of the device that holds them. */
  swaps: { path: string; majMin: string | undefined }[];
  sources: SourcePath[];
}

export interface ImageFacts {
  /** Size once expanded (bmap ImageSize, or the file size of an uncompressed image). */
  expandedSize: number | undefined;
}

export interface FlashPolicy {
  /** Accept internal (non-removable, non-USB/MMC) disks, with confirmation. @defaultValue false */
  allowInternal?: boolean | undefined;
  /** Accept loop devices (tests and benchmarks). @defaultValue false */
  allowLoop?: boolean | undefined;
  /**
   * Accept a partition as the target (flash-safety.md rule 2: only when asked explicitly). Every other
   * rule still applies: those about the system, the sources, the kind and the transport to its whole
   * disk; those about size, mounts and holders to the partition. @defaultValue false
   */
  partition?: boolean | undefined;
  /** Unmount the disk's mounted partitions instead of refusing. @defaultValue false */
  unmount?: boolean | undefined;
  expectSerial?: string | undefined;
  expectSize?: number | undefined;
  yes?: boolean | undefined;
  nonInteractive?: boolean | undefined;
  /** Above this a confirmation is required (Etcher's "large drive"). @defaultValue 64 GB */
  largeDriveBytes?: number | undefined;
  /** Whether the current user may open the device for writing (undefined: unknown). */
  writable?: boolean | undefined;
}

export type CheckStatus = 'ok' | 'refuse' | 'warn' | 'confirm';

export interface FlashCheck {
  id: string;
  status: CheckStatus;
  message: string;
  hint?: string | undefined;
  /** The error code a refusal is reported with. */
  code?: ErrorCode | undefined;
}

export interface DeviceIdentity {
  path: string;
  majMin: string;
  byId: string[];
  vendor: string | undefined;
  model: string | undefined;
  serial: string | undefined;
  wwn: string | undefined;
  sizeBytes: number;
  transport: string | undefined;
  partitions: { name: string; label: string | undefined; mountPoints: string[] }[];
  /** Set when the target is a partition (--partition): the disk it is part of. */
  partitionOf?: { path: string; majMin: string; sizeBytes: number; number: number | undefined } | undefined;
}

export interface FlashPlan {
  target: TargetFacts;
  disk: DiskFacts | undefined;
  identity: DeviceIdentity | undefined;
  checks: FlashCheck[];
  /** True when no check refuses. */
  allowed: boolean;
  /** Reasons that need a yes from the user (or --yes). */
  confirmations: string[];
  /** Mount points to unmount first (--unmount). */
  unmount: { source: string; mountPoint: string }[];
}

/** Where a system lives: mounting any of these from the disk makes it the system disk (checklist 5). */
export const SYSTEM_MOUNTS = ['/', '/boot', '/boot/efi', '/usr', '/home', '/var'];
export const LARGE_DRIVE_BYTES = 64e9;
const EXTERNAL_TRANSPORTS = new Set(['usb', 'mmc', 'sdio']);

/** Every major:minor and name that belongs to the disk: itself, its partitions, and their holders. */
function footprint(disk: DiskFacts): { majMins: Set<string>; names: Set<string> } {
  const majMins = new Set([disk.majMin, ...disk.holderMajMins]);
  const names = new Set([disk.name, ...disk.holders]);
  for (const p of disk.partitions) {
    majMins.add(p.majMin);
    names.add(p.name);
    for (const h of p.holderMajMins) majMins.add(h);
    for (const h of p.holders) names.add(h);
  }
  return { majMins, names };
}

function onDisk(fp: { majMins: Set<string>; names: Set<string> }, majMin: string | undefined, source?: string): boolean {
  if (majMin !== undefined && fp.majMins.has(majMin)) return true;
  // NOTE: btrfs and some overlay setups report an anonymous 0:N in mountinfo; the source names the device.
  if (source !== undefined && source.startsWith('/dev/')) return fp.names.has(source.slice(source.lastIndexOf('/') + 1));
  return false;
}

// The identity shown in the confirmation and re-checked right before the exclusive open.
export function identityOf(disk: DiskFacts, mounts: readonly MountEntry[]): DeviceIdentity {
  const parent = isPartitionTarget(disk) ? disk.parent : undefined;
  return {
    ...(parent ? { partitionOf: { path: parent.devPath, majMin: parent.majMin, sizeBytes: parent.sizeBytes, number: partitionNumber(disk.name) } } : {}),
    path: disk.devPath,
    majMin: disk.majMin,
    byId: disk.byId,
    vendor: disk.vendor,
    model: disk.model,
    serial: disk.serial,
    wwn: disk.wwn,
    sizeBytes: disk.sizeBytes,
    transport: disk.transport,
    partitions: disk.partitions.map((p) => ({
      name: p.name,
      label: p.label,
      mountPoints: mounts.filter((m) => m.majMin === p.majMin).map((m) => m.mountPoint),
    })),
  };
}

// The eligibility checks of one disk (used by --list and by the plan).
export function diskChecks(disk: DiskFacts, facts: FlashFacts, image: ImageFacts | undefined, policy: FlashPolicy): { checks: FlashCheck[]; unmount: FlashPlan['unmount'] } {
  const checks: FlashCheck[] = [];
  const add = (id: string, status: CheckStatus, message: string, hint?: string, code?: ErrorCode): void => {
    checks.push({ id, status, message, hint, code: status === 'refuse' ? (code ?? 'DEVICE_UNSAFE') : undefined });
  };
  const fp = footprint(disk);

  if (disk.kind === 'disk') add('device-kind', 'ok', 'a disk');
  else if (disk.kind === 'loop' && policy.allowLoop) add('device-kind', 'ok', `a loop device${disk.backingFile ? ` (backing file ${disk.backingFile})` : ''}, allowed by --allow-loop`);
  else add('device-kind', 'refuse', `${disk.devPath} is a ${disk.kind} device, not a card or disk`, disk.kind === 'loop' ? 'loop devices are accepted only with --allow-loop' : 'pick a removable disk (microyocto flash --list)');

  if (disk.readOnly) add('read-only', 'refuse', `${disk.devPath} is read-only (a locked SD card?)`, 'slide the card\'s lock switch to unlock it and re-insert it', 'DEVICE_READ_ONLY');
  else add('read-only', 'ok', 'writable medium');

  const system = facts.mounts.filter((m) => SYSTEM_MOUNTS.includes(m.mountPoint) && onDisk(fp, m.majMin, m.source));
  const swaps = facts.swaps.filter((s) => onDisk(fp, s.majMin, s.path));
  if (system.length > 0 || swaps.length > 0) {
    const what = [...system.map((m) => `${m.mountPoint} (${m.source})`), ...swaps.map((s) => `swap ${s.path}`)].join(', ');
    add('system-disk', 'refuse', `${disk.devPath} is a system disk: it holds ${what}`, 'this is the computer\'s own disk; pick the card (microyocto flash --list)');
  } else add('system-disk', 'ok', 'holds no system mount or active swap');

  const sources = facts.sources.filter((s) => {
    const m = mountOf(s.path, facts.mounts);
    return onDisk(fp, s.majMin) || (m !== undefined && onDisk(fp, m.majMin, m.source));
  });
  if (sources.length > 0) {
    add('source-disk', 'refuse', `${disk.devPath} holds the ${sources.map((s) => `${s.role} ${s.path}`).join(', ')}`, 'the image, build and caches must not be on the disk being overwritten');
  } else add('source-disk', 'ok', 'holds neither the image nor the build or caches');

  const external = disk.removable || disk.hotplug || (disk.transport !== undefined && EXTERNAL_TRANSPORTS.has(disk.transport)) || /^mmcblk\d+$/.test(disk.name);
  const how = [disk.removable ? 'removable' : '', disk.hotplug ? 'hotplug' : '', disk.transport ?? ''].filter((s) => s !== '').join(', ');
  if (external) add('transport', 'ok', `external medium (${how})`);
  else if (disk.kind === 'loop' && policy.allowLoop) add('transport', 'ok', 'virtual (loop)');
  else if (policy.allowInternal) add('transport', 'confirm', `${disk.devPath} is an internal disk (${how || 'not removable'}); --allow-internal given`);
  else add('transport', 'refuse', `${disk.devPath} is an internal disk (${how || 'not removable, no USB/MMC transport'})`, 'internal disks are written only with --allow-internal and a confirmation');

  if (disk.sizeBytes === 0) add('size', 'refuse', `${disk.devPath} has no medium (size 0)`, 'insert the card');
  else if (image?.expandedSize !== undefined && image.expandedSize > disk.sizeBytes) {
    add('size', 'refuse', `the image (${humanSize(image.expandedSize)}) does not fit ${disk.devPath} (${humanSize(disk.sizeBytes)})`, 'use a larger card', 'DEVICE_TOO_SMALL');
  } else if (image !== undefined && image.expandedSize === undefined) add('size', 'warn', `image size unknown until decompressed; ${disk.devPath} has ${humanSize(disk.sizeBytes)}`);
  else add('size', 'ok', image?.expandedSize === undefined ? humanSize(disk.sizeBytes) : `the image (${humanSize(image.expandedSize)}) fits (${humanSize(disk.sizeBytes)})`);
  if (disk.sizeBytes > (policy.largeDriveBytes ?? LARGE_DRIVE_BYTES)) add('large-drive', 'confirm', `${disk.devPath} is large (${humanSize(disk.sizeBytes)}): is it really not a storage drive?`);

  const holders = [...new Set([...disk.holders, ...disk.partitions.flatMap((p) => p.holders)])];
  if (holders.length > 0) add('holders', 'refuse', `${disk.devPath} is in use by ${holders.join(', ')} (LVM, dm-crypt or md)`, 'deactivate them first (vgchange -an, cryptsetup close, mdadm --stop)', 'DEVICE_BUSY');

  const mounted = facts.mounts.filter((m) => fp.majMins.has(m.majMin) && !SYSTEM_MOUNTS.includes(m.mountPoint));
  const unmount: FlashPlan['unmount'] = [];
  if (mounted.length === 0) add('mounted', 'ok', 'nothing mounted');
  else if (policy.unmount && holders.length === 0) {
    for (const m of mounted) unmount.push({ source: m.source, mountPoint: m.mountPoint });
    add('mounted', 'ok', `will unmount ${mounted.map((m) => m.mountPoint).join(', ')} (--unmount)`);
  } else add('mounted', 'refuse', `mounted: ${mounted.map((m) => `${m.source} on ${m.mountPoint}`).join(', ')}`, 'unmount them, or pass --unmount', 'DEVICE_BUSY');
  return { checks, unmount };
}

function targetCheck(target: TargetFacts, facts: FlashFacts, partition: boolean): { check: FlashCheck; disk?: DiskFacts } {
  const arg = target.argument;
  if (target.type === 'missing') {
    return { check: { id: 'block-device', status: 'refuse', code: 'DEVICE_NOT_FOUND', message: `${arg} does not exist (nothing will be created)`, hint: 'check the name: microyocto flash --list' } };
  }
  if (target.type !== 'block') {
    return { check: { id: 'block-device', status: 'refuse', code: 'DEVICE_NOT_FOUND', message: `${arg} is a ${target.type === 'file' ? 'regular file' : target.type}, not a block device`, hint: 'flash writes to a card\'s block device (microyocto flash --list); to make an image file, copy it' } };
  }
  const disk = facts.disks.find((d) => d.majMin === target.majMin);
  if (disk) return { check: { id: 'block-device', status: 'ok', message: `block device ${target.path} (${target.majMin})` }, disk };
  const part = partitionTarget(facts.disks, target.majMin);
  if (part) {
    const parent = part.parent;
    if (!partition) {
      return { check: { id: 'whole-disk', status: 'refuse', code: 'DEVICE_UNSAFE', message: `${arg} is a partition of ${parent.devPath}; an image is written to the whole disk`, hint: `use ${parent.devPath}, or pass --partition to write only this partition` } };
    }
    const model = [parent.vendor, parent.model].filter((x) => x !== undefined).join(' ') || 'unknown model';
    const n = partitionNumber(part.name);
    return {
      check: { id: 'whole-disk', status: 'confirm', message: `${part.devPath} is partition${n === undefined ? '' : ` ${n}`} of ${parent.devPath} (${model}, ${humanSize(parent.sizeBytes)}): only this partition is written (--partition)` },
      disk: part,
    };
  }
  return { check: { id: 'block-device', status: 'refuse', code: 'DEVICE_NOT_FOUND', message: `${arg} (${target.majMin}) is a block device sysfs does not list`, hint: 'microyocto flash --list shows the disks it knows' } };
}

// Compute the plan: every check for this target, what to unmount, what needs confirming.
export function planFlash(target: TargetFacts, facts: FlashFacts, image: ImageFacts | undefined, policy: FlashPolicy): FlashPlan {
  const { check, disk } = targetCheck(target, facts, policy.partition === true);
  const checks: FlashCheck[] = [];
  let unmount: FlashPlan['unmount'] = [];
  if (disk) {
    const partition = isPartitionTarget(disk);
    if (partition) checks.push({ id: 'block-device', status: 'ok', message: `block device ${target.path} (${target.majMin})` }, check);
    else checks.push(check, { id: 'whole-disk', status: 'ok', message: 'a whole disk, not a partition' });
    const d = partition ? partitionChecks(disk, facts, image, policy) : diskChecks(disk, facts, image, policy);
    checks.push(...d.checks);
    unmount = d.unmount;
    checks.push(...pinChecks(target, disk, policy));
    if (policy.writable === false) {
      checks.push({ id: 'permission', status: 'refuse', code: 'PERMISSION_DENIED', message: `writing ${disk.devPath} needs root (or membership of its group)`, hint: 'run the flash step with sudo: sudo microyocto flash ... (only the write needs it)' });
    } else if (policy.writable === true) checks.push({ id: 'permission', status: 'ok', message: 'you may write the device' });
  } else checks.push(check);
  const confirmations = checks.filter((c) => c.status === 'confirm').map((c) => c.message);
  return {
    target,
    disk,
    identity: disk ? identityOf(disk, facts.mounts) : undefined,
    checks,
    allowed: !checks.some((c) => c.status === 'refuse'),
    confirmations,
    unmount,
  };
}

// The checks of a partition target: its whole disk must pass the rules about what the disk is (kind,
// read-only, system disk, sources, transport); the partition those about what it holds (size, holders,
// mounts: a sibling partition may stay mounted, it is not written).
function partitionChecks(part: PartitionTarget, facts: FlashFacts, image: ImageFacts | undefined, policy: FlashPolicy): { checks: FlashCheck[]; unmount: FlashPlan['unmount'] } {
  const whole = diskChecks(part.parent, facts, image, policy).checks;
  const own = diskChecks(part, facts, image, policy);
  const fromDisk = new Set(['device-kind', 'read-only', 'system-disk', 'source-disk', 'transport']);
  const checks = [...whole.filter((c) => fromDisk.has(c.id)), ...own.checks.filter((c) => !fromDisk.has(c.id))];
  return { checks, unmount: own.unmount };
}

function pinChecks(target: TargetFacts, disk: DiskFacts, policy: FlashPolicy): FlashCheck[] {
  const out: FlashCheck[] = [];
  if (policy.expectSerial !== undefined) {
    const ok = disk.serial !== undefined && (disk.serial === policy.expectSerial || disk.wwn === policy.expectSerial);
    out.push(ok
      ? { id: 'expect-serial', status: 'ok', message: `serial ${policy.expectSerial} matches` }
      : { id: 'expect-serial', status: 'refuse', code: 'DEVICE_CHANGED', message: `--expect-serial ${policy.expectSerial} but ${disk.devPath} has serial ${disk.serial ?? '(none)'}`, hint: 'is the right card inserted? microyocto flash --list' });
  }
  if (policy.expectSize !== undefined) {
    out.push(policy.expectSize === disk.sizeBytes
      ? { id: 'expect-size', status: 'ok', message: `size ${disk.sizeBytes} bytes matches` }
      : { id: 'expect-size', status: 'refuse', code: 'DEVICE_CHANGED', message: `--expect-size ${policy.expectSize} but ${disk.devPath} has ${disk.sizeBytes} bytes`, hint: 'is the right card inserted? microyocto flash --list' });
  }
  if (policy.nonInteractive) {
    const byId = target.argument.includes('/disk/by-id/');
    const pinned = policy.expectSerial !== undefined || policy.expectSize !== undefined || byId;
    if (!policy.yes || !pinned) {
      const missing = [!policy.yes ? '--yes' : '', !pinned ? 'an identity pin (--expect-serial, --expect-size, or a /dev/disk/by-id/ path)' : ''].filter((s) => s !== '').join(' and ');
      out.push({ id: 'non-interactive', status: 'refuse', code: 'FLASH_NOT_CONFIRMED', message: `no terminal to confirm on (or CI is set): flashing needs ${missing}`, hint: `e.g. microyocto flash ${disk.devPath} --yes --expect-size ${disk.sizeBytes}${disk.serial ? ` (or --expect-serial ${disk.serial})` : ''}` });
    } else out.push({ id: 'non-interactive', status: 'ok', message: `confirmed by --yes and pinned by ${byId ? 'a by-id path' : policy.expectSerial !== undefined ? 'serial' : 'size'}` });
  }
  return out;
}

// True when the identity taken at confirmation still describes the device about to be opened.
export function sameIdentity(a: DeviceIdentity, b: DeviceIdentity): string | undefined {
  for (const key of ['majMin', 'serial', 'wwn', 'model', 'vendor', 'sizeBytes'] as const) {
    if (a[key] !== b[key]) return `${key} was ${String(a[key])}, now ${String(b[key])}`;
  }
  return undefined;
}
