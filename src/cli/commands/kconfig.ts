// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig
 *
 * Kernel `.config` fragments: merge them (`merge_config.sh -m`), compare them (`scripts/diffconfig`),
 * and check a final `.config` against what the fragments asked for. See docs/commands/kconfig.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { commandFromSpec } from '../spec.js';
import { FAST_COMMANDS } from '../fast-commands.js';

// `kconfig` and its subcommands.
export function makeKconfigCommand(ctx: CliContext): Command {
  const kconfig = new Command('kconfig').description('merge, diff and check kernel .config fragments (fast, kernel-compatible)');
  for (const c of FAST_COMMANDS) if (c.path[0] === 'kconfig') kconfig.addCommand(commandFromSpec(ctx, c.spec, c.action));
  return kconfig;
}
