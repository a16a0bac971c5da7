// SPDX-License-Identifier: MIT
// The resolve kernel: conf's evaluation (Linux 6.1) on a tree held in typed arrays, as the snapshot blob
// stores it, instead of one object per symbol, property, menu and expression.
//
// Why a second evaluator: a warm resolve of Linux 6.1 x86 turned 3.9 MB of blob into 110 000 objects
// (13 MB) before evaluating anything, and the young-generation collector then copied all of them, twice;
// decoding and collecting were half of the run. Here the blob's int32s are read in place: a symbol,
// property, menu or expression is a number, its fields are offsets into the blob, and the evaluation
// state is one typed array per field.
//
// The object evaluator (evaluate.ts, confdata.ts) stays the reference and serves `why` and `check`, which
// need origins and explanations; every function here mirrors one there step for step (same name, or
// its comment names it), and tests hold the two equal (flat.test.ts, the resolve goldens). Keep them in step.
import {
  E_AND,
  E_NOT,
  E_OR,
  E_SYM,
  F_CALC_BUSY,
  F_CHOICE,
  F_CHOICEVAL,
  F_CONST,
  F_DEF_USER,
  F_NEED_SET_CHOICE_VALUES,
  F_NO_WRITE,
  F_VALID,
  F_WRITE,
  F_WRITTEN,
  M,
  N,
  Y,
  type Tri,
} from './model.js';
import { ConfigLines, escapeString, LINE_END, LINE_JUNK, LINE_SET, unquoteConfigString, type ConfigWarning, type FillMode, type ReadResult } from './confdata.js';
import { runConf, type ConfSteps, type ResolveOptions, type ResolveResult } from './resolve.js';
import {
  CMP_OPS,
  MK_ROOT,
  MN_KIDS,
  MN_KIND,
  MN_PROMPT,
  MN_SYM,
  MN_VIS,
  PK_DEFAULT,
  PK_MENU,
  PK_RANGE,
  PR_EXPR,
  PR_HI,
  PR_KIND,
  PR_LO,
  PR_TEXT,
  PR_VIS,
  SYMBOL_TYPES,
  T_BOOL,
  T_HEX,
  T_INT,
  T_STRING,
  T_TRISTATE,
  T_UNKNOWN,
} from './snapshot.js';
import { cmpTruth, compareOperands, rangeSide, validNumber, type RangeBound } from './numbers.js';
import { fnv1a, hashOrder } from './symbols.js';

/**
 * A finalised tree as numbers. Symbols 0..3 are the constants y, m, n and the empty symbol; the parse's
 * symbol i is i + 4. Expression e is ints exprs[4e .. 4e+3]: kind, then (symbol) or (operand) or
 * (left, right) or (operator, symbol, symbol).
 */
export interface FlatTree {
  /** Constants and the parse's symbols. */
  count: number;
  names: string[];
  types: Uint8Array;
  /** Flags as parsed (the evaluation works on a copy). */
  flags: Int32Array;
  buckets: Int32Array;
  /** The blob's int32s; the offsets below point into it. */
  ints: Int32Array;
  exprs: Int32Array;
  /** Per symbol: where its record (dirDep, revDep, implied, property count, properties) starts; -1 for constants. */
  symAt: Int32Array;
  /** Per property: where its record starts. */
  propAt: Int32Array;
  /** Per menu: where its record starts; menu 0 is the root. */
  menuAt: Int32Array;
  /** Per symbol: its choice (for a member), -1 for none; and where its list of members (for a choice) starts in ints, -1 for none. */
  choiceOf: Int32Array;
  membersAt: Int32Array;
  /** The names a .config is read against: symbol + 1 at fnv1a(name) & (length - 1), open addressing; 0 for empty. */
  nameSlots: Int32Array;
  /** The MODULES symbol (n when the tree has none). */
  modules: number;
  text(index: number): string;
}

export type FlatResolveOptions = Omit<ResolveOptions, 'origins'>;
export type FlatResolveResult = Omit<ResolveResult, 'origins'>;

