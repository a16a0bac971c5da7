// SPDX-License-Identifier: MIT
// Symbol evaluation with the same lazy, memoised semantics as the kernel's conf (Linux 6.1): values are
// computed on first use and cached until a user value changes. Order matters for choices, so the
// order of computation follows the C tool's.
// NOTE: hot loops index their arrays instead of for-of: much of a resolve runs before the optimising
// compiler has caught up, and there every for-of allocates an iterator and a result per step.
import {
  E_AND,
  E_CMP,
  E_NOT,
  E_OR,
  E_SYM,
  F_CALC_BUSY,
  F_CHOICE,
  F_CHOICEVAL,
  F_DEF_USER,
  F_NEED_SET_CHOICE_VALUES,
  F_NO_WRITE,
  F_VALID,
  F_WRITE,
  M,
  N,
  Y,
  triAnd,
  triOr,
  type CmpOp,
  type Expr,
  type KSymbol,
  type Prop,
  type SymbolType,
  type Tri,
} from './model.js';
import { cmpTruth, compareOperands, rangeSide, validNumber, type RangeBound } from './numbers.js';
import type { SymbolTable } from './symbols.js';

export interface UnmetDependency {
  sym: KSymbol;
}

export function isChoice(sym: KSymbol): boolean {
  return (sym.flags & F_CHOICE) !== 0;
}

export function isChoiceValue(sym: KSymbol): boolean {
  return (sym.flags & F_CHOICEVAL) !== 0;
}

export function hasUserValue(sym: KSymbol): boolean {
  return (sym.flags & F_DEF_USER) !== 0;
}

// The choice a member belongs to (through its choice property).
export function choiceOf(sym: KSymbol): KSymbol | undefined {
  const props = sym.props;
  for (let i = 0; i < props.length; i++) if (props[i]!.kind === 'choice') return props[i]!.choice;
  return undefined;
}

const NO_MEMBERS: KSymbol[] = [];

export function choiceMembers(choice: KSymbol): KSymbol[] {
  const props = choice.props;
  for (let i = 0; i < props.length; i++) if (props[i]!.kind === 'choice') return props[i]!.members ?? NO_MEMBERS;
  return NO_MEMBERS;
}

export class Evaluator {
  modulesSym: KSymbol;
  modulesVal: Tri = N;
  /** conf's "configuration changed" flag; decides whether writing recomputes everything. */
  changed = true;
  readonly unmet = new Set<KSymbol>();
  /**
   * Set when a computation read a symbol whose own computation was still running (a dependency loop,
   * or a member reading its choice's selection mid-choice): then values may depend on the order of
   * evaluation. The symbol reading itself from its own computation (a choice evaluating its members'
   * prompts) does not count: that stays the same in any order.
   */
  recursed = false;
  /** Every symbol was computed since the last clear, in a pass without `recursed`: recomputing would give the same values. */
  settled = false;
  private current: KSymbol | undefined;

  constructor(readonly table: SymbolTable, modulesSym: KSymbol | undefined) {
    this.modulesSym = modulesSym ?? table.no;
  }

  typeOf(sym: KSymbol): SymbolType {
    if (sym.type === 'tristate') {
      if (isChoiceValue(sym) && sym.visible === Y) return 'bool';
      if (this.modulesVal === N) return 'bool';
    }
    return sym.type;
  }

  tristate(sym: KSymbol): Tri {
    return sym.tri;
  }

  // The value as conf prints it (y/m/n for bool and tristate).
  stringValue(sym: KSymbol): string {
    if (sym.type === 'bool' || sym.type === 'tristate') return sym.tri === Y ? 'y' : sym.tri === M ? 'm' : 'n';
    return sym.val;
  }

  expr(e: Expr | undefined): Tri {
    if (!e) return Y;
    switch (e.k) {
      case E_SYM: {
        // NOTE: calc's "already valid" exit inline, and min/max below written out: 330 000 evaluations
        // per resolve, many before the optimising compiler has inlined anything.
        const s = e.sym;
        if (!(s.flags & F_VALID) || s.flags & F_CALC_BUSY) this.calc(s);
        return s.tri;
      }
      case E_AND: {
        const a = this.expr(e.l);
        const b = this.expr(e.r);
        return a < b ? a : b;
      }
      case E_OR: {
        const a = this.expr(e.l);
        const b = this.expr(e.r);
        return a > b ? a : b;
      }
      case E_NOT:
        return (2 - this.expr(e.e)) as Tri;
      case E_CMP:
        return this.compare(e.op, e.a, e.b);
    }
  }

