// SPDX-License-Identifier: MIT
// `why`: explain a symbol's value after a resolve (type, prompt, definitions, dependencies with their
// values, selects, implies, the default that applied) and give the shortest honest reason a requested
// value did not stick.
import { escapeString, type ValueOrigin } from './confdata.js';
import { choiceOf, hasUserValue, isChoiceValue, type Evaluator } from './evaluate.js';
import { E_AND, E_CMP, E_NOT, E_OR, E_SYM, F_CONST, N, Y, type Expr, type KSymbol, type Tri } from './model.js';

export interface SymbolExplanation {
  name: string;
  type: string;
  value: string;
  written: boolean;
  prompts: { text: string; file: string; line: number; visible: string }[];
  definedAt: { file: string; line: number }[];
  dependsOn: string | undefined;
  dependsValue: string;
  selectedBy: { expr: string; value: string }[];
  impliedBy: { expr: string; value: string }[];
  defaultApplied: { expr: string; condition: string | undefined; file: string; line: number } | undefined;
  userValue: { text: string; file: string; line: number } | undefined;
  choice: { chosen: string | undefined } | undefined;
  range: string | undefined;
}

const TRI = ['n', 'm', 'y'];

function symLabel(ev: Evaluator, s: KSymbol): string {
  if (s === ev.table.yes || s === ev.table.mod || s === ev.table.no) return s.name;
  if (s.type === 'unknown') {
    if (s.flags & F_CONST) return `"${s.name}"`;
    return /^-?(0x)?[0-9a-fA-F]+$/.test(s.name) ? s.name : `${s.name} [undefined]`;
  }
  ev.calc(s);
  return `${s.name || '<choice>'} [=${ev.stringValue(s)}]`;
}

// An expression with each symbol's current value, in menuconfig's style: `NET [=n] && PCI [=y]`.
export function renderExpr(ev: Evaluator, e: Expr | undefined, parent = 0): string {
  if (!e) return 'y';
  switch (e.k) {
    case E_SYM:
      return symLabel(ev, e.sym);
    case E_CMP:
      return `${symLabel(ev, e.a)} ${e.op} ${symLabel(ev, e.b)}`;
    case E_NOT:
      return `!${renderExpr(ev, e.e, 3)}`;
    case E_AND:
    case E_OR: {
      const prec = e.k === E_AND ? 2 : 1;
      const text = `${renderExpr(ev, e.l, prec)} ${e.k === E_AND ? '&&' : '||'} ${renderExpr(ev, e.r, prec)}`;
      return parent > prec ? `(${text})` : text;
    }
  }
}

// The value of a symbol's `depends on`, as conf's sym_calc_visibility computes it (m counts as y for a
// bool). Evaluated here rather than read from the symbol: the evaluator does not keep it for choice members.
function dependsValue(ev: Evaluator, sym: KSymbol): Tri {
  if (!sym.dirDep) return Y;
  const t = ev.expr(sym.dirDep);
  return t === 1 && sym.type === 'bool' ? Y : t;
}

// The OR-terms of a reverse dependency (one per selecting/implying symbol and condition).
function terms(e: Expr | undefined): Expr[] {
  if (!e) return [];
  if (e.k === E_OR) return [...terms(e.l), ...terms(e.r)];
  return [e];
}

