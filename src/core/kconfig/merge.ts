// SPDX-License-Identifier: MIT
// Text merge of .config fragments, with the output and messages of the kernel's `merge_config.sh -m`.
import type { Diagnostic } from '../diagnostics.js';
import { InternalError } from '../errors.js';
import { DEFAULT_PREFIX } from './config-file.js';
import { dashEcho, unquotedEcho } from './shell-echo.js';

export interface MergeSource {
  /** The name the messages print (the path as the user gave it). */
  name: string;
  text: string;
}

export interface MergeOptions {
  /** `-r`: report fragments that set a symbol to the value it already has. @defaultValue false */
  warnRedundant?: boolean;
  /** `-y`: never demote a y to m. @defaultValue false */
  builtin?: boolean;
  /** `-s`: a redefinition is a violation. @defaultValue false */
  strict?: boolean;
  /**
   * Only the text and the messages are wanted: base assignments that no fragment sets are not indexed
   * (faster on big bases), and `assignments` of the result is unavailable. @defaultValue false
   */
  textOnly?: boolean;
  /** The symbol prefix (merge_config.sh's `$CONFIG_`). @defaultValue 'CONFIG_' */
  prefix?: string;
}

export interface LineRef {
  file: string;
  line: number;
  text: string;
}

export interface Override {
  symbol: string;
  kind: 'redefined' | 'redundant' | 'kept-builtin';
  /** The fragment that caused it. */
  fragment: string;
  previous: LineRef[];
  next: LineRef[];
}

export interface MergeResult {
  /** The merged file, byte for byte what merge_config.sh -m writes. */
  text: string;
  /** What merge_config.sh prints on stdout while merging (before the "written" block). */
  messages: string;
  overrides: Override[];
  /** Every assignment line left in the merged text, in order, with where it came from. */
  assignments: Array<LineRef & { symbol: string }>;
  strictViolated: boolean;
  diagnostics: Diagnostic[];
}

interface Line {
  text: string;
  /** False only for a last line without a terminating newline. */
  terminated: boolean;
  deleted: boolean;
  file: string;
  line: number;
  /** The symbol this line sets (or unsets). */
  symbol: string;
}

/** Consecutive lines that assign nothing, kept verbatim (with their newlines). */
interface Run {
  run: string;
}

type Entry = Line | Run;

const isRun = (e: Entry): e is Run => (e as Run).run !== undefined;

// A string matched literally inside a RegExp.
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const assignmentPatterns = new Map<string, RegExp>();

// Lines conf reads as assignments: `PREFIX<name>=...` or `# PREFIX<name> is not set...`.
function assignmentPattern(prefix: string): RegExp {
  let re = assignmentPatterns.get(prefix);
  if (re === undefined) {
    const p = escapeRegExp(prefix);
    re = new RegExp(`^(?:${p}([A-Za-z0-9_]+)=|# ${p}([A-Za-z0-9_]+) is not set)`, 'gm');
    assignmentPatterns.set(prefix, re);
  }
  return re;
}

// The symbols merge_config.sh takes from a fragment (its two sed expressions), in file order.
function requestedSymbols(entries: readonly Entry[], prefix: string): string[] {
  const out: string[] = [];
  for (const e of entries) {
    if (isRun(e)) continue;
    // NOTE: the script's sed wants "is not set" at the very end of the line (a CR or a space defeats it).
    if (e.text.startsWith(prefix) || e.text === `# ${prefix}${e.symbol} is not set`) out.push(e.symbol);
  }
  return out;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// Split a file into assignment lines (objects) and the verbatim runs between them. The scan is one
// native regex pass, so start-up (cold, unoptimised JavaScript) pays per assignment, not per line.
function toEntries(text: string, file: string, prefix: string, only?: ReadonlySet<string>): Entry[] {
  const entries: Entry[] = [];
  const re = assignmentPattern(prefix);
  re.lastIndex = 0;
  let cursor = 0;
  let line = 1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    // NOTE: JavaScript's multiline ^ also matches after a lone \r; sed and conf split on \n only.
    if (start > 0 && text.charCodeAt(start - 1) !== 10) continue;
    // An assignment no fragment touches stays inside the verbatim run (see MergeOptions.textOnly).
    if (only !== undefined && !only.has((m[1] ?? m[2])!)) continue;
    if (start > cursor) {
      entries.push({ run: text.slice(cursor, start) });
      line += countNewlines(text, cursor, start);
    }
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    entries.push({ text: text.slice(start, end), terminated: nl >= 0, deleted: false, file, line, symbol: (m[1] ?? m[2])! });
    line++;
    cursor = nl < 0 ? text.length : nl + 1;
    re.lastIndex = cursor;
  }
  if (cursor < text.length) entries.push({ run: text.slice(cursor) });
  return entries;
}

