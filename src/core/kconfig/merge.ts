// SPDX-License-Identifier: MIT
// Text merge of .config fragments, with the output and messages of the kernel's `merge_config.sh -m`.
import type { Diagnostic } from '../diagnostics.js';
import { InternalError } from '../errors.js';
import { DEFAULT_PREFIX, prefixPattern } from './config-file.js';
import type { AssignmentFinder } from './assignments-kernel.js';
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
  /** With textOnly: finds the base's assignments of the touched names faster (the WebAssembly kernel). */
  findAssignments?: AssignmentFinder | undefined;
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

/** A file being merged; line numbers are counted only when asked for (the text merge never needs them). */
class Source {
  private newlines: number[] | undefined;
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  // The 1-based line number of the line starting at `offset`.
  lineAt(offset: number): number {
    if (this.newlines === undefined) {
      this.newlines = [];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.newlines.push(i);
    }
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
}

interface Line {
  text: string;
  /** False only for a last line without a terminating newline. */
  terminated: boolean;
  deleted: boolean;
  source: Source;
  /** Where the line starts in its source's text. */
  offset: number;
  /** The symbol this line sets (or unsets). */
  symbol: string;
}

/** Consecutive lines that assign nothing, kept verbatim (with their newlines). */
interface Run {
  run: string;
}

type Entry = Line | Run;

const isRun = (e: Entry): e is Run => (e as Run).run !== undefined;

// Lines conf reads as assignments: `PREFIX<name>=...` or `# PREFIX<name> is not set...`.
function assignmentPattern(prefix: string): RegExp {
  return prefixPattern('assignment', prefix, (p) => new RegExp(`^(?:${p}([A-Za-z0-9_]+)=|# ${p}([A-Za-z0-9_]+) is not set)`, 'gm'));
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

// Split a file into assignment lines (objects) and the verbatim runs between them. The scan is one
// native regex pass, so start-up (cold, unoptimised JavaScript) pays per assignment, not per line.
function toEntries(source: Source, prefix: string, only?: ReadonlySet<string>, find?: AssignmentFinder): Entry[] {
  const { text } = source;
  if (only !== undefined && find !== undefined) {
    const names = [...only];
    const found = find(text, names, prefix);
    if (found !== undefined) return entriesAt(source, found, names);
  }
  const entries: Entry[] = [];
  const re = assignmentPattern(prefix);
  let cursor = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    // NOTE: JavaScript's multiline ^ also matches after a lone \r; sed and conf split on \n only.
    if (start > 0 && text.charCodeAt(start - 1) !== 10) continue;
    const symbol = m[1] ?? m[2]!;
    // An assignment no fragment touches stays inside the verbatim run (see MergeOptions.textOnly).
    if (only !== undefined && !only.has(symbol)) continue;
    if (start > cursor) entries.push({ run: text.slice(cursor, start) });
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    entries.push({ text: text.slice(start, end), terminated: nl >= 0, deleted: false, source, offset: start, symbol });
    cursor = nl < 0 ? text.length : nl + 1;
    re.lastIndex = cursor;
  }
  if (cursor < text.length) entries.push({ run: text.slice(cursor) });
  return entries;
}

// The entries of a file from the assignment lines an AssignmentFinder found.
function entriesAt(source: Source, found: Int32Array, names: readonly string[]): Entry[] {
  const { text } = source;
  const entries: Entry[] = [];
  let cursor = 0;
  for (let i = 0; i < found.length; i += 3) {
    const start = found[i]!;
    const end = found[i + 1]!;
    if (start > cursor) entries.push({ run: text.slice(cursor, start) });
    const terminated = end < text.length;
    entries.push({ text: text.slice(start, end), terminated, deleted: false, source, offset: start, symbol: names[found[i + 2]!]! });
    cursor = terminated ? end + 1 : end;
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

// Index the assignment lines of entries by symbol.
function indexBySymbol(entries: readonly Entry[], into = new Map<string, Line[]>()): Map<string, Line[]> {
  for (const e of entries) {
    if (isRun(e)) continue;
    const list = into.get(e.symbol);
    if (list) list.push(e);
    else into.set(e.symbol, [e]);
  }
  return into;
}

class MergedText {
  readonly entries: Entry[] = [];
  private readonly bySymbol = new Map<string, Line[]>();

  append(entries: readonly Entry[]): void {
    for (const e of entries) this.entries.push(e);
    indexBySymbol(entries, this.bySymbol);
  }

  assignments(symbol: string): Line[] {
    const list = this.bySymbol.get(symbol);
    if (!list) return [];
    if (list.length === 1) {
      if (!list[0]!.deleted) return list;
      this.bySymbol.delete(symbol);
      return [];
    }
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
    const parts: string[] = [];
    for (const e of this.entries) {
      if (isRun(e)) parts.push(e.run);
      else if (!e.deleted) parts.push(e.terminated ? e.text + '\n' : e.text);
    }
    return parts.join('');
  }

  // Every assignment line left, in order, with where it came from.
  liveAssignments(): Array<LineRef & { symbol: string }> {
    const out: Array<LineRef & { symbol: string }> = [];
    for (const e of this.entries) if (!isRun(e) && !e.deleted) out.push({ symbol: e.symbol, ...ref(e) });
    return out;
  }
}

const ref = (l: Line): LineRef => ({ file: l.source.name, line: l.source.lineAt(l.offset), text: l.text });
const joined = (lines: readonly Line[]): string => (lines.length === 1 ? lines[0]!.text : lines.map((l) => l.text).join('\n'));

/** An override as found; its line references are built only when someone reads them. */
interface RawOverride {
  symbol: string;
  kind: Override['kind'];
  fragment: string;
  previous: readonly Line[];
  next: readonly Line[];
}

function toDiagnostic(o: Override, prefix: string): Diagnostic {
  return {
    severity: o.kind === 'redefined' ? 'warning' : 'info',
    code: o.kind === 'redefined' ? 'override' : o.kind,
    file: o.next[0]?.file,
    line: o.next[0]?.line,
    message:
      o.kind === 'redundant'
        ? `${prefix}${o.symbol} is already ${o.previous.map((p) => p.text).join(' ')} (redundant)`
        : `${prefix}${o.symbol} changes from '${o.previous.map((p) => p.text).join(' ')}' (${o.previous[0]?.file}:${o.previous[0]?.line}) to '${o.next.map((p) => p.text).join(' ')}'${o.kind === 'kept-builtin' ? ' (kept y: -y)' : ''}`,
  };
}

/** How messages are echoed: as the script's `echo` (dash) would, or plainly (see mergeFragments). */
interface Echo {
  /** `echo "text"` */
  quoted(text: string): string;
  /** `echo text` (unquoted: field splitting) */
  words(text: string): string;
}

const SHELL_ECHO: Echo = { quoted: dashEcho, words: unquotedEcho };
// NOTE: a value of several lines (a symbol set twice) is always split into words here.
const PLAIN_ECHO: Echo = { quoted: (text) => text + '\n', words: (text) => (text.includes('\n') ? unquotedEcho(text) : text + '\n') };
// What dash's echo would change in plain messages: a backslash, a tab, two spaces, a trailing space.
const ECHO_WOULD_CHANGE = /[\\\t]| {2}| \n/;

// Merge fragments onto a base: last fragment wins; messages as merge_config.sh -m prints them.
// NOTE: the messages are first echoed plainly (no escape or field-splitting pass per message, ~6,000 on
// a big merge); when one scan of them finds anything dash's echo would change, the merge runs again
// with the exact echo.
export function mergeFragments(base: MergeSource, fragments: readonly MergeSource[], options: MergeOptions = {}): MergeResult {
  const plain = merge(base, fragments, options, PLAIN_ECHO);
  return ECHO_WOULD_CHANGE.test(plain.messages) ? merge(base, fragments, options, SHELL_ECHO) : plain;
}

function merge(base: MergeSource, fragments: readonly MergeSource[], options: MergeOptions, echo: Echo): MergeResult {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const merged = new MergedText();
  const fragmentEntries = fragments.map((f) => toEntries(new Source(f.name, f.text), prefix));
  let touched: Set<string> | undefined;
  if (options.textOnly) {
    touched = new Set<string>();
    for (const entries of fragmentEntries) for (const e of entries) if (!isRun(e)) touched.add(e.symbol);
  }
  merged.append(toEntries(new Source(base.name, base.text), prefix, touched, options.findAssignments));
  const raw: RawOverride[] = [];
  let messages = echo.quoted(`Using ${base.name} as base`);
  let strictViolated = false;

  for (let index = 0; index < fragments.length; index++) {
    const fragment = fragments[index]!;
    messages += echo.quoted(`Merging ${fragment.name}`);
    const fragEntries = fragmentEntries[index]!;
    const fragBySymbol = indexBySymbol(fragEntries);
    for (const symbol of requestedSymbols(fragEntries, prefix)) {
      const prev = merged.assignments(symbol);
      if (prev.length === 0) continue; // a new symbol: no message, nothing deleted
      const all = fragBySymbol.get(symbol) ?? [];
      const next = all.length === 1 && !all[0]!.deleted ? all : all.filter((l) => !l.deleted);
      const prevVal = joined(prev);
      const newVal = joined(next);
      const cfg = prefix + symbol;
      let keepBuiltin = false;
      if (options.builtin && valueAfterEquals(newVal) === 'm' && valueAfterEquals(prevVal) === 'y') {
        messages += echo.words(`Previous value: ${prevVal}`);
        messages += echo.words(`New value: ${newVal}`);
        messages += echo.quoted('-y passed, will not demote y to m');
        messages += '\n';
        keepBuiltin = true;
        raw.push({ symbol, kind: 'kept-builtin', fragment: fragment.name, previous: prev, next });
      } else if (prevVal !== newVal) {
        messages += echo.words(`Value of ${cfg} is redefined by fragment ${fragment.name}:`);
        messages += echo.words(`Previous value: ${prevVal}`);
        messages += echo.words(`New value: ${newVal}`);
        messages += '\n';
        if (options.strict) strictViolated = true;
        raw.push({ symbol, kind: 'redefined', fragment: fragment.name, previous: prev, next });
      } else {
        if (options.warnRedundant) messages += echo.words(`Value of ${cfg} is redundant by fragment ${fragment.name}:`);
        raw.push({ symbol, kind: 'redundant', fragment: fragment.name, previous: prev, next });
      }
      // NOTE: merge_config.sh deletes with an unanchored `sed "/CONFIG_X[ =]/d"`, which also drops
      // comments and string values that merely mention CONFIG_X. We delete only assignments of X.
      for (const l of keepBuiltin ? next : prev) l.deleted = true;
    }
    merged.newline();
    merged.append(fragEntries.filter((l) => isRun(l) || !l.deleted));
  }

  // NOTE: overrides, diagnostics and assignments are built on first use: the plain text merge (the
  // hot path) never needs them, and their line numbers cost a count of every line.
  let overrides: Override[] | undefined;
  let diagnostics: Diagnostic[] | undefined;
  let assignments: Array<LineRef & { symbol: string }> | undefined;
  const getOverrides = (): Override[] =>
    (overrides ??= raw.map((o) => ({ symbol: o.symbol, kind: o.kind, fragment: o.fragment, previous: o.previous.map(ref), next: o.next.map(ref) })));
  return {
    text: merged.toString(),
    messages,
    get overrides() {
      return getOverrides();
    },
    get assignments() {
      if (options.textOnly) throw new InternalError('mergeFragments: assignments were not indexed (textOnly)');
      assignments ??= merged.liveAssignments();
      return assignments;
    },
    strictViolated,
    get diagnostics() {
      diagnostics ??= getOverrides().map((o) => toDiagnostic(o, prefix));
      return diagnostics;
    },
  };
}

// The closing block merge_config.sh -m prints after writing its output.
export function writtenMessage(outputName: string): string {
  return dashEcho('#') + dashEcho(`# merged configuration written to ${outputName} (needs make)`) + dashEcho('#');
}
