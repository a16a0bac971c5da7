// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig merge
 *
 * `microyocto kconfig merge [-o OUT] [-O DIR] [-r] [-y] [-s] BASE FRAGMENT...` merges fragments onto
 * a base exactly like the kernel's `scripts/kconfig/merge_config.sh -m`: same file, same messages.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';

// `kconfig merge`.
export function makeKconfigMergeCommand(ctx: CliContext): Command {
  return new Command('merge')
    .description('merge .config fragments onto a base, byte-identical to merge_config.sh -m')
    .argument('<base>', 'the base .config')
    .argument('[fragments...]', 'fragments, applied in order; the last one wins')
    .option('-o, --output <file>', 'output file (default: $KCONFIG_CONFIG, else .config)')
    .option('-O, --output-dir <dir>', 'write <dir>/.config, as merge_config.sh -O does')
    .option('-r, --redundant', 'also report fragments that repeat a value (merge_config.sh -r)')
    .option('-y, --builtin', 'never demote y to m (merge_config.sh -y)')
    .option('-s, --strict', 'fail, writing nothing, when a fragment redefines a value (merge_config.sh -s)')
    .option('-m', 'accepted for compatibility: merging is all this command does')
    .action(async (base: string, fragments: string[], opts: { output?: string; outputDir?: string; redundant?: boolean; builtin?: boolean; strict?: boolean }) => {
      const { runKconfigMerge, mergeJson, strictError } = await import('../../app/kconfig-merge.js');
      const prefix = ctx.env.CONFIG_ || undefined;
      const outcome = await runKconfigMerge({
        base,
        fragments,
        output: opts.output,
        outputDir: opts.outputDir,
        warnRedundant: opts.redundant,
        builtin: opts.builtin,
        strict: opts.strict,
        prefix,
        env: ctx.env,
        cwd: ctx.cwd,
      });
      if (ctx.options.json) ctx.printJson(mergeJson(outcome, prefix));
      else {
        ctx.stdout(outcome.messages);
        ctx.report(outcome.diagnostics.filter((d) => d.code === 'malformed-line'));
      }
      if (outcome.result.strictViolated) throw strictError();
    });
}
