// SPDX-License-Identifier: MIT
// Turn bitbake's console output into typed events, one line at a time. Pure and stateful only in
// the little it must remember (inside the banner, a log dump, the closing summary).
import { splitTid, type BitbakeEvent, type ExpansionFailure } from './events.js';

type Block = 'none' | 'build-config' | 'log-data' | 'summary-failed' | 'missing-layers';

export interface BitbakeLineParser {
  /** Parse one line (without its newline) into zero or more events. */
  push(line: string): BitbakeEvent[];
}

const PHASES = { 'Loading cache': 'loading-cache', 'Parsing recipes': 'parsing', 'Initialising tasks': 'initialising' } as const;

const RE = {
  phase: /^(Loading cache|Parsing recipes|Initialising tasks)\.\.\.(.*)$/,
  cacheLoaded: /^Loaded (\d+) entries from dependency cache\.$/,
  parseComplete: /^Parsing of (\d+) \.bb files complete \((\d+) cached, (\d+) parsed\)\. (\d+) targets, (\d+) skipped, (\d+) masked, (\d+) errors\.$/,
  banner: /^([\w./+-]+)\s*(?:=\s*"(.*)")?$/,
  running: /^NOTE: Running (noexec |setscene )?task (\d+) of (\d+) \((.+)\)$/,
  taskState: /^NOTE: recipe (\S+): task (\S+): (Started|Succeeded|Failed)$/,
  tasksSummary: /^NOTE: Tasks Summary: Attempted (\d+) tasks of which (\d+) didn't need to be rerun and (?:all succeeded|(\d+) failed)\.$/,
  failureLog: /^ERROR: Logfile of failure stored in: (.+)$/,
  taskFailed: /^ERROR: Task \((.+)\) failed with exit code '(-?\d+)'/,
  taskError: /^ERROR: ((?:mc:[^:\s]+:)?\S+) (do_[\w-]+): (.*)$/,
  nothingProvides: /^ERROR: (Nothing R?PROVIDES '([^']+)'.*)$/,
  parseError: /ParseError (?:at|in) (.+?):(\d+): (.*)$/,
  sstate: /Sstate summary: Wanted (\d+) Local (\d+) Mirrors (\d+) Missed (\d+) Current (\d+) \((\d+)% match, (\d+)% complete\)/,
  summaryFailed: /^Summary: (\d+) tasks? failed:$/,
  summaryMessages: /^Summary: There (?:was|were) (\d+) (WARNING|ERROR) messages?/,
  expansionConfig: /^ERROR: Unable to parse Var <(.+)>$/,
  expansionRecipe: /^ERROR: ExpansionError during parsing (.+)$/,
  expansionRaised: /^bb\.data_smart\.ExpansionError: (.*)$/,
  expansionChain: /^The variable dependency chain for the failure is: (.*)$/,
  busy: /(Busy \(.*\)|Previous bitbake instance shutting down\?, waiting to retry|Unable to connect to bitbake server.*|Timeout while attempting to communicate with bitbake server.*)/,
};

// The parts of an ExpansionError message, as bitbake 2.18.0 words it (lib/bb/data_smart.py
// ExpansionError.__init__) or as 2.8.1 shows it in a task's error line (its repr:
// `ExpansionError('VAR', "expr", ValueError("msg"))`); undefined when the text is not one.
export function parseExpansionMessage(text: string): Omit<ExpansionFailure, 'where'> | undefined {
  const bare = (v: string): string => v.replace(/\[[^\]]*\]$/, '');
  let m = /^Failure expanding variable (\S+?), expression was (.*) which triggered exception (\w+: .*)$/.exec(text);
  if (m) return { variable: bare(m[1] as string), expression: m[2] as string, exception: m[3] as string };
  if ((m = /^Failure expanding variable (\S+?): (\w+: .*)$/.exec(text))) return { variable: bare(m[1] as string), expression: undefined, exception: m[2] as string };
  if ((m = /^Failure expanding expression (.*) which triggered exception (\w+: .*)$/.exec(text))) return { variable: undefined, expression: m[1] as string, exception: m[2] as string };
  m = /^ExpansionError\('([^']*)', (?:"(.*?)"|'(.*?)'|None), (\w+)\((?:"(.*)"|'(.*)')\)\)$/.exec(text);
  if (m) return { variable: bare(m[1] as string), expression: m[2] ?? m[3], exception: `${m[4] as string}: ${m[5] ?? m[6] ?? ''}` };
  return undefined;
}

