// SPDX-License-Identifier: MIT
// The Kconfig object model: symbols, properties, menu nodes and expressions, plus tristate logic.
// Field meanings follow the kernel's scripts/kconfig (Linux 6.1) so results can match `conf` exactly.

/** n, m, y as 0, 1, 2: AND is min, OR is max, NOT is 2 - x. */
export type Tri = 0 | 1 | 2;
export const N: Tri = 0;
export const M: Tri = 1;
export const Y: Tri = 2;

export type SymbolType = 'unknown' | 'bool' | 'tristate' | 'int' | 'hex' | 'string';

// Symbol flags (the bits the evaluator and writer care about).
export const F_CONST = 0x1;
export const F_CHOICE = 0x10;
export const F_CHOICEVAL = 0x20;
export const F_VALID = 0x80;
export const F_OPTIONAL = 0x100;
export const F_WRITE = 0x200;
export const F_WRITTEN = 0x800;
export const F_NO_WRITE = 0x1000;
export const F_DEF_USER = 0x10000;
export const F_NEED_SET_CHOICE_VALUES = 0x100000;
/** Ours, not conf's: the symbol's value is being computed (it is on the evaluator's stack). */
export const F_CALC_BUSY = 0x40000000;

export type PropKind = 'symbol' | 'prompt' | 'menu' | 'comment' | 'default' | 'select' | 'imply' | 'range' | 'choice';

export interface Prop {
  kind: PropKind;
  /** default / select / imply target expression; undefined for prompts. */
  expr: Expr | undefined;
  /** The `if` condition, after finalize the full visibility (menu deps included). */
  visExpr: Expr | undefined;
  visTri: Tri;
  /** Prompt, menu or comment text. */
  text: string | undefined;
  menu: MenuNode;
  file: string;
  line: number;
  /** range bounds. */
  lo?: KSymbol;
  hi?: KSymbol;
  /** For the choice property of a choice symbol: its members, in order. */
  members?: KSymbol[];
  /** For the choice property of a member: the choice symbol. */
  choice?: KSymbol;
}

export interface KSymbol {
  name: string;
  type: SymbolType;
  flags: number;
  /** Current value: tristate part, and string part for string/int/hex/unknown. */
  tri: Tri;
  val: string;
  /** For a choice symbol: the member currently selected (null when none). */
  choiceVal: KSymbol | null;
  /** User value (from a .config): tristate, string, or the selected member of a choice. */
  userTri: Tri;
  userVal: string | null;
  userChoice: KSymbol | null;
  visible: Tri;
  dirDep: Expr | undefined;
  dirDepTri: Tri;
  revDep: Expr | undefined;
  revDepTri: Tri;
  implied: Expr | undefined;
  impliedTri: Tri;
  props: Prop[];
  /** Menu nodes that define this symbol (config entries), in parse order. */
  menus: MenuNode[];
  /** Position in the C tool's symbol hash table, which fixes its iteration order. */
  bucket: number;
  seq: number;
}

export const E_SYM = 0;
export const E_NOT = 1;
export const E_AND = 2;
export const E_OR = 3;
export const E_CMP = 4;
export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * Set by the snapshot encoder on the compound expressions it has numbered (so that a subexpression
 * shared by many symbols, such as a menu's dependencies, is walked once): the number, and which
 * encoder gave it. Made -1 and 0.
 */
export interface EncodeMark {
  encId: number;
  encBy: number;
}

export type Expr =
  | { k: typeof E_SYM; sym: KSymbol }
  | ({ k: typeof E_NOT; e: Expr } & EncodeMark)
  | ({ k: typeof E_AND | typeof E_OR; l: Expr; r: Expr } & EncodeMark)
  | { k: typeof E_CMP; op: CmpOp; a: KSymbol; b: KSymbol };

export type MenuKind = 'root' | 'config' | 'menuconfig' | 'choice' | 'menu' | 'comment' | 'if';

export interface MenuNode {
  kind: MenuKind;
  sym: KSymbol | undefined;
  prompt: Prop | undefined;
  dep: Expr | undefined;
  /** `visible if` of a menu. */
  visibility: Expr | undefined;
  children: MenuNode[];
  parent: MenuNode | undefined;
  file: string;
  line: number;
  help: string | undefined;
}

// The compound expressions, made here only, so each has its EncodeMark (and one shape per kind).
export function notExpr(e: Expr): Expr {
  return { k: E_NOT, e, encId: -1, encBy: 0 };
}

export function binExpr(k: typeof E_AND | typeof E_OR, l: Expr, r: Expr): Expr {
  return { k, l, r, encId: -1, encBy: 0 };
}

export function exprAnd(a: Expr | undefined, b: Expr | undefined): Expr | undefined {
  if (!a) return b;
  if (!b) return a;
  return binExpr(E_AND, a, b);
}

export function exprOr(a: Expr | undefined, b: Expr | undefined): Expr | undefined {
  if (!a) return b;
  if (!b) return a;
  return binExpr(E_OR, a, b);
}

export function symExpr(sym: KSymbol): Expr {
  return { k: E_SYM, sym };
}

export function triAnd(a: Tri, b: Tri): Tri {
  return a < b ? a : b;
}

export function triOr(a: Tri, b: Tri): Tri {
  return a > b ? a : b;
}

export function triName(t: Tri): 'n' | 'm' | 'y' {
  return t === Y ? 'y' : t === M ? 'm' : 'n';
}