export function explainSymbol(ev: Evaluator, sym: KSymbol, origins: ReadonlyMap<KSymbol, ValueOrigin>): SymbolExplanation {
  ev.calc(sym);
  const prompts = sym.props
    .filter((p) => p.text !== undefined)
    .map((p) => ({ text: p.text!, file: p.file, line: p.line, visible: renderExpr(ev, p.visExpr) }));
  let defaultApplied: SymbolExplanation['defaultApplied'];
  const usedUser = hasUserValue(sym) && sym.visible !== N;
  if (!usedUser) {
    const p = ev.defaultProp(sym);
    if (p) defaultApplied = { expr: renderExpr(ev, p.expr), condition: p.visExpr ? renderExpr(ev, p.visExpr) : undefined, file: p.file, line: p.line };
  }
  const origin = origins.get(sym);
  const range = ev.rangeProp(sym);
  const cs = isChoiceValue(sym) ? choiceOf(sym) : undefined;
  const sel = (e: Expr | undefined): { expr: string; value: string }[] => terms(e).map((t) => ({ expr: renderExpr(ev, t), value: TRI[ev.expr(t)]! }));
  return {
    name: sym.name,
    type: sym.type,
    value: ev.stringValue(sym),
    written: (sym.flags & 0x200) !== 0,
    prompts,
    definedAt: sym.menus.map((m) => ({ file: m.file, line: m.line })),
    dependsOn: sym.dirDep ? renderExpr(ev, sym.dirDep) : undefined,
    dependsValue: TRI[dependsValue(ev, sym)]!,
    selectedBy: sel(sym.revDep),
    impliedBy: sel(sym.implied),
    defaultApplied,
    userValue: origin && usedUser ? origin : origin ? { ...origin, text: `${origin.text} (ignored: the symbol is not visible)` } : undefined,
    choice: cs ? { chosen: cs.choiceVal?.name } : undefined,
    range: range?.lo && range.hi ? `${range.lo.name}..${range.hi.name}` : undefined,
  };
}

// The first symbol that keeps `e` below `want`, following the failing side of ANDs.
function blocker(ev: Evaluator, e: Expr, want: Tri): Expr {
  if (e.k === E_AND) {
    if (ev.expr(e.l) < want) return blocker(ev, e.l, want);
    if (ev.expr(e.r) < want) return blocker(ev, e.r, want);
  }
  return e;
}

// Why a requested value (y, m, n or a string/number) is not the symbol's value, in one line.
export function whyNot(ev: Evaluator, sym: KSymbol, requested: string, origins: ReadonlyMap<KSymbol, ValueOrigin>, depth = 0): string | undefined {
  ev.calc(sym);
  const actual = ev.stringValue(sym);
  if (actual === requested) return undefined;
  // Where a blocking symbol got its value: the line that set it, or (when that request failed too) why.
  const setBy = (s: KSymbol): string => {
    const o = origins.get(s);
    const now = ev.stringValue(s);
    if (o && originValue(o.text) === now) return `, set by ${o.file}:${o.line}`;
    if (o && depth < 3) {
      const inner = whyNot(ev, s, originValue(o.text), origins, depth + 1);
      return ` (${o.file}:${o.line} asks for ${originValue(o.text)}${inner ? `, but it ${inner}` : ''})`;
    }
    return hasUserValue(s) || !(s.type === 'bool' || s.type === 'tristate') ? '' : ' by default';
  };
  // The part of its dependencies that holds the symbol below `want`, and what set it.
  const unmetDependency = (want: Tri): string | undefined => {
    if (!sym.dirDep || dependsValue(ev, sym) >= want) return undefined;
    const b = blocker(ev, sym.dirDep, want);
    const who = b.k === E_SYM ? b.sym : undefined;
    return `depends on ${renderExpr(ev, b)}${who ? ` which is ${ev.stringValue(who)}${setBy(who)}` : ', which is not met'}`;
  };
  // Why nobody can set it: a dependency, else its prompt's own condition, else it has no prompt.
  const hidden = (): string => {
    const prompt = sym.props.find((p) => p.text !== undefined);
    return unmetDependency(Y) ?? (prompt ? `its prompt is not visible (${renderExpr(ev, prompt.visExpr)})` : 'it has no prompt: only defaults and selects set it');
  };
  if (sym.type === 'bool' || sym.type === 'tristate') {
    const want: Tri = requested === 'y' ? Y : requested === 'm' ? 1 : N;
    if (want > sym.tri) {
      const dep = unmetDependency(want);
      if (dep) return dep;
      if (isChoiceValue(sym)) {
        const cs = choiceOf(sym);
        if (cs?.choiceVal && cs.choiceVal !== sym) return `another member of its choice is selected: ${cs.choiceVal.name}${setBy(cs.choiceVal)}`;
      }
      if (sym.visible === N) return hidden();
      if (want === 1 && ev.modulesSym.tri === N) return `m needs ${ev.modulesSym.name}, which is n`;
      if (sym.type === 'bool' && want === 1) return 'it is a bool: m is not a value it can take';
      return `limited to ${TRI[sym.visible]} by its prompt's condition`;
    }
    const active = terms(sym.revDep).filter((t) => ev.expr(t) > want);
    if (active.length > 0) return `selected by ${renderExpr(ev, active[0])}`;
    const implied = terms(sym.implied).filter((t) => ev.expr(t) > want);
    if (implied.length > 0 && !hasUserValue(sym)) return `implied by ${renderExpr(ev, implied[0])}`;
    if (isChoiceValue(sym) && choiceOf(sym)?.choiceVal === sym) return 'it is the selected member of its choice (select another member instead)';
    if (sym.visible === N) return 'it has no visible prompt, so its default applies';
    return 'its default applies';
  }
  if (sym.visible === N) return hidden();
  const range = ev.rangeProp(sym);
  if (range?.lo && range.hi) return `the value is outside its range ${range.lo.name}..${range.hi.name}`;
  return `the requested value is not valid for a ${sym.type} symbol`;
}