  private compare(op: CmpOp, a: KSymbol, b: KSymbol): Tri {
    this.calc(a);
    this.calc(b);
    return cmpTruth(op, compareOperands(this.stringValue(a), a.type, this.stringValue(b), b.type));
  }

  // sym_calc_visibility: the prompts' visibility, and the dependency, select and imply values.
  visibility(sym: KSymbol): void {
    let tri: Tri = N;
    const choiceSym = isChoiceValue(sym) ? choiceOf(sym) : undefined;
    const props = sym.props;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      if (p.text === undefined) continue;
      p.visTri = this.expr(p.visExpr);
      // A tristate member shown as 'm' is hidden while its choice is 'y'.
      if (choiceSym && sym.type === 'tristate' && p.visTri === M && choiceSym.tri === Y) p.visTri = N;
      tri = triOr(tri, p.visTri);
    }
    if (tri === M && (sym.type !== 'tristate' || this.modulesVal === N)) tri = Y;
    sym.visible = tri;
    if (isChoiceValue(sym)) return;
    sym.dirDepTri = this.depTri(sym, sym.dirDep, Y);
    sym.revDepTri = this.depTri(sym, sym.revDep, N);
    sym.impliedTri = this.depTri(sym, sym.implied, N);
  }

  private depTri(sym: KSymbol, e: Expr | undefined, absent: Tri): Tri {
    let tri = e ? this.expr(e) : absent;
    if (tri === M && this.typeOf(sym) === 'bool') tri = Y;
    return tri;
  }

  defaultProp(sym: KSymbol): Prop | undefined {
    const props = sym.props;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      if (p.kind !== 'default') continue;
      p.visTri = this.expr(p.visExpr);
      if (p.visTri !== N) return p;
    }
    return undefined;
  }

  rangeProp(sym: KSymbol): Prop | undefined {
    const props = sym.props;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      if (p.kind !== 'range') continue;
      p.visTri = this.expr(p.visExpr);
      if (p.visTri !== N) return p;
    }
    return undefined;
  }

  // sym_get_string_default: the value the symbol would take without a user value (what savedefconfig
  // compares with). As conf: a string/int/hex default is not checked against the symbol's range.
  stringDefault(sym: KSymbol): string {
    this.visibility(sym);
    this.calc(this.modulesSym);
    let val: Tri = N;
    let str = '';
    const p = this.defaultProp(sym);
    if (p) {
      if (sym.type === 'bool' || sym.type === 'tristate') val = triAnd(this.expr(p.expr), p.visTri);
      else {
        const ds = p.expr && p.expr.k === E_SYM ? p.expr.sym : undefined;
        if (ds) {
          this.calc(ds);
          str = ds.val;
        }
      }
    }
    val = triOr(val, sym.revDepTri);
    if (val === M && !isChoiceValue(sym) && this.modulesSym.tri === N) val = Y;
    if (sym.type === 'bool' && val === M) val = Y;
    if (val < sym.impliedTri) val = sym.impliedTri;
    if (sym.type === 'bool' || sym.type === 'tristate') return val === Y ? 'y' : val === M ? 'm' : 'n';
    return sym.type === 'unknown' ? '' : str;
  }

  // sym_choice_default: the first visible default member, else the first visible member.
  choiceDefault(choice: KSymbol): KSymbol | null {
    const props = choice.props;
    for (let i = 0; i < props.length; i++) {
      const p = props[i]!;
      if (p.kind !== 'default') continue;
      p.visTri = this.expr(p.visExpr);
      if (p.visTri === N) continue;
      const def = p.expr && p.expr.k === E_SYM ? p.expr.sym : undefined;
      if (def && def.visible !== N) return def;
    }
    const members = choiceMembers(choice);
    for (let i = 0; i < members.length; i++) if (members[i]!.visible !== N) return members[i]!;
    return null;
  }

  private calcChoice(choice: KSymbol): KSymbol | null {
    let flags = choice.flags;
    const members = choiceMembers(choice);
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      this.visibility(m);
      if (m.visible !== N) flags &= m.flags;
    }
    choice.flags &= flags | ~F_DEF_USER;
    const user = choice.userChoice;
    if (user && user.visible !== N) return user;
    const def = this.choiceDefault(choice);
    if (def === null) choice.tri = N;
    return def;
  }

  // Compute a symbol's value (and whether it is written) unless it is already valid.
  calc(sym: KSymbol): void {
    if (sym.flags & F_VALID) {
      if (sym.flags & F_CALC_BUSY && sym !== this.current) this.recursed = true;
      return;
    }
    const outer = this.current;
    this.current = sym;
    sym.flags |= F_CALC_BUSY;
    this.compute(sym);
    sym.flags &= ~F_CALC_BUSY;
    this.current = outer;
  }

  private compute(sym: KSymbol): void {
    if (isChoiceValue(sym) && sym.flags & F_NEED_SET_CHOICE_VALUES) {
      sym.flags &= ~F_NEED_SET_CHOICE_VALUES;
      const c = choiceOf(sym);
      if (c) this.calc(c);
    }
    sym.flags |= F_VALID;
    const oldTri = sym.tri;
    let newTri: Tri = N;
    let newVal = '';
    switch (sym.type) {
      case 'int':
      case 'hex':
      case 'string':
        break;
      case 'bool':
      case 'tristate':
        newVal = 'n';
        break;
      default:
        sym.val = sym.name;
        sym.tri = N;
        return;
    }
    sym.flags &= ~F_WRITE;
    this.visibility(sym);
    if (sym.visible !== N) sym.flags |= F_WRITE;
    // While computing, a recursive reference sees the neutral value.
    sym.tri = N;
    sym.val = newVal;
    sym.choiceVal = null;

    const type = this.typeOf(sym);
    if (type === 'bool' || type === 'tristate') {
      if (isChoiceValue(sym) && sym.visible === Y) {
        const cs = choiceOf(sym);
        if (cs && cs.flags & F_CALC_BUSY) this.recursed = true;
        newTri = cs?.choiceVal === sym ? Y : N;
      } else {
        let fromUser = false;
        if (sym.visible !== N && hasUserValue(sym)) {
          newTri = triAnd(sym.userTri, sym.visible);
          fromUser = true;
        }
        if (!fromUser) {
          if (sym.revDepTri !== N) sym.flags |= F_WRITE;
          if (!isChoice(sym)) {
            const p = this.defaultProp(sym);
            if (p) {
              newTri = triAnd(this.expr(p.expr), p.visTri);
              if (newTri !== N) sym.flags |= F_WRITE;
            }
            if (sym.impliedTri !== N) {
              sym.flags |= F_WRITE;
              newTri = triAnd(triOr(newTri, sym.impliedTri), sym.dirDepTri);
            }
          }
        }
        if (sym.dirDepTri < sym.revDepTri) this.unmet.add(sym);
        newTri = triOr(newTri, sym.revDepTri);
      }
      if (newTri === M && this.typeOf(sym) === 'bool') newTri = Y;
    } else if (type === 'string' || type === 'hex' || type === 'int') {
      if (sym.visible !== N && hasUserValue(sym)) newVal = sym.userVal ?? '';
      else {
        const p = this.defaultProp(sym);
        const ds = p?.expr && p.expr.k === E_SYM ? p.expr.sym : undefined;
        if (ds) {
          sym.flags |= F_WRITE;
          this.calc(ds);
          newVal = ds.val;
        }
      }
    }
    sym.tri = newTri;
    sym.val = newVal;
    sym.choiceVal = null;
    if (isChoice(sym) && newTri === Y) sym.choiceVal = this.calcChoice(sym);
    this.validateRange(sym);
    if (sym === this.modulesSym && oldTri !== sym.tri) this.modulesVal = sym.tri;

    if (isChoice(sym)) {
      const members = choiceMembers(sym);
      for (let i = 0; i < members.length; i++) {
        const m = members[i]!;
        if (sym.flags & F_WRITE && m.visible !== N) m.flags |= F_WRITE;
      }
    }
    if (sym.flags & F_NO_WRITE) sym.flags &= ~F_WRITE;
    if (sym.flags & F_NEED_SET_CHOICE_VALUES) this.setAllChoiceValues(sym);
  }

  private validateRange(sym: KSymbol): void {
    if (sym.type !== 'int' && sym.type !== 'hex') return;
    const bound = this.outOfRange(sym, sym.val, sym.type === 'int' ? 10 : 16);
    if (bound) sym.val = bound.val;
  }

  // The bound of the symbol's active range that `str` is beyond (see rangeSide), or undefined.
  private outOfRange(sym: KSymbol, str: string, base: 10 | 16): KSymbol | undefined {
    const p = this.rangeProp(sym);
    const lo = p?.lo;
    const hi = p?.hi;
    if (!lo || !hi) return undefined;
    const side = rangeSide(str, base, (upper): RangeBound => {
      const b = upper ? hi : lo;
      this.calc(b);
      return [b.val, b.type === 'int' ? 10 : b.type === 'hex' ? 16 : base];
    });
    return side < 0 ? lo : side > 0 ? hi : undefined;
  }

  setAllChoiceValues(choice: KSymbol): void {
    for (const m of choiceMembers(choice)) if (!hasUserValue(m)) m.userTri = N;
    choice.flags |= F_DEF_USER;
    choice.flags &= ~(F_VALID | F_NEED_SET_CHOICE_VALUES);
  }

  // conf_rewrite_tristates: each symbol that is tristate now and whose user value is `from` gets `to` (the
  // user-value flag is left as it is), then every value is recomputed.
  rewriteTristates(from: Tri, to: Tri): void {
    const all = this.table.all();
    for (let i = 0; i < all.length; i++) {
      const sym = all[i]!;
      if (this.typeOf(sym) === 'tristate' && sym.userTri === from) sym.userTri = to;
    }
    this.clearAllValid();
  }

  clearAllValid(): void {
    this.settled = false;
    const all = this.table.all();
    for (let i = 0; i < all.length; i++) all[i]!.flags &= ~F_VALID;
    this.changed = true;
    this.calc(this.modulesSym);
  }

  tristateWithinRange(sym: KSymbol, val: Tri): boolean {
    const type = this.typeOf(sym);
    if (sym.visible === N) return false;
    if (type !== 'bool' && type !== 'tristate') return false;
    if (type === 'bool' && val === M) return false;
    if (sym.visible <= sym.revDepTri) return false;
    if (isChoiceValue(sym) && sym.visible === Y) return val === Y;
    return val >= sym.revDepTri && val <= sym.visible;
  }

  // Set a user value the way the interactive front ends do (only within the allowed range).
  setTristate(sym: KSymbol, val: Tri): boolean {
    const old = sym.tri;
    if (old !== val && !this.tristateWithinRange(sym, val)) return false;
    sym.flags |= F_DEF_USER;
    if (isChoiceValue(sym) && val === Y) {
      const cs = choiceOf(sym);
      if (cs) {
        cs.userChoice = sym;
        cs.flags |= F_DEF_USER;
        for (const m of choiceMembers(cs)) if (m.visible !== N) m.flags |= F_DEF_USER;
      }
    }
    sym.userTri = val;
    if (old !== val) this.clearAllValid();
    return true;
  }

  stringValid(sym: KSymbol, str: string): boolean {
    switch (sym.type) {
      case 'string':
        return true;
      case 'int':
      case 'hex':
        return validNumber(sym.type, str);
      case 'bool':
      case 'tristate':
        return /^[yYmMnN]/.test(str);
      default:
        return false;
    }
  }

  stringWithinRange(sym: KSymbol, str: string): boolean {
    switch (sym.type) {
      case 'string':
        return true;
      case 'int':
      case 'hex':
        return this.stringValid(sym, str) && !this.outOfRange(sym, str, sym.type === 'int' ? 10 : 16);
      case 'bool':
      case 'tristate': {
        const c = str[0]?.toLowerCase();
        return this.tristateWithinRange(sym, c === 'y' ? Y : c === 'm' ? M : N);
      }
      default:
        return false;
    }
  }
}
