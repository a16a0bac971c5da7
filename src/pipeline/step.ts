// SPDX-License-Identifier: MIT
// What a step is and what it may use. Steps never see listr2: only this small I/O interface.

export interface ProgressUpdate {
  current?: number | undefined;
  total?: number | undefined;
  /** What current/total count: `bytes` progress is shown by its message only (no raw counts). @defaultValue 'count' */
  unit?: 'count' | 'bytes' | undefined;
  /** One short line: what is happening now. */
  message?: string | undefined;
}

export interface StepIO {
  /** A line of the step's output (shown in plain mode, with --verbose on a TTY, as `log` events in JSON). */
  log(line: string): void;
  /** Progress: shown as the task's status line, `progress` events in JSON, throttled lines in plain mode. */
  progress(update: ProgressUpdate): void;
  /** A domain event (e.g. `task-failed`) forwarded as an NDJSON event with --json. */
  event(event: Record<string, unknown> & { event: string }): void;
  /** Aborted on the first Ctrl-C. */
  signal: AbortSignal;
  /** Called on every Ctrl-C with the count so far. */
  onInterrupt(listener: (count: number) => void): () => void;
}

export interface Step<C> {
  /** Stable kebab-case id, the file name, usable with --skip/--only. */
  id: string;
  title: string;
  /** Why this step does not need to run (shown as skipped), or undefined to run it. */
  skipReason?(context: C): string | undefined;
  run(context: C, io: StepIO): Promise<void>;
}

export type RenderMode = 'tty' | 'lines' | 'json' | 'silent';

export interface StepReport {
  id: string;
  status: 'ok' | 'failed' | 'skipped';
  durationMs: number;
  reason?: string | undefined;
}
