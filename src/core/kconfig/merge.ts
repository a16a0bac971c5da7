// SPDX-License-Identifier: MIT
// Text merge of .config fragments, with the output and messages of the kernel's `merge_config.sh -m`.
import type { Diagnostic } from '../diagnostics.js';
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
  /** The symbol this line sets (or unsets), if it is an assignment. */
  symbol: string | undefined;
}

const NAME_CHAR = /[A-Za-z0-9_]/;

// The symbol a line assigns, as conf sees it: `PREFIX<name>=...` or `# PREFIX<name> is not set...`.
function assignedSymbol(text: string, prefix: string): string | undefined {
  let start: number;
  if (text.startsWith(prefix)) start = prefix.length;
  else if (text.startsWith('# ') && text.startsWith(prefix, 2)) start = prefix.length + 2;
  else return undefined;
  let end = start;
  while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
  if (end === start) return undefined;
  if (start === prefix.length) return text[end] === '=' ? text.slice(start, end) : undefined;
  return text.startsWith(' is not set', end) ? text.slice(start, end) : undefined;
}

// The symbols merge_config.sh takes from a fragment (its two sed expressions), in file order.
function requestedSymbols(lines: readonly Line[], prefix: string): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (l.symbol === undefined) continue;
    // NOTE: the script's sed wants "is not set" at the very end of the line (a CR or a space defeats it).
    if (l.text.startsWith(prefix) || l.text === `# ${prefix}${l.symbol} is not set`) out.push(l.symbol);
  }
  return out;
}

function toLines(text: string, file: string, prefix: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const lastTerminated = parts[parts.length - 1] === '';
  if (lastTerminated) parts.pop();
  return parts.map((t, i) => ({
    text: t,
    terminated: lastTerminated || i < parts.length - 1,
    deleted: false,
    file,
    line: i + 1,
    symbol: assignedSymbol(t, prefix),
  }));
}

// `${VALUE#CONFIG_*=}` in the script: strip the shortest `CONFIG_...=` prefix.
function valueAfterEquals(joined: string): string {
  if (!joined.startsWith('CONFIG_')) return joined;
  const eq = joined.indexOf('=', 7);
  return eq < 0 ? joined : joined.slice(eq + 1);
}

class MergedText {
  readonly lines: Line[] = [];
  private readonly bySymbol = new Map<string, Line[]>();

  append(lines: readonly Line[]): void {
    for (const l of lines) {
      this.lines.push(l);
      if (l.symbol === undefined) continue;
      const list = this.bySymbol.get(l.symbol);
      if (list) list.push(l);
      else this.bySymbol.set(l.symbol, [l]);
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
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const l = this.lines[i]!;
      if (l.deleted) continue;
      if (!l.terminated) {
        l.terminated = true;
        return;
      }
      break;
    }
    this.lines.push({ text: '', terminated: true, deleted: false, file: '', line: 0, symbol: undefined });
  }

  toString(): string {
    let out = '';
    for (const l of this.lines) if (!l.deleted) out += l.terminated ? l.text + '\n' : l.text;
    return out;
  }
}

const refs = (lines: readonly Line[]): LineRef[] => lines.map((l) => ({ file: l.file, line: l.line, text: l.text }));
const joined = (lines: readonly Line[]): string => lines.map((l) => l.text).join('\n');

// Merge fragments onto a base: last fragment wins; messages as merge_config.sh -m prints them.
export function mergeFragments(base: MergeSource, fragments: readonly MergeSource[], options: MergeOptions = {}): MergeResult {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const merged = new MergedText();
  merged.append(toLines(base.text, base.name, prefix));
  const overrides: Override[] = [];
  let messages = dashEcho(`Using ${base.name} as base`);
  let strictViolated = false;

  for (const fragment of fragments) {
    messages += dashEcho(`Merging ${fragment.name}`);
    const fragLines = toLines(fragment.text, fragment.name, prefix);
    const fragBySymbol = new Map<string, Line[]>();
    for (const l of fragLines) {
      if (l.symbol === undefined) continue;
      const list = fragBySymbol.get(l.symbol);
      if (list) list.push(l);
      else fragBySymbol.set(l.symbol, [l]);
    }
    for (const symbol of requestedSymbols(fragLines, prefix)) {
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
    merged.append(fragLines.filter((l) => !l.deleted));
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
  const assignments = merged.lines
    .filter((l) => !l.deleted && l.symbol !== undefined)
    .map((l) => ({ symbol: l.symbol!, file: l.file, line: l.line, text: l.text }));
  return { text: merged.toString(), messages, overrides, assignments, strictViolated, diagnostics };
}

// The closing block merge_config.sh -m prints after writing its output.
export function writtenMessage(outputName: string): string {
  return dashEcho('#') + dashEcho(`# merged configuration written to ${outputName} (needs make)`) + dashEcho('#');
}
