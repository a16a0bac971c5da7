// SPDX-License-Identifier: MIT
/**
 * # microyocto profile show / diff
 *
 * `profile show NAME` resolves `extends` and prints the effective settings (with the file:line that
 * set each), every kernel feature with the .scc/.cfg files it resolves to, the conflicts between
 * features and the merged fragment; with `--kernel-src DIR` it also resolves the kernel fragments
 * against that tree and lists the requested values that will not stick and the symbols the kernel
 * does not define. `profile diff A B` prints the settings that differ and the
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
  kernelSrc?: string;
  arch?: string;
  base?: string;
}

// `profile show NAME`.
export function makeProfileShowCommand(ctx: CliContext): Command {
  return new Command('show')
    .description('show a profile resolved: settings, kernel features and their files, merged fragment, conflicts')
    .argument('[name]', "the profile (default: the project file's profile)")
    .option(...WORKSPACE_FLAG)
    .option('--machine <name>', "use this machine instead of the profile's")
    .option('--kernel-src <dir>', 'also resolve the kernel fragments against this kernel tree: values that will not stick, symbols it lacks')
    .option('--arch <arch>', "with --kernel-src: kernel ARCH (default: the machine's kernel-arch)")
    .option('--base <mode|file>', 'with --kernel-src: how the kernel build resolves (default allnoconfig, as linux-yocto-tiny)')
    .option('--strict', 'exit 3 when features conflict (KCONFIG_STRICT; intended overrides excepted) or, with --kernel-src, when a value will not stick (KCONFIG_MISMATCH)')
    .action(async (name: string | undefined, opts: ShowFlags) => {
      const { showProfile, profileViewJson, formatProfileView } = await import('../../app/profile-show.js');
      const { resolveProfileName } = await import('../../app/profile-name.js');
      const workspaceDir = workspaceOf(ctx, opts);
      const kernel = opts.kernelSrc === undefined ? undefined : { kernelSrc: opts.kernelSrc, arch: opts.arch, base: opts.base, env: ctx.env, cwd: ctx.cwd };
      if (!kernel && (opts.arch !== undefined || opts.base !== undefined)) {
        const { MicroyoctoError } = await import('../../core/errors.js');
        throw new MicroyoctoError('USAGE', '--arch and --base need --kernel-src', { hint: 'give the kernel tree to resolve the profile against: --kernel-src DIR' });
      }
      const view = await showProfile(await resolveProfileName(name, workspaceDir), { workspaceDir, machine: opts.machine, kernel });
      ctx.report(view.diagnostics);
      if (ctx.options.json) ctx.printJson(profileViewJson(view));
      else ctx.stdout(formatProfileView(view, workspaceDir));
      const real = view.kernel.conflicts.filter((c) => !c.intended);
      if (opts.strict && real.length > 0) {
        const { MicroyoctoError } = await import('../../core/errors.js');
        throw new MicroyoctoError('KCONFIG_STRICT', `${real.length} conflict(s) between kernel features (--strict)`, { hint: 'order the features so the one you want wins, or declare MICROYOCTO_OVERRIDES in its .scc' });
      }
      const k = view.kernelCheck;
      if (opts.strict && k && k.mismatches.length + k.invalid.length > 0) {
        const { MicroyoctoError } = await import('../../core/errors.js');
        throw new MicroyoctoError('KCONFIG_MISMATCH', `${k.mismatches.length} requested value(s) will not stick and ${k.invalid.length} symbol(s) do not exist in ${k.kernelSrc} (--strict)`, {
          hint: 'each entry names the reason; microyocto kconfig why CONFIG_X --kernel-src DIR explains a symbol in full',
        });
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
