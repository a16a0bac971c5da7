// SPDX-License-Identifier: MIT
/**
 * # microyocto status
 *
 * `microyocto status [--profile P] [--json]` shows each repo against microyocto.lock, whether the
 * managed build configuration is current, and every local.conf line that overrides the profile
 * (local.conf is read after auto.conf, so a plain assignment there wins). See docs/commands/status.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { commandFromSpec } from '../spec.js';
import type { CommandSpec } from '../spec-types.js';
import { stringFlag } from './pipeline-flags.js';

export const STATUS_SPEC: CommandSpec = {
  name: 'status',
  description: "where the workspace stands: repos vs the lock, build config, local.conf overrides of the profile",
  args: [],
  options: [{ flags: '-p, --profile <name>', description: 'the profile (default: profile = in microyocto.ini)' }],
};

// `status`.
export function makeStatusCommand(ctx: CliContext): Command {
  return commandFromSpec(ctx, STATUS_SPEC, async (c, _args, opts) => {
    const { workspaceStatus, formatStatus } = await import('../../app/status.js');
    const report = await workspaceStatus({ cwd: c.cwd, env: c.env, profile: stringFlag(opts.profile) });
    if (c.options.json) c.printJson(report);
    else c.stdout(formatStatus(report));
  });
}
