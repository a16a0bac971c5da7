// SPDX-License-Identifier: MIT
// What setup/build/image/lock print when they are done: the dry-run plan, the images, what moved.
import { relative } from 'node:path';
import type { CliContext } from '../cli/context.js';
import { formatCommand } from '../tools/runner.js';
import type { PipelineContext, PlannedAction } from '../steps/context.js';
import { preparePipeline, runPipeline, type InputLoaders, type PipelineKind, type PipelineRequest } from './pipeline.js';

// The --dry-run plan as text: every command (cwd, argv, environment) and the diff of every file.
export function formatPlan(plan: readonly PlannedAction[], root: string): string {
  const out: string[] = ['# dry run: nothing was changed', ''];
  for (const a of plan) {
    if (a.kind === 'command') {
      out.push(`[${a.step}] ${relative(root, a.cwd) || '.'}$ ${formatCommand(a.command, a.args)}`);
      if (a.env !== undefined) for (const [k, v] of Object.entries(a.env).sort(([x], [y]) => x.localeCompare(y))) out.push(`    ${k}=${v}`);
    } else if (a.kind === 'file') {
      const rel = relative(root, a.path);
      const what = { create: 'would create', update: 'would update', unchanged: 'unchanged:', keep: 'kept as it is (yours):' }[a.action];
      out.push(`[${a.step}] ${what} ${rel}`);
      if (a.diff !== '') out.push(...a.diff.replace(/\n$/, '').split('\n').map((l) => `    ${l}`));
    } else out.push(`[${a.step}] ${a.message}`);
    out.push('');
  }
  return out.join('\n');
}

// The human summary of a finished run (stderr).
export function formatOutcome(kind: PipelineKind, c: PipelineContext): string[] {
  const lines: string[] = [];
  const root = c.layout.root;
  if (kind === 'setup' || kind === 'lock' || kind === 'build') {
    for (const ch of c.results.lockChanges) {
      if (ch.from === undefined) {
        lines.push(`${ch.repo}: pinned at ${ch.to.slice(0, 12)} (new in microyocto.lock)`);
        continue;
      }
      lines.push(`${ch.repo}: ${ch.from.slice(0, 12)} -> ${ch.to.slice(0, 12)}${ch.commits.length > 0 ? ` (${ch.commits.length} commit${ch.commits.length === 1 ? '' : 's'})` : ''}`);
      for (const commit of ch.commits.slice(0, 50)) lines.push(`    ${commit.sha.slice(0, 12)} ${commit.subject}`);
      if (ch.commits.length > 50) lines.push(`    … and ${ch.commits.length - 50} more`);
    }
    if (kind === 'lock' && c.results.lockChanges.length === 0) lines.push(`${relative(root, c.layout.lockFile)}: nothing moved`);
  }
  if (kind === 'setup') {
    for (const r of c.results.repos.filter((x) => x.source !== 'builtin')) lines.push(`layers/${r.name} at ${r.commit.slice(0, 12)} (${r.branch})`);
  }
  for (const img of c.results.images) lines.push(`image: ${relative(root, img.path)}${img.bmap === undefined ? '' : ` (+ ${relative(root, img.bmap)})`}`);
  if (c.results.manifestPath !== undefined) lines.push(`manifest: ${relative(root, c.results.manifestPath)}`);
  const s = c.results.bitbake;
  if (s?.tasks !== undefined) lines.push(`bitbake: ${s.tasks.attempted} tasks, ${s.tasks.notRerun} from cache or already done, ${s.warnings.length} warning${s.warnings.length === 1 ? '' : 's'}`);
  // NOTE: on a TTY the step's log lines are hidden (listr2), so the warnings are repeated here.
  for (const w of s?.warnings.slice(0, 10) ?? []) lines.push(`  WARNING: ${w}`);
  if (s !== undefined && s.warnings.length > 10) lines.push(`  … and ${s.warnings.length - 10} more warnings`);
  return lines;
}

// Run a pipeline command for the CLI: prepare, run with the right renderer, print the outcome.
export async function runPipelineCommand(ctx: CliContext, kind: PipelineKind, req: Omit<PipelineRequest, 'cwd' | 'env'>, loaders?: InputLoaders): Promise<PipelineContext> {
  const request: PipelineRequest = { ...req, cwd: ctx.cwd, env: ctx.env };
  const context = await preparePipeline(kind, request, loaders);
  const started = Date.now();
  await runPipeline(kind, context, request, {
    json: ctx.options.json,
    isTTY: ctx.isTTY,
    verbose: ctx.options.verbose,
    quiet: ctx.options.quiet,
    writeOut: ctx.stdout,
    writeErr: ctx.stderr,
    signal: ctx.interrupts.signal,
    onInterrupt: (l) => ctx.interrupts.onInterrupt(l),
  });
  if (ctx.options.json) {
    const r = context.results;
    const result = context.options.dryRun
      ? { event: 'plan', actions: context.plan }
      : {
          event: 'result',
          ok: true,
          command: kind,
          profile: context.profile?.name ?? null,
          repos: r.repos.filter((x) => x.source !== 'builtin').map((x) => ({ name: x.name, commit: x.commit, source: x.source })),
          lockChanges: r.lockChanges,
          images: r.images,
          manifest: r.manifestPath ?? null,
          durationMs: Date.now() - started,
        };
    ctx.stdout(JSON.stringify({ ...result, time: new Date().toISOString() }) + '\n');
  } else if (context.options.dryRun) ctx.stdout(formatPlan(context.plan, context.layout.root));
  else {
    const lines = formatOutcome(kind, context);
    if (kind === 'lock') ctx.stdout(lines.map((l) => `${l}\n`).join(''));
    else for (const l of lines) ctx.info(l);
  }
  return context;
}
