// SPDX-License-Identifier: MIT
// The symbol table: lookup rules, the constant symbols y/m/n, and the C tool's hash iteration order.
import { F_CHOICE, F_CONST, F_VALID, M, N, Y, type KSymbol, type SymbolType, type Tri } from './model.js';

// The C tool keeps symbols in a 9973-bucket FNV-1a hash table and walks it bucket by bucket, newest
// first inside a bucket. Several passes of `conf` depend on that order, so we reproduce it.
const HASH_SIZE = 9973;

function bucketOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    // NOTE: C `char` is signed on x86; names are ASCII, so charCodeAt is the same byte.
    h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h % HASH_SIZE;
}

function newSymbol(name: string, type: SymbolType, flags: number, bucket: number, seq: number): KSymbol {
  return {
    name,
    type,
    flags,
    tri: N,
    val: '',
    choiceVal: null,
    userTri: N,
    userVal: null,
    userChoice: null,
    visible: N,
    dirDep: undefined,
    dirDepTri: N,
    revDep: undefined,
    revDepTri: N,
    implied: undefined,
    impliedTri: N,
    props: [],
    menus: [],
    bucket,
    seq,
  };
}

function constant(name: string, tri: Tri): KSymbol {
  const s = newSymbol(name, 'tristate', F_CONST | F_VALID, -1, -1);
  s.tri = tri;
  s.val = name;
  return s;
}

export class SymbolTable {
  readonly yes = constant('y', Y);
  readonly mod = constant('m', M);
  readonly no = constant('n', N);
  readonly empty: KSymbol;
  private readonly byName = new Map<string, KSymbol[]>();
  private readonly created: KSymbol[] = [];
  private ordered: KSymbol[] | undefined;

  constructor() {
    this.empty = newSymbol('', 'unknown', F_CONST | F_VALID, -1, -1);
  }

  // Find or create a symbol as the parser does: flags 0 for a plain reference, F_CONST for a quoted
  // word, F_CHOICE for a choice; name null for an unnamed choice.
  lookup(name: string | null, flags: number): KSymbol {
    if (name !== null) {
      if (name.length === 1) {
        if (name === 'y') return this.yes;
        if (name === 'm') return this.mod;
        if (name === 'n') return this.no;
      }
      const same = this.byName.get(name);
      if (same) {
        for (let i = same.length - 1; i >= 0; i--) {
          const s = same[i]!;
          if (flags ? s.flags & flags : !(s.flags & (F_CONST | F_CHOICE))) return s;
        }
      }
    }
    const sym = newSymbol(name ?? '', 'unknown', flags, name === null ? 0 : bucketOf(name), this.created.length);
    this.created.push(sym);
    this.ordered = undefined;
    if (name !== null) {
      const list = this.byName.get(name);
      if (list) list.push(sym);
      else this.byName.set(name, [sym]);
    }
    return sym;
  }

  // The newest non-constant symbol of that name (what `conf` matches .config lines against).
  find(name: string): KSymbol | undefined {
    if (name.length === 1) {
      if (name === 'y') return this.yes;
      if (name === 'm') return this.mod;
      if (name === 'n') return this.no;
    }
    const same = this.byName.get(name);
    if (!same) return undefined;
    for (let i = same.length - 1; i >= 0; i--) if (!(same[i]!.flags & F_CONST)) return same[i];
    return undefined;
  }

  // Every symbol in the C tool's hash-table order.
  all(): KSymbol[] {
    if (!this.ordered) {
      this.ordered = [...this.created].sort((a, b) => a.bucket - b.bucket || b.seq - a.seq);
    }
    return this.ordered;
  }

  // Named, typed, non-constant symbols in definition order (for reports).
  defined(): KSymbol[] {
    return this.created.filter((s) => s.name !== '' && !(s.flags & (F_CONST | F_CHOICE)) && s.type !== 'unknown');
  }
}