// A value as a .config line shows it: strings quoted and escaped.
export function shownValue(type: string, value: string): string {
  return type === 'string' ? escapeString(value) : value;
}

// The text `why` prints.
export function formatExplanation(x: SymbolExplanation, prefix = 'CONFIG_'): string {
  const out: string[] = [];
  out.push(`${prefix}${x.name}=${shownValue(x.type, x.value)}${x.written ? '' : '  (not written to .config)'}`);
  out.push(`  type: ${x.type}`);
  for (const d of x.definedAt) out.push(`  defined at: ${d.file}:${d.line}`);
  for (const p of x.prompts) out.push(`  prompt: "${p.text}" (${p.file}:${p.line}), visible if: ${p.visible}`);
  if (x.prompts.length === 0) out.push('  prompt: none (set only by defaults, select and imply)');
  if (x.dependsOn) out.push(`  depends on: ${x.dependsOn}  => ${x.dependsValue}`);
  const list = (what: string, items: { expr: string; value: string }[]): void => {
    for (const s of items) if (s.value !== 'n') out.push(`  ${what}: ${s.expr}  => ${s.value}`);
    const off = items.filter((s) => s.value === 'n').length;
    if (off > 0) out.push(`  ${what} (inactive): ${off} more${off <= 3 ? `: ${items.filter((s) => s.value === 'n').map((s) => s.expr).join('; ')}` : ' (--json lists them)'}`);
  };
  list('selected by', x.selectedBy);
  list('implied by', x.impliedBy);
  if (x.range) out.push(`  range: ${x.range}`);
  if (x.choice) out.push(`  choice member; selected member: ${x.choice.chosen ?? 'none'}`);
  if (x.userValue) out.push(`  user value: ${x.userValue.text} (${x.userValue.file}:${x.userValue.line})`);
  if (x.defaultApplied) out.push(`  default applied: ${x.defaultApplied.expr}${x.defaultApplied.condition ? ` if ${x.defaultApplied.condition}` : ''} (${x.defaultApplied.file}:${x.defaultApplied.line})`);
  return out.join('\n') + '\n';
}

// The value a .config line sets: n for "is not set", the unquoted text for strings.
export function originValue(line: string): string {
  if (line.startsWith('#')) return 'n';
  const v = line.slice(line.indexOf('=') + 1);
  return v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
}
