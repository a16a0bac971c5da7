// SPDX-License-Identifier: MIT
// The TTY renderer: listr2's default renderer, one task per step, progress as the task's output.
import { Listr } from 'listr2';
import type { RunStepsOptions } from './run-steps.js';
import type { ProgressUpdate, Step, StepIO, StepReport } from './step.js';

type MakeIO = (
  step: Step<unknown>,
  options: RunStepsOptions,
  sink: { log(l: string): void; progress(p: ProgressUpdate): void },
) => StepIO;

// Run steps under listr2 (only loaded on a TTY, so start-up elsewhere stays lean).
export async function runWithListr<C>(
  steps: readonly Step<C>[],
  context: C,
  options: RunStepsOptions,
  selected: (s: Step<C>) => string | undefined,
  makeIO: MakeIO,
): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  const list = new Listr(
    steps.map((step) => ({
      title: step.title,
      skip: () => {
        const reason = selected(step);
        if (reason !== undefined) reports.push({ id: step.id, status: 'skipped' as const, durationMs: 0, reason });
        return reason === undefined ? false : `${step.title}: skipped (${reason})`;
      },
      task: async (_: unknown, task: { output: string; title: string }) => {
        const started = Date.now();
        const io = makeIO(step as Step<unknown>, options, {
          log: (l) => {
            if (options.verbose) task.output = l;
          },
          progress: (p) => {
            const count = p.current !== undefined && p.total !== undefined && p.unit !== 'bytes' ? `${p.current}/${p.total} ` : '';
            task.output = `${count}${p.message ?? ''}`;
          },
        });
        try {
          await step.run(context, io);
          reports.push({ id: step.id, status: 'ok', durationMs: Date.now() - started });
        } catch (error) {
          reports.push({ id: step.id, status: 'failed', durationMs: Date.now() - started });
          throw error;
        }
      },
    })),
    {
      exitOnError: true,
      registerSignalListeners: false,
      rendererOptions: { collapseErrors: false, showErrorMessage: false },
    },
  );
  await list.run();
  return reports;
}
