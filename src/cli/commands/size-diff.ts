// SPDX-License-Identifier: MIT
/**
 * # microyocto size diff
 *
 * `microyocto size diff [-c|-d|-t] OLD NEW` prints per-symbol growth and shrinkage between two ELF
 * files (two vmlinux), byte-identical to the kernel's `scripts/bloat-o-meter`, read from our own ELF
 * symbol tables. `--json` gives the same numbers as data.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';

interface DiffFlags {
  c?: boolean;
  d?: boolean;
  t?: boolean;
}

// `size diff`.
export function makeSizeDiffCommand(ctx: CliContext): Command {
  return new Command('diff')
    .description('symbol size changes between two ELF files, as scripts/bloat-o-meter prints them')
    .argument('<old>', 'the old vmlinux (or any ELF file)')
    .argument('<new>', 'the new one')
    .option('-c', 'categorize output based on symbol type (functions, data, read-only data)')
    .option('-d', 'only data (dDbBrR symbols)')
    .option('-t', 'only text (tT symbols)')
    .action(async (oldFile: string, newFile: string, flags: DiffFlags) => {
      const picked = [flags.c, flags.d, flags.t].filter((f) => f === true).length;
      const { MicroyoctoError } = await import('../../core/errors.js');
      if (picked > 1) throw new MicroyoctoError('USAGE', 'size diff: -c, -d and -t exclude each other', { hint: 'pick one of -c, -d, -t' });
      const mode = flags.c ? 'categories' : flags.d ? 'data' : flags.t ? 'text' : 'all';
      const { runSizeDiff } = await import('../../app/size-diff.js');
      const outcome = await runSizeDiff(oldFile, newFile, mode, ctx.cwd);
      if (ctx.options.json) ctx.printJson(outcome.json);
      else ctx.stdout(outcome.text);
    });
}