// A new parser for one bitbake run.
export function createBitbakeParser(): BitbakeLineParser {
  let block: Block = 'none';
  // What bitbake was doing when the ExpansionError its traceback ends with was raised.
  let expansionWhere: ExpansionFailure['where'] = { kind: 'config' };
  let openPhase: 'loading-cache' | 'parsing' | 'initialising' | undefined;

  const parse = (raw: string): BitbakeEvent[] => {
    const line = raw.replace(/\s+$/, '');
    // Blocks first: they own lines that would otherwise look like something else.
    if (block === 'build-config') {
      if (line === '') {
        block = 'none';
        return [];
      }
      const m = RE.banner.exec(line);
      if (m) return [{ type: 'build-config', key: m[1] as string, value: m[2] }];
      block = 'none';
    } else if (block === 'log-data') {
      const m = /^ ?\| ?(.*)$/.exec(raw);
      if (m) return [{ type: 'log-data', line: m[1] as string }];
      block = 'none';
    } else if (block === 'summary-failed') {
      const log = /^ {4}log: (.+)$/.exec(line);
      if (log) return [{ type: 'summary-failed-log', path: log[1] as string }];
      const tid = /^ {2}(\S.*)$/.exec(line);
      if (tid) return [{ type: 'summary-failed-task', ...splitTid(tid[1] as string) }];
      block = 'none';
    } else if (block === 'missing-layers') {
      const m = /^ERROR: {2,}(\S.*)$/.exec(line);
      if (m) return [{ type: 'missing-layer', path: m[1] as string }];
      block = 'none';
    }

    const phase = RE.phase.exec(line);
    if (phase) {
      const name = PHASES[phase[1] as keyof typeof PHASES];
      const rest = phase[2] as string;
      if (rest === 'done.') {
        openPhase = undefined;
        return [{ type: 'phase', phase: name, done: true }];
      }
      openPhase = name;
      // NOTE: OE's sstate check prints its summary in the middle of `Initialising tasks...`.
      return [{ type: 'phase', phase: name, done: false }, ...(rest === '' ? [] : parse(rest))];
    }
    if (line === 'done.' && openPhase !== undefined) {
      const done = openPhase;
      openPhase = undefined;
      return [{ type: 'phase', phase: done, done: true }];
    }
    let m: RegExpExecArray | null;
    if ((m = RE.running.exec(line))) {
      return [{ type: 'task-running', current: Number(m[2]), total: Number(m[3]), noexec: m[1] === 'noexec ', setscene: m[1] === 'setscene ', ...splitTid(m[4] as string) }];
    }
    if ((m = RE.taskState.exec(line))) {
      return [{ type: 'task-state', pf: m[1] as string, task: m[2] as string, state: (m[3] as string).toLowerCase() as 'started' | 'succeeded' | 'failed' }];
    }
    if ((m = RE.failureLog.exec(line))) return [{ type: 'failure-log', path: m[1] as string }];
    if (line === 'Log data follows:') {
      block = 'log-data';
      return [];
    }
    if ((m = RE.taskFailed.exec(line))) return [{ type: 'task-failed', exitCode: Number(m[2]), ...splitTid(m[1] as string) }];
    if ((m = RE.tasksSummary.exec(line))) {
      return [{ type: 'tasks-summary', attempted: Number(m[1]), notRerun: Number(m[2]), failed: m[3] === undefined ? 0 : Number(m[3]) }];
    }
    if ((m = RE.sstate.exec(line))) {
      const n = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
      return [{ type: 'sstate-summary', wanted: n[0], local: n[1], mirrors: n[2], missed: n[3], current: n[4], matchPercent: n[5], completePercent: n[6] }];
    }
    if ((m = RE.summaryFailed.exec(line))) {
      block = 'summary-failed';
      return [{ type: 'summary-failed-count', count: Number(m[1]) }];
    }
    if ((m = RE.summaryMessages.exec(line))) return [{ type: 'summary-messages', level: m[2] === 'ERROR' ? 'error' : 'warning', count: Number(m[1]) }];
    if ((m = RE.cacheLoaded.exec(line))) return [{ type: 'cache-loaded', entries: Number(m[1]) }];
    if ((m = RE.parseComplete.exec(line))) {
      const n = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
      return [{ type: 'parse-complete', files: n[0], cached: n[1], parsed: n[2], targets: n[3], skipped: n[4], masked: n[5], errors: n[6] }];
    }
    if (line === 'Build Configuration:') {
      block = 'build-config';
      return [];
    }
    if (line === 'NOTE: Executing Tasks') return [{ type: 'executing-tasks' }];
    if (line === 'Keyboard Interrupt, closing down...') return [{ type: 'interrupt', forced: false }];
    if (line === 'Second Keyboard Interrupt, stopping...') return [{ type: 'interrupt', forced: true }];
    if (line.startsWith('Execution was interrupted')) return [{ type: 'interrupted' }];
    if (line.startsWith('NOTE: Reconnecting to bitbake server')) return [{ type: 'server-reconnect' }];
    if ((m = RE.busy.exec(line))) return [{ type: 'server-busy', message: m[1] as string }];
    if ((m = RE.parseError.exec(line))) return [{ type: 'parse-error', file: m[1] as string, line: Number(m[2]), message: m[3] as string }];
    if ((m = RE.expansionConfig.exec(line))) {
      expansionWhere = { kind: 'config' };
      return [{ type: 'error', message: line.slice(7) }];
    }
    if ((m = RE.expansionRecipe.exec(line))) {
      expansionWhere = { kind: 'recipe', recipe: m[1] as string };
      return [{ type: 'error', message: line.slice(7) }];
    }
    if ((m = RE.expansionRaised.exec(line))) {
      const parsed = parseExpansionMessage(m[1] as string);
      return [{ type: 'expansion-error', ...(parsed ?? { variable: undefined, expression: undefined, exception: m[1] as string }), where: expansionWhere }];
    }
    if ((m = RE.expansionChain.exec(line))) return [{ type: 'expansion-chain', chain: (m[1] as string).split(' -> ').map((v) => v.trim()) }];
    if (line === 'ERROR: The following layer directories do not exist:') {
      block = 'missing-layers';
      return [{ type: 'error', message: line.slice(7) }];
    }
    if ((m = RE.nothingProvides.exec(line))) return [{ type: 'nothing-provides', target: m[2] as string, message: m[1] as string }];
    if ((m = RE.taskError.exec(line))) {
      const pf = m[1] as string;
      const task = m[2] as string;
      const expansion = parseExpansionMessage(m[3] as string);
      return [{ type: 'task-error', pf, task, message: m[3] as string }, ...(expansion ? [{ type: 'expansion-error' as const, ...expansion, where: { kind: 'task' as const, pf, task } }] : [])];
    }
    if (line.startsWith('ERROR: ')) return [{ type: 'error', message: line.slice(7).trim() }];
    if (line.startsWith('WARNING: ')) return [{ type: 'warning', message: line.slice(9) }];
    if (line.startsWith('NOTE: ')) return [{ type: 'note', message: line.slice(6) }];
    if (line === '') return [];
    return [{ type: 'text', line: raw }];
  };
  return { push: parse };
}

// Parse a whole capture (tests, replaying a log).
export function parseBitbakeOutput(text: string): BitbakeEvent[] {
  const parser = createBitbakeParser();
  return text.split('\n').flatMap((l) => parser.push(l));
}
