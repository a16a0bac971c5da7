// SPDX-License-Identifier: MIT
// The .config grammar, read the way the kernel's conf reads it (scripts/kconfig/confdata.c).
import type { Diagnostic } from '../diagnostics.js';

export const DEFAULT_PREFIX = 'CONFIG_';

export type ValueKind = 'tristate' | 'string' | 'hex' | 'int' | 'empty';

export interface ConfigEntry {
  /** Symbol name without the prefix, e.g. `PROC_FS`. */
  name: string;
  /** The value as written (`y`, `m`, `n` for "is not set", `"quoted"`, `0x10`, `42`), trailing white space removed. */
  value: string;
  kind: ValueKind;
  /** `set` for `CONFIG_X=v`, `unset` for `# CONFIG_X is not set`. */
  form: 'set' | 'unset';
  file: string;
  /** 1-based line number. */
  line: number;
  /** The line as it stands in the file, without its line terminator. */
  text: string;
}

export interface ParsedConfig {
  file: string;
  entries: ConfigEntry[];
  diagnostics: Diagnostic[];
}

const NAME = /^[A-Za-z0-9_]+$/;
const STRING = /^"(?:[^"\\]|\\.)*"$/;
// NOTE: conf writes hex values with or without 0x (CONFIG_RADIO_GEMTEK_PORT=34c in allyesconfig).
const HEX = /^(?:0[xX])?[0-9a-fA-F]+$/;
const INT = /^-?[0-9]+$/;

// A string matched literally inside a RegExp.
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const prefixPatterns = new Map<string, RegExp>();

// A global regex built around the (escaped) symbol prefix: built once per kind and prefix, and rewound
// for a new scan.
export function prefixPattern(kind: string, prefix: string, build: (escapedPrefix: string) => RegExp): RegExp {
  const key = `${kind}\n${prefix}`;
  let re = prefixPatterns.get(key);
  if (re === undefined) {
    re = build(escapeRegExp(prefix));
    prefixPatterns.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

// Split text into lines the way conf's getline does: on \n, with a trailing \r dropped.
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// Classify a value; undefined when it is none of the kinds a .config can hold.
export function classifyValue(value: string): ValueKind | undefined {
  if (value === 'y' || value === 'm' || value === 'n') return 'tristate';
  if (value === '') return 'empty';
  if (value.startsWith('"')) return STRING.test(value) ? 'string' : undefined;
  if (INT.test(value)) return 'int';
  if (HEX.test(value)) return 'hex';
  return undefined;
}

// Parse one line; returns an entry, `null` for a blank or comment line, or a diagnostic message.
export function parseConfigLine(raw: string, prefix = DEFAULT_PREFIX): Omit<ConfigEntry, 'file' | 'line'> | null | string {
  // NOTE: the C tools strip the line terminator and kconfiglib also ignores trailing white space.
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const line = text.trimEnd();
  if (line === '') return null;
  if (line.startsWith('#')) {
    const unset = `# ${prefix}`;
    if (!line.startsWith(unset)) return null;
    const space = line.indexOf(' ', unset.length);
    if (space < 0 || !line.startsWith('is not set', space + 1)) return null;
    const name = line.slice(unset.length, space);
    if (!NAME.test(name)) return null;
    return { name, value: 'n', kind: 'tristate', form: 'unset', text: raw };
  }
  if (!line.startsWith(prefix)) return `unexpected data: ${line}`;
  const eq = line.indexOf('=');
  if (eq < 0) return `no '=' in assignment: ${line}`;
  const name = line.slice(prefix.length, eq);
  if (!NAME.test(name)) return `invalid symbol name '${name}' in: ${line}`;
  const value = line.slice(eq + 1);
  const kind = classifyValue(value);
  if (kind === undefined) {
    const expected = value.startsWith('"')
      ? 'a string closed by an unescaped "'
      : 'y, m, n, a "quoted string", a decimal or a 0x hex number';
    return `${prefix}${name} has invalid value '${value}' (expected ${expected})`;
  }
  return { name, value, kind, form: 'set', text: raw };
}

// Parse a whole .config or fragment; malformed lines become warnings and are skipped.
export function parseConfig(text: string, file: string, prefix = DEFAULT_PREFIX): ParsedConfig {
  const entries: ConfigEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const parsed = parseConfigLine(lines[i]!, prefix);
    if (parsed === null) continue;
    if (typeof parsed === 'string') {
      diagnostics.push({ severity: 'warning', code: 'malformed-line', file, line: i + 1, message: `${parsed} (line skipped)` });
      continue;
    }
    entries.push({ ...parsed, file, line: i + 1 });
  }
  return { file, entries, diagnostics };
}

// Lines that may be malformed: everything but blank lines, comments and well-formed assignments,
// found in one native regex pass (conservative: each candidate is then parsed exactly).
function suspectLinePattern(prefix: string): RegExp {
  return prefixPattern('suspect', prefix, (p) => {
    const value = '(?:[ymn]|-?[0-9]+|(?:0[xX])?[0-9a-fA-F]+|"(?:[^"\\\\\\n]|\\\\[^\\n\\r\\u2028\\u2029])*")?';
    const good = `(?:#[^\\n]*|${p}[A-Za-z0-9_]+=${value}[^\\S\\n]*|[^\\S\\n]*)(?:\\n|(?![\\s\\S]))`;
    return new RegExp(`^(?!${good})[^\\n]*`, 'gm');
  });
}

// Only the diagnostics of parseConfig (malformed lines), cheaply: used to warn while merging big files.
export function findMalformedLines(text: string, file: string, prefix = DEFAULT_PREFIX): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const re = suspectLinePattern(prefix);
  let line = 1;
  let counted = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    if (m[0] === '') re.lastIndex++;
    // NOTE: a multiline ^ also matches after a lone \r or U+2028; conf splits on \n only.
    if (start > 0 && text.charCodeAt(start - 1) !== 10) continue;
    if (start === text.length) break;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
    counted = start;
    const parsed = parseConfigLine(m[0], prefix);
    if (typeof parsed === 'string') {
      diagnostics.push({ severity: 'warning', code: 'malformed-line', file, line, message: `${parsed} (line skipped)` });
    }
  }
  return diagnostics;
}

// The effective value of every symbol: the last assignment wins, as in conf.
export function toSymbolMap(entries: readonly ConfigEntry[]): Map<string, ConfigEntry> {
  const map = new Map<string, ConfigEntry>();
  for (const e of entries) {
    map.delete(e.name); // keep insertion order = order of the last assignment
    map.set(e.name, e);
  }
  return map;
}

// Serialise one entry in canonical .config form.
export function formatEntry(name: string, value: string, prefix = DEFAULT_PREFIX): string {
  return value === 'n' ? `# ${prefix}${name} is not set` : `${prefix}${name}=${value}`;
}

// Serialise entries back to .config text, one line each.
export function serializeConfig(entries: Iterable<Pick<ConfigEntry, 'name' | 'value'>>, prefix = DEFAULT_PREFIX): string {
  let out = '';
  for (const e of entries) out += formatEntry(e.name, e.value, prefix) + '\n';
  return out;
}

// Decode a quoted .config string value into its content (`"a\"b"` -> `a"b`).
export function unquoteString(value: string): string {
  if (!STRING.test(value)) return value;
  return value.slice(1, -1).replace(/\\(.)/g, '$1');
}

// Encode a string as a .config value, escaping `"` and `\` as conf does.
export function quoteString(content: string): string {
  return `"${content.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
