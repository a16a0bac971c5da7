// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig resolve
 *
 * `microyocto kconfig resolve --kernel-src DIR [--arch ARCH] [--base MODE|FILE] [FRAGMENT...] -o .config`
 * writes the `.config` the kernel's own `conf` would write for `make ARCH=... olddefconfig` (or
 * `defconfig`, `NAME_defconfig`, `tinyconfig`, `alldefconfig`, `allnoconfig`, `allyesconfig`, `allmodconfig`
 * with the fragments as KCONFIG_ALLCONFIG), byte for byte, without make. See docs/commands/kconfig-resolve.md.
 */
import type { CliContext } from '../context.js';
import type { CommandSpec } from '../spec-types.js';

export const KCONFIG_RESOLVE_SPEC: CommandSpec = {
  name: 'resolve',
  description: 'resolve fragments against a kernel Kconfig tree, byte-identical to make olddefconfig/alldefconfig/allnoconfig',
  args: [{ name: 'fragments', description: 'fragments merged in order (last wins), as merge_config.sh does', optional: true, variadic: true }],
  options: [
    { flags: '--kernel-src <dir>', description: 'the kernel source tree (its Kconfig files are read, never written)', required: true },
    { flags: '--arch <arch>', description: 'kernel ARCH (default: $ARCH, else x86_64)' },
    {
      flags: '--base <mode|file>',
      description:
        'olddefconfig (default: the output file, if it exists), defconfig, tinyconfig, alldefconfig, allnoconfig, allyesconfig, allmodconfig, mod2noconfig, yes2modconfig, mod2yesconfig, NAME_defconfig (arch/$SRCARCH/configs/, as make NAME_defconfig), or a .config file',
    },
    { flags: '-o, --output <file>', description: 'the .config to write (default: .config)' },
    { flags: '--fresh-probes', description: 'run the toolchain probes again instead of using their cached answers' },
  ],
};

// Resolve, write the .config, and say what was done (or print JSON).
export async function kconfigResolveAction(ctx: CliContext, args: Array<string | string[] | undefined>, opts: Record<string, string | boolean | undefined>): Promise<void> {
  const { runKconfigResolve } = await import('../../app/kconfig-resolve.js');
  const outcome = await runKconfigResolve({
    kernelSrc: opts.kernelSrc as string,
    arch: opts.arch as string | undefined,
    base: (opts.base as string | undefined) ?? 'olddefconfig',
    fragments: (args[0] as string[] | undefined) ?? [],
    output: (opts.output as string | undefined) ?? '.config',
    env: ctx.env,
    cwd: ctx.cwd,
    freshProbes: opts.freshProbes === true,
  });
  const s = outcome.loaded.stats;
  if (ctx.options.json) {
    ctx.printJson({
      output: outcome.outputPath,
      mode: outcome.mode,
      arch: outcome.loaded.arch,
      probes: { run: s.probesRun, cached: s.probesCached, rounds: s.rounds },
      overrides: outcome.overrides,
      unknown: outcome.result.unknown,
      diagnostics: outcome.diagnostics,
    });
    return;
  }
  ctx.report(outcome.diagnostics);
  for (const o of outcome.overrides) {
    if (o.kind !== 'redefined') continue;
    const n = o.next[o.next.length - 1];
    ctx.info(`${n ? `${n.file}:${n.line}` : o.fragment}: ${o.symbol} redefined (was: ${o.previous.map((p) => p.text).join(' ')})`);
  }
  ctx.info(`${outcome.outputPath}: written (${outcome.mode}, ${outcome.loaded.arch}; ${s.probesRun} toolchain probes run, ${s.probesCached} answers cached)`);
}
