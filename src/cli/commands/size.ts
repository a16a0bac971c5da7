// SPDX-License-Identifier: MIT
/**
 * # microyocto size
 *
 * `microyocto size [FILE...]` prints what build artifacts weigh: for ELF files (vmlinux) the Berkeley
 * text/data/bss table, byte-identical to binutils `size`, then the kernel layout (.text, .rodata, .data,
 * .bss, .brk, init); for a bzImage, cpio archive or image its size. `size --profile P --check` compares a
 * build's artifacts with the profile's budget (exit 3 when one is exceeded). `size diff A B` compares
 * symbols like the kernel's `scripts/bloat-o-meter`. See docs/commands/size.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { makeSizeDiffCommand } from './size-diff.js';

interface SizeFlags {
  profile?: string;
  check?: boolean;
  deployDir?: string;
  buildhistory?: string;
}

// `size` and `size diff`.
export function makeSizeCommand(ctx: CliContext): Command {
  return new Command('size')
    .description('what a build weighs: kernel text/data/bss/init (as binutils size), images, budgets')
    .argument('[files...]', 'vmlinux, bzImage, rootfs image or cpio files')
    .option('-p, --profile <name>', "measure deploy/<profile>/ and use the profile's [budget]")
    .option('--check', 'fail (exit 3) when a budget of the profile is exceeded')
    .option('--deploy-dir <dir>', 'where the build artifacts are (default: deploy/<profile>)')
    .option('--buildhistory <file>', "buildhistory's installed-package-sizes.txt: the rootfs by package")
    .addCommand(makeSizeDiffCommand(ctx))
    .action(async (files: string[], flags: SizeFlags) => {
      const { runSize } = await import('../../app/size.js');
      const loadProfileForSize = flags.profile === undefined ? undefined : (await import('../../app/profile-source.js')).loadProfileForSize;
      // NOTE: the workspace (and the profile loader's zod/ini) is only needed for --profile: keep plain `size` fast.
      const workspaceDir = flags.profile === undefined ? undefined : await (await import('../../app/pipeline.js')).findWorkspace(ctx.cwd);
      const outcome = await runSize({ files, profile: flags.profile, check: flags.check === true, deployDir: flags.deployDir, buildhistory: flags.buildhistory, cwd: ctx.cwd, workspaceDir, loadProfile: loadProfileForSize });
      ctx.report(outcome.diagnostics);
      if (ctx.options.json) ctx.printJson(outcome.json);
      else ctx.stdout(outcome.text);
      if (outcome.error) throw outcome.error;
    });
}
