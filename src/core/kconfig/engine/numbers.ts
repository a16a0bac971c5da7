// SPDX-License-Identifier: MIT
// C number parsing as the Kconfig tools use it (strtoll/strtoull semantics), with 64-bit BigInts, and the
// comparisons and range checks both evaluators (evaluate.ts, flat.ts) build on it.
import { N, Y, type CmpOp, type Tri } from './model.js';

const LLONG_MAX = (1n << 63n) - 1n;
const LLONG_MIN = -(1n << 63n);
const ULLONG_MAX = (1n << 64n) - 1n;
const SPACE = /^[ \t\n\v\f\r]*/;

interface Scan {
  value: bigint;
  /** Index just after the digits consumed (0 when nothing was parsed). */
  end: number;
  overflow: boolean;
}

// strtoll/strtoull: leading space, sign, base prefix, digits; stops at the first non-digit.
function scan(str: string, base: 0 | 10 | 16, unsigned: boolean): Scan {
  const quick = quickScan(str, base);
  if (quick !== undefined) return { value: BigInt(quick), end: str.length, overflow: false };
  let i = SPACE.exec(str)![0].length;
  let neg = false;
  if (str[i] === '+' || str[i] === '-') {
    neg = str[i] === '-';
    i++;
  }
  let b: number = base;
  const hexPrefix = str[i] === '0' && (str[i + 1] === 'x' || str[i + 1] === 'X') && /[0-9a-fA-F]/.test(str[i + 2] ?? '');
  if ((b === 16 || b === 0) && hexPrefix) {
    i += 2;
    b = 16;
  } else if (b === 0) b = str[i] === '0' ? 8 : 10;
  const digits = b === 16 ? /^[0-9a-fA-F]+/ : b === 8 ? /^[0-7]+/ : /^[0-9]+/;
  const m = digits.exec(str.slice(i));
  if (!m) return { value: 0n, end: 0, overflow: false };
  let v = 0n;
  const bb = BigInt(b);
  for (const c of m[0]) v = v * bb + BigInt(parseInt(c, 16));
  let overflow = false;
  if (unsigned) {
    if (v > ULLONG_MAX) {
      v = ULLONG_MAX;
      overflow = true;
    } else if (neg) v = (ULLONG_MAX + 1n - v) & ULLONG_MAX;
  } else {
    if (neg) v = -v;
    if (v > LLONG_MAX) {
      v = LLONG_MAX;
      overflow = true;
    } else if (v < LLONG_MIN) {
      v = LLONG_MIN;
      overflow = true;
    }
  }
  return { value: v, end: i + m[0].length, overflow };
}

// The common case without BigInt arithmetic: a whole string of at most 13 digits of the base (hex with
// an optional 0x), no sign or space; undefined otherwise (then the full scan runs).
function quickScan(str: string, base: 0 | 10 | 16): number | undefined {
  if (base === 0) return undefined;
  let i = 0;
  if (base === 16 && str.length > 2 && str.charCodeAt(0) === 48 && (str.charCodeAt(1) | 0x20) === 120) i = 2;
  if (str.length === i || str.length - i > 13) return undefined;
  let v = 0;
  for (; i < str.length; i++) {
    const c = str.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (base === 16 && (c | 0x20) >= 97 && (c | 0x20) <= 102) d = (c | 0x20) - 87;
    else return undefined;
    v = v * base + d;
  }
  return v;
}

// strtoll(str, NULL, base) when the whole string is a plain number of at most 13 digits (exact as a
// double); undefined otherwise (then strtoll gives the value). Spares BigInts for the common range checks.
export function strtollQuick(str: string, base: 10 | 16): number | undefined {
  return quickScan(str, base);
}

// strtoll(str, NULL, base): the value of the longest valid prefix (0 when none).
export function strtoll(str: string, base: 0 | 10 | 16): bigint {
  return scan(str, base, false).value;
}

export type NumberKind = 'string' | 'signed' | 'unsigned';

// How a comparison operand reads: as a whole signed or unsigned number, or as a string.
export function parseOperand(str: string, type: string): { kind: NumberKind; value: bigint } {
  if (type === 'bool' || type === 'tristate') {
    return { kind: 'signed', value: str === 'n' ? 0n : str === 'm' ? 1n : str === 'y' ? 2n : -1n };
  }
  const unsigned = type === 'hex';
  const r = scan(str, type === 'int' ? 10 : type === 'hex' ? 16 : 0, unsigned);
  const ok = !r.overflow && r.end > 0 && r.end === str.length && /[0-9a-fA-F]/.test(str[r.end - 1] ?? '');
  if (!ok) return { kind: 'string', value: 0n };
  return { kind: unsigned ? 'unsigned' : 'signed', value: r.value };
}

/** quickOperand: the operand reads as a string (compare as strings). */
export const STRING_OPERAND = -2;