// `${VALUE#CONFIG_*=}` in the script: strip the shortest `CONFIG_...=` prefix.
function valueAfterEquals(joined: string): string {
  if (!joined.startsWith('CONFIG_')) return joined;
  const eq = joined.indexOf('=', 7);
  return eq < 0 ? joined : joined.slice(eq + 1);
}

class MergedText {
  readonly entries: Entry[] = [];
  private readonly bySymbol = new Map<string, Line[]>();

  append(entries: readonly Entry[]): void {
    for (const e of entries) {
      this.entries.push(e);
      if (isRun(e)) continue;
      const list = this.bySymbol.get(e.symbol);
      if (list) list.push(e);
      else this.bySymbol.set(e.symbol, [e]);
    }
  }

  assignments(symbol: string): Line[] {
    const list = this.bySymbol.get(symbol);
    if (!list) return [];
    const live = list.filter((l) => !l.deleted);
    if (live.length !== list.length) {
      if (live.length === 0) this.bySymbol.delete(symbol);
      else this.bySymbol.set(symbol, live);
    }
    return live;
  }

  // `echo >> $TMP_FILE`: end an unterminated last line, or add an empty one.
  newline(): void {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (isRun(e)) {
        if (!e.run.endsWith('\n')) {
          e.run += '\n';
          return;
        }
        break;
      }
      if (e.deleted) continue;
      if (!e.terminated) {
        e.terminated = true;
        return;
      }
      break;
    }
    this.entries.push({ run: '\n' });
  }

  toString(): string {
    let out = '';
    for (const e of this.entries) {
      if (isRun(e)) out += e.run;
      else if (!e.deleted) out += e.terminated ? e.text + '\n' : e.text;
    }
    return out;
  }

  // Every assignment line left, in order, with where it came from.
  liveAssignments(): Array<LineRef & { symbol: string }> {
    const out: Array<LineRef & { symbol: string }> = [];
    for (const e of this.entries) if (!isRun(e) && !e.deleted) out.push({ symbol: e.symbol, file: e.file, line: e.line, text: e.text });
    return out;
  }
}

const refs = (lines: readonly Line[]): LineRef[] => lines.map((l) => ({ file: l.file, line: l.line, text: l.text }));
const joined = (lines: readonly Line[]): string => lines.map((l) => l.text).join('\n');

