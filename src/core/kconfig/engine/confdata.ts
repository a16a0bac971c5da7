// SPDX-License-Identifier: MIT
// Reading a .config into user values, the all*config modes, and writing the .config text, with the
// rules of the kernel's conf (Linux 6.1): same warnings, same choice handling, same byte output.
import { F_CHOICE, F_DEF_USER, F_NEED_SET_CHOICE_VALUES, F_NO_WRITE, F_OPTIONAL, F_VALID, F_WRITE, F_WRITTEN, M, N, Y, triOr, type KSymbol, type MenuNode, type Tri } from './model.js';
import type { Diagnostic } from '../../diagnostics.js';
import { choiceOf, hasUserValue, isChoice, isChoiceValue, type Evaluator } from './evaluate.js';

export interface ConfigWarning {
  file: string;
  line: number;
  message: string;
}

// conf's reader warnings as the CLI reports them.
export function readWarnings(warnings: readonly ConfigWarning[]): Diagnostic[] {
  return warnings.map((w) => ({ severity: 'warning', code: 'kconfig-read', file: w.file, line: w.line, message: w.message }));
}

/** Where each user value came from (for `why`). */
export interface ValueOrigin {
  file: string;
  line: number;
  text: string;
}

export interface ReadResult {
  warnings: ConfigWarning[];
  /** Symbols named in the file that this Kconfig tree does not define. */
  unknown: { name: string; file: string; line: number }[];
}

// Load a .config's values as user values (conf_read_simple): the last assignment wins.
// NOTE: one walk over the text by index (no line array, no per-line closures): an allyesconfig has
// 16 000 lines and this runs on every resolve.
export function readConfigValues(ev: Evaluator, file: string, text: string, origins?: Map<KSymbol, ValueOrigin>, prefix = 'CONFIG_'): ReadResult {
  const out: ReadResult = { warnings: [], unknown: [] };
  const created = ev.table.created();
  for (let i = 0; i < created.length; i++) {
    const sym = created[i]!;
    sym.flags &= ~(F_DEF_USER | F_VALID);
    if (sym.flags & F_CHOICE) sym.flags |= F_DEF_USER;
    sym.userVal = null;
    sym.userChoice = null;
    sym.userTri = N;
  }
  const lines = new ConfigLines(text, prefix);
  for (let kind = lines.next(); kind !== LINE_END; kind = lines.next()) {
    const lineno = lines.line;
    if (kind === LINE_JUNK) {
      warn(out, file, lineno, `unexpected data: ${lines.junk()}`);
      continue;
    }
    const name = text.slice(lines.from, lines.to);
    const val = kind === LINE_UNSET ? 'n' : text.slice(lines.to + 1, lines.valueEnd);
    const sym = ev.table.find(name);
    if (!sym) {
      out.unknown.push({ name, file, line: lineno });
      ev.changed = true;
      continue;
    }
    if (sym.flags & F_DEF_USER) warn(out, file, lineno, `override: reassigning to symbol ${sym.name}`);
    if (!setUserValue(ev, sym, val, out, file, lineno)) continue;
    origins?.set(sym, { file, line: lineno, text: text.slice(lines.start, lines.end) });
    if (isChoiceValue(sym)) {
      const cs = choiceOf(sym);
      if (!cs) continue;
      if (sym.userTri === M && cs.userTri === Y) {
        warn(out, file, lineno, `${sym.name} creates inconsistent choice state`);
        cs.flags &= ~F_DEF_USER;
      } else if (sym.userTri === Y) {
        if (cs.userTri !== N) warn(out, file, lineno, `override: ${sym.name} changes choice state`);
        cs.userChoice = sym;
      }
      cs.userTri = triOr(cs.userTri, sym.userTri);
    }
  }
  return out;
}

/** The kinds of line ConfigLines.next() gives. */
export const LINE_SET = 0;
export const LINE_UNSET = 1;
export const LINE_JUNK = 2;
export const LINE_END = 3;

// A .config's lines as conf_read_simple reads them: `PREFIXNAME=value` (LINE_SET), `# PREFIXNAME is not
// set` (LINE_UNSET) and unexpected data (LINE_JUNK); comments and blank lines are passed over.
// NOTE: offsets, not strings: the resolve kernel looks names up where they stand (16 000 lines).
export class ConfigLines {
  /** The current line: text[start, end), numbered from 1. */
  start = 0;
  end = 0;
  line = 0;
  /** LINE_SET, LINE_UNSET: the name is text[from, to); LINE_SET: the value is text[to + 1, valueEnd) (no CR). */
  from = 0;
  to = 0;
  valueEnd = 0;
  private pos = 0;

  constructor(
    readonly text: string,
    private readonly prefix: string,
  ) {}