// parseOperand's answer without allocating, for the common cases: a whole plain number of at most 13
// digits (its value, ≥ 0, exact as a double), bool/tristate n/m/y (0/1/2), or STRING_OPERAND when the
// text cannot start a number; NaN when undecided here (then parseOperand decides).
export function quickOperand(str: string, type: string): number {
  if (type === 'bool' || type === 'tristate') return str === 'n' ? 0 : str === 'm' ? 1 : str === 'y' ? 2 : NaN;
  const base = type === 'int' ? 10 : type === 'hex' ? 16 : 0;
  const c = str.length > 0 ? str.charCodeAt(0) : -1;
  const digit = c >= 48 && c <= 57;
  const hexLetter = base === 16 && (c | 0x20) >= 97 && (c | 0x20) <= 102;
  // Not space, sign or digit first: strtoll reads nothing, so the operand is a string.
  if (!digit && !hexLetter && c !== 43 && c !== 45 && c !== 32 && !(c >= 9 && c <= 13)) return STRING_OPERAND;
  if (base !== 0) return quickScan(str, base) ?? NaN;
  if (c !== 48) return digit ? (quickScan(str, 10) ?? NaN) : NaN;
  if (str.length === 1) return 0;
  // 0x… is hex; 0… is octal (left to the full scan).
  return (str.charCodeAt(1) | 0x20) === 120 ? (quickScan(str, 16) ?? NaN) : NaN;
}

// The unsigned 64-bit view of a value (two's complement for negatives).
export function asUnsigned(v: bigint): bigint {
  return v < 0n ? v + (1n << 64n) : v;
}

// How two operands of a Kconfig comparison order (negative, zero, positive), as conf's expr_calc_value
// does it: as numbers when both read as numbers of their symbols' types (unsigned when either is hex),
// otherwise as strings.
// NOTE: plain numbers and obvious strings are decided without parseOperand's objects and BigInts (this
// runs before the optimising compiler has caught up); the rest takes the full rules.
export function compareOperands(s1: string, t1: string, s2: string, t2: string): number {
  if (!(t1 === 'string' && t2 === 'string')) {
    const x = quickOperand(s1, t1);
    const y = x >= 0 ? quickOperand(s2, t2) : NaN;
    if (x === STRING_OPERAND || y === STRING_OPERAND) return s1 < s2 ? -1 : s1 > s2 ? 1 : 0;
    if (x >= 0 && y >= 0) return x > y ? 1 : x < y ? -1 : 0;
  }
  const l = t1 === 'string' && t2 === 'string' ? undefined : parseOperand(s1, t1);
  const r = l === undefined ? undefined : parseOperand(s2, t2);
  if (!l || !r || l.kind === 'string' || r.kind === 'string') return s1 < s2 ? -1 : s1 > s2 ? 1 : 0;
  if (l.kind === 'unsigned' || r.kind === 'unsigned') {
    const x = asUnsigned(l.value);
    const y = asUnsigned(r.value);
    return x > y ? 1 : x < y ? -1 : 0;
  }
  return l.value > r.value ? 1 : l.value < r.value ? -1 : 0;
}

// A comparison's truth from strcmp-style order (negative, zero, positive).
export function cmpTruth(op: CmpOp, res: number): Tri {
  switch (op) {
    case '=':
      return res ? N : Y;
    case '!=':
      return res ? Y : N;
    case '>=':
      return res >= 0 ? Y : N;
    case '>':
      return res > 0 ? Y : N;
    case '<=':
      return res <= 0 ? Y : N;
    default:
      return res < 0 ? Y : N;
  }
}

// Whether a text is a value an int or a hex symbol can take (sym_string_valid).
export function validNumber(type: 'int' | 'hex', str: string): boolean {
  return type === 'int' ? /^-?(0|[1-9][0-9]*)$/.test(str) : /^(0[xX])?[0-9a-fA-F]+$/.test(str);
}

/** A range bound, computed: its value and the base its own symbol type reads it in. */
export type RangeBound = [value: string, base: 10 | 16];

// Where `value` (in `base`) stands against a range, as conf's sym_validate_range and
// sym_string_within_range compare: -1 below the lower bound, 1 above the upper one, 0 within.
// `bound(upper)` computes a bound; the upper one is asked for only when the value is not below the lower,
// in conf's order (computing a bound can compute other symbols).
// NOTE: plain numbers compare as doubles (no BigInt); anything else takes strtoll's full rules.
export function rangeSide(value: string, base: 10 | 16, bound: (upper: boolean) => RangeBound): -1 | 0 | 1 {
  const q = strtollQuick(value, base);
  if (q !== undefined) {
    const [lv, lb] = bound(false);
    const ql = strtollQuick(lv, lb);
    if (ql !== undefined) {
      if (q < ql) return -1;
      const [hv, hb] = bound(true);
      const qh = strtollQuick(hv, hb);
      if (qh !== undefined) return q > qh ? 1 : 0;
    }
  }
  const v = strtoll(value, base);
  const [lv, lb] = bound(false);
  if (v < strtoll(lv, lb)) return -1;
  const [hv, hb] = bound(true);
  return v > strtoll(hv, hb) ? 1 : 0;
}
