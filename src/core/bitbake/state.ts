// SPDX-License-Identifier: MIT
// Fold bitbake events into what a person (or CI) wants to know: progress, running tasks, failures
// with their logs, the closing summary. Pure: events in, a new summary out.
import { recipeNameOf, splitTid, type BitbakeEvent, type ExpansionFailure } from './events.js';

export interface TaskFailure {
  /** `<recipe file>:<do_task>`, when bitbake printed it. */
  tid?: string | undefined;
  /** PF, e.g. `micro-base-1.0-r0`. */
  pf?: string | undefined;
  task: string;
  /** The first line of bitbake's error for the task. */
  message?: string | undefined;
  log?: string | undefined;
  exitCode?: number | undefined;
  /** `Log data follows:` lines bitbake printed itself (BBINCLUDELOGS). */
  logData: string[];
}

export interface BuildSummary {
  current: number;
  total: number;
  /** `PF:do_task` of the tasks running now, in start order. */
  running: string[];
  failures: TaskFailure[];
  warnings: string[];
  errors: string[];
  parse?: { files: number; cached: number; parsed: number; targets: number; skipped: number; masked: number; errors: number } | undefined;
  buildConfig: Record<string, string>;
  tasks?: { attempted: number; notRerun: number; failed: number } | undefined;
  sstate?: { wanted: number; local: number; mirrors: number; missed: number; current: number; matchPercent: number; completePercent: number } | undefined;
  /** Counts from the closing `Summary:` lines. */
  messageCounts: { warnings: number; errors: number };
  /** 0 none, 1 graceful (`Keyboard Interrupt`), 2 forced (`Second Keyboard Interrupt`). */
  interrupt: 0 | 1 | 2;
  interrupted: boolean;
  /** Another bitbake server was running in this build directory. */
  reconnected: boolean;
  busy?: string | undefined;
  parseErrors: { file: string; line: number; message: string }[];
  /** ExpansionErrors, with the variable dependency chain bitbake printed after each. */
  expansionErrors: (ExpansionFailure & { chain: string[] })[];
  missingLayers: string[];
  nothingProvides: string[];
  /** The tids of the closing `Summary: N tasks failed:` block, in bitbake's order. */
  summaryFailed: string[];
}

// An empty summary.
export function emptySummary(): BuildSummary {
  return {
    current: 0,
    total: 0,
    running: [],
    failures: [],
    warnings: [],
    errors: [],
    buildConfig: {},
    messageCounts: { warnings: 0, errors: 0 },
    interrupt: 0,
    interrupted: false,
    reconnected: false,
    parseErrors: [],
    expansionErrors: [],
    missingLayers: [],
    nothingProvides: [],
    summaryFailed: [],
  };
}

// True when PF `micro-base-1.0-r0` (or `gnu-config-native-…`) is of the recipe file `…/micro-base_1.0.bb`.
function isPfOf(pf: string, recipeFile: string): boolean {
  const pn = recipeNameOf(recipeFile);
  return pf === pn || pf.startsWith(`${pn}-`);
}

function findFailure(s: BuildSummary, recipeFile: string, task: string): TaskFailure | undefined {
  const open = s.failures.filter((f) => f.tid === undefined && f.task === task);
  return open.find((f) => f.pf !== undefined && isPfOf(f.pf, recipeFile)) ?? open[0];
}

