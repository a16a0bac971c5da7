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
export function readForDiff(text: string, file: string): DiffconfigRead {
  const values = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  // NOTE: Python's text mode turns \r\n and \r into \n ("universal newlines").
  const lines = text.split(/\r\n|\r|\n/);
  const endsWithNewline = lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    // NOTE: diffconfig drops the last character of every line, the newline; of a last line without
    // one it drops a real character. Faithful, so the output stays identical.
    if (endsWithNewline || i < lines.length - 1) {
      // terminated line: nothing to drop, the split removed the newline
    } else {
      line = line.slice(0, -1);
    }
    if (line.startsWith('CONFIG_')) {
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

// The differences between two symbol maps, each group sorted by name as diffconfig sorts it.
export function diffConfigs(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): ConfigDiff {
  const removed: Array<[string, string]> = [];
  const changed: Array<[string, string, string]> = [];
  const added: Array<[string, string]> = [];
  for (const [name, value] of a) {
    const other = b.get(name);
    if (other === undefined) removed.push([name, value]);
    else if (other !== value) changed.push([name, value, other]);
  }
  for (const [name, value] of b) if (!a.has(name)) added.push([name, value]);
  removed.sort((x, y) => byCodePoint(x[0], y[0]));
  changed.sort((x, y) => byCodePoint(x[0], y[0]));
  added.sort((x, y) => byCodePoint(x[0], y[0]));
  return { removed, changed, added };
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
