// SPDX-License-Identifier: MIT
/**
 * # microyocto kernel
 *
 * `microyocto kernel size --kernel-src DIR (--profile P | --variant NAME=A.cfg,B.cfg)... [--arch i386]
 * [--table] [--attribute]` is the kernel-only fast loop: merge the fragments, configure from
 * allnoconfig as linux-yocto-tiny does, build vmlinux out of tree in a per-variant cache folder
 * (incremental), and report text/data/bss/init and the requested symbols that did not stick.
 * `--attribute` rebuilds without each feature and prints what each one costs. See docs/commands/kernel.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';

interface KernelSizeFlags {
  kernelSrc: string;
  profile: string[];
  variant: string[];
  arch: string;
  jobs: string;
  buildRoot?: string;
  image?: boolean;
  table?: boolean;
  attribute?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

// `kernel` and `kernel size`.
export function makeKernelCommand(ctx: CliContext): Command {
  const size = new Command('size')
    .description('build vmlinux for profiles out of tree (allnoconfig + fragments) and report sizes')
    .requiredOption('--kernel-src <dir>', 'a clean kernel source tree (only read; builds go to the cache folder)')
    .option('-p, --profile <name>', 'a profile to build (repeatable)', collect, [])
    .option('--variant <name=frags>', 'a named fragment list, first fragment the base (repeatable)', collect, [])
    .option('--arch <arch>', 'kernel ARCH', 'i386')
    .option('-j, --jobs <n>', 'make -j', '2')
    .option('--build-root <dir>', 'cache folder for the out-of-tree builds (default: cache/kernel-size)')
    .option('--image', 'also build and measure bzImage')
    .option('--table', "print the talk's table: one row per profile")
    .option('--attribute', 'measure what each feature costs by building without it')
    .action(async (flags: KernelSizeFlags) => {
      const { MicroyoctoError } = await import('../../core/errors.js');
      const jobs = Number(flags.jobs);
      if (!Number.isInteger(jobs) || jobs < 1) throw new MicroyoctoError('USAGE', `--jobs ${flags.jobs}: expected a whole number of at least 1`);
      const { resolve } = await import('node:path');
      const app = await import('../../app/kernel-size.js');
      const { chooseRenderMode } = await import('../../pipeline/run-steps.js');
      const table = await import('../../core/size/kernel-table.js');
      const variants = [];
      if (flags.profile.length > 0) {
        const { loadProfileForSize, resolveFeatureFragments } = await import('../../app/profile-source.js');
        for (const name of flags.profile) variants.push(await app.variantFromProfile(await loadProfileForSize(name, { workspaceDir: ctx.cwd }), resolveFeatureFragments));
      }
      for (const spec of flags.variant) variants.push(await app.variantFromSpec(spec, ctx.cwd));
      const mode = chooseRenderMode(ctx.options.json, ctx.isTTY, ctx.env);
      const outcome = await app.runKernelSize({
        kernelSrc: resolve(ctx.cwd, flags.kernelSrc),
        arch: flags.arch,
        jobs,
        image: flags.image === true,
        attribute: flags.attribute === true,
        buildRoot: resolve(ctx.cwd, flags.buildRoot ?? 'cache/kernel-size'),
        variants,
        env: ctx.env,
        steps: { mode: ctx.options.quiet && mode !== 'json' ? 'silent' : mode, writeOut: ctx.stdout, writeErr: ctx.stderr, signal: ctx.interrupts.signal, onInterrupt: ctx.interrupts.onInterrupt, verbose: ctx.options.verbose },
        onResult: (r) => {
          if (!ctx.options.json && flags.table !== true) ctx.stdout(table.formatVariant(r));
        },
      });
      if (ctx.options.json) {
        ctx.stdout(JSON.stringify({ event: 'result', arch: flags.arch, variants: outcome.results, attribution: outcome.attribution }) + '\n');
        return;
      }
      if (flags.table === true) {
        ctx.stdout(table.formatSizeTable(outcome.results, flags.arch));
        for (const r of outcome.results) if (r.dropped.length > 0) ctx.stdout(`\n${r.name}:\n${table.formatDropped(r)}`);
      }
      if (flags.attribute === true) ctx.stdout(`\nwhat each feature costs (with - without, bytes (KiB)):\n${table.formatAttribution(outcome.attribution)}`);
    });
  return new Command('kernel').description('kernel-only fast loop: build vmlinux out of tree and measure it').addCommand(size);
}
