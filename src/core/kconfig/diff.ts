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
// NOTE: the hot path of `kconfig diff`: one native split, then only cheap checks per line.
export function readForDiff(text: string, file: string): DiffconfigRead {
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  // NOTE: Python's text mode turns \r\n and \r into \n ("universal newlines").
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  const last = lines.length - 1;
  // NOTE: diffconfig drops the last character of every line, the newline; of a last line without
  // one it drops a real character. Faithful, so the output stays identical.
  if (lines[last] === '') lines.pop();
  else lines[last] = lines[last]!.slice(0, -1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(0) === 67 /* C */ && line.startsWith('CONFIG_')) {
      const eq = line.indexOf('=', 7);
      if (eq < 0) {
        // diffconfig itself dies here with a ValueError; we warn and go on.
        diagnostics.push({ severity: 'warning', code: 'malformed-line', file, line: i + 1, message: `no '=' in assignment: ${line} (line skipped)` });
      } else {
        values.set(line.slice(7, eq), line.slice(eq + 1));
      }
    }
    if (line.endsWith(' is not set')) values.set(line.slice(9, -11), 'n');
  }
  return { values, diagnostics };
}

// Python's sorted() on str: code point order.
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Sort names in code point order. The built-in sort compares UTF-16 code units, which is the same
// order unless a name holds a surrogate pair; only then the slower comparator is needed.
function sortNames(names: string[]): string[] {
  if (names.length < 2) return names;
  const surrogates = /[\uD800-\uDFFF]/;
  for (const n of names) if (surrogates.test(n)) return names.sort(byCodePoint);
  return names.sort();
}

// The differences between two symbol maps, each group sorted by name as diffconfig sorts it.
export function diffConfigs(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): ConfigDiff {
  const removedNames: string[] = [];
  const changedNames: string[] = [];
  const addedNames: string[] = [];
  a.forEach((value, name) => {
    const other = b.get(name);
    if (other === undefined) removedNames.push(name);
    else if (other !== value) changedNames.push(name);
  });
  b.forEach((_, name) => {
    if (!a.has(name)) addedNames.push(name);
  });
  return {
    removed: sortNames(removedNames).map((name) => [name, a.get(name)!]),
    changed: sortNames(changedNames).map((name) => [name, a.get(name)!, b.get(name)!]),
    added: sortNames(addedNames).map((name) => [name, b.get(name)!]),
  };
}

// diffconfig's text: `-NAME v`, ` NAME old -> new`, `+NAME v`; with merge style, fragment lines.
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
