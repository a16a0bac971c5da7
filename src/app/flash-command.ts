// SPDX-License-Identifier: MIT
// The printing side of `flash`: map flags to options, pick the renderer, print plan, list and result.
import type { CliContext } from '../cli/context.js';
import { MicroyoctoError } from '../core/errors.js';
import { humanRate, humanSize, parseSize } from '../core/flash/format.js';
import { formatIdentity, formatList, formatPlan } from '../core/flash/report.js';
import { createRealHost, type FlashHost } from '../flash/host.js';
import { chooseRenderMode } from '../pipeline/run-steps.js';
import { listFlashTargets, runFlash, type FlashOptions } from './flash.js';

/** The flags of `microyocto flash` as commander gives them: FlashOptions' switches, plus the raw forms. */
export type FlashCommandFlags = Partial<
  Pick<FlashOptions, 'image' | 'profile' | 'dryRun' | 'yes' | 'expectSerial' | 'unmount' | 'verify' | 'readBack' | 'allowInternal' | 'allowLoop' | 'partition'>
> & {
  /** `--bmap PATH`, or false for `--no-bmap`. */
  bmap?: string | false | undefined;
  list?: boolean | undefined;
  /** `--expect-size` as typed: bytes or `16G`-style units. */
  expectSize?: string | undefined;
};

// Run `microyocto flash` for the CLI.
export async function runFlashCommand(ctx: CliContext, device: string | undefined, flags: FlashCommandFlags): Promise<void> {
  // NOTE: only tests inject a host (test/helpers); main.ts never does, so the CLI always flashes real devices.
  const host: FlashHost = (ctx.flashHost as FlashHost | undefined) ?? createRealHost();
  let expectSize: number | undefined;
  if (flags.expectSize !== undefined) {
    expectSize = parseSize(flags.expectSize);
    if (expectSize === undefined) throw new MicroyoctoError('USAGE', `--expect-size ${flags.expectSize}: expected bytes, or a number with K/M/G/T`, { hint: 'the size --list prints, e.g. --expect-size 15931539456' });
  }
  const common = { image: flags.image, profile: flags.profile, bmap: flags.bmap === false ? undefined : flags.bmap, noBmap: flags.bmap === false, allowInternal: flags.allowInternal, allowLoop: flags.allowLoop, cwd: ctx.cwd, env: ctx.env };
  if (flags.list) {
    const entries = await listFlashTargets(host, common);
    if (ctx.options.json) ctx.printJson({ devices: entries.map((e) => ({ ...e.disk, eligible: e.eligible, checks: e.checks })) });
    else ctx.stdout(formatList(entries));
    return;
  }
  const mode = ctx.options.quiet && !ctx.options.json ? 'silent' : chooseRenderMode(ctx.options.json, ctx.isTTY, ctx.env);
  const started = Date.now();
  const outcome = await runFlash(
    host,
    { ...common, device, partition: flags.partition, dryRun: flags.dryRun, yes: flags.yes, expectSerial: flags.expectSerial, expectSize, unmount: flags.unmount, verify: flags.verify, readBack: flags.readBack, nonInteractive: ctx.nonInteractive },
    {
      show: (plan, summary) => ctx.stderr(formatPlan(plan, summary)),
      warn: (message) => ctx.report([{ severity: 'warning', code: 'no-bmap', message }]),
      confirm: async (question) => {
        if (!ctx.prompt) return false;
        const answer = (await ctx.prompt(question)).trim().toLowerCase();
        return answer === 'y' || answer === 'yes';
      },
      steps: {
        mode,
        writeOut: ctx.stdout,
        writeErr: ctx.stderr,
        signal: ctx.interrupts.signal,
        onInterrupt: (l) => ctx.interrupts.onInterrupt(l),
        verbose: ctx.options.verbose,
      },
    },
  );
  if (outcome.kind === 'dry-run') {
    if (ctx.options.json) ctx.printJson({ dryRun: true, allowed: outcome.plan.allowed, image: outcome.summary, target: outcome.plan.target, identity: outcome.plan.identity, checks: outcome.plan.checks, unmount: outcome.plan.unmount, confirmations: outcome.plan.confirmations });
    else ctx.stdout(formatPlan(outcome.plan, outcome.summary) + 'dry run: nothing was written\n');
    return;
  }
  const writeMs = outcome.reports.find((r) => r.id === 'write-image')?.durationMs ?? Date.now() - started;
  const seconds = writeMs / 1000;
  const line = `flashed ${outcome.plan.identity!.path}: wrote ${humanSize(outcome.bytesWritten)}${outcome.summary.expandedSize !== undefined ? ` of a ${humanSize(outcome.summary.expandedSize)} image` : ''} in ${seconds.toFixed(1)} s (${humanRate(outcome.bytesWritten / Math.max(seconds, 0.001))})${outcome.readBack ? ', read back identical' : ''}`;
  if (ctx.options.json) ctx.stdout(JSON.stringify({ event: 'result', device: outcome.plan.identity, image: outcome.summary, bytesWritten: outcome.bytesWritten, seconds, readBack: outcome.readBack }) + '\n');
  else {
    if (flags.yes) ctx.info(formatIdentity(outcome.plan.identity!).join('\n'));
    ctx.stdout(`✔ ${line}\n`);
  }
}
