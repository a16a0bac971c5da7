// SPDX-License-Identifier: MIT
// A light line pre-scan of an INI file: the `ini` package gives no line numbers, so this maps every
// section and `section.key` to where it stands, and reports what `ini` would silently swallow.
import type { Diagnostic } from '../core/diagnostics.js';

export interface ScannedKey {
  section: string;
  /** The key as written, without a trailing `[]`. */
  key: string;
  line: number;
  /** True for `key[] = v` (an array entry). */
  array: boolean;
  /** The value text after `=`, trimmed, before `ini`'s unquoting; undefined for a bare key. */
  raw: string | undefined;
}

export interface IniScan {
  file: string;
  /** Section name -> line of its header ('' is the top, line 0). */
  sections: Map<string, number>;
  keys: ScannedKey[];
  diagnostics: Diagnostic[];
}

const SECTION = /^\s*\[([^\]]*)\]\s*$/;

// The key of a path like ['kernel', 'features'] or ['repo', 'bitbake', 'url'].
export function keyPath(section: string, key: string): string {
  return section === '' ? key : `${section}.${key}`;
}

// Scan an INI text line by line, the way ini.decode splits it.
export function scanIni(text: string, file: string): IniScan {
  const sections = new Map<string, number>([['', 0]]);
  const keys: ScannedKey[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  let section = '';
  // NOTE: ini.decode splits on /[\r\n]+/, so blank lines vanish; split on \n to keep line numbers.
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const n = i + 1;
    if (/^\s*$/.test(line) || /^\s*[;#]/.test(line)) continue;
    const sec = SECTION.exec(line);
    if (sec) {
      section = sec[1]!.trim();
      if (sections.has(section)) {
        diagnostics.push({ severity: 'error', code: 'duplicate-section', file, line: n, message: `section [${section}] appears twice (first at line ${sections.get(section)}); merge them` });
      } else sections.set(section, n);
      continue;
    }
    if (/^\s*\[/.test(line)) {
      diagnostics.push({ severity: 'error', code: 'malformed-line', file, line: n, message: `malformed section header '${line.trim()}' (expected [name])` });
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) {
      diagnostics.push({ severity: 'error', code: 'malformed-line', file, line: n, message: `'${line.trim()}' has no '=' (expected key = value)` });
      // NOTE: ini turns a bare line into `key = true`; record it so the schema's complaint maps here.
      keys.push({ section, key: line.trim(), line: n, array: false, raw: undefined });
      continue;
    }
    let key = line.slice(0, eq).trim();
    const array = key.length > 2 && key.endsWith('[]');
    if (array) key = key.slice(0, -2);
    if (key === '') {
      diagnostics.push({ severity: 'error', code: 'malformed-line', file, line: n, message: `'${line.trim()}' has no key before '='` });
      continue;
    }
    const path = keyPath(section, key);
    const first = seen.get(path);
    if (first !== undefined && !array) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-key',
        file,
        line: n,
        message: `${path} is set twice (first at line ${first}); the INI reader would keep only the last (write '${key}[] = ...' for a list)`,
      });
    } else if (first === undefined) seen.set(path, n);
    const raw = line.slice(eq + 1).trim();
    // NOTE: ini ends an unquoted value at the first ';' or '#', even inside a word
    // (`PATH;downloadfilename=PATH`); after a space it is the usual inline comment.
    const cut = /^[^"'].*?[^\s\\]([;#])/.exec(raw);
    if (cut) {
      diagnostics.push({ severity: 'warning', code: 'value-cut', file, line: n, message: `${keyPath(section, key)}: the value ends at '${cut[1]}' (INI comment); quote the whole value to keep it` });
    }
    keys.push({ section, key, line: n, array, raw });
  }
  return { file, sections, keys, diagnostics };
}

// The line of `section.key` (first occurrence), else of the section header, else undefined.
export function lineOf(scan: IniScan, section: string, key?: string): number | undefined {
  if (key !== undefined) {
    const k = scan.keys.find((s) => s.section === section && s.key === key);
    if (k) return k.line;
  }
  const l = scan.sections.get(section);
  return l === 0 ? undefined : l;
}
