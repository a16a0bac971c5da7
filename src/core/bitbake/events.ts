// SPDX-License-Identifier: MIT
// The typed events one line of bitbake's console output (knotty, through a pipe) turns into.
// Formats are those of bitbake 2.8.1 and 2.18.0 (lib/bb/ui/knotty.py, runqueue.py, build.py);
// see test/fixtures/bitbake for the real captures they are tested on.

/** `<recipe file>:<do_task>`, with `virtual:native:` or `mc:<mc>:` prefixes kept in `recipeFile`. */
export interface TaskId {
  tid: string;
  recipeFile: string;
  task: string;
}

export type BitbakeEvent =
  /** `Loading cache...done.`, `Parsing recipes...done.`, `Initialising tasks...done.` */
  | { type: 'phase'; phase: 'loading-cache' | 'parsing' | 'initialising'; done: boolean }
  | { type: 'cache-loaded'; entries: number }
  | { type: 'parse-complete'; files: number; cached: number; parsed: number; targets: number; skipped: number; masked: number; errors: number }
  /** One `KEY = "value"` line of the `Build Configuration:` banner (value undefined for layers sharing the next line's revision). */
  | { type: 'build-config'; key: string; value: string | undefined }
  | { type: 'executing-tasks' }
  | ({ type: 'task-running'; current: number; total: number; noexec: boolean; setscene: boolean } & TaskId)
  | { type: 'task-state'; pf: string; task: string; state: 'started' | 'succeeded' | 'failed' }
  /** `ERROR: <PF> <do_task>: message` — the first line of a task failure (or any task error). */
  | { type: 'task-error'; pf: string; task: string; message: string }
  | { type: 'failure-log'; path: string }
  /** A `| line` of `Log data follows:` (BBINCLUDELOGS). */
  | { type: 'log-data'; line: string }
  | ({ type: 'task-failed'; exitCode: number } & TaskId)
  | { type: 'tasks-summary'; attempted: number; notRerun: number; failed: number }
  | { type: 'sstate-summary'; wanted: number; local: number; mirrors: number; missed: number; current: number; matchPercent: number; completePercent: number }
  | { type: 'summary-failed-count'; count: number }
  | ({ type: 'summary-failed-task' } & TaskId)
  | { type: 'summary-failed-log'; path: string }
  | { type: 'summary-messages'; level: 'warning' | 'error'; count: number }
  /** `Keyboard Interrupt, closing down...` (graceful) or `Second Keyboard Interrupt, stopping...` (forced). */
  | { type: 'interrupt'; forced: boolean }
  | { type: 'interrupted' }
  /** `NOTE: Reconnecting to bitbake server...`: a server already runs in this build directory. */
  | { type: 'server-reconnect' }
  /** The server is busy with another command or still shutting down (a concurrent build). */
  | { type: 'server-busy'; message: string }
  | { type: 'parse-error'; file: string; line: number; message: string }
  /**
   * A variable could not be expanded (bitbake's ExpansionError). `where` is what bitbake was doing:
   * reading the configuration (`Unable to parse Var <X[:=]>`), parsing a recipe (`ExpansionError during
   * parsing <recipe>`), or running a task (`ERROR: <PF> <do_task>: Failure expanding …`).
   */
  | ({ type: 'expansion-error' } & ExpansionFailure)
  /** `The variable dependency chain for the failure is: A -> B` (follows an expansion error). */
  | { type: 'expansion-chain'; chain: string[] }
  | { type: 'missing-layer'; path: string }
  | { type: 'nothing-provides'; target: string; message: string }
  | { type: 'warning'; message: string }
  | { type: 'error'; message: string }
  | { type: 'note'; message: string }
  | { type: 'text'; line: string };

export interface ExpansionFailure {
  /** The variable, without a flag suffix: `MICRO_GREETING` for bitbake's `MICRO_GREETING[:=]`. */
  variable: string | undefined;
  /** The value bitbake tried to expand, e.g. `${@undefined_function(d)}`. */
  expression: string | undefined;
  /** The Python exception it raised: `NameError: name 'x' is not defined`. */
  exception: string;
  where: { kind: 'config' } | { kind: 'recipe'; recipe: string } | { kind: 'task'; pf: string; task: string };
}

export type BitbakeEventType = BitbakeEvent['type'];

// Split a tid on its last colon: the recipe file may itself contain colons (`virtual:native:/…bb`).
export function splitTid(tid: string): TaskId {
  const at = tid.lastIndexOf(':');
  if (at <= 0) return { tid, recipeFile: tid, task: '' };
  return { tid, recipeFile: tid.slice(0, at), task: tid.slice(at + 1) };
}

// The recipe name (PN) a recipe file path stands for: `…/micro-base_1.0.bb` → `micro-base`.
export function recipeNameOf(recipeFile: string): string {
  const file = recipeFile.slice(recipeFile.lastIndexOf('/') + 1).replace(/\.bb(append)?$/, '');
  const us = file.indexOf('_');
  return us === -1 ? file : file.slice(0, us);
}
