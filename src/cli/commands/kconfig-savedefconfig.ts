// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig savedefconfig
 *
 * `microyocto kconfig savedefconfig --kernel-src DIR [--arch ARCH] [--config .config] [-o defconfig]` writes
 * the minimal configuration `make savedefconfig` writes (the kernel's `conf --savedefconfig`), byte for
 * byte, without make: the file to keep in a layer as the kernel's `defconfig`. See
 * docs/commands/kconfig-savedefconfig.md.
 */
import type { CliContext } from '../context.js';
import type { CommandSpec } from '../spec-types.js';

export const KCONFIG_SAVEDEFCONFIG_SPEC: CommandSpec = {
  name: 'savedefconfig',
  description: 'write the minimal defconfig of a .config, byte-identical to make savedefconfig',
  args: [],
  options: [
    { flags: '--kernel-src <dir>', description: 'the kernel source tree (its Kconfig files are read, never written)', required: true },
    { flags: '--arch <arch>', description: 'kernel ARCH (default: $ARCH, else x86_64)' },
    { flags: '--config <file>', description: 'the .config to minimise, read as make olddefconfig reads it (default: .config)' },
    { flags: '-o, --output <file>', description: 'the defconfig to write (default: defconfig)' },
  ],
};

// Write the defconfig and say what was done (or print JSON).
export async function kconfigSaveDefconfigAction(ctx: CliContext, _args: Array<string | string[] | undefined>, opts: Record<string, string | boolean | undefined>): Promise<void> {
  const { runKconfigSaveDefconfig } = await import('../../app/kconfig-savedefconfig.js');
  const outcome = await runKconfigSaveDefconfig({
    kernelSrc: opts.kernelSrc as string,
    arch: opts.arch as string | undefined,
    config: opts.config as string | undefined,
    output: opts.output as string | undefined,
    env: ctx.env,
    cwd: ctx.cwd,
  });
  if (ctx.options.json) {
    ctx.printJson({ output: outcome.outputPath, arch: outcome.loaded.arch, lines: outcome.lines, diagnostics: outcome.diagnostics });
    return;
  }
  ctx.report(outcome.diagnostics);
  ctx.info(`${outcome.outputPath}: written (${outcome.lines.defconfig} of ${outcome.lines.config} settings kept, ${outcome.loaded.arch})`);
}
