// SPDX-License-Identifier: MIT
// The host a flash runs on: where its device facts come from, how a target path resolves, how the
// target is opened. The real host is the only one the CLI builds; tests inject their own.
import { constants } from 'node:fs';
import { access, lstat, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TargetFacts } from '../core/flash/plan.js';
import { MicroyoctoError } from '../core/errors.js';
import { REAL_ROOTS, type MachineRoots } from './machine.js';

export interface FlashHost {
  roots: MachineRoots;
  /** realpath + stat of the argument; never creates anything. */
  resolveTarget(argument: string, cwd: string): Promise<TargetFacts>;
  /** st_dev of a path as major:minor, if the host wants to override the real one (tests). */
  pathDevice?: ((path: string) => string | undefined) | undefined;
  /** The path that is opened for writing the given device node. */
  writePath(devPath: string): string;
  /** Whether the current user may open it for writing. */
  canWrite(devPath: string): Promise<boolean>;
  /** Open for writing: O_WRONLY | O_EXCL on a block device (EBUSY if anything claims it). */
  openForWrite(devPath: string): Promise<FileHandle>;
  /** True when the target is a real block device (blockdev flush/re-read apply). */
  isBlockDevice: boolean;
}

function majMinOf(dev: number): string {
  return `${(dev >>> 8) & 0xfff}:${(dev & 0xff) | ((dev >>> 12) & 0xfff00)}`;
}

// realpath, then lstat; a missing path is reported as missing (bmaptool would create a file there).
export async function resolveRealTarget(argument: string, cwd: string): Promise<TargetFacts> {
  const abs = resolve(cwd, argument);
  let path: string;
  try {
    path = await realpath(abs);
  } catch {
    return { argument, path: abs, type: 'missing', majMin: undefined };
  }
  const st = await lstat(path);
  if (st.isBlockDevice()) return { argument, path, type: 'block', majMin: majMinOf(st.rdev) };
  return { argument, path, type: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', majMin: undefined };
}

// Map open() failures on the target to what the user should do.
export function openError(devPath: string, cause: unknown): MicroyoctoError {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new MicroyoctoError('PERMISSION_DENIED', `writing ${devPath} needs root (or membership of its group); you may read the device facts but not write`, {
      hint: 'run only this command with sudo: sudo microyocto flash ...; builds never need root',
      cause,
    });
  }
  if (code === 'EBUSY') {
    return new MicroyoctoError('DEVICE_BUSY', `${devPath} is busy: the kernel refused an exclusive open (something still mounts, holds or has it open exclusively)`, {
      hint: 'unmount its partitions (or pass --unmount), close LVM/dm-crypt/md on it, then try again',
      cause,
    });
  }
  if (code === 'EROFS') return new MicroyoctoError('DEVICE_READ_ONLY', `${devPath} is read-only`, { hint: 'unlock the card (its lock switch) and re-insert it', cause });
  if (code === 'ENOMEDIUM' || code === 'ENXIO' || code === 'ENOENT') return new MicroyoctoError('DEVICE_NOT_FOUND', `${devPath} has gone (${code})`, { hint: 'was the card removed? re-insert it and run again', cause });
  return new MicroyoctoError('DEVICE_WRITE_FAILED', `cannot open ${devPath} for writing (${code ?? String(cause)})`, { cause });
}

// The machine this process runs on.
export function createRealHost(): FlashHost {
  return {
    roots: REAL_ROOTS,
    resolveTarget: resolveRealTarget,
    writePath: (devPath) => devPath,
    canWrite: async (devPath) => {
      try {
        await access(devPath, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
    openForWrite: async (devPath) => {
      // NOTE: without O_CREAT, O_EXCL on a block device asks for exclusive use (open(2)); and a
      // missing path fails with ENOENT instead of creating a file (bmaptool's /dev typo trap).
      const st = await stat(devPath).catch((cause: unknown) => {
        throw openError(devPath, cause);
      });
      if (!st.isBlockDevice()) throw new MicroyoctoError('DEVICE_NOT_FOUND', `${devPath} is no longer a block device`);
      try {
        return await open(devPath, constants.O_WRONLY | constants.O_EXCL);
      } catch (cause) {
        throw openError(devPath, cause);
      }
    },
    isBlockDevice: true,
  };
}
