// SPDX-License-Identifier: MIT
// Flags shared by the pipeline commands (setup, build, image, lock) and their parsing.
import type { OptionSpec } from '../spec-types.js';

export const OFFLINE_FLAG: OptionSpec = { flags: '--offline', description: 'use only what is already there: no clone or fetch, BB_NO_NETWORK=1 for bitbake' };
export const DRY_RUN_FLAG: OptionSpec = { flags: '--dry-run', description: 'print every command (with its arguments and environment) and the diff of every file it would write; change nothing' };
export const SKIP_FLAG: OptionSpec = { flags: '--skip <steps>', description: 'comma-separated step ids not to run' };
export const ONLY_FLAG: OptionSpec = { flags: '--only <steps>', description: 'comma-separated step ids to run (and no others)' };
export const PROFILE_FLAG: OptionSpec = { flags: '-p, --profile <name>', description: 'the profile (default: profile = in microyocto.ini)' };
export const MACHINE_FLAG: OptionSpec = { flags: '--machine <name>', description: "build for this machine instead of the profile's" };

// `a,b, c` → ['a', 'b', 'c']; undefined stays undefined.
export function listFlag(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

// A string flag or undefined.
export function stringFlag(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
