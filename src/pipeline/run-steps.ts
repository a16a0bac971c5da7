// SPDX-License-Identifier: MIT
// Run steps in order with one of three renderers: listr2 on a TTY, plain lines, NDJSON events.
import { MicroyoctoError } from '../core/errors.js';
import type { ProgressUpdate, RenderMode, Step, StepIO, StepReport } from './step.js';

export interface RunStepsOptions {
  mode: RenderMode;
  /** Where NDJSON goes (stdout). */
  writeOut: (text: string) => void;
  /** Where human progress goes (stderr). */
  writeErr: (text: string) => void;
  signal: AbortSignal;
  onInterrupt: (listener: (count: number) => void) => () => void;
  skip?: readonly string[] | undefined;
  only?: readonly string[] | undefined;
  verbose?: boolean | undefined;
  now?: () => Date;
}

// Pick the renderer: JSON when asked, listr2 on an interactive terminal outside CI, else plain lines.
export function chooseRenderMode(json: boolean, isTTY: boolean, env: Record<string, string | undefined>): RenderMode {
  if (json) return 'json';
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
  return isTTY && !ci ? 'tty' : 'lines';
}

// Check --skip/--only against the known step ids (exit 2 with the list on a typo).
export function validateStepIds(known: readonly string[], ids: readonly string[] | undefined, flag: string): void {
  for (const id of ids ?? []) {
    if (!known.includes(id)) {
      throw new MicroyoctoError('USAGE', `${flag} ${id}: no such step`, { hint: `steps are: ${known.join(', ')}` });
    }
  }
}

function stamp(now: () => Date): string {
  return now().toISOString().slice(11, 19);
}

function formatProgress(p: ProgressUpdate): string {
  const count = p.current !== undefined && p.total !== undefined && p.unit !== 'bytes' ? `${p.current}/${p.total}` : '';
  return [count, p.message ?? ''].filter((s) => s !== '').join(' ');
}

function makeIO(step: Step<unknown>, options: RunStepsOptions, sink: { log(l: string): void; progress(p: ProgressUpdate): void }): StepIO {
  return {
    log: (line) => sink.log(line),
    progress: (p) => sink.progress(p),
    event: (e) => {
      if (options.mode === 'json') options.writeOut(JSON.stringify({ ...e, step: step.id, time: (options.now ?? (() => new Date()))().toISOString() }) + '\n');
    },
    signal: options.signal,
    onInterrupt: options.onInterrupt,
  };
}

// Run the steps; rethrows the first failure after reporting it. Returns one report per step.
export async function runSteps<C>(steps: readonly Step<C>[], context: C, options: RunStepsOptions): Promise<StepReport[]> {
  validateStepIds(steps.map((s) => s.id), options.skip, '--skip');
  validateStepIds(steps.map((s) => s.id), options.only, '--only');
  const selected = (s: Step<C>): string | undefined => {
    if (options.only && options.only.length > 0 && !options.only.includes(s.id)) return 'not in --only';
    if (options.skip?.includes(s.id)) return 'skipped with --skip';
    return s.skipReason?.(context);
  };
  if (options.mode === 'tty') {
    const { runWithListr } = await import('./listr-renderer.js');
    return runWithListr(steps, context, options, selected, makeIO);
  }
  return runPlain(steps, context, options, selected);
}

async function runPlain<C>(steps: readonly Step<C>[], context: C, options: RunStepsOptions, selected: (s: Step<C>) => string | undefined): Promise<StepReport[]> {
  const now = options.now ?? (() => new Date());
  const json = options.mode === 'json';
  const quiet = options.mode === 'silent';
  const emit = (event: Record<string, unknown>): void => {
    if (json) options.writeOut(JSON.stringify({ ...event, time: now().toISOString() }) + '\n');
  };
  const line = (text: string): void => {
    if (!json && !quiet) options.writeErr(`[${stamp(now)}] ${text}\n`);
  };
  const reports: StepReport[] = [];
  for (const step of steps) {
    const reason = selected(step);
    if (reason !== undefined) {
      emit({ event: 'step-skipped', step: step.id, reason });
      line(`- ${step.title}: skipped (${reason})`);
      reports.push({ id: step.id, status: 'skipped', durationMs: 0, reason });
      continue;
    }
    const started = Date.now();
    emit({ event: 'step-start', step: step.id, title: step.title });
    line(`▶ ${step.title}`);
    let lastProgress = '';
    let lastAt = 0;
    const io = makeIO(step as Step<unknown>, options, {
      log: (l) => {
        emit({ event: 'log', step: step.id, line: l });
        line(`  ${l}`);
      },
      progress: (p) => {
        emit({ event: 'progress', step: step.id, ...p });
        const text = formatProgress(p);
        // NOTE: plain lines are for logs: print a progress line at most every 5 s, or when it ends.
        const at = Date.now();
        if (text !== lastProgress && (at - lastAt > 5000 || p.current === p.total)) {
          lastProgress = text;
          lastAt = at;
          line(`  ${text}`);
        }
      },
    });
    try {
      await step.run(context, io);
    } catch (error) {
      const durationMs = Date.now() - started;
      emit({ event: 'step-end', step: step.id, status: 'failed', durationMs, error: errorSummary(error) });
      line(`✖ ${step.title} failed after ${(durationMs / 1000).toFixed(1)} s`);
      reports.push({ id: step.id, status: 'failed', durationMs });
      throw error;
    }
    const durationMs = Date.now() - started;
    emit({ event: 'step-end', step: step.id, status: 'ok', durationMs });
    line(`✔ ${step.title} (${(durationMs / 1000).toFixed(1)} s)`);
    reports.push({ id: step.id, status: 'ok', durationMs });
  }
  return reports;
}

export function errorSummary(error: unknown): { code: string; message: string } {
  if (error instanceof MicroyoctoError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
