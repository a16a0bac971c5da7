// SPDX-License-Identifier: MIT
// What the flash steps share: the confirmed plan, the image, the host, and what was written.
import type { DeviceIdentity, FlashPlan } from '../core/flash/plan.js';
import { identityOf, sameIdentity } from '../core/flash/plan.js';
import { partitionTarget } from '../core/flash/partition.js';
import type { DiskFacts } from '../core/flash/machine.js';
import { MicroyoctoError } from '../core/errors.js';
import type { FlashHost } from './host.js';
import type { ResolvedImage } from './image.js';
import { readDisks, readMounts } from './machine.js';
import type { WriteResult } from './writer.js';

export interface FlashSession {
  host: FlashHost;
  image: ResolvedImage;
  plan: FlashPlan;
  disk: DiskFacts;
  /** The identity the user confirmed (or pinned). */
  identity: DeviceIdentity;
  verify: boolean;
  readBack: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  written?: WriteResult | undefined;
}

// The message every failure after the first write carries (Etcher's exitWhileFlashing).
export function undefinedState(devPath: string): string {
  return `${devPath} is now in an undefined state (partly written): do not boot from it`;
}

export const UNDEFINED_STATE_HINT = 'run the same microyocto flash command again to rewrite it completely (or wipe it before other use)';

// Re-read the device right before opening it: same path, same major:minor, serial, model, size; nothing mounted.
export async function recheckIdentity(session: FlashSession): Promise<void> {
  const { host, plan, identity } = session;
  const target = await host.resolveTarget(plan.target.argument, session.cwd);
  const disks = readDisks(host.roots);
  const disk = disks.find((d) => d.majMin === target.majMin) ?? (identity.partitionOf !== undefined ? partitionTarget(disks, target.majMin) : undefined);
  const mounts = readMounts(host.roots);
  const now = disk ? identityOf(disk, mounts) : undefined;
  const diff = now === undefined ? `${plan.target.argument} no longer resolves to a ${identity.partitionOf ? 'partition' : 'disk'}` : sameIdentity(identity, now) ?? (identity.partitionOf?.majMin !== now.partitionOf?.majMin ? `it was a partition of ${identity.partitionOf?.path ?? '(none)'}, now of ${now.partitionOf?.path ?? '(none)'}` : undefined);
  if (diff !== undefined) {
    throw new MicroyoctoError('DEVICE_CHANGED', `${plan.target.argument} changed since it was confirmed (${diff}); nothing was written`, {
      hint: 'a card was replugged or swapped: run microyocto flash --list and start again',
    });
  }
  const majMins = new Set([disk!.majMin, ...disk!.partitions.map((p) => p.majMin)]);
  const mounted = mounts.filter((m) => majMins.has(m.majMin));
  if (mounted.length > 0) {
    throw new MicroyoctoError('DEVICE_BUSY', `${disk!.devPath} was mounted again (${mounted.map((m) => m.mountPoint).join(', ')}); nothing was written`, {
      hint: 'an automounter may have remounted it: disable automounting for the card, or pass --unmount again',
    });
  }
}
