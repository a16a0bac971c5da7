// SPDX-License-Identifier: MIT
// Requested vs actual: merge_config.sh's post-make check, against a final .config.
import { DEFAULT_PREFIX, escapeRegExp, parseConfig } from './config-file.js';
import { dashEcho } from './shell-echo.js';
import { mergeFragments, type MergeSource } from './merge.js';

export interface CheckMismatch {
  symbol: string;
  /** The requested line(s), as the merged fragments hold them. */
  requested: string;
  /** The final .config's line(s) for the symbol; empty when it is not written at all. */
  actual: string;
  /** Where the request comes from (the last fragment that set it). */
  file: string;
  line: number;
  /**
   * `differs`: another value; `absent`: the symbol is not in the final .config (its dependencies
   * are off); `absent-unset`: "is not set" was requested and the symbol is absent, which means n.
   */
  kind: 'differs' | 'absent' | 'absent-unset';
}

export interface CheckResult {
  requested: number;
  mismatches: CheckMismatch[];
}

export interface CheckOptions {
  /** Treat "is not set" requests for symbols absent from the final .config as satisfied. @defaultValue false */
  absentIsN?: boolean;
  prefix?: string;
}

function assignmentIndex(text: string, prefix: string): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const unset = `# ${prefix}`;
  for (const line of text.split('\n')) {
    let name: string | undefined;
    if (line.startsWith(prefix)) {
      const eq = line.indexOf('=');
      if (eq > prefix.length) name = line.slice(prefix.length, eq);
    } else if (line.startsWith(unset)) {
      const sp = line.indexOf(' ', unset.length);
      if (sp > unset.length && line.startsWith('is not set', sp + 1)) name = line.slice(unset.length, sp);
    }
    if (name === undefined) continue;
    const list = index.get(name);
    if (list) list.push(line);
    else index.set(name, [line]);
  }
  return index;
}

// For every symbol the fragments request, is it in the final config with that value?
export function checkRequested(finalText: string, fragments: readonly MergeSource[], options: CheckOptions = {}): CheckResult {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const merged = mergeFragments({ name: '', text: '' }, fragments, { prefix });
  const requestedIndex = assignmentIndex(merged.text, prefix);
  const actualIndex = assignmentIndex(finalText, prefix);
  const origin = new Map<string, { file: string; line: number }>();
  for (const f of fragments) {
    for (const e of parseConfig(f.text, f.name, prefix).entries) origin.set(e.name, { file: e.file, line: e.line });
  }
  const mismatches: CheckMismatch[] = [];
  let requested = 0;
  const setLine = new RegExp(`^${escapeRegExp(prefix)}([A-Za-z0-9_]*)=`);
  const unsetLine = new RegExp(`^# ${escapeRegExp(prefix)}([A-Za-z0-9_]*) is not set$`);
  // NOTE: the script walks the merged text in order (its two sed expressions) and greps each symbol.
  for (const line of merged.text.split('\n')) {
    const m = setLine.exec(line) ?? unsetLine.exec(line);
    if (!m) continue;
    const symbol = m[1]!;
    requested++;
    const req = (requestedIndex.get(symbol) ?? []).join('\n');
    const act = (actualIndex.get(symbol) ?? []).join('\n');
    if (req === act) continue;
    const unsetRequest = req === `# ${prefix}${symbol} is not set`;
    const kind = act === '' ? (unsetRequest ? 'absent-unset' : 'absent') : 'differs';
    if (kind === 'absent-unset' && options.absentIsN) continue;
    const at = origin.get(symbol) ?? { file: '', line: 0 };
    mismatches.push({ symbol, requested: req, actual: act, file: at.file, line: at.line, kind });
  }
  return { requested, mismatches };
}


// The report block merge_config.sh prints for each mismatch.
export function formatMismatch(m: CheckMismatch, prefix = DEFAULT_PREFIX): string {
  return (
    dashEcho(`Value requested for ${prefix}${m.symbol} not in final .config`) +
    dashEcho(`Requested value:  ${m.requested}`) +
    dashEcho(`Actual value:     ${m.actual}`) +
    '\n'
  );
}