// Apply one event (mutates and returns the summary: it is built once per run, event by event).
export function applyEvent(s: BuildSummary, e: BitbakeEvent): BuildSummary {
  switch (e.type) {
    case 'task-running':
      s.current = Math.max(s.current, e.current);
      s.total = e.total;
      break;
    case 'task-state': {
      const key = `${e.pf}:${e.task}`;
      if (e.state === 'started') {
        if (!s.running.includes(key)) s.running.push(key);
      } else s.running = s.running.filter((r) => r !== key);
      break;
    }
    case 'task-error': {
      s.errors.push(`${e.pf} ${e.task}: ${e.message}`);
      // The closing summary (stdout) may have listed this task before its error line (stderr) arrived.
      const known = s.failures.find((f) => f.pf === undefined && f.tid !== undefined && f.task === e.task && isPfOf(e.pf, splitTid(f.tid).recipeFile));
      if (known) {
        known.pf = e.pf;
        known.message = e.message;
      } else s.failures.push({ pf: e.pf, task: e.task, message: e.message, logData: [] });
      break;
    }
    case 'failure-log': {
      // NOTE: stdout and stderr are separate pipes, so the closing summary (stdout) may already
      // have given this log to its task before this stderr line arrives.
      if (s.failures.some((f) => f.log === e.path)) break;
      // The log line follows its task's error line (even when keep-going interleaves them).
      const last = [...s.failures].reverse().find((f) => f.log === undefined && f.pf !== undefined);
      if (last) last.log = e.path;
      else s.failures.push({ task: '', log: e.path, logData: [] });
      break;
    }
    case 'log-data': {
      const last = s.failures.at(-1);
      if (last) last.logData.push(e.line);
      break;
    }
    case 'task-failed': {
      const f = s.failures.find((x) => x.tid === e.tid) ?? findFailure(s, e.recipeFile, e.task);
      if (f) {
        f.tid = e.tid;
        f.exitCode = e.exitCode;
      } else s.failures.push({ tid: e.tid, task: e.task, exitCode: e.exitCode, logData: [] });
      s.errors.push(`Task (${e.tid}) failed with exit code '${e.exitCode}'`);
      break;
    }
    case 'summary-failed-task':
      if (!s.failures.some((f) => f.tid === e.tid)) {
        const f = findFailure(s, e.recipeFile, e.task);
        if (f) f.tid = e.tid;
        else s.failures.push({ tid: e.tid, task: e.task, logData: [] });
      }
      s.summaryFailed.push(e.tid);
      break;
    case 'summary-failed-log': {
      const f = s.failures.find((x) => x.tid === s.summaryFailed.at(-1));
      if (f) f.log = e.path;
      break;
    }
    case 'tasks-summary':
      s.tasks = { attempted: e.attempted, notRerun: e.notRerun, failed: e.failed };
      s.running = [];
      break;
    case 'sstate-summary': {
      const { type: _t, ...rest } = e;
      s.sstate = rest;
      break;
    }
    case 'parse-complete': {
      const { type: _t, ...rest } = e;
      s.parse = rest;
      break;
    }
    case 'build-config':
      if (e.value !== undefined) s.buildConfig[e.key] = e.value;
      break;
    case 'summary-messages':
      if (e.level === 'error') s.messageCounts.errors = e.count;
      else s.messageCounts.warnings = e.count;
      break;
    case 'interrupt':
      s.interrupt = e.forced ? 2 : 1;
      break;
    case 'interrupted':
      s.interrupted = true;
      break;
    case 'server-reconnect':
      s.reconnected = true;
      break;
    case 'server-busy':
      s.busy = e.message;
      break;
    case 'parse-error':
      s.parseErrors.push({ file: e.file, line: e.line, message: e.message });
      break;
    case 'expansion-error': {
      const { type: _t, ...rest } = e;
      s.expansionErrors.push({ ...rest, chain: [] });
      break;
    }
    case 'expansion-chain': {
      const last = s.expansionErrors.at(-1);
      if (last && last.chain.length === 0) last.chain = e.chain;
      break;
    }
    case 'missing-layer':
      s.missingLayers.push(e.path);
      break;
    case 'nothing-provides':
      s.nothingProvides.push(e.target);
      s.errors.push(e.message);
      break;
    case 'warning':
      s.warnings.push(e.message);
      break;
    case 'error':
      s.errors.push(e.message);
      break;
    default:
      break;
  }
  return s;
}

// Fold a list of events into a summary.
export function summarize(events: readonly BitbakeEvent[]): BuildSummary {
  const s = emptySummary();
  for (const e of events) applyEvent(s, e);
  return s;
}

// True when every failed task failed because a variable could not be expanded (a metadata error, not a
// broken build): bitbake 2.18.0 `ERROR: <PF> <do_task>: Failure expanding variable …`, 2.8.1 `ExpansionError(…)`.
export function failedOnlyOnExpansion(s: BuildSummary): boolean {
  const failed = failedTasks(s);
  const expanded = s.expansionErrors.filter((x) => x.where.kind === 'task');
  return failed.length > 0 && failed.every((f) => expanded.some((x) => x.where.kind === 'task' && x.where.pf === f.pf && x.where.task === f.task));
}

// The failures that are real task failures (an ERROR a task logged without failing is not one).
export function failedTasks(s: BuildSummary): TaskFailure[] {
  return s.failures.filter((f) => f.tid !== undefined || f.log !== undefined);
}
