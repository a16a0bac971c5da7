// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig diff
 *
 * `microyocto kconfig diff [-m] [A B]` prints what differs between two `.config` files, exactly as the
 * kernel's `scripts/diffconfig` does (`-NAME v`, ` NAME old -> new`, `+NAME v`); `-m` prints fragment lines.
 */
import { MicroyoctoError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import type { CommandSpec } from '../spec-types.js';

export const KCONFIG_DIFF_SPEC: CommandSpec = {
  name: 'diff',
  description: 'compare two .config files, byte-identical to scripts/diffconfig',
  args: [
    { name: 'a', description: 'old config (default: .config.old)', optional: true },
    { name: 'b', description: 'new config (default: .config)', optional: true },
  ],
  options: [{ flags: '-m, --merge-style', description: 'print changed and added values as a mergeable fragment' }],
};

// Diff two configs and print diffconfig's text (or JSON).
export async function kconfigDiffAction(ctx: CliContext, args: Array<string | string[] | undefined>, opts: Record<string, string | boolean | undefined>): Promise<void> {
  const [a, b] = args as [string | undefined, string | undefined];
  if ((a === undefined) !== (b === undefined)) {
    throw new MicroyoctoError('USAGE', 'kconfig diff takes two files or none', { hint: 'microyocto kconfig diff OLD NEW' });
  }
  const { runKconfigDiff, diffJson } = await import('../../app/kconfig-diff.js');
  const outcome = runKconfigDiff(a, b, ctx.env, ctx.cwd, { plainText: !ctx.options.json && opts.mergeStyle !== true });
  ctx.report(outcome.diagnostics);
  if (ctx.options.json) ctx.printJson(diffJson(outcome.diff));
  else ctx.stdout(outcome.text(opts.mergeStyle === true));
}
