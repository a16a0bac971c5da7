// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig check
 *
 * `microyocto kconfig check --final .config [--strict] [--absent-is-n] FRAGMENT...` reports every value the
 * fragments request that is not in the final `.config`, in the words of merge_config.sh's check.
 *
 * `microyocto kconfig check --kernel-src DIR [--arch A] [--base MODE|FILE] [--invalid] FRAGMENT...` predicts
 * the same before any build: it resolves the fragments with the Kconfig engine (as merge_config.sh's
 * `make alldefconfig` would) and adds the reason for each mismatch; `--invalid` lists requested symbols
 * this kernel does not define.
 */
import { MicroyoctoError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import type { CommandSpec } from '../spec-types.js';

export const KCONFIG_CHECK_SPEC: CommandSpec = {
  name: 'check',
  description: 'check that the values fragments request are in the final .config',
  args: [{ name: 'fragments', description: 'the fragments that made the request', variadic: true }],
  options: [
    { flags: '--final <config>', description: 'the final .config (after make olddefconfig, or from a build)' },
    { flags: '--kernel-src <dir>', description: 'predict the final .config from this kernel tree instead of reading one' },
    { flags: '--arch <arch>', description: 'with --kernel-src: kernel ARCH (default: $ARCH, else x86_64)' },
    { flags: '--base <mode|file>', description: 'with --kernel-src: how the build resolves (default alldefconfig, as merge_config.sh)' },
    { flags: '--invalid', description: 'with --kernel-src: also list requested symbols this kernel does not define' },
    { flags: '--strict', description: 'exit 3 when any requested value is missing' },
    { flags: '--absent-is-n', description: 'a requested "is not set" is satisfied when the symbol is not written at all' },
  ],
};

// Compare requested and actual values and print merge_config.sh's check blocks (or JSON).
export async function kconfigCheckAction(ctx: CliContext, args: Array<string | string[] | undefined>, opts: Record<string, string | boolean | undefined>): Promise<void> {
  const { runKconfigCheck } = await import('../../app/kconfig-check.js');
  const { formatMismatch } = await import('../../core/kconfig/check.js');
  const prefix = ctx.env.CONFIG_ || undefined;
  if (opts.kernelSrc !== undefined) return checkWithKernel(ctx, args[0] as string[], opts, prefix);
  const final = opts.final as string | undefined;
  if (final === undefined) {
    throw new MicroyoctoError('USAGE', 'kconfig check needs --final <config> or --kernel-src <dir>', { hint: 'give the final .config of a build, or a kernel tree to predict it from' });
  }
  const result = runKconfigCheck(final, args[0] as string[], { absentIsN: opts.absentIsN === true, prefix }, ctx.cwd);
  if (ctx.options.json) ctx.printJson({ final, requested: result.requested, mismatches: result.mismatches });
  else {
    for (const m of result.mismatches) ctx.stdout(formatMismatch(m, prefix));
    ctx.info(`${result.mismatches.length} of ${result.requested} requested values are not in ${final}`);
  }
  if (opts.strict === true && result.mismatches.length > 0) {
    throw new MicroyoctoError('KCONFIG_MISMATCH', `${result.mismatches.length} requested value(s) did not make it into ${final}`, {
      hint: 'their dependencies are off, or something selects them; microyocto kconfig why (with a kernel tree) explains each',
    });
  }
}

async function checkWithKernel(ctx: CliContext, fragments: string[], opts: Record<string, string | boolean | undefined>, prefix: string | undefined): Promise<void> {
  const { runKconfigCheckResolved } = await import('../../app/kconfig-check.js');
  const { formatMismatch } = await import('../../core/kconfig/check.js');
  const r = await runKconfigCheckResolved({
    kernelSrc: opts.kernelSrc as string,
    arch: opts.arch as string | undefined,
    base: opts.base as string | undefined,
    fragments,
    env: ctx.env,
    cwd: ctx.cwd,
    absentIsN: opts.absentIsN === true,
    prefix,
  });
  const invalid = opts.invalid === true ? r.invalid : [];
  if (ctx.options.json) {
    ctx.printJson({
      kernelSrc: opts.kernelSrc,
      requested: r.requested,
      mismatches: r.mismatches.map((m) => ({ ...m, reason: r.reasons.get(m.symbol) })),
      ...(opts.invalid === true ? { invalid } : {}),
    });
  } else {
    for (const m of r.mismatches) {
      const why = r.reasons.get(m.symbol);
      ctx.stdout(formatMismatch(m, prefix).replace(/\n\n$/, `\n${why ? `Reason:           ${why}\n` : ''}\n`));
    }
    for (const i of invalid) ctx.stdout(`${i.file}:${i.line}: ${prefix ?? 'CONFIG_'}${i.symbol} is not defined by this kernel\n`);
    ctx.info(`${r.mismatches.length} of ${r.requested} requested values will not be in the final .config${opts.invalid === true ? `; ${invalid.length} requested symbols do not exist` : ''}`);
  }
  if (opts.strict === true && (r.mismatches.length > 0 || invalid.length > 0)) {
    throw new MicroyoctoError('KCONFIG_MISMATCH', `${r.mismatches.length} requested value(s) will not make it into the final .config`, {
      hint: 'each block above names the reason; microyocto kconfig why CONFIG_X explains a symbol in full',
    });
  }
}
