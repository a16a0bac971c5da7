// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig check
 *
 * `microyocto kconfig check --final .config [--strict] [--absent-is-n] FRAGMENT...` reports every value the
 * fragments request that is not in the final `.config`, in the words of merge_config.sh's check.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';

// `kconfig check`.
export function makeKconfigCheckCommand(ctx: CliContext): Command {
  return new Command('check')
    .description('check that the values fragments request are in the final .config')
    .requiredOption('--final <config>', 'the final .config (after make olddefconfig, or from a build)')
    .argument('<fragments...>', 'the fragments that made the request')
    .option('--strict', 'exit 3 when any requested value is missing')
    .option('--absent-is-n', 'a requested "is not set" is satisfied when the symbol is not written at all')
    .action(async (fragments: string[], opts: { final: string; strict?: boolean; absentIsN?: boolean }) => {
      const { runKconfigCheck } = await import('../../app/kconfig-check.js');
      const { formatMismatch } = await import('../../core/kconfig/check.js');
      const result = runKconfigCheck(opts.final, fragments, { absentIsN: opts.absentIsN === true, prefix: ctx.env.CONFIG_ || undefined }, ctx.cwd);
      if (ctx.options.json) ctx.printJson({ final: opts.final, requested: result.requested, mismatches: result.mismatches });
      else {
        for (const m of result.mismatches) ctx.stdout(formatMismatch(m, ctx.env.CONFIG_ || undefined));
        ctx.info(`${result.mismatches.length} of ${result.requested} requested values are not in ${opts.final}`);
      }
      if (opts.strict && result.mismatches.length > 0) {
        const { MicroyoctoError } = await import('../../core/errors.js');
        throw new MicroyoctoError('KCONFIG_MISMATCH', `${result.mismatches.length} requested value(s) did not make it into ${opts.final}`, {
          hint: 'their dependencies are off or something selects them; microyocto kconfig why (with a kernel tree) explains each',
        });
      }
    });
}
