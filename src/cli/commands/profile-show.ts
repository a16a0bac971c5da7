// SPDX-License-Identifier: MIT
/**
 * # microyocto profile show / diff
 *
 * `profile show NAME` resolves `extends` and prints the effective settings (with the file:line that
 * set each), every kernel feature with the .scc/.cfg files it resolves to, the conflicts between
 * features and the merged fragment. `profile diff A B` prints the settings that differ and the
 * scripts/diffconfig-style diff of the two merged fragments. Text output is not a stable format;
 * use --json.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { workspaceOf, WORKSPACE_FLAG } from './profile.js';

interface ShowFlags {
  workspace?: string;
  machine?: string;
  strict?: boolean;
}

// `profile show NAME`.
export function makeProfileShowCommand(ctx: CliContext): Command {
  return new Command('show')
    .description('show a profile resolved: settings, kernel features and their files, merged fragment, conflicts')
    .argument('[name]', "the profile (default: the project file's profile)")
    .option(...WORKSPACE_FLAG)
    .option('--machine <name>', "use this machine instead of the profile's")
    .option('--strict', 'exit 3 (KCONFIG_STRICT) when features conflict (intended overrides excepted)')
    .action(async (name: string | undefined, opts: ShowFlags) => {
      const { showProfile, profileViewJson, formatProfileView } = await import('../../app/profile-show.js');
      const { resolveProfileName } = await import('../../app/profile-name.js');
      const workspaceDir = workspaceOf(ctx, opts);
      const view = await showProfile(await resolveProfileName(name, workspaceDir), { workspaceDir, machine: opts.machine });
      ctx.report(view.diagnostics);
      if (ctx.options.json) ctx.printJson(profileViewJson(view));
      else ctx.stdout(formatProfileView(view, workspaceDir));
      const real = view.kernel.conflicts.filter((c) => !c.intended);
      if (opts.strict && real.length > 0) {
        const { MicroyoctoError } = await import('../../core/errors.js');
        throw new MicroyoctoError('KCONFIG_STRICT', `${real.length} conflict(s) between kernel features (--strict)`, { hint: 'order the features so the one you want wins, or declare MICROYOCTO_OVERRIDES in its .scc' });
      }
    });
}

// `profile diff A B`.
export function makeProfileDiffCommand(ctx: CliContext): Command {
  return new Command('diff')
    .description('compare two profiles: settings, features, and the kconfig diff of their merged fragments')
    .argument('<a>', 'first profile')
    .argument('<b>', 'second profile')
    .option(...WORKSPACE_FLAG)
    .action(async (a: string, b: string, opts: { workspace?: string }) => {
      const { diffProfiles, profileDiffJson, formatProfileDiff } = await import('../../app/profile-diff.js');
      const { diff, views } = await diffProfiles(a, b, { workspaceDir: workspaceOf(ctx, opts) });
      ctx.report(views.flatMap((v) => v.diagnostics.filter((d) => d.severity !== 'info')));
      if (ctx.options.json) ctx.printJson(profileDiffJson(diff));
      else ctx.stdout(formatProfileDiff(diff));
    });
}