  // The kind of the next line worth reading; LINE_END after the last.
  next(): number {
    const text = this.text;
    const prefix = this.prefix;
    const plen = prefix.length;
    while (this.pos < text.length) {
      const start = this.pos;
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      this.pos = end + 1;
      this.line++;
      this.start = start;
      this.end = end;
      const c0 = text.charCodeAt(start);
      if (c0 === 35 /* # */) {
        if (text.charCodeAt(start + 1) !== 32 || !text.startsWith(prefix, start + 2)) continue;
        const from = start + 2 + plen;
        const sp = text.indexOf(' ', from);
        if (sp < 0 || sp >= end || !text.startsWith('is not set', sp + 1) || sp + 11 > end) continue;
        this.from = from;
        this.to = sp;
        return LINE_UNSET;
      }
      if (text.startsWith(prefix, start) && start + plen <= end) {
        const from = start + plen;
        const eq = text.indexOf('=', from);
        if (eq < 0 || eq >= end) continue;
        this.from = from;
        this.to = eq;
        this.valueEnd = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
        return LINE_SET;
      }
      if (end > start && c0 !== 13) return LINE_JUNK;
    }
    return LINE_END;
  }

  /** The current line as conf's "unexpected data" warning shows it (up to a CR). */
  junk(): string {
    return this.text.slice(this.start, this.end).replace(/\r.*$/, '');
  }
}

function warn(out: ReadResult, file: string, line: number, message: string): void {
  out.warnings.push({ file, line, message });
}

function setUserValue(ev: Evaluator, sym: KSymbol, p: string, out: ReadResult, file: string, line: number): boolean {
  switch (sym.type) {
    case 'bool':
    case 'tristate': {
      const c = p[0];
      if (c === 'm' && sym.type === 'tristate') sym.userTri = M;
      else if (c === 'y') sym.userTri = Y;
      else if (c === 'n') sym.userTri = N;
      else {
        warn(out, file, line, `symbol value '${p}' invalid for ${sym.name}`);
        return false;
      }
      sym.flags |= F_DEF_USER;
      return true;
    }
    case 'string': {
      if (p[0] !== '"') return true;
      const s = unquoteConfigString(p);
      if (s === undefined) {
        warn(out, file, line, 'invalid string found');
        return false;
      }
      sym.userVal = s;
      sym.flags |= F_DEF_USER;
      return true;
    }
    case 'int':
    case 'hex':
      if (ev.stringValid(sym, p)) {
        sym.userVal = p;
        sym.flags |= F_DEF_USER;
        return true;
      }
      warn(out, file, line, `symbol value '${p}' invalid for ${sym.name}`);
      return false;
    default:
      return true;
  }
}

// conf_read's consistency pass after loading a .config (what olddefconfig and defconfig do).
// Set ev.changed = false before reading the file, as conf does.
export function checkLoadedConfig(ev: Evaluator, warningCount: number): void {
  ev.recursed = false;
  ev.calc(ev.modulesSym);
  let unsaved = 0;
  const all = ev.table.all();
  for (let i = 0; i < all.length; i++) {
    const sym = all[i]!;
    ev.calc(sym);
    if (isChoice(sym) || sym.flags & F_NO_WRITE) continue;
    if (hasUserValue(sym) && sym.flags & F_WRITE) {
      if (sym.type === 'bool' || sym.type === 'tristate') {
        if (sym.userTri === sym.tri) continue;
      } else if (sym.val === sym.userVal) continue;
    } else if (!hasUserValue(sym) && !(sym.flags & F_WRITE)) continue;
    unsaved++;
  }
  for (let i = 0; i < all.length; i++) {
    const sym = all[i]!;
    if (!hasUserValue(sym) || isChoiceValue(sym)) continue;
    if (sym.visible === N && !unsaved) sym.flags &= ~F_DEF_USER;
    if (sym.type === 'string' || sym.type === 'int' || sym.type === 'hex') {
      if (!ev.stringWithinRange(sym, sym.userVal ?? '')) {
        sym.flags &= ~(F_VALID | F_DEF_USER);
        unsaved++;
      }
    }
  }
  if (warningCount || unsaved) ev.changed = true;
  // Every symbol was computed above (readConfigValues had cleared them all); only flags of invisible
  // symbols changed since, which their values do not read.
  ev.settled = !ev.recursed;
}

// A .config string value as conf reads it: from the opening quote to the next unescaped one, each
// backslash taking the next character as it is; undefined when the closing quote is missing.
export function unquoteConfigString(p: string): string | undefined {
  let s = '';
  for (let i = 1; i < p.length; i++) {
    const c = p[i];
    if (c === '"') return s;
    if (c === '\\') {
      i++;
      if (i < p.length) s += p[i];
      continue;
    }
    s += c;
  }
  return undefined;
}

export type FillMode = 'no' | 'yes' | 'mod' | 'default';

// conf_set_all_new_symbols: give every symbol without a user value the mode's value, then settle choices.
export function setAllNewSymbols(ev: Evaluator, mode: FillMode): void {
  const all = ev.table.all();
  for (const sym of all) {
    if (hasUserValue(sym) || sym.flags & F_VALID) continue;
    const type = ev.typeOf(sym);
    if (type !== 'bool' && type !== 'tristate') continue;
    if (mode === 'default') continue;
    sym.userTri = mode === 'yes' ? Y : mode === 'mod' ? M : N;
    sym.flags |= F_DEF_USER;
  }
  ev.clearAllValid();
  for (const cs of all) {
    if ((isChoice(cs) && !hasUserValue(cs)) || isChoiceValue(cs)) cs.flags |= F_NEED_SET_CHOICE_VALUES;
  }
  for (const cs of all) {
    if (hasUserValue(cs) || !isChoice(cs)) continue;
    ev.calc(cs);
    ev.setAllChoiceValues(cs);
  }
}

