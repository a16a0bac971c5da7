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

// Both files of a comparison read as diffconfig reads them, into one table: `names[i]` has the value
// `a[i]` in the first file and `b[i]` in the second (undefined: not in that file).
export interface DiffconfigPair {
  names: string[];
  a: Array<string | undefined>;
  b: Array<string | undefined>;
  diagnostics: Diagnostic[];
}

// Read a .config as diffconfig does: `CONFIG_` lines and lines ending " is not set"; last one wins.
export function readForDiff(input: string, file: string): DiffconfigRead {
  const pair = readPairForDiff(input, file, '', '');
  const values = new Map<string, string>();
  pair.names.forEach((name, i) => values.set(name, pair.a[i]!));
  return { values, diagnostics: pair.diagnostics };
}

// Read two .config files for a comparison (see DiffconfigPair).
// NOTE: the hot path of `kconfig diff`. One map serves both files (a slot per name), and the text is
// walked by index with only names and values sliced (no string per line): this matters for cold
// JavaScript on 16,000-line configs.
export function readPairForDiff(inputA: string, fileA: string, inputB: string, fileB: string): DiffconfigPair {
  const pair: DiffconfigPair = { names: [], a: [], b: [], diagnostics: [] };
  const slots = new Map<string, number>();
  scanForDiff(inputA, fileA, slots, pair, pair.a, pair.b);
  scanForDiff(inputB, fileB, slots, pair, pair.b, pair.a);
  return pair;
}

function scanForDiff(input: string, file: string, slots: Map<string, number>, pair: DiffconfigPair, mine: Array<string | undefined>, other: Array<string | undefined>): void {
  // NOTE: Python's text mode turns \r\n and \r into \n ("universal newlines").
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const length = text.length;
  const names = pair.names;
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
    let name: string | undefined;
    let value = 'n';
    if (end - start >= 7 && text.charCodeAt(start) === 67 /* C */ && text.startsWith('CONFIG_', start)) {
      const eq = text.indexOf('=', start + 7);
      if (eq < 0 || eq >= end) {
        // diffconfig itself dies here with a ValueError; we warn and go on.
        const line = text.slice(start, end);
        pair.diagnostics.push({ severity: 'warning', code: 'malformed-line', file, line: lineNumber, message: `no '=' in assignment: ${line} (line skipped)` });
      } else {
        name = text.slice(start + 7, eq);
        value = text.slice(eq + 1, end);
      }
    }
    // NOTE: a line can be both (`CONFIG_A=x is not set`); as in diffconfig, the second reading wins.
    if (end - start >= 11 && text.startsWith(' is not set', end - 11)) {
      name = text.slice(start + 9, end - 11);
      value = 'n';
    }
    if (name !== undefined) {
      let slot = slots.get(name);
      if (slot === undefined) {
        slot = names.length;
        slots.set(name, slot);
        names.push(name);
        mine.push(undefined);
        other.push(undefined);
      }
      mine[slot] = value;
    }
    start = nl + 1;
  }
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
  const pair: DiffconfigPair = { names: [], a: [], b: [], diagnostics: [] };
  const slots = new Map<string, number>();
  a.forEach((value, name) => {
    slots.set(name, pair.names.length);
    pair.names.push(name);
    pair.a.push(value);
    pair.b.push(undefined);
  });
  b.forEach((value, name) => {
    const slot = slots.get(name);
    if (slot !== undefined) pair.b[slot] = value;
    else {
      pair.names.push(name);
      pair.a.push(undefined);
      pair.b.push(value);
    }
  });
  return diffPair(pair);
}

// True when no name holds a character at or below U+0020 or a surrogate: then lines that start with the
// name and a space sort in the names' code point order. One native scan of the joined names.
export function hasPlainNames(names: readonly string[]): boolean {
  return !/[\x00-\x20\uD800-\uDFFF]/.test(names.join(''));
}

// The differences of a pair, each group sorted by name as diffconfig sorts it.
export function diffPair(pair: DiffconfigPair): ConfigDiff {
  const removed = new Map<string, string>();
  const changed = new Map<string, [string, string]>();
  const added = new Map<string, string>();
  pair.names.forEach((name, i) => {
    const x = pair.a[i];
    const y = pair.b[i];
    if (x === y) return;
    if (y === undefined) removed.set(name, x!);
    else if (x === undefined) added.set(name, y);
    else changed.set(name, [x, y]);
  });
  return {
    removed: sortNames([...removed.keys()]).map((name) => [name, removed.get(name)!]),
    changed: sortNames([...changed.keys()]).map((name) => [name, ...changed.get(name)!]),
    added: sortNames([...added.keys()]).map((name) => [name, added.get(name)!]),
  };
}

// diffconfig's text for a pair: what `kconfig diff` prints. With plain names, each output line is built
// as the slots are walked and the lines are sorted as they are (a line is its group's mark, the name, a
// space: the same order as the names), which saves a lookup per line.
export function formatPairText(pair: DiffconfigPair, mergeStyle = false): string {
  if (mergeStyle || !hasPlainNames(pair.names)) return formatDiff(diffPair(pair), mergeStyle);
  const removed: string[] = [];
  const changed: string[] = [];
  const added: string[] = [];
  const { names, a, b } = pair;
  for (let i = 0; i < names.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (y === undefined) removed.push(`-${names[i]!} ${x!}`);
    else if (x === undefined) added.push(`+${names[i]!} ${y}`);
    else changed.push(` ${names[i]!} ${x} -> ${y}`);
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