// Merge fragments onto a base: last fragment wins; messages as merge_config.sh -m prints them.
export function mergeFragments(base: MergeSource, fragments: readonly MergeSource[], options: MergeOptions = {}): MergeResult {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const merged = new MergedText();
  const fragmentEntries = fragments.map((f) => toEntries(f.text, f.name, prefix));
  let touched: Set<string> | undefined;
  if (options.textOnly) {
    touched = new Set<string>();
    for (const entries of fragmentEntries) for (const e of entries) if (!isRun(e)) touched.add(e.symbol);
  }
  merged.append(toEntries(base.text, base.name, prefix, touched));
  const overrides: Override[] = [];
  let messages = dashEcho(`Using ${base.name} as base`);
  let strictViolated = false;

  for (const [index, fragment] of fragments.entries()) {
    messages += dashEcho(`Merging ${fragment.name}`);
    const fragEntries = fragmentEntries[index]!;
    const fragBySymbol = new Map<string, Line[]>();
    for (const l of fragEntries) {
      if (isRun(l)) continue;
      const list = fragBySymbol.get(l.symbol);
      if (list) list.push(l);
      else fragBySymbol.set(l.symbol, [l]);
    }
    for (const symbol of requestedSymbols(fragEntries, prefix)) {
      const prev = merged.assignments(symbol);
      if (prev.length === 0) continue; // a new symbol: no message, nothing deleted
      const next = (fragBySymbol.get(symbol) ?? []).filter((l) => !l.deleted);
      const prevVal = joined(prev);
      const newVal = joined(next);
      const cfg = prefix + symbol;
      let keepBuiltin = false;
      if (options.builtin && valueAfterEquals(newVal) === 'm' && valueAfterEquals(prevVal) === 'y') {
        messages += unquotedEcho(`Previous value: ${prevVal}`);
        messages += unquotedEcho(`New value: ${newVal}`);
        messages += dashEcho('-y passed, will not demote y to m');
        messages += '\n';
        keepBuiltin = true;
        overrides.push({ symbol, kind: 'kept-builtin', fragment: fragment.name, previous: refs(prev), next: refs(next) });
      } else if (prevVal !== newVal) {
        messages += unquotedEcho(`Value of ${cfg} is redefined by fragment ${fragment.name}:`);
        messages += unquotedEcho(`Previous value: ${prevVal}`);
        messages += unquotedEcho(`New value: ${newVal}`);
        messages += '\n';
        if (options.strict) strictViolated = true;
        overrides.push({ symbol, kind: 'redefined', fragment: fragment.name, previous: refs(prev), next: refs(next) });
      } else {
        if (options.warnRedundant) messages += unquotedEcho(`Value of ${cfg} is redundant by fragment ${fragment.name}:`);
        overrides.push({ symbol, kind: 'redundant', fragment: fragment.name, previous: refs(prev), next: refs(next) });
      }
      // NOTE: merge_config.sh deletes with an unanchored `sed "/CONFIG_X[ =]/d"`, which also drops
      // comments and string values that merely mention CONFIG_X. We delete only assignments of X.
      for (const l of keepBuiltin ? next : prev) l.deleted = true;
    }
    merged.newline();
    merged.append(fragEntries.filter((l) => isRun(l) || !l.deleted));
  }

  const diagnostics: Diagnostic[] = overrides.map((o) => ({
      severity: o.kind === 'redefined' ? ('warning' as const) : ('info' as const),
      code: o.kind === 'redefined' ? 'override' : o.kind,
      file: o.next[0]?.file,
      line: o.next[0]?.line,
      message:
        o.kind === 'redundant'
          ? `${prefix}${o.symbol} is already ${o.previous.map((p) => p.text).join(' ')} (redundant)`
          : `${prefix}${o.symbol} changes from '${o.previous.map((p) => p.text).join(' ')}' (${o.previous[0]?.file}:${o.previous[0]?.line}) to '${o.next.map((p) => p.text).join(' ')}'${o.kind === 'kept-builtin' ? ' (kept y: -y)' : ''}`,
    }));
  let assignments: Array<LineRef & { symbol: string }> | undefined;
  return {
    text: merged.toString(),
    messages,
    overrides,
    // NOTE: computed on first use: the plain text merge (the hot path) never needs it.
    get assignments() {
      if (options.textOnly) throw new InternalError('mergeFragments: assignments were not indexed (textOnly)');
      assignments ??= merged.liveAssignments();
      return assignments;
    },
    strictViolated,
    diagnostics,
  };
}

// The closing block merge_config.sh -m prints after writing its output.
export function writtenMessage(outputName: string): string {
  return dashEcho('#') + dashEcho(`# merged configuration written to ${outputName} (needs make)`) + dashEcho('#');
}