// Resolve a configuration like conf (see resolve.ts resolveConfig) and write the .config text.
export function resolveFlat(tree: FlatTree, options: FlatResolveOptions): FlatResolveResult {
  return runConf(new FlatEvaluator(tree, options.prefix ?? 'CONFIG_'), options.mode, options.input);
}

// NOTE: every field read in a hot path is copied into a local first: much of a resolve runs in V8's
// interpreter, where each `this.x` is a load of its own.
export class FlatEvaluator implements ConfSteps {
  readonly modulesSym: number;
  modulesVal: Tri = N;
  changed = true;
  recursed = false;
  settled = false;
  private current = -1;
  private readonly t: FlatTree;
  private readonly I: Int32Array;
  private readonly X: Int32Array;
  private readonly flags: Int32Array;
  private readonly tri: Uint8Array;
  private readonly val: string[];
  private readonly choiceVal: Int32Array;
  private readonly userTri: Uint8Array;
  private readonly userVal: (string | null)[];
  private readonly userChoice: Int32Array;
  private readonly visible: Uint8Array;
  private readonly dirDepTri: Uint8Array;
  private readonly revDepTri: Uint8Array;
  private readonly impliedTri: Uint8Array;
  private readonly visTri: Uint8Array;
  private readonly order: Int32Array;
  /** Remembered expression values and the epoch each belongs to (see expr). */
  private readonly exprVal: Uint8Array;
  private readonly exprEpoch: Int32Array;
  private epoch = 1;
  /** The evaluation under way read a symbol that was being computed. */
  private readBusy = false;

  constructor(
    t: FlatTree,
    private readonly prefix: string,
  ) {
    this.t = t;
    this.I = t.ints;
    this.X = t.exprs;
    const n = t.count;
    this.flags = t.flags.slice();
    this.tri = new Uint8Array(n);
    this.tri[0] = Y;
    this.tri[1] = M;
    this.val = new Array<string>(n).fill('');
    this.val[0] = 'y';
    this.val[1] = 'm';
    this.val[2] = 'n';
    this.choiceVal = new Int32Array(n).fill(-1);
    this.userTri = new Uint8Array(n);
    this.userVal = new Array<string | null>(n).fill(null);
    this.userChoice = new Int32Array(n).fill(-1);
    this.visible = new Uint8Array(n);
    this.dirDepTri = new Uint8Array(n);
    this.revDepTri = new Uint8Array(n);
    this.impliedTri = new Uint8Array(n);
    this.visTri = new Uint8Array(t.propAt.length);
    this.modulesSym = t.modules;
    // the parse's symbols (after the four constants) in the C tool's hash-table order
    this.order = hashOrder(t.buckets, 4);
    this.exprVal = new Uint8Array(t.exprs.length >> 2);
    this.exprEpoch = new Int32Array(t.exprs.length >> 2);
  }

  typeOf(s: number): number {
    const type = this.t.types[s]!;
    if (type === T_TRISTATE) {
      if (this.flags[s]! & F_CHOICEVAL && this.visible[s] === Y) return T_BOOL;
      if (this.modulesVal === N) return T_BOOL;
    }
    return type;
  }

  stringValue(s: number): string {
    const type = this.t.types[s]!;
    if (type === T_BOOL || type === T_TRISTATE) {
      const v = this.tri[s];
      return v === Y ? 'y' : v === M ? 'm' : 'n';
    }
    return this.val[s]!;
  }

