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
import { FAST_ROUTES } from '../fast-routes.js';

// `kconfig` and its subcommands: the fast path's routes, registered with commander.
export async function makeKconfigCommand(ctx: CliContext): Promise<Command> {
  const kconfig = new Command('kconfig').description('merge, diff and check kernel .config fragments (fast, kernel-compatible)');
  for (const route of FAST_ROUTES) {
    if (route.path[0] !== 'kconfig') continue;
    const { spec, action } = await route.load();
    kconfig.addCommand(commandFromSpec(ctx, spec, action));
  }
  return kconfig;
}
