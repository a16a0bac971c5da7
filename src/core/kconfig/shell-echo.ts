// SPDX-License-Identifier: MIT
// What `echo` in Debian's /bin/sh (dash) prints, so merge messages match merge_config.sh byte for byte.

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\',
};

// dash's echo interprets backslash escapes; `\c` ends all output, including the newline.
export function dashEcho(text: string): string {
  if (!text.includes('\\')) return text + '\n';
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1]!;
    if (next === 'c') return out;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (next === '0') {
      let j = i + 2;
      let code = 0;
      while (j < text.length && j < i + 5 && text[j]! >= '0' && text[j]! <= '7') code = code * 8 + (text.charCodeAt(j++) - 48);
      out += String.fromCharCode(code & 0xff);
      i = j - 1;
    } else {
      out += c; // unknown escapes are kept as written
    }
  }
  return out + '\n';
}

// Text that field splitting would change: a tab or newline, two spaces in a row, or a space at either end.
const FIELD_SPLIT_NEEDED = /[\t\n]| {2}|^ | $/;

// An unquoted `echo words $VAR`: fields split on IFS white space and joined by single spaces.
// NOTE: the shell would also expand glob characters against the current folder; we never do.
export function unquotedEcho(text: string): string {
  if (!FIELD_SPLIT_NEEDED.test(text)) return dashEcho(text);
  return dashEcho(text.split(/[ \t\n]+/).filter((w) => w !== '').join(' '));
}
