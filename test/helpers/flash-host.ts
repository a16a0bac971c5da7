// SPDX-License-Identifier: MIT
// Test-only FlashHosts: a fake machine from test/fixtures/flash/machines/<name>, writing into a regular
// file; or the real machine with loop devices. The CLI can reach neither (main.ts injects no host).
import { existsSync, lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import type { TargetFacts } from '../../src/core/flash/plan.js';
import type { FlashHost } from '../../src/flash/host.js';
import { resolveRealTarget } from '../../src/flash/host.js';
import { FIXTURES } from './tmp.js';

export interface FixtureHostOptions {
  /** The regular file that stands in for the device when writing. */
  targetFile?: string;
  /** Paths under these prefixes live on the given major:minor (the source-disk rule). */
  pathDevices?: Record<string, string>;
  canWrite?: boolean;
}

// A machine of test/fixtures/flash/machines by name, or any tree given by absolute path.
export function machineDir(name: string): string {
  return isAbsolute(name) ? name : join(FIXTURES, 'flash/machines', name);
}

// A host whose /sys, /proc and /dev/disk are a fixture tree; /dev/<name> is resolved through its sysfs.
export function fixtureHost(machine: string, options: FixtureHostOptions = {}): FlashHost & { opened: string[] } {
  const root = machineDir(machine);
  if (!existsSync(root)) throw new Error(`no fixture machine ${machine}`);
  const opened: string[] = [];
  return {
    opened,
    roots: { sys: join(root, 'sys'), mountinfo: join(root, 'proc/self/mountinfo'), swaps: join(root, 'proc/swaps'), diskLinks: join(root, 'dev/disk') },
    async resolveTarget(argument: string, cwd: string): Promise<TargetFacts> {
      if (!argument.startsWith('/dev/')) return resolveRealTarget(argument, cwd);
      const inFixture = join(root, argument);
      let name = basename(argument);
      if (argument.startsWith('/dev/disk/')) {
        if (!lstatSync(inFixture, { throwIfNoEntry: false })?.isSymbolicLink()) return { argument, path: argument, type: 'missing', majMin: undefined };
        name = basename(readlinkSync(inFixture));
      }
      const devFile = join(root, 'sys/class/block', name, 'dev');
      if (!existsSync(devFile)) return { argument, path: argument, type: 'missing', majMin: undefined };
      return { argument, path: `/dev/${name}`, type: 'block', majMin: readFileSync(devFile, 'utf8').trim() };
    },
    pathDevice: (path: string) => {
      for (const [prefix, majMin] of Object.entries(options.pathDevices ?? {})) if (path.startsWith(prefix)) return majMin;
      return undefined;
    },
    writePath: () => {
      if (options.targetFile === undefined) throw new Error('this fixture host has no target file');
      return options.targetFile;
    },
    canWrite: async () => options.canWrite ?? true,
    openForWrite: async (path: string) => {
      if (!statSync(path).isFile()) throw new Error('fixture target must be a regular file');
      opened.push(path);
      return open(path, 'r+');
    },
    isBlockDevice: false,
  };
}
