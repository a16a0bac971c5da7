// SPDX-License-Identifier: MIT
// A partition as a flash target (--partition): the facts of its disk, narrowed to the partition.
import type { DiskFacts } from './machine.js';

/** A partition seen as the device to write: the identity (vendor, model, serial) of its disk, its own size and holders. */
export interface PartitionTarget extends DiskFacts {
  parent: DiskFacts;
}

// The partition `majMin` of one of the disks as a writable target, or undefined.
export function partitionTarget(disks: readonly DiskFacts[], majMin: string | undefined): PartitionTarget | undefined {
  for (const parent of disks) {
    const part = parent.partitions.find((p) => p.majMin === majMin);
    if (!part) continue;
    return {
      ...parent,
      name: part.name,
      devPath: part.devPath,
      majMin: part.majMin,
      sizeBytes: part.sizeBytes,
      partitions: [],
      // Whatever holds the whole disk holds the partition too.
      holders: [...parent.holders, ...part.holders],
      holderMajMins: [...parent.holderMajMins, ...part.holderMajMins],
      // NOTE: the partition table is not ours to re-read: writing a partition leaves it as it was.
      partitionScan: false,
      parent,
    };
  }
  return undefined;
}

export function isPartitionTarget(disk: DiskFacts): disk is PartitionTarget {
  return (disk as Partial<PartitionTarget>).parent !== undefined;
}

// The number of a partition from its kernel name (sdb2 -> 2, mmcblk0p1 -> 1).
export function partitionNumber(name: string): number | undefined {
  const m = /(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}
