// SPDX-License-Identifier: MIT
/**
 * # microyocto lock
 *
 * `microyocto lock [--update]` writes `microyocto.lock` (the full SHA of every repo). Without
 * `--update` it pins what is checked out (cloning what is missing); with `--update` it fetches every
 * branch, moves the pins to the branch heads, checks them out and prints what moved: the commit
 * subjects between the old and the new pin. See docs/commands/lock.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { commandFromSpec } from '../spec.js';
import type { CommandSpec } from '../spec-types.js';
import { DRY_RUN_FLAG, stringFlag } from './pipeline-flags.js';

export const LOCK_SPEC: CommandSpec = {
  name: 'lock',
  description: 'write microyocto.lock; --update moves every pin to its branch head and prints what moved',
  args: [],
  options: [{ flags: '-u, --update', description: 'fetch and pin the branch heads' }, { flags: '-p, --profile <name>', description: 'take the manifest from this profile' }, DRY_RUN_FLAG],
};

// `lock`.
export function makeLockCommand(ctx: CliContext): Command {
  return commandFromSpec(ctx, LOCK_SPEC, async (c, _args, opts) => {
    const { runPipelineCommand } = await import('../../app/pipeline-report.js');
    await runPipelineCommand(c, 'lock', { update: opts.update === true, profile: stringFlag(opts.profile), dryRun: opts.dryRun === true });
  });
}
