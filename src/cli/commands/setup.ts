// SPDX-License-Identifier: MIT
/**
 * # microyocto setup
 *
 * `microyocto setup [--profile P] [--offline] [--shallow] [--dry-run]` clones or updates every repo of
 * the manifest under `layers/`, checks out the commits `microyocto.lock` pins (writing the lock for
 * repos not pinned yet), and with a profile writes `build/<profile>/conf`. See docs/commands/setup.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { commandFromSpec } from '../spec.js';
import type { CommandSpec } from '../spec-types.js';
import { DRY_RUN_FLAG, OFFLINE_FLAG, ONLY_FLAG, PROFILE_FLAG, SKIP_FLAG, listFlag, stringFlag } from './pipeline-flags.js';

export const SETUP_SPEC: CommandSpec = {
  name: 'setup',
  description: 'clone/update the layers of the manifest at the commits microyocto.lock pins',
  args: [],
  options: [PROFILE_FLAG, OFFLINE_FLAG, { flags: '--shallow', description: 'shallow clones (depth 1), for throw-away CI workspaces' }, DRY_RUN_FLAG, SKIP_FLAG, ONLY_FLAG],
};

// `setup`.
export function makeSetupCommand(ctx: CliContext): Command {
  return commandFromSpec(ctx, SETUP_SPEC, async (c, _args, opts) => {
    const { runPipelineCommand } = await import('../../app/pipeline-report.js');
    await runPipelineCommand(c, 'setup', {
      profile: stringFlag(opts.profile),
      offline: opts.offline === true,
      shallow: opts.shallow === true ? true : undefined,
      dryRun: opts.dryRun === true,
      skip: listFlag(opts.skip),
      only: listFlag(opts.only),
    });
  });
}
