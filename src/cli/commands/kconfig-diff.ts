// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig diff
 *
 * `microyocto kconfig diff [-m] [A B]` prints what differs between two `.config` files, exactly as the
 * kernel's `scripts/diffconfig` does (`-NAME v`, ` NAME old -> new`, `+NAME v`); `-m` prints fragment lines.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';

// `kconfig diff`.
export function makeKconfigDiffCommand(ctx: CliContext): Command {
  return new Command('diff')
    .description('compare two .config files, byte-identical to scripts/diffconfig')
    .argument('[a]', 'old config (default: .config.old)')
    .argument('[b]', 'new config (default: .config)')
    .option('-m, --merge-style', 'print changed and added values as a mergeable fragment')
    .action(async (a: string | undefined, b: string | undefined, opts: { mergeStyle?: boolean }) => {
      if ((a === undefined) !== (b === undefined)) {
        const { MicroyoctoError } = await import('../../core/errors.js');
        throw new MicroyoctoError('USAGE', 'kconfig diff takes two files or none', { hint: 'microyocto kconfig diff OLD NEW' });
      }
      const { runKconfigDiff, diffJson } = await import('../../app/kconfig-diff.js');
      const { formatDiff } = await import('../../core/kconfig/diff.js');
      const outcome = runKconfigDiff(a, b, ctx.env, ctx.cwd);
      ctx.report(outcome.diagnostics);
      if (ctx.options.json) ctx.printJson(diffJson(outcome.diff));
      else ctx.stdout(formatDiff(outcome.diff, opts.mergeStyle === true));
    });
}
