// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig
 *
 * Kernel `.config` fragments: merge them (`merge_config.sh -m`), compare them (`scripts/diffconfig`),
 * and check a final `.config` against what the fragments asked for. See docs/commands/kconfig.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { makeKconfigCheckCommand } from './kconfig-check.js';
import { makeKconfigDiffCommand } from './kconfig-diff.js';
import { makeKconfigMergeCommand } from './kconfig-merge.js';
import { makeKconfigResolveCommand } from './kconfig-resolve.js';

// `kconfig` and its subcommands.
export function makeKconfigCommand(ctx: CliContext): Command {
  return new Command('kconfig')
    .description('merge, diff and check kernel .config fragments (fast, kernel-compatible)')
    .addCommand(makeKconfigMergeCommand(ctx))
    .addCommand(makeKconfigDiffCommand(ctx))
    .addCommand(makeKconfigCheckCommand(ctx))
    .addCommand(makeKconfigResolveCommand(ctx));
}