  // An expression's value, remembered until a symbol may change value.
  // NOTE: 330 000 evaluations of 43 000 distinct expressions for Linux 6.1 x86 (expressions are shared:
  // a menu's dependencies are in every symbol of the menu). A value is kept for the current epoch,
  // which ends whenever any symbol loses F_VALID (only then can a value change: a valid symbol is never
  // recomputed). A value that read a symbol still being computed is not kept: what it read was a stand-in
  // (the symbol's previous value, or the neutral one), which the finished computation may replace.
  // Evaluation has no other effect that skipping it would lose: the symbols it computes are computed,
  // and it reads a busy symbol (setting `recursed` in calc) only in evaluations that are not kept.
  expr(e: number): Tri {
    if (e < 0) return Y;
    if (this.exprEpoch[e] === this.epoch) return this.exprVal[e] as Tri;
    const X = this.X;
    const at = e * 4;
    const outer = this.readBusy;
    this.readBusy = false;
    let v: Tri;
    switch (X[at]) {
      case E_SYM: {
        const s = X[at + 1]!;
        const f = this.flags[s]!;
        if (f & F_CALC_BUSY) this.readBusy = true;
        if (!(f & F_VALID) || f & F_CALC_BUSY) this.calc(s);
        v = this.tri[s] as Tri;
        break;
      }
      case E_AND: {
        const a = this.expr(X[at + 1]!);
        const b = this.expr(X[at + 2]!);
        v = a < b ? a : b;
        break;
      }
      case E_OR: {
        const a = this.expr(X[at + 1]!);
        const b = this.expr(X[at + 2]!);
        v = a > b ? a : b;
        break;
      }
      case E_NOT:
        v = (2 - this.expr(X[at + 1]!)) as Tri;
        break;
      default:
        v = this.compare(X[at + 1]!, X[at + 2]!, X[at + 3]!);
    }
    // NOTE: when this evaluation read a busy symbol, readBusy stays set: the enclosing one is not kept either.
    if (!this.readBusy) {
      this.exprVal[e] = v;
      this.exprEpoch[e] = this.epoch;
      this.readBusy = outer;
    }
    return v;
  }

  // Some symbol lost F_VALID: remembered expression values may be stale.
  private invalidate(): void {
    this.epoch++;
  }

  private compare(op: number, a: number, b: number): Tri {
    if ((this.flags[a]! | this.flags[b]!) & F_CALC_BUSY) this.readBusy = true;
    this.calc(a);
    this.calc(b);
    const s1 = this.stringValue(a);
    const s2 = this.stringValue(b);
    return cmpTruth(CMP_OPS[op]!, compareOperands(s1, SYMBOL_TYPES[this.t.types[a]!]!, s2, SYMBOL_TYPES[this.t.types[b]!]!));
  }

  private visibility(s: number): void {
    const I = this.I;
    const propAt = this.t.propAt;
    const visTri = this.visTri;
    const flags = this.flags[s]!;
    const type = this.t.types[s]!;
    const cs = flags & F_CHOICEVAL ? this.t.choiceOf[s]! : -1;
    let tri: Tri = N;
    const at = this.t.symAt[s]!;
    const n = I[at + 3]!;
    for (let j = 0; j < n; j++) {
      const p = I[at + 4 + j]!;
      const pa = propAt[p]!;
      if (I[pa + PR_TEXT]! < 0) continue;
      let v = this.expr(I[pa + PR_VIS]!);
      // A tristate member shown as 'm' is hidden while its choice is 'y'.
      if (cs >= 0 && type === T_TRISTATE && v === M && this.tri[cs] === Y) v = N;
      visTri[p] = v;
      if (v > tri) tri = v;
    }
    if (tri === M && (type !== T_TRISTATE || this.modulesVal === N)) tri = Y;
    this.visible[s] = tri;
    if (flags & F_CHOICEVAL) return;
    this.dirDepTri[s] = this.depTri(s, I[at]!, Y);
    this.revDepTri[s] = this.depTri(s, I[at + 1]!, N);
    this.impliedTri[s] = this.depTri(s, I[at + 2]!, N);
  }

  private depTri(s: number, e: number, absent: Tri): Tri {
    let tri = e >= 0 ? this.expr(e) : absent;
    if (tri === M && this.typeOf(s) === T_BOOL) tri = Y;
    return tri;
  }

  // defaultProp / rangeProp: the first property of a kind whose condition holds, or -1.
  private activeProp(s: number, kind: number): number {
    const j = this.nextActive(s, kind, 0);
    return j < 0 ? -1 : this.I[this.t.symAt[s]! + 4 + j]!;
  }

