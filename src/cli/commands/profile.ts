// SPDX-License-Identifier: MIT
/**
 * # microyocto profile
 *
 * Profiles name a whole image setup (manifest, machine, distro, image, kernel features, budgets):
 * `list` them, `show` one resolved with its kernel features and merged fragment, `diff` two,
 * `validate` INI files, list the kernel `features`. See docs/commands/profile.md and docs/profiles.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { makeProfileDiffCommand, makeProfileShowCommand } from './profile-show.js';
import { makeProfileValidateCommand } from './profile-validate.js';

/** The workspace a profile command reads: --workspace, $MICROYOCTO_WORKSPACE, else the cwd. */
export function workspaceOf(ctx: CliContext, opts: { workspace?: string }): string {
  return opts.workspace ?? ctx.env.MICROYOCTO_WORKSPACE ?? ctx.cwd;
}

export const WORKSPACE_FLAG = ['-w, --workspace <dir>', 'the workspace (default: $MICROYOCTO_WORKSPACE or the current folder)'] as const;

// `profile list`.
function makeProfileListCommand(ctx: CliContext): Command {
  return new Command('list')
    .description('list the profiles (workspace ones first, then built-in)')
    .option(...WORKSPACE_FLAG)
    .action(async (opts: { workspace?: string }) => {
      const { runProfileList, formatProfileList } = await import('../../app/profile-list.js');
      const { loadProject } = await import('../../profiles/index.js');
      const workspaceDir = workspaceOf(ctx, opts);
      const list = await runProfileList({ workspaceDir });
      if (ctx.options.json) ctx.printJson({ profiles: list });
      else ctx.stdout(formatProfileList(list, (await loadProject(workspaceDir).catch(() => undefined))?.profile));
    });
}

// `profile features`.
function makeProfileFeaturesCommand(ctx: CliContext): Command {
  return new Command('features')
    .description('list the kernel features profiles can name (meta-microyocto kernel metadata)')
    .action(async () => {
      const { runFeatureList, formatFeatureList } = await import('../../app/profile-list.js');
      const features = await runFeatureList({});
      if (ctx.options.json) ctx.printJson({ features });
      else ctx.stdout(formatFeatureList(features));
    });
}

// `profile` and its subcommands.
export function makeProfileCommand(ctx: CliContext): Command {
  return new Command('profile')
    .description('list, show, compare and validate profiles')
    .addCommand(makeProfileListCommand(ctx))
    .addCommand(makeProfileShowCommand(ctx))
    .addCommand(makeProfileDiffCommand(ctx))
    .addCommand(makeProfileValidateCommand(ctx))
    .addCommand(makeProfileFeaturesCommand(ctx));
}
