// SPDX-License-Identifier: MIT
/**
 * # microyocto image
 *
 * `microyocto image --profile P [--machine M] [--target T] [--dry-run]` runs `wic create` on what
 * `build` made and collects the `.direct` + `.bmap` into `deploy/<profile>/` with manifest.json.
 * See docs/commands/image.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { commandFromSpec } from '../spec.js';
import type { CommandSpec } from '../spec-types.js';
import { DRY_RUN_FLAG, MACHINE_FLAG, PROFILE_FLAG, listFlag, stringFlag } from './pipeline-flags.js';

export const IMAGE_SPEC: CommandSpec = {
  name: 'image',
  description: 'create the disk image (wic) of a built profile and collect it in deploy/<profile>/',
  args: [],
  options: [PROFILE_FLAG, MACHINE_FLAG, { flags: '-t, --target <image>', description: "the image recipe wic takes the rootfs from (default: the profile's)" }, DRY_RUN_FLAG],
};

// `image`.
export function makeImageCommand(ctx: CliContext): Command {
  return commandFromSpec(ctx, IMAGE_SPEC, async (c, _args, opts) => {
    const { runPipelineCommand } = await import('../../app/pipeline-report.js');
    await runPipelineCommand(c, 'image', { profile: stringFlag(opts.profile), machine: stringFlag(opts.machine), targets: listFlag(opts.target), dryRun: opts.dryRun === true });
  });
}