  // Where in s's property list, from position `from` on, the next property of a kind whose condition
  // holds is (its visTri set on the way, as conf's loops over properties set it); -1 for none.
  private nextActive(s: number, kind: number, from: number): number {
    const I = this.I;
    const propAt = this.t.propAt;
    const at = this.t.symAt[s]!;
    const n = I[at + 3]!;
    for (let j = from; j < n; j++) {
      const p = I[at + 4 + j]!;
      const pa = propAt[p]!;
      if (I[pa + PR_KIND] !== kind) continue;
      const v = this.expr(I[pa + PR_VIS]!);
      this.visTri[p] = v;
      if (v !== N) return j;
    }
    return -1;
  }

  // The symbol a property's expression names, when it is a bare symbol; -1 otherwise.
  private propSymbol(p: number): number {
    const e = this.I[this.t.propAt[p]! + PR_EXPR]!;
    return e >= 0 && this.X[e * 4] === E_SYM ? this.X[e * 4 + 1]! : -1;
  }

  private choiceDefault(c: number): number {
    const I = this.I;
    const props = this.t.symAt[c]! + 4;
    for (let j = this.nextActive(c, PK_DEFAULT, 0); j >= 0; j = this.nextActive(c, PK_DEFAULT, j + 1)) {
      const def = this.propSymbol(I[props + j]!);
      if (def >= 0 && this.visible[def] !== N) return def;
    }
    const ma = this.t.membersAt[c]!;
    if (ma >= 0) for (let j = 0, k = I[ma]!; j < k; j++) if (this.visible[I[ma + 1 + j]!] !== N) return I[ma + 1 + j]!;
    return -1;
  }

  private calcChoice(c: number): number {
    const I = this.I;
    const F = this.flags;
    let flags = F[c]!;
    const ma = this.t.membersAt[c]!;
    if (ma >= 0) {
      for (let j = 0, k = I[ma]!; j < k; j++) {
        const m = I[ma + 1 + j]!;
        this.visibility(m);
        if (this.visible[m] !== N) flags &= F[m]!;
      }
    }
    F[c] = F[c]! & (flags | ~F_DEF_USER);
    const user = this.userChoice[c]!;
    if (user >= 0 && this.visible[user] !== N) return user;
    const def = this.choiceDefault(c);
    if (def < 0) this.tri[c] = N;
    return def;
  }

  calc(s: number): void {
    const F = this.flags;
    if (F[s]! & F_VALID) {
      if (F[s]! & F_CALC_BUSY && s !== this.current) this.recursed = true;
      return;
    }
    const outer = this.current;
    this.current = s;
    F[s] = F[s]! | F_CALC_BUSY;
    this.compute(s);
    F[s] = F[s]! & ~F_CALC_BUSY;
    this.current = outer;
  }

