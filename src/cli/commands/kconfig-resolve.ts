// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig resolve
 *
 * `microyocto kconfig resolve --kernel-src DIR [--arch ARCH] [--base MODE|FILE] [FRAGMENT...] -o .config`
 * writes the `.config` the kernel's own `conf` would write for `make ARCH=... olddefconfig` (or
 * `defconfig`, `alldefconfig`, `allnoconfig`, `allyesconfig`, `allmodconfig` with the fragments as
 * KCONFIG_ALLCONFIG), byte for byte, without make. See docs/commands/kconfig-resolve.md.
 */
import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';

// `kconfig resolve`.
export function makeKconfigResolveCommand(ctx: CliContext): Command {
  return new Command('resolve')
    .description('resolve fragments against a kernel Kconfig tree, byte-identical to make olddefconfig/alldefconfig/allnoconfig')
    .requiredOption('--kernel-src <dir>', 'the kernel source tree (its Kconfig files are read, never written)')
    .option('--arch <arch>', 'kernel ARCH (default: $ARCH, else x86_64)')
    .addOption(
      new Option('--base <mode|file>', 'olddefconfig (the output file, if it exists), defconfig, alldefconfig, allnoconfig, allyesconfig, allmodconfig, or a .config file').default(
        'olddefconfig',
      ),
    )
    .argument('[fragments...]', 'fragments merged in order (last wins), as merge_config.sh does')
    .option('-o, --output <file>', 'the .config to write', '.config')
    .option('--no-probe-cache', 'run the toolchain probes even if their answers are cached')
    .action(async (fragments: string[], opts: { kernelSrc: string; arch?: string; base: string; output: string; probeCache: boolean }) => {
      const { runKconfigResolve } = await import('../../app/kconfig-resolve.js');
      const outcome = await runKconfigResolve({
        kernelSrc: opts.kernelSrc,
        arch: opts.arch,
        base: opts.base,
        fragments,
        output: opts.output,
        env: ctx.env,
        cwd: ctx.cwd,
        probeCache: opts.probeCache,
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
      ctx.info(`${outcome.outputPath}: written (${outcome.mode}, ${outcome.loaded.arch}; ${s.probesRun} toolchain probes run, ${s.probesCached} cached)`);
    });
}
