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
  /** Fast path for plain references: the symbol a flags-0 lookup of a name returns. */
  private readonly plain = new Map<string, KSymbol>();
  private readonly created_: KSymbol[] = [];
  private ordered: KSymbol[] | undefined;

  constructor() {
    this.empty = newSymbol('', 'unknown', F_CONST | F_VALID, -1, -1);
  }

  // Find or create a symbol as the parser does: flags 0 for a plain reference, F_CONST for a quoted
  // word, F_CHOICE for a choice; name null for an unnamed choice.
  lookup(name: string | null, flags: number): KSymbol {
    if (flags === 0 && name !== null) {
      const hit = this.plain.get(name);
      if (hit) return hit;
    }
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
    const sym = newSymbol(name ?? '', 'unknown', flags, name === null ? 0 : bucketOf(name), this.created_.length);
    this.created_.push(sym);
    this.ordered = undefined;
    if (name !== null) {
      const list = this.byName.get(name);
      if (list) list.push(sym);
      else this.byName.set(name, [sym]);
      if (flags === 0) this.plain.set(name, sym);
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
      const buckets: KSymbol[][] = [];
      for (const s of this.created_) (buckets[s.bucket] ??= []).push(s);
      const out: KSymbol[] = [];
      for (const b of buckets) if (b) for (let i = b.length - 1; i >= 0; i--) out.push(b[i]!);
      this.ordered = out;
    }
    return this.ordered;
  }

  // Every symbol in creation order.
  created(): readonly KSymbol[] {
    return this.created_;
  }

  // A table holding these symbols (names, flags, hash buckets), in creation order, as a snapshot has them.
  static restore(names: string[], flags: number[], buckets: number[]): SymbolTable {
    const t = new SymbolTable();
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const sym = newSymbol(name, 'unknown', flags[i]!, buckets[i]!, i);
      t.created_.push(sym);
      if (buckets[i] === 0 && name === '') continue;
      const list = t.byName.get(name);
      if (list) list.push(sym);
      else t.byName.set(name, [sym]);
      if (!(flags[i]! & (F_CONST | F_CHOICE)) && !t.plain.has(name)) t.plain.set(name, sym);
    }
    return t;
  }

  // Named, typed, non-constant symbols in definition order (for reports).
  defined(): KSymbol[] {
    return this.created_.filter((s) => s.name !== '' && !(s.flags & (F_CONST | F_CHOICE)) && s.type !== 'unknown');
  }
}
