// SPDX-License-Identifier: MIT
// Kconfig parser (the language of Linux 6.1): builds the menu tree and symbol properties the way the
// kernel's parser does. Errors carry file:line; several are collected before giving up.
import { Lexer, type Statement, type Token } from './lexer.js';
import {
  E_CMP,
  E_OR,
  E_AND,
  F_CHOICE,
  F_CONST,
  F_NO_WRITE,
  F_OPTIONAL,
  binExpr,
  exprAnd,
  notExpr,
  symExpr,
  type CmpOp,
  type Expr,
  type KSymbol,
  type MenuKind,
  type MenuNode,
  type Prop,
  type PropKind,
  type SymbolType,
} from './model.js';
import { MacroError, type Preprocessor } from './preprocess.js';
import type { SymbolTable } from './symbols.js';

export interface SourceReader {
  /** The text of a Kconfig file named as in a `source` statement, or undefined when it does not exist. */
  read(name: string): string | undefined;
}

export interface ParseProblem {
  file: string;
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export class KconfigSyntaxError extends Error {
  constructor(readonly problems: ParseProblem[]) {
    super(problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'KconfigSyntaxError';
  }
}

class StatementError extends Error {}

const CMP_OPS = new Set(['=', '!=', '<', '<=', '>', '>=']);

type OpenEntry = 'config' | 'menuconfig' | 'choice' | 'menu' | 'comment' | undefined;

export interface ParsedTree {
  root: MenuNode;
  modulesSym: KSymbol | undefined;
  files: string[];
  problems: ParseProblem[];
}

export class Parser {
  readonly root: MenuNode;
  private currentMenu: MenuNode;
  private currentEntry: MenuNode;
  private open: OpenEntry;
  private readonly lexers: Lexer[] = [];
  private stmt: Statement = { tokens: [], line: 0 };
  private tokens: Token[] = [];
  private at = 0;
  private modulesSym: KSymbol | undefined;
  readonly problems: ParseProblem[] = [];
  readonly files: string[] = [];
  private sawStatement = false;
  private errors = 0;
  /** block kinds opened by menu/choice/if, innermost last, with where they were opened. */
  private readonly blocks: { kind: 'menu' | 'choice' | 'if'; file: string; line: number }[] = [];

  constructor(
    private readonly table: SymbolTable,
    private readonly pp: Preprocessor,
    private readonly reader: SourceReader,
  ) {
    this.root = this.node('root', undefined, '', 0);
    this.currentMenu = this.root;
    this.currentEntry = this.root;
  }

  get file(): string {
    return this.lexers[this.lexers.length - 1]?.file ?? '';
  }

  get line(): number {
    return this.lexers[this.lexers.length - 1]?.line ?? 0;
  }

  // Parse the tree rooted at `name` (normally "Kconfig").
  parse(name: string): ParsedTree {
    this.pushFile(name, undefined);
    while (this.lexers.length > 0) {
      const lexer = this.lexers[this.lexers.length - 1]!;
      let st: Statement | null;
      try {
        st = lexer.next();
      } catch (e) {
        this.macroFailure(e, lexer);
        continue;
      }
      if (st === null) {
        this.closeEntry();
        this.lexers.pop();
        continue;
      }
      this.stmt = st;
      this.tokens = st.tokens;
      this.at = 0;
      try {
        this.statement(lexer);
      } catch (e) {
        if (e instanceof StatementError) this.error(e.message, st.line);
        else if (e instanceof MacroError) this.macroFailure(e, lexer, st.line);
        else throw e;
      }
      if (this.errors >= 20) break;
    }
    this.closeEntry();
    for (const b of this.blocks) this.problems.push({ file: b.file, line: b.line, severity: 'error', message: `missing end${b.kind}` });
    if (this.problems.some((p) => p.severity === 'error')) throw new KconfigSyntaxError(this.problems);
    if (!this.root.prompt) {
      this.currentEntry = this.root;
      this.addPrompt('menu', 'Main menu', undefined);
    }
    return { root: this.root, modulesSym: this.modulesSym, files: this.files, problems: this.problems };
  }

  private macroFailure(e: unknown, lexer: Lexer, line = lexer.line): void {
    if (!(e instanceof MacroError)) throw e;
    this.problems.push({ file: lexer.file, line, severity: 'error', message: e.message });
    throw new KconfigSyntaxError(this.problems);
  }

  private error(message: string, line = this.stmt.line): void {
    this.errors++;
    this.problems.push({ file: this.file, line, severity: 'error', message });
  }

  private warn(message: string, line = this.stmt.line, file = this.file): void {
    this.problems.push({ file, line, severity: 'warning', message });
  }

  private pushFile(name: string, from: { file: string; line: number } | undefined): void {
    if (this.lexers.some((l) => l.file === name)) {
      const chain = this.lexers.map((l) => l.file).join(' -> ');
      this.problems.push({ file: from?.file ?? name, line: from?.line ?? 0, severity: 'error', message: `recursive inclusion of "${name}" (${chain})` });
      throw new KconfigSyntaxError(this.problems);
    }
    const text = this.reader.read(name);
    if (text === undefined) {
      this.problems.push({
        file: from?.file ?? name,
        line: from?.line ?? 0,
        severity: 'error',
        message: from ? `can't open file "${name}"` : `can't find file ${name}`,
      });
      throw new KconfigSyntaxError(this.problems);
    }
    this.files.push(name);
    this.lexers.push(new Lexer(name, text, this.pp, (line, message) => this.warn(message, line, name)));
  }

  private node(kind: MenuKind, sym: KSymbol | undefined, file: string, line: number): MenuNode {
    return { kind, sym, prompt: undefined, dep: undefined, visibility: undefined, children: [], parent: undefined, file, line, help: undefined };
  }

  private addEntry(kind: MenuKind, sym: KSymbol | undefined): MenuNode {
    const n = this.node(kind, sym, this.file, this.stmt.line);
    n.parent = this.currentMenu;
    this.currentMenu.children.push(n);
    this.currentEntry = n;
    // NOTE: conf also gives the symbol a P_SYMBOL property per definition; nothing reads it after
    // parsing (evaluation, writing and `why` use menus and the other properties), so it is not made:
    // a third of all properties fewer to finalise, save, restore and step over while evaluating.
    if (sym) sym.menus.push(n);
    return n;
  }

  private addProp(kind: PropKind, expr: Expr | undefined, vis: Expr | undefined): Prop {
    const p: Prop = { kind, expr, visExpr: vis, visTri: 0, text: undefined, menu: this.currentEntry, file: this.file, line: this.stmt.line };
    this.currentEntry.sym?.props.push(p);
    return p;
  }

  private addPrompt(kind: PropKind, text: string, vis: Expr | undefined): Prop {
    const p = this.addProp(kind, undefined, vis);
    if (/^\s/.test(text)) {
      this.warn('leading whitespace ignored');
      text = text.replace(/^\s+/, '');
    }
    if (this.currentEntry.prompt) this.warn('prompt redefined');
    if (kind === 'prompt') {
      for (let m = this.currentEntry.parent; m; m = m.parent) {
        if (m.visibility) p.visExpr = exprAnd(p.visExpr, m.visibility);
      }
    }
    p.text = text;
    this.currentEntry.prompt = p;
    return p;
  }

  private setType(type: SymbolType): void {
    const sym = this.currentEntry.sym!;
    if (sym.type === type) return;
    if (sym.type === 'unknown') sym.type = type;
    else this.warn(`ignoring type redefinition of '${sym.name || '<choice>'}' from '${sym.type}' to '${type}'`);
  }

  // A menuconfig's prompt becomes a menu prompt once its options are complete.
  private closeEntry(): void {
    if (this.open === 'menuconfig') {
      const e = this.currentEntry;
      if (e.prompt) e.prompt.kind = 'menu';
      else this.warn('menuconfig statement without prompt', e.line, e.file);
    }
    this.open = undefined;
  }

  // --- token helpers ---
  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private isKw(text: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'kw' && t.text === text;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  private take(): Token {
    const t = this.tokens[this.at++];
    if (!t) throw new StatementError('syntax error: unexpected end of line');
    return t;
  }

  private expectEnd(): void {
    const t = this.peek();
    if (t) throw new StatementError(`syntax error near '${t.text}'`);
  }

  private word(): string {
    const t = this.take();
    if (t.kind !== 'word') throw new StatementError(`expected a symbol name, got '${t.text}'`);
    return t.text;
  }

  private quoted(): string {
    const t = this.take();
    if (t.kind !== 'quote') throw new StatementError(`expected a quoted string, got '${t.text}'`);
    return t.text;
  }

  private ifExpr(): Expr | undefined {
    if (!this.isKw('if')) return undefined;
    this.at++;
    return this.expr();
  }

  private symbol(): KSymbol {
    const t = this.take();
    if (t.kind === 'word') return this.table.lookup(t.text, 0);
    if (t.kind === 'quote') return this.table.lookup(t.text, F_CONST);
    throw new StatementError(`syntax error near '${t.text}'`);
  }

  private expr(): Expr {
    let l = this.andExpr();
    while (this.isOp('||')) {
      this.at++;
      l = binExpr(E_OR, l, this.andExpr());
    }
    return l;
  }

  private andExpr(): Expr {
    let l = this.unary();
    while (this.isOp('&&')) {
      this.at++;
      l = binExpr(E_AND, l, this.unary());
    }
    return l;
  }

  private unary(): Expr {
    if (this.isOp('!')) {
      this.at++;
      return notExpr(this.unary());
    }
    if (this.isOp('(')) {
      this.at++;
      const e = this.expr();
      if (!this.isOp(')')) throw new StatementError(`syntax error: missing ')'`);
      this.at++;
      return e;
    }
    const a = this.symbol();
    const t = this.peek();
    if (t && t.kind === 'op' && CMP_OPS.has(t.text)) {
      this.at++;
      return { k: E_CMP, op: t.text as CmpOp, a, b: this.symbol() };
    }
    return symExpr(a);
  }

  // --- statements ---
  private statement(lexer: Lexer): void {
    const first = this.tokens[0]!;
    const isFirst = !this.sawStatement;
    this.sawStatement = true;
    if (first.kind === 'word' && this.tokens[1]?.kind === 'op' && this.tokens[2]?.kind === 'assign') {
      this.closeEntry();
      this.pp.assign(first.text, this.tokens[2].text, this.tokens[1].text as '=' | ':=' | '+=');
      return;
    }
    if (first.kind !== 'kw') {
      this.closeEntry();
      throw new StatementError(first.kind === 'word' ? `unknown statement "${first.text}"` : 'invalid statement');
    }
    if (this.open && this.option(first.text, lexer)) return;
    this.closeEntry();
    this.at = 1;
    const inChoice = this.currentMenu.kind === 'choice';
    switch (first.text) {
      case 'mainmenu': {
        if (!isFirst) throw new StatementError('mainmenu must be the first statement');
        const text = this.quoted();
        this.expectEnd();
        this.addPrompt('menu', text, undefined);
        return;
      }
      case 'config':
      case 'menuconfig': {
        const sym = this.table.lookup(this.word(), 0);
        this.expectEnd();
        sym.flags |= F_OPTIONAL;
        this.addEntry(first.text, sym);
        this.open = first.text;
        return;
      }
      case 'choice': {
        if (inChoice) break;
        const name = this.peek() ? this.word() : null;
        this.expectEnd();
        const sym = this.table.lookup(name, F_CHOICE);
        sym.flags |= F_NO_WRITE;
        const n = this.addEntry('choice', sym);
        const p = this.addProp('choice', undefined, undefined);
        p.members = [];
        this.currentMenu = n;
        this.blocks.push({ kind: 'choice', file: this.file, line: this.stmt.line });
        this.open = 'choice';
        return;
      }
      case 'comment': {
        const text = this.quoted();
        this.expectEnd();
        this.addEntry('comment', undefined);
        this.addPrompt('comment', text, undefined);
        this.open = 'comment';
        return;
      }
      case 'menu': {
        if (inChoice) break;
        const text = this.quoted();
        this.expectEnd();
        const n = this.addEntry('menu', undefined);
        this.addPrompt('menu', text, undefined);
        this.currentMenu = n;
        this.blocks.push({ kind: 'menu', file: this.file, line: this.stmt.line });
        this.open = 'menu';
        return;
      }
      case 'if': {
        const e = this.expr();
        this.expectEnd();
        const n = this.addEntry('if', undefined);
        n.dep = e;
        this.currentMenu = n;
        this.blocks.push({ kind: 'if', file: this.file, line: this.stmt.line });
        return;
      }
      case 'endmenu':
      case 'endchoice':
      case 'endif': {
        this.expectEnd();
        const want = first.text.slice(3);
        const b = this.blocks[this.blocks.length - 1];
        if (!b) throw new StatementError(`unexpected '${first.text}' statement`);
        if (b.kind !== want) throw new StatementError(`unexpected '${first.text}' within ${b.kind} block`);
        this.blocks.pop();
        this.currentEntry = this.currentMenu;
        this.currentMenu = this.currentMenu.parent!;
        return;
      }
      case 'source': {
        if (inChoice) break;
        const name = this.quoted();
        this.expectEnd();
        this.pushFile(name, { file: this.file, line: this.stmt.line });
        return;
      }
      default:
        break;
    }
    throw new StatementError(inChoice ? 'invalid statement in a choice' : `invalid statement "${first.text}"`);
  }

  // An option line of the entry being defined; false when the line is not one of its options.
  private option(kw: string, lexer: Lexer): boolean {
    const open = this.open;
    const isSym = open === 'config' || open === 'menuconfig';
    this.at = 1;
    switch (kw) {
      case 'depends':
        if (!this.isKw('on')) throw new StatementError(`syntax error: expected 'on' after 'depends'`);
        this.at++;
        this.currentEntry.dep = exprAnd(this.currentEntry.dep, this.expr());
        this.expectEnd();
        return true;
      case 'help': {
        if (!isSym && open !== 'choice') return false;
        this.expectEnd();
        // NOTE: the text is stepped over, not kept: nothing reads it (a saved parse drops it too), and
        // building it was a tenth of the parse's garbage.
        lexer.readHelp(false);
        return true;
      }
      case 'bool':
      case 'tristate':
      case 'int':
      case 'hex':
      case 'string': {
        if (!isSym && !(open === 'choice' && (kw === 'bool' || kw === 'tristate'))) return false;
        const type: SymbolType = kw;
        if (this.peek()?.kind === 'quote') {
          const text = this.quoted();
          this.addPrompt('prompt', text, this.ifExpr());
        }
        this.expectEnd();
        this.setType(type);
        return true;
      }
      case 'prompt': {
        if (!isSym && open !== 'choice') return false;
        const text = this.quoted();
        this.addPrompt('prompt', text, this.ifExpr());
        this.expectEnd();
        return true;
      }
      case 'default':
      case 'def_bool':
      case 'def_tristate': {
        if (open === 'choice' && kw === 'default') {
          const sym = this.table.lookup(this.word(), 0);
          this.addProp('default', symExpr(sym), this.ifExpr());
          this.expectEnd();
          return true;
        }
        if (!isSym) return false;
        const e = this.expr();
        this.addProp('default', e, this.ifExpr());
        this.expectEnd();
        if (kw !== 'default') this.setType(kw === 'def_bool' ? 'bool' : 'tristate');
        return true;
      }
      case 'select':
      case 'imply': {
        if (!isSym) return false;
        const sym = this.table.lookup(this.word(), 0);
        this.addProp(kw, symExpr(sym), this.ifExpr());
        this.expectEnd();
        return true;
      }
      case 'range': {
        if (!isSym) return false;
        const lo = this.symbol();
        const hi = this.symbol();
        const p = this.addProp('range', undefined, this.ifExpr());
        p.lo = lo;
        p.hi = hi;
        this.expectEnd();
        return true;
      }
      case 'modules': {
        if (!isSym) return false;
        this.expectEnd();
        const sym = this.currentEntry.sym!;
        if (this.modulesSym) throw new StatementError(`symbol '${sym.name}' redefines option 'modules' already defined by symbol '${this.modulesSym.name}'`);
        this.modulesSym = sym;
        return true;
      }
      case 'optional':
        if (open !== 'choice') return false;
        this.expectEnd();
        this.currentEntry.sym!.flags |= F_OPTIONAL;
        return true;
      case 'visible':
        if (open !== 'menu') return false;
        this.currentEntry.visibility = exprAnd(this.currentEntry.visibility, this.ifExpr());
        this.expectEnd();
        return true;
      default:
        return false;
    }
  }
}
