// SPDX-License-Identifier: MIT
// The kernel's hist-trigger output, in both shapes: the 2014 micro kernel's hash triggers
// (`key: stacktrace:` + frames + `vals: count:1 bytes_req:82,  bytes_alloc:96`, single-line
// `pid:x[1], id:sys_read vals: count:35`) and mainline's `{ key: value, ... } hitcount: 1 bytes_req: 80`
// with `{ stacktrace:` blocks; each histogram ends with a `Totals:` block (Hits, Entries, Dropped).
import type { Diagnostic } from '../diagnostics.js';

export interface HistKey {
  name: string;
  /** The key's value as printed (trimmed); for a stacktrace, the frames joined by newlines. */
  value: string;
  /** The call chain, innermost frame first, when the key is a stacktrace. */
  frames?: string[] | undefined;
}

export interface HistEntry {
  keys: HistKey[];
  vals: Record<string, number>;
  line: number;
}

export interface Histogram {
  /** `hist:keys=...` / `hash:...` trigger line or a title such as `Early kmem:kmalloc events:`. */
  title: string | undefined;
  entries: HistEntry[];
  totals: { hits?: number; entries?: number; dropped?: number } | undefined;
}

const VAL = /([A-Za-z_][\w.]*):\s*(\d+)/g;

function parseVals(text: string): Record<string, number> {
  const vals: Record<string, number> = {};
  for (const m of text.matchAll(VAL)) vals[m[1]!] = Number(m[2]);
  return vals;
}

// Split `a: x [1], b: y` at top-level commas into keys.
function parseKeys(text: string): HistKey[] {
  const body = text.trim().replace(/^key:\s*/, '').replace(/^\{\s*/, '').replace(/\s*\}\s*$/, '').trim();
  if (body === '') return [];
  const keys: HistKey[] = [];
  let depth = 0;
  let start = 0;
  const push = (part: string): void => {
    const p = part.trim();
    if (p === '') return;
    const colon = p.indexOf(':');
    keys.push(colon < 0 ? { name: p, value: '' } : { name: p.slice(0, colon).trim(), value: p.slice(colon + 1).trim() });
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      push(body.slice(start, i));
      start = i + 1;
    }
  }
  push(body.slice(start));
  return keys;
}

export interface HistParse {
  histograms: Histogram[];
  diagnostics: Diagnostic[];
}

// True when the text looks like hist-trigger output.
export function looksLikeHist(text: string): boolean {
  return /^\s*(key:|\{ |Totals:|# event histogram)|\bvals:\s|\}\s*hitcount:/m.test(text);
}

// Parse every histogram in a hist-trigger dump. `file` names it in diagnostics.
export function parseHist(text: string, file: string): HistParse {
  const histograms: Histogram[] = [];
  const diagnostics: Diagnostic[] = [];
  let current: Histogram = { title: undefined, entries: [], totals: undefined };
  let pending: { keys: HistKey[]; frames: string[]; stackName: string; line: number } | undefined;
  let inTotals = false;
  const finish = (): void => {
    if (current.entries.length > 0 || current.totals !== undefined) histograms.push(current);
    current = { title: undefined, entries: [], totals: undefined };
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const line = raw.trim();
    const lineNo = i + 1;
    if (line === '' || line === '...' || line === '```') continue;
    if (inTotals) {
      const m = /^(Hits|Entries|Dropped):\s*(\d+)$/.exec(line);
      if (m) {
        const key = m[1]!.toLowerCase() as 'hits' | 'entries' | 'dropped';
        current.totals = { ...current.totals, [key]: Number(m[2]) };
        continue;
      }
      inTotals = false;
      finish();
    }
    if (line === 'Totals:') {
      inTotals = true;
      current.totals = current.totals ?? {};
      continue;
    }
    if (pending !== undefined) {
      // Inside a stacktrace key: frames until `vals:` (2014) or `}` (mainline).
      const close = /^(?:vals:|\})(.*)$/.exec(line);
      if (close) {
        pending.keys.push({ name: pending.stackName, value: pending.frames.join('\n'), frames: pending.frames });
        current.entries.push({ keys: pending.keys, vals: parseVals(close[1]!), line: pending.line });
        pending = undefined;
      } else pending.frames.push(line);
      continue;
    }
    const stackStart = /^(?:key:\s*|\{\s*)(.*?)(\bstacktrace|\bstack):\s*$/.exec(line);
    if (stackStart) {
      const before = parseKeys(stackStart[1]!.replace(/,\s*$/, ''));
      pending = { keys: before, frames: [], stackName: stackStart[2]!, line: lineNo };
      continue;
    }
    if (line.startsWith('#')) {
      const trigger = /^#\s*trigger info:\s*(.*)$/.exec(line);
      if (trigger) current.title = trigger[1]!.trim();
      continue;
    }
    const vals = /^(.*?)(?:\bvals:|\}\s*)\s*((?:[A-Za-z_][\w.]*:\s*\d+[\s,]*)+)$/.exec(line);
    if (vals && /[:\w]/.test(vals[1]!)) {
      current.entries.push({ keys: parseKeys(vals[1]!), vals: parseVals(vals[2]!), line: lineNo });
      continue;
    }
    if (/^(hash|hist):/.test(line) || /events:$/.test(line)) {
      if (current.entries.length > 0) finish();
      current.title = current.title === undefined ? line : `${current.title} ${line}`;
      continue;
    }
    diagnostics.push({ severity: 'warning', code: 'trace-line', file, line: lineNo, message: `not a hist-trigger line, skipped: ${line.slice(0, 60)}` });
  }
  if (pending !== undefined) {
    diagnostics.push({ severity: 'warning', code: 'trace-line', file, line: pending.line, message: 'stacktrace key without vals: (file cut short?), skipped' });
  }
  finish();
  return { histograms, diagnostics };
}