  private compute(s: number): void {
    const F = this.flags;
    const t = this.t;
    if (F[s]! & F_CHOICEVAL && F[s]! & F_NEED_SET_CHOICE_VALUES) {
      F[s] = F[s]! & ~F_NEED_SET_CHOICE_VALUES;
      const c = t.choiceOf[s]!;
      if (c >= 0) this.calc(c);
    }
    F[s] = F[s]! | F_VALID;
    const oldTri = this.tri[s];
    let newTri: Tri = N;
    let newVal = '';
    const type = t.types[s]!;
    if (type === T_BOOL || type === T_TRISTATE) newVal = 'n';
    else if (type === T_UNKNOWN) {
      this.val[s] = t.names[s]!;
      this.tri[s] = N;
      return;
    }
    F[s] = F[s]! & ~F_WRITE;
    this.visibility(s);
    const visible = this.visible[s]!;
    if (visible !== N) F[s] = F[s]! | F_WRITE;
    // While computing, a recursive reference sees the neutral value.
    this.tri[s] = N;
    this.val[s] = newVal;
    this.choiceVal[s] = -1;

    const ty = this.typeOf(s);
    if (ty === T_BOOL || ty === T_TRISTATE) {
      if (F[s]! & F_CHOICEVAL && visible === Y) {
        const cs = t.choiceOf[s]!;
        if (cs >= 0 && F[cs]! & F_CALC_BUSY) this.recursed = true;
        newTri = cs >= 0 && this.choiceVal[cs] === s ? Y : N;
      } else {
        let fromUser = false;
        if (visible !== N && F[s]! & F_DEF_USER) {
          const u = this.userTri[s] as Tri;
          newTri = u < visible ? u : (visible as Tri);
          fromUser = true;
        }
        if (!fromUser) {
          if (this.revDepTri[s] !== N) F[s] = F[s]! | F_WRITE;
          if (!(F[s]! & F_CHOICE)) {
            const p = this.activeProp(s, PK_DEFAULT);
            if (p >= 0) {
              const v = this.expr(this.I[t.propAt[p]! + PR_EXPR]!);
              const pv = this.visTri[p] as Tri;
              newTri = v < pv ? v : pv;
              if (newTri !== N) F[s] = F[s]! | F_WRITE;
            }
            const implied = this.impliedTri[s] as Tri;
            if (implied !== N) {
              F[s] = F[s]! | F_WRITE;
              const up = newTri > implied ? newTri : implied;
              const dir = this.dirDepTri[s] as Tri;
              newTri = up < dir ? up : dir;
            }
          }
        }
        const rev = this.revDepTri[s] as Tri;
        if (rev > newTri) newTri = rev;
      }
      if (newTri === M && this.typeOf(s) === T_BOOL) newTri = Y;
    } else {
      if (visible !== N && F[s]! & F_DEF_USER) newVal = this.userVal[s] ?? '';
      else {
        const p = this.activeProp(s, PK_DEFAULT);
        const ds = p >= 0 ? this.propSymbol(p) : -1;
        if (ds >= 0) {
          F[s] = F[s]! | F_WRITE;
          this.calc(ds);
          newVal = this.val[ds]!;
        }
      }
    }
    this.tri[s] = newTri;
    this.val[s] = newVal;
    this.choiceVal[s] = -1;
    if (F[s]! & F_CHOICE && newTri === Y) this.choiceVal[s] = this.calcChoice(s);
    if (type === T_INT || type === T_HEX) this.validateRange(s, type === T_INT ? 10 : 16);
    if (s === this.modulesSym && oldTri !== this.tri[s]) this.modulesVal = this.tri[s] as Tri;

    if (F[s]! & F_CHOICE) {
      const ma = t.membersAt[s]!;
      const I = this.I;
      if (ma >= 0) {
        for (let j = 0, k = I[ma]!; j < k; j++) {
          const m = I[ma + 1 + j]!;
          if (F[s]! & F_WRITE && this.visible[m] !== N) F[m] = F[m]! | F_WRITE;
        }
      }
    }
    if (F[s]! & F_NO_WRITE) F[s] = F[s]! & ~F_WRITE;
    if (F[s]! & F_NEED_SET_CHOICE_VALUES) this.setAllChoiceValues(s);
  }

  private validateRange(s: number, base: 10 | 16): void {
    const bound = this.outOfRange(s, this.val[s]!, base);
    if (bound >= 0) this.val[s] = this.val[bound]!;
  }

  // The bound of the symbol's active range that `str` is beyond (see rangeSide), or -1.
  private outOfRange(s: number, str: string, base: 10 | 16): number {
    const p = this.activeProp(s, PK_RANGE);
    if (p < 0) return -1;
    const pa = this.t.propAt[p]!;
    const lo = this.I[pa + PR_LO]!;
    const hi = this.I[pa + PR_HI]!;
    if (lo < 0 || hi < 0) return -1;
    const side = rangeSide(str, base, (upper): RangeBound => {
      const b = upper ? hi : lo;
      this.calc(b);
      const type = this.t.types[b];
      return [this.val[b]!, type === T_INT ? 10 : type === T_HEX ? 16 : base];
    });
    return side < 0 ? lo : side > 0 ? hi : -1;
  }

  private setAllChoiceValues(c: number): void {
    const I = this.I;
    const F = this.flags;
    const ma = this.t.membersAt[c]!;
    if (ma >= 0) {
      for (let j = 0, k = I[ma]!; j < k; j++) {
        const m = I[ma + 1 + j]!;
        if (!(F[m]! & F_DEF_USER)) this.userTri[m] = N;
      }
    }
    F[c] = (F[c]! | F_DEF_USER) & ~(F_VALID | F_NEED_SET_CHOICE_VALUES);
    this.invalidate();
  }

