// SPDX-License-Identifier: MIT
// Kconfig tokenizer: one logical statement at a time, with macros expanded as the kernel's lexer does
// (inside words and quoted strings, at lexing time), variable assignments, and indentation-based help.
import type { Preprocessor } from './preprocess.js';

export type TokenKind = 'word' | 'quote' | 'kw' | 'op' | 'assign';

export interface Token {
  kind: TokenKind;
  text: string;
}

export interface Statement {
  tokens: Token[];
  line: number;
}

const KEYWORDS = new Set([
  'bool', 'choice', 'comment', 'config', 'def_bool', 'def_tristate', 'default', 'depends', 'endchoice', 'endif',
  'endmenu', 'help', 'hex', 'if', 'imply', 'int', 'mainmenu', 'menu', 'menuconfig', 'modules', 'on', 'optional',
  'prompt', 'range', 'select', 'source', 'string', 'tristate', 'visible',
]);

// [A-Za-z0-9_-]
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

// The operator at `pos` (longest first: || && != <= >= := += = < > ! ( )), or undefined.
function operatorAt(s: string, pos: number): string | undefined {
  const c = s.charCodeAt(pos);
  const eq = s.charCodeAt(pos + 1) === 61;
  switch (c) {
    case 124: // |
      return s.charCodeAt(pos + 1) === 124 ? '||' : undefined;
    case 38: // &
      return s.charCodeAt(pos + 1) === 38 ? '&&' : undefined;
    case 33: // !
      return eq ? '!=' : '!';
    case 60: // <
      return eq ? '<=' : '<';
    case 62: // >
      return eq ? '>=' : '>';
    case 58: // :
      return eq ? ':=' : undefined;
    case 43: // +
      return eq ? '+=' : undefined;
    case 61:
      return '=';
    case 40:
      return '(';
    case 41:
      return ')';
    default:
      return undefined;
  }
}

export class Lexer {
  pos = 0;
  line = 1;

  constructor(
    readonly file: string,
    private readonly src: string,
    private readonly pp: Preprocessor,
    private readonly warn: (line: number, message: string) => void,
  ) {}

  // The next non-empty statement, or null at the end of the file.
  next(): Statement | null {
    const s = this.src;
    const len = s.length;
    for (;;) {
      if (this.pos >= len) return null;
      const tokens: Token[] = [];
      let line = this.line;
      while (this.pos < len) {
        const code = s.charCodeAt(this.pos);
        if (code === 10) {
          this.pos++;
          this.line++;
          break;
        }
        if (code === 32 || code === 9) {
          this.pos++;
          continue;
        }
        if (code === 35) {
          const nl = s.indexOf('\n', this.pos);
          this.pos = nl < 0 ? len : nl;
          continue;
        }
        if (code === 92 && s.charCodeAt(this.pos + 1) === 10) {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (tokens.length === 0) line = this.line;
        if (code === 34 || code === 39) {
          tokens.push({ kind: 'quote', text: this.readString(s[this.pos]!) });
        } else if (isWordCode(code) || code === 36) {
          let j = this.pos;
          let dollar = false;
          for (; j < len; j++) {
            const cj = s.charCodeAt(j);
            if (cj === 36) dollar = true;
            else if (!isWordCode(cj)) break;
          }
          if (!dollar) {
            const text = s.slice(this.pos, j);
            this.pos = j;
            tokens.push({ kind: KEYWORDS.has(text) ? 'kw' : 'word', text });
          } else {
            const nl = s.indexOf('\n', this.pos);
            const lineText = s.slice(0, nl < 0 ? len : nl);
            const r = this.pp.expandToken(lineText, this.pos);
            this.pos = r.end;
            if (r.text !== '') tokens.push({ kind: 'word', text: r.text });
          }
        } else {
          const op = operatorAt(s, this.pos);
          if (op) {
            this.pos += op.length;
            tokens.push({ kind: 'op', text: op });
            if (tokens.length === 2 && tokens[0]!.kind === 'word' && (op === '=' || op === ':=' || op === '+=')) {
              tokens.push({ kind: 'assign', text: this.readAssignValue() });
            }
          } else {
            this.warn(this.line, `ignoring unsupported character '${s[this.pos]}'`);
            this.pos++;
          }
        }
      }
      if (tokens.length > 0) return { tokens, line };
    }
  }

  // The raw right-hand side of a variable assignment (leading blanks dropped).
  private readAssignValue(): string {
    const s = this.src;
    while (s[this.pos] === ' ' || s[this.pos] === '\t') this.pos++;
    const nl = s.indexOf('\n', this.pos);
    const end = nl < 0 ? s.length : nl;
    const v = s.slice(this.pos, end);
    this.pos = end;
    return v;
  }

  private readString(quote: string): string {
    const s = this.src;
    this.pos++;
    // NOTE: most strings have no macro and no escape: one slice.
    const end = s.indexOf(quote, this.pos);
    const nl = s.indexOf('\n', this.pos);
    if (end >= 0 && (nl < 0 || end < nl)) {
      const plain = s.slice(this.pos, end);
      if (!plain.includes('$') && !plain.includes('\\')) {
        this.pos = end + 1;
        return plain;
      }
    }
    let out = '';
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === '$') {
        const nl = s.indexOf('\n', this.pos);
        const lineText = s.slice(0, nl < 0 ? s.length : nl);
        const r = this.pp.expandDollar(lineText, this.pos + 1);
        out += r.text;
        this.pos = r.end;
      } else if (c === '\\') {
        const n = s[this.pos + 1];
        if (n !== undefined && n !== '\n') {
          out += n;
          this.pos += 2;
        } else this.pos++;
      } else if (c === quote) {
        this.pos++;
        return out;
      } else if (c === '\n') {
        this.warn(this.line, 'multi-line strings not supported');
        return out;
      } else {
        out += c;
        this.pos++;
      }
    }
    return out;
  }

  // Help text after a `help` line: the block of lines indented at least as much as its first line.
  // With `keep` false the block is only stepped over (the text is not built).
  readHelp(keep = true): string {
    const s = this.src;
    let text = '';
    let firstTs = 0;
    let lastTs = 0;
    while (this.pos < s.length) {
      // leading blanks of a line
      let j = this.pos;
      let ts = 0;
      while (s[j] === ' ' || s[j] === '\t') {
        ts = s[j] === '\t' ? (ts & ~7) + 8 : ts + 1;
        j++;
      }
      if (s[j] === '\n' || j >= s.length) {
        // a blank line: ends the help when the next line starts in column 0
        if (j >= s.length) {
          this.pos = j;
          break;
        }
        const after = s[j + 1];
        this.pos = j + 1;
        this.line++;
        if (after !== undefined && after !== ' ' && after !== '\t' && after !== '\n') break;
        if (keep) text += '\n';
        continue;
      }
      if (j > this.pos) {
        lastTs = ts;
        if (firstTs) {
          if (ts < firstTs) {
            this.pos = j;
            return text;
          }
          if (keep) text += ' '.repeat(ts - firstTs);
        }
      }
      const nl = s.indexOf('\n', j);
      const end = nl < 0 ? s.length : nl;
      if (keep) {
        let e = end;
        while (e > j && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
        text += s.slice(j, e);
      }
      if (!firstTs) firstTs = lastTs;
      this.pos = end;
      if (nl < 0) break;
      // the newline ending a text line
      const after = s[end + 1];
      this.pos = end + 1;
      this.line++;
      if (after !== undefined && after !== ' ' && after !== '\t' && after !== '\n') break;
      if (keep) text += '\n';
    }
    return text;
  }
}
