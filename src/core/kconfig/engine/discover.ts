// SPDX-License-Identifier: MIT
// Ask for every `$(shell,...)` command a parse of the tree will run, without building the tree, so that a
// host can start them all at once before the real parse asks for their answers one by one.
import { Lexer } from './lexer.js';
import { Preprocessor, type MacroHost } from './preprocess.js';

export interface DiscoveryHost extends MacroHost {
  /** Text of a Kconfig file named as in `source`, or undefined. */
  read(name: string): string | undefined;
}

/**
 * Where a statement may matter to the macro language: a `help`, `source` or assignment line (matched from the
 * newline before it), any `$`, a line continued with a backslash. Every other line has no expansion and
 * changes nothing: it is not lexed.
 */
const RELEVANT = /\n[ \t]*(?:help|source|[A-Za-z0-9_-]+[ \t]*[:+]?=)|\$|\\\n/g;

// Run the macro language over the tree the way the parser does (expansions in every statement, in file
// order; assignments; `source`; help text skipped), and nothing else. Commands go to `host.shell` (which
// starts them and answers undefined when not known yet); a command built from such an answer waits for
// it through `host.wait`, so it is asked for exactly as the parse will ask. Stops quietly at anything the
// parser would reject (the parse reports it).
export function discoverShellCommands(host: DiscoveryHost, rootFile = 'Kconfig'): void {
  const files: { lexer: Lexer; text: string }[] = [];
  const top = (): { lexer: Lexer; text: string } | undefined => files[files.length - 1];
  // NOTE: lines are skipped without being counted: `$(lineno)` counts them when asked.
  const where = (): { file: string; line: number } => {
    const f = top();
    if (!f) return { file: rootFile, line: 0 };
    let line = 1;
    for (let i = f.text.indexOf('\n'); i >= 0 && i < f.lexer.pos; i = f.text.indexOf('\n', i + 1)) line++;
    return { file: f.lexer.file, line };
  };
  const pp = new Preprocessor(host, where);
  const push = (name: string): boolean => {
    const text = files.some((f) => f.lexer.file === name) ? undefined : host.read(name);
    if (text === undefined) return false;
    files.push({ lexer: new Lexer(name, text, pp, () => undefined), text });
    return true;
  };
  try {
    if (!push(rootFile)) return;
    while (files.length > 0) {
      const { lexer, text } = top()!;
      // the next relevant line (the first line of a file always is), lexed from its start
      if (lexer.pos > 0) {
        RELEVANT.lastIndex = lexer.pos - 1;
        const m = RELEVANT.exec(text);
        if (!m) {
          files.pop();
          continue;
        }
        lexer.pos = text[m.index] === '\n' ? m.index + 1 : text.lastIndexOf('\n', m.index - 1) + 1;
      }
      const st = lexer.next();
      if (st === null) {
        files.pop();
        continue;
      }
      const [a, b, c] = st.tokens;
      if (a!.kind === 'word' && b?.kind === 'op' && c?.kind === 'assign') pp.assign(a!.text, c.text, b.text as '=' | ':=' | '+=');
      else if (a!.kind === 'kw' && st.tokens.length <= 2) {
        if (a!.text === 'source' && b?.kind === 'quote') {
          if (!push(b.text)) return;
        } else if (a!.text === 'help' && !b) {
          lexer.readHelp(false);
          // NOTE: help ends inside the indentation of the next statement: go back to its line start.
          lexer.pos = text.lastIndexOf('\n', lexer.pos - 1) + 1;
        }
      }
    }
  } catch {
    // a macro error: the parse reports it with its file and line
  }
}
