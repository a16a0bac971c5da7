// SPDX-License-Identifier: MIT
/**
 * # microyocto trace
 *
 * `microyocto trace report FILE` reads what a running kernel says about its memory — `/proc/virt_kmem`
 * (or the boot log's "virtual kernel memory layout"), `/proc/slabinfo`, or hist-trigger output
 * (`hash:stacktrace:bytes_req,bytes_alloc` / `hist:keys=...`) — and prints the top call chains by bytes
 * and by count, the biggest caches, or the layout in bytes. See docs/commands/trace.md.
 */
import { Command } from 'commander';
import type { CliContext } from '../context.js';

// `trace` and `trace report`.
export function makeTraceCommand(ctx: CliContext): Command {
  const report = new Command('report')
    .description('top call chains by bytes and count (hist triggers), biggest slab caches, memory layout')
    .argument('<file>', 'virt_kmem / slabinfo / hist trigger output')
    .option('-n, --top <n>', 'how many entries each ranking shows', '10')
    .option('--by <value>', 'rank bytes by this hist value (default bytes_alloc, else bytes_req)')
    .action(async (file: string, flags: { top: string; by?: string }) => {
      const { MicroyoctoError } = await import('../../core/errors.js');
      const top = Number(flags.top);
      if (!Number.isInteger(top) || top < 1) throw new MicroyoctoError('USAGE', `--top ${flags.top}: expected a whole number of at least 1`);
      const { runTraceReport } = await import('../../app/trace-report.js');
      const { formatTraceReport, traceReportJson } = await import('../../core/trace/format-report.js');
      const result = await runTraceReport(file, ctx.cwd, { top, by: flags.by });
      ctx.report(result.diagnostics);
      if (ctx.options.json) ctx.printJson(traceReportJson(result));
      else ctx.stdout(formatTraceReport(result, top));
    });
  return new Command('trace').description("read the kernel's memory printouts (virt_kmem, slabinfo, hist triggers)").addCommand(report);
}