  private clearAllValid(): void {
    this.settled = false;
    const order = this.order;
    const F = this.flags;
    for (let i = 0; i < order.length; i++) F[order[i]!] = F[order[i]!]! & ~F_VALID;
    this.invalidate();
    this.changed = true;
    this.calc(this.modulesSym);
  }

  private stringValid(type: number, str: string): boolean {
    if (type === T_STRING) return true;
    return (type === T_INT || type === T_HEX) && validNumber(type === T_INT ? 'int' : 'hex', str);
  }

  // stringWithinRange for string, int and hex symbols (the only ones checkLoaded asks about).
  private withinRange(s: number, str: string): boolean {
    const type = this.t.types[s]!;
    if (type === T_STRING) return true;
    return this.stringValid(type, str) && this.outOfRange(s, str, type === T_INT ? 10 : 16) < 0;
  }

  rewriteTristates(from: Tri, to: Tri): void {
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      if (this.typeOf(s) === T_TRISTATE && this.userTri[s] === from) this.userTri[s] = to;
    }
    this.clearAllValid();
  }

  computeModules(): void {
    this.calc(this.modulesSym);
  }

  // readConfigValues: the .config's values as user values; the last assignment wins.
  read(input: { name: string; text: string }): ReadResult {
    const { name: file, text } = input;
    const warnings: ConfigWarning[] = [];
    const unknown: ReadResult['unknown'] = [];
    const warn = (line: number, message: string): void => void warnings.push({ file, line, message });
    const F = this.flags;
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      F[s] = F[s]! & ~(F_DEF_USER | F_VALID);
      if (F[s]! & F_CHOICE) F[s] = F[s]! | F_DEF_USER;
      this.userVal[s] = null;
      this.userChoice[s] = -1;
      this.userTri[s] = N;
    }
    this.invalidate();
    const lines = new ConfigLines(text, this.prefix);
    for (let kind = lines.next(); kind !== LINE_END; kind = lines.next()) {
      const lineno = lines.line;
      if (kind === LINE_JUNK) {
        warn(lineno, `unexpected data: ${lines.junk()}`);
        continue;
      }
      // The name is text[from, to); the value text[to + 1, vend) (unset: 'n', vend -1).
      const from = lines.from;
      const to = lines.to;
      const vend = kind === LINE_SET ? lines.valueEnd : -1;
      const s = this.find(text, from, to);
      if (s < 0) {
        unknown.push({ name: text.slice(from, to), file, line: lineno });
        this.changed = true;
        continue;
      }
      if (F[s]! & F_DEF_USER) warn(lineno, `override: reassigning to symbol ${this.t.names[s]}`);
      if (!this.setUserValue(s, text, to + 1, vend, warn, lineno)) continue;
      if (!(F[s]! & F_CHOICEVAL)) continue;
      const cs = this.t.choiceOf[s]!;
      if (cs < 0) continue;
      if (this.userTri[s] === M && this.userTri[cs] === Y) {
        warn(lineno, `${this.t.names[s]} creates inconsistent choice state`);
        F[cs] = F[cs]! & ~F_DEF_USER;
      } else if (this.userTri[s] === Y) {
        if (this.userTri[cs] !== N) warn(lineno, `override: ${this.t.names[s]} changes choice state`);
        this.userChoice[cs] = s;
      }
      if (this.userTri[s]! > this.userTri[cs]!) this.userTri[cs] = this.userTri[s]!;
    }
    return { warnings, unknown };
  }

  // The value is text[from, to), or 'n' when to is -1 (a "# ... is not set" line).
  private setUserValue(s: number, text: string, from: number, to: number, warn: (line: number, message: string) => void, line: number): boolean {
    const type = this.t.types[s]!;
    const F = this.flags;
    if (type === T_BOOL || type === T_TRISTATE) {
      // NOTE: only the first character counts (conf reads 'yes' as y), so no string is cut out here.
      const c = to < 0 ? 110 : from < to ? text.charCodeAt(from) : -1;
      if (c === 109 /* m */ && type === T_TRISTATE) this.userTri[s] = M;
      else if (c === 121 /* y */) this.userTri[s] = Y;
      else if (c === 110 /* n */) this.userTri[s] = N;
      else {
        warn(line, `symbol value '${text.slice(from, to)}' invalid for ${this.t.names[s]}`);
        return false;
      }
      F[s] = F[s]! | F_DEF_USER;
      return true;
    }
    const p = to < 0 ? 'n' : text.slice(from, to);
    if (type === T_STRING) {
      if (p[0] !== '"') return true;
      const v = unquoteConfigString(p);
      if (v === undefined) {
        warn(line, 'invalid string found');
        return false;
      }
      this.userVal[s] = v;
      F[s] = F[s]! | F_DEF_USER;
      return true;
    }
    if (type === T_INT || type === T_HEX) {
      if (this.stringValid(type, p)) {
        this.userVal[s] = p;
        F[s] = F[s]! | F_DEF_USER;
        return true;
      }
      warn(line, `symbol value '${p}' invalid for ${this.t.names[s]}`);
      return false;
    }
    return true;
  }

  // The newest non-constant symbol named text[from, to) (what conf matches .config lines against), or -1.
  private find(text: string, from: number, to: number): number {
    const len = to - from;
    if (len === 1) {
      const c = text.charCodeAt(from);
      if (c === 121) return 0;
      if (c === 109) return 1;
      if (c === 110) return 2;
    }
    const slots = this.t.nameSlots;
    const names = this.t.names;
    const mask = slots.length - 1;
    for (let h = fnv1a(text, from, to) & mask; ; h = (h + 1) & mask) {
      const v = slots[h]!;
      if (v === 0) return -1;
      const name = names[v - 1]!;
      if (name.length === len && text.startsWith(name, from)) return v - 1;
    }
  }

  // checkLoadedConfig: conf_read's consistency pass after loading a .config.
  checkLoaded(warningCount: number): void {
    this.recursed = false;
    this.calc(this.modulesSym);
    const F = this.flags;
    const types = this.t.types;
    const order = this.order;
    let unsaved = 0;
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      this.calc(s);
      const f = F[s]!;
      if (f & F_CHOICE || f & F_NO_WRITE) continue;
      if (f & F_DEF_USER && f & F_WRITE) {
        const type = types[s];
        if (type === T_BOOL || type === T_TRISTATE) {
          if (this.userTri[s] === this.tri[s]) continue;
        } else if (this.val[s] === this.userVal[s]) continue;
      } else if (!(f & F_DEF_USER) && !(f & F_WRITE)) continue;
      unsaved++;
    }
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      if (!(F[s]! & F_DEF_USER) || F[s]! & F_CHOICEVAL) continue;
      if (this.visible[s] === N && !unsaved) F[s] = F[s]! & ~F_DEF_USER;
      const type = types[s];
      if (type === T_STRING || type === T_INT || type === T_HEX) {
        if (!this.withinRange(s, this.userVal[s] ?? '')) {
          F[s] = F[s]! & ~(F_VALID | F_DEF_USER);
          this.invalidate();
          unsaved++;
        }
      }
    }
    if (warningCount || unsaved) this.changed = true;
    this.settled = !this.recursed;
  }

  // setAllNewSymbols (conf_set_all_new_symbols).
  fillNew(mode: FillMode): void {
    const F = this.flags;
    const order = this.order;
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      if (F[s]! & F_DEF_USER || F[s]! & F_VALID) continue;
      const type = this.typeOf(s);
      if (type !== T_BOOL && type !== T_TRISTATE) continue;
      if (mode === 'default') continue;
      this.userTri[s] = mode === 'yes' ? Y : mode === 'mod' ? M : N;
      F[s] = F[s]! | F_DEF_USER;
    }
    this.clearAllValid();
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      const f = F[s]!;
      if ((f & F_CHOICE && !(f & F_DEF_USER)) || f & F_CHOICEVAL) F[s] = f | F_NEED_SET_CHOICE_VALUES;
    }
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      if (F[s]! & F_DEF_USER || !(F[s]! & F_CHOICE)) continue;
      this.calc(s);
      this.setAllChoiceValues(s);
    }
  }

  private menuVisible(m: number): boolean {
    const I = this.I;
    const ma = this.t.menuAt[m]!;
    const p = I[ma + MN_PROMPT]!;
    if (p < 0) return false;
    const vis = I[ma + MN_VIS]!;
    if (vis >= 0 && this.expr(vis) === N) return false;
    const s = I[ma + MN_SYM]!;
    let visible: Tri;
    if (s >= 0) {
      this.calc(s);
      visible = this.visTri[p] as Tri;
    } else {
      visible = this.expr(I[this.t.propAt[p]! + PR_VIS]!);
      this.visTri[p] = visible;
    }
    if (visible !== N) return true;
    if (s < 0 || this.tri[s] === N) return false;
    for (let j = 0, k = I[ma + MN_KIDS]!; j < k; j++) {
      if (this.menuVisible(I[ma + MN_KIDS + 1 + j]!)) {
        this.flags[s] = this.flags[s]! | F_DEF_USER;
        return true;
      }
    }
    return false;
  }

  // writeConfig: header, then the menu tree in order with menu and comment blocks.
  write(): string {
    const prefix = this.prefix;
    const t = this.t;
    const I = this.I;
    const out: string[] = [];
    const rootPrompt = I[t.menuAt[0]! + MN_PROMPT]!;
    out.push(`#\n# Automatically generated file; DO NOT EDIT.\n# ${rootPrompt < 0 ? '' : promptText(t, rootPrompt)}\n#\n`);
    // See writeConfig: a settled first pass gives the same values again.
    if (!this.changed && !this.settled) this.clearAllValid();
    let needNewline = false;
    const F = this.flags;
    const visit = (m: number): void => {
      const ma = t.menuAt[m]!;
      const s = I[ma + MN_SYM]!;
      if (s < 0) {
        if (this.menuVisible(m)) {
          out.push(`\n#\n# ${promptText(t, I[ma + MN_PROMPT]!)}\n#\n`);
          needNewline = false;
        }
      } else if (!(F[s]! & F_CHOICE) && !(F[s]! & F_WRITTEN)) {
        this.calc(s);
        if (F[s]! & F_WRITE) {
          if (needNewline) {
            out.push('\n');
            needNewline = false;
          }
          // NOTE: never cleared: the evaluation state lives for one resolve.
          F[s] = F[s]! | F_WRITTEN;
          const line = this.symbolLine(s, prefix);
          if (line) out.push(line);
        }
      }
      for (let j = 0, k = I[ma + MN_KIDS]!; j < k; j++) visit(I[ma + MN_KIDS + 1 + j]!);
      if (s < 0 && I[ma + MN_KIND] !== MK_ROOT) {
        const p = I[ma + MN_PROMPT]!;
        if (p >= 0 && I[t.propAt[p]! + PR_KIND] === PK_MENU && this.menuVisible(m)) {
          out.push(`# end of ${promptText(t, p)}\n`);
          needNewline = true;
        }
      }
    };
    const ra = t.menuAt[0]!;
    for (let j = 0, k = I[ra + MN_KIDS]!; j < k; j++) visit(I[ra + MN_KIDS + 1 + j]!);
    return out.join('');
  }

  private symbolLine(s: number, prefix: string): string {
    const type = this.t.types[s]!;
    if (type === T_UNKNOWN) return '';
    const val = this.stringValue(s);
    const name = this.t.names[s]!;
    if ((type === T_BOOL || type === T_TRISTATE) && val === 'n') return `# ${prefix}${name} is not set\n`;
    return `${prefix}${name}=${type === T_STRING ? escapeString(val) : val}\n`;
  }
}

function promptText(t: FlatTree, p: number): string {
  const ti = t.ints[t.propAt[p]! + PR_TEXT]!;
  return ti < 0 ? '' : t.text(ti);
}
