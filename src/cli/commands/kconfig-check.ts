// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig check
 *
 * `microyocto kconfig check --final .config [--strict] [--absent-is-n] FRAGMENT...` reports every value the
 * fragments request that is not in the final `.config`, in the words of merge_config.sh's check.
 */
import { MicroyoctoError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import type { CommandSpec } from '../spec-types.js';

export const KCONFIG_CHECK_SPEC: CommandSpec = {
  name: 'check',
  description: 'check that the values fragments request are in the final .config',
  args: [{ name: 'fragments', description: 'the fragments that made the request', variadic: true }],
  options: [
    { flags: '--final <config>', description: 'the final .config (after make olddefconfig, or from a build)', required: true },
    { flags: '--strict', description: 'exit 3 when any requested value is missing' },
    { flags: '--absent-is-n', description: 'a requested "is not set" is satisfied when the symbol is not written at all' },
  ],
};

// Compare requested and actual values and print merge_config.sh's check blocks (or JSON).
export async function kconfigCheckAction(ctx: CliContext, args: Array<string | string[] | undefined>, opts: Record<string, string | boolean | undefined>): Promise<void> {
  const { runKconfigCheck } = await import('../../app/kconfig-check.js');
  const { formatMismatch } = await import('../../core/kconfig/check.js');
  const prefix = ctx.env.CONFIG_ || undefined;
  const final = opts.final as string;
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
