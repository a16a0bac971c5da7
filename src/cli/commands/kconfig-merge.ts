// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig merge
 *
 * `microyocto kconfig merge [-o OUT] [-O DIR] [-r] [-y] [-s] BASE FRAGMENT...` merges fragments onto
 * a base exactly like the kernel's `scripts/kconfig/merge_config.sh -m`: same file, same messages.
 */
import type { CliContext } from '../context.js';
import type { CommandSpec } from '../spec-types.js';

export const KCONFIG_MERGE_SPEC: CommandSpec = {
  name: 'merge',
  description: 'merge .config fragments onto a base, byte-identical to merge_config.sh -m',
  args: [
    { name: 'base', description: 'the base .config' },
    { name: 'fragments', description: 'fragments, applied in order; the last one wins', optional: true, variadic: true },
  ],
  options: [
    { flags: '-o, --output <file>', description: 'output file (default: $KCONFIG_CONFIG, else .config)' },
    { flags: '-O, --output-dir <dir>', description: 'write <dir>/.config, as merge_config.sh -O does' },
    { flags: '-r, --redundant', description: 'also report fragments that repeat a value (merge_config.sh -r)' },
    { flags: '-y, --builtin', description: 'never demote y to m (merge_config.sh -y)' },
    { flags: '-s, --strict', description: 'fail, writing nothing, when a fragment redefines a value (merge_config.sh -s)' },
    { flags: '-m', description: 'accepted for compatibility: merging is all this command does' },
  ],
};

// Merge, print merge_config.sh's messages (or JSON), fail on a strict violation.
export async function kconfigMergeAction(ctx: CliContext, args: Array<string | string[] | undefined>, opts: Record<string, string | boolean | undefined>): Promise<void> {
  const { runKconfigMerge, mergeJson, strictError } = await import('../../app/kconfig-merge.js');
  const prefix = ctx.env.CONFIG_ || undefined;
  const outcome = await runKconfigMerge({
    base: args[0] as string,
    fragments: (args[1] as string[] | undefined) ?? [],
    output: opts.output as string | undefined,
    outputDir: opts.outputDir as string | undefined,
    warnRedundant: opts.redundant === true,
    builtin: opts.builtin === true,
    strict: opts.strict === true,
    prefix,
    env: ctx.env,
    cwd: ctx.cwd,
    json: ctx.options.json,
  });
  if (ctx.options.json) ctx.printJson(mergeJson(outcome, prefix));
  else {
    ctx.stdout(outcome.messages);
    ctx.report(outcome.diagnostics.filter((d) => d.code === 'malformed-line'));
  }
  if (outcome.result.strictViolated) throw strictError();
}