function menuVisible(ev: Evaluator, menu: MenuNode): boolean {
  if (!menu.prompt) return false;
  if (menu.visibility && ev.expr(menu.visibility) === N) return false;
  const sym = menu.sym;
  let visible: Tri;
  if (sym) {
    ev.calc(sym);
    visible = menu.prompt.visTri;
  } else visible = menu.prompt.visTri = ev.expr(menu.prompt.visExpr);
  if (visible !== N) return true;
  if (!sym || sym.tri === N) return false;
  const children = menu.children;
  for (let i = 0; i < children.length; i++) {
    if (menuVisible(ev, children[i]!)) {
      sym.flags |= F_DEF_USER;
      return true;
    }
  }
  return false;
}

// A string value as conf writes it: quoted, with " and \ escaped.
export function escapeString(v: string): string {
  return `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

// The .config text conf writes: header, then the menu tree in order with menu and comment blocks.
export function writeConfig(ev: Evaluator, root: MenuNode, prefix = 'CONFIG_'): string {
  const out: string[] = [];
  out.push(`#\n# Automatically generated file; DO NOT EDIT.\n# ${root.prompt?.text ?? ''}\n#\n`);
  // NOTE: conf recomputes every symbol here when the loaded config changed nothing. When the first
  // pass was order-independent (no symbol read mid-computation) that gives the same values again, so
  // it is skipped: a third of a warm olddefconfig.
  if (!ev.changed && !ev.settled) ev.clearAllValid();
  let needNewline = false;
  const written: KSymbol[] = [];
  const visit = (menu: MenuNode): void => {
    const sym = menu.sym;
    if (!sym) {
      if (menuVisible(ev, menu)) {
        out.push(`\n#\n# ${menu.prompt!.text}\n#\n`);
        needNewline = false;
      }
    } else if (!(sym.flags & F_CHOICE) && !(sym.flags & F_WRITTEN)) {
      ev.calc(sym);
      if (sym.flags & F_WRITE) {
        if (needNewline) {
          out.push('\n');
          needNewline = false;
        }
        sym.flags |= F_WRITTEN;
        written.push(sym);
        const line = symbolLine(ev, sym, prefix);
        if (line) out.push(line);
      }
    }
    const children = menu.children;
    for (let i = 0; i < children.length; i++) visit(children[i]!);
    if (!menu.sym && menu.kind !== 'root' && menu.prompt?.kind === 'menu' && menuVisible(ev, menu)) {
      out.push(`# end of ${menu.prompt.text}\n`);
      needNewline = true;
    }
  };
  for (const c of root.children) visit(c);
  for (const s of written) s.flags &= ~F_WRITTEN;
  return out.join('');
}

// The minimal configuration conf writes for `savedefconfig` (conf_write_defconfig): in menu order, each
// symbol written to .config whose value the user can change (visible above what selects force) and that
// differs from its default; a bool choice member at y is left out when it is its choice's default (and
// the choice is not optional). No header.
export function writeDefconfig(ev: Evaluator, root: MenuNode, prefix = 'CONFIG_'): string {
  ev.clearAllValid();
  const out: string[] = [];
  const visit = (menu: MenuNode): void => {
    const sym = menu.sym;
    if (sym && !(sym.flags & F_CHOICE)) {
      ev.calc(sym);
      // NOTE: the flag is cleared once handled, and a valid symbol is not computed again: a symbol with
      // several menu entries is considered once, at the first entry that reaches here with it set.
      if (sym.flags & F_WRITE) {
        sym.flags &= ~F_WRITE;
        if (sym.visible > sym.revDepTri && ev.stringValue(sym) !== ev.stringDefault(sym) && !isDefaultChoiceMember(ev, sym)) out.push(symbolLine(ev, sym, prefix));
      }
    }
    const children = menu.children;
    for (let i = 0; i < children.length; i++) visit(children[i]!);
  };
  for (const c of root.children) visit(c);
  return out.join('');
}

// A bool member at y of a choice that is not optional, and is that choice's default member.
function isDefaultChoiceMember(ev: Evaluator, sym: KSymbol): boolean {
  if (!isChoiceValue(sym)) return false;
  const cs = choiceOf(sym);
  if (!cs || cs.flags & F_OPTIONAL || ev.choiceDefault(cs) !== sym) return false;
  return sym.type === 'bool' && sym.tri === Y;
}

function symbolLine(ev: Evaluator, sym: KSymbol, prefix: string): string {
  if (sym.type === 'unknown') return '';
  const val = ev.stringValue(sym);
  if ((sym.type === 'bool' || sym.type === 'tristate') && val === 'n') return `# ${prefix}${sym.name} is not set\n`;
  return `${prefix}${sym.name}=${sym.type === 'string' ? escapeString(val) : val}\n`;
}
