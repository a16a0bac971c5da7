// SPDX-License-Identifier: MIT
// Compare two .config files with the reading rules and output of the kernel's scripts/diffconfig.
import type { Diagnostic } from '../diagnostics.js';

export interface ConfigDiff {
  /** Only in the first file: [name, value]. */
  removed: Array<[string, string]>;
  /** In both with different values: [name, old, new]. */
  changed: Array<[string, string, string]>;
  /** Only in the second file: [name, value]. */
  added: Array<[string, string]>;
}

export interface DiffconfigRead {
  values: Map<string, string>;
  diagnostics: Diagnostic[];
}

// Read a .config as diffconfig does: `CONFIG_` lines and lines ending " is not set"; last one wins.
// NOTE: the hot path of `kconfig diff`: it walks the text by index and slices only names and values
// (no string per line), which matters for cold JavaScript on 16,000-line configs.
export function readForDiff(input: string, file: string): DiffconfigRead {
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  // NOTE: Python's text mode turns \r\n and \r into \n ("universal newlines").
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const length = text.length;
  let start = 0;
  let lineNumber = 0;
  while (start < length) {
    lineNumber++;
    let nl = text.indexOf('\n', start);
    // NOTE: diffconfig drops the last character of every line, the newline; of a last line without
    // one it drops a real character. Faithful, so the output stays identical.
    let end = nl;
    if (nl < 0) {
      nl = length;
      end = length - 1;
    }
    if (end - start >= 7 && text.charCodeAt(start) === 67 /* C */ && text.startsWith('CONFIG_', start)) {
      const eq = text.indexOf('=', start + 7);
      if (eq < 0 || eq >= end) {
        // diffconfig itself dies here with a ValueError; we warn and go on.
        const line = text.slice(start, end);
        diagnostics.push({ severity: 'warning', code: 'malformed-line', file, line: lineNumber, message: `no '=' in assignment: ${line} (line skipped)` });
      } else {
        values.set(text.slice(start + 7, eq), text.slice(eq + 1, end));
      }
    }
    if (end - start >= 11 && text.startsWith(' is not set', end - 11)) values.set(text.slice(start + 9, end - 11), 'n');
    start = nl + 1;
  }
  return { values, diagnostics };
}

// Python's sorted() on str: code point order. JavaScript's < compares UTF-16 code units, which puts a
// surrogate pair (U+10000 and up) before U+E000..U+FFFF; the first differing unit is fixed up.
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

// Sort names in code point order. The built-in sort compares UTF-16 code units, which is the same
// order unless a name holds a surrogate pair; only then the slower comparator is needed.
function sortNames(names: string[]): string[] {
  if (names.length < 2) return names;
  // NOTE: one native scan of the joined names, not a regex test per name.
  return /[\uD800-\uDFFF]/.test(names.join('')) ? names.sort(byCodePoint) : names.sort();
}

// The differences between two symbol maps, each group sorted by name as diffconfig sorts it.
export function diffConfigs(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): ConfigDiff {
  const removed: string[] = [];
  const changed: string[] = [];
  const added: string[] = [];
  a.forEach((value, name) => {
    const other = b.get(name);
    if (other === undefined) removed.push(name);
    else if (other !== value) changed.push(name);
  });
  b.forEach((_, name) => {
    if (!a.has(name)) added.push(name);
  });
  return {
    removed: sortNames(removed).map((name) => [name, a.get(name)!]),
    changed: sortNames(changed).map((name) => [name, a.get(name)!, b.get(name)!]),
    added: sortNames(added).map((name) => [name, b.get(name)!]),
  };
}

// True when no name holds a character at or below U+0020 or a surrogate: then lines that start with the
// name and a space sort in the names' code point order. One native scan of the joined names.
export function hasPlainNames(values: ReadonlyMap<string, unknown>): boolean {
  return !/[\x00-\x20\uD800-\uDFFF]/.test([...values.keys()].join(''));
}

// diffconfig's text for two files read with readForDiff: what `kconfig diff` prints. With plain names,
// each output line is built during the comparison and the lines are sorted as they are (a line is its
// group's mark, the name, a space: the same order as the names), which saves two map lookups per line.
export function formatDiffText(a: DiffconfigRead, b: DiffconfigRead, mergeStyle = false): string {
  if (mergeStyle || !hasPlainNames(a.values) || !hasPlainNames(b.values)) return formatDiff(diffConfigs(a.values, b.values), mergeStyle);
  const removed: string[] = [];
  const changed: string[] = [];
  const added: string[] = [];
  const bValues = b.values;
  let shared = 0;
  a.values.forEach((value, name) => {
    const other = bValues.get(name);
    if (other === undefined) removed.push(`-${name} ${value}`);
    else {
      shared++;
      if (other !== value) changed.push(` ${name} ${value} -> ${other}`);
    }
  });
  // NOTE: when every name of b is also in a, nothing was added: skip the second walk.
  if (shared !== bValues.size) {
    const aValues = a.values;
    bValues.forEach((value, name) => {
      if (!aValues.has(name)) added.push(`+${name} ${value}`);
    });
  }
  const lines = removed.sort().concat(changed.sort(), added.sort());
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

// diffconfig's text from a ConfigDiff: `-NAME v`, ` NAME old -> new`, `+NAME v`; with merge style, fragment lines.
export function formatDiff(diff: ConfigDiff, mergeStyle = false): string {
  const out: string[] = [];
  if (mergeStyle) {
    const emit = (name: string, value: string): void => {
      // NOTE: diffconfig tests `if new_value:`, so an empty value prints nothing.
      if (value === '') return;
      out.push(value === 'n' ? `# CONFIG_${name} is not set` : `CONFIG_${name}=${value}`);
    };
    for (const [name, , value] of diff.changed) emit(name, value);
    for (const [name, value] of diff.added) emit(name, value);
  } else {
    for (const [name, value] of diff.removed) out.push(`-${name} ${value}`);
    for (const [name, oldValue, newValue] of diff.changed) out.push(` ${name} ${oldValue} -> ${newValue}`);
    for (const [name, value] of diff.added) out.push(`+${name} ${value}`);
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}
