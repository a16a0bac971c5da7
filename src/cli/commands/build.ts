// SPDX-License-Identifier: MIT
/**
 * # microyocto build
 *
 * `microyocto build --profile P [--machine M] [--target T] [-k] [--dry-run] [--skip/--only STEPS]`
 * runs the pipeline fetch-layers → write-build-config → bitbake → wic → collect-artifacts and leaves
 * the image and `deploy/<profile>/manifest.json`. Layers missing are cloned first (as `setup` would).
 * See docs/commands/build.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { commandFromSpec } from '../spec.js';
import type { CommandSpec } from '../spec-types.js';
import { DRY_RUN_FLAG, MACHINE_FLAG, OFFLINE_FLAG, ONLY_FLAG, PROFILE_FLAG, SKIP_FLAG, listFlag, stringFlag } from './pipeline-flags.js';

export const BUILD_SPEC: CommandSpec = {
  name: 'build',
  description: 'build a profile: layers, configuration, bitbake, wic, deploy/<profile>/',
  args: [],
  options: [
    PROFILE_FLAG,
    MACHINE_FLAG,
    { flags: '-t, --target <targets>', description: "bitbake target(s), comma-separated (default: the profile's image)" },
    { flags: '-k, --keep-going', description: 'keep going after a failed task (bitbake -k) to find all failures' },
    OFFLINE_FLAG,
    DRY_RUN_FLAG,
    { flags: '--skip <steps>', description: 'comma-separated steps not to run: fetch-layers, write-build-config, bitbake, wic, collect-artifacts' },
    ONLY_FLAG,
  ],
};

// `build`.
export function makeBuildCommand(ctx: CliContext): Command {
  return commandFromSpec(ctx, BUILD_SPEC, async (c, _args, opts) => {
    const { runPipelineCommand } = await import('../../app/pipeline-report.js');
    await runPipelineCommand(c, 'build', {
      profile: stringFlag(opts.profile),
      machine: stringFlag(opts.machine),
      targets: listFlag(opts.target),
      keepGoing: opts.keepGoing === true,
      offline: opts.offline === true,
      dryRun: opts.dryRun === true,
      skip: listFlag(opts.skip),
      only: listFlag(opts.only),
    });
  });
}
