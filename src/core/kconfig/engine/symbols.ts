// SPDX-License-Identifier: MIT
// The symbol table: lookup rules, the constant symbols y/m/n, and the C tool's hash iteration order.
import { F_CHOICE, F_CONST, F_VALID, M, N, Y, type KSymbol, type SymbolType, type Tri } from './model.js';

// The C tool keeps symbols in a 9973-bucket FNV-1a hash table and walks it bucket by bucket, newest
// first inside a bucket. Several passes of `conf` depend on that order, so we reproduce it.
const HASH_SIZE = 9973;

/** The shared empty list of restored symbols (never added to). */
const NONE: never[] = [];

/** FNV-1a over the UTF-16 code units of text[from, to): the C tool's symbol hash (and the snapshot's name index). */
export function fnv1a(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  // NOTE: C `char` is signed on x86; names are ASCII, so charCodeAt is the same byte.
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

function bucketOf(name: string): number {
  return (fnv1a(name, 0, name.length) >>> 0) % HASH_SIZE;
}

// The indexes first..buckets.length-1 in the C tool's hash-table order: bucket by bucket, newest (the
// highest index) first inside a bucket.
// NOTE: a counting sort by bucket (no array per bucket): this runs on every resolve.
export function hashOrder(buckets: ArrayLike<number>, first: number): Int32Array {
  const start = new Int32Array(HASH_SIZE + 1);
  for (let i = first; i < buckets.length; i++) start[buckets[i]! + 1]!++;
  for (let b = 0; b < HASH_SIZE; b++) start[b + 1]! += start[b]!;
  const out = new Int32Array(buckets.length - first);
  // walk newest to oldest, filling each bucket from its front
  for (let i = buckets.length - 1; i >= first; i--) out[start[buckets[i]!]!++] = i;
  return out;
}

function newSymbol(name: string, type: SymbolType, flags: number, bucket: number, seq: number, props: KSymbol['props'] = [], menus: KSymbol['menus'] = []): KSymbol {
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
    props,
    menus,
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
  /** The newest non-constant symbol of each name (find's index; built on first use). */
  private finder: Map<string, KSymbol> | undefined;
  /** False for a restored table until lookup() first needs byName and plain. */
  private indexed = true;

  constructor() {
    this.empty = newSymbol('', 'unknown', F_CONST | F_VALID, -1, -1);
  }

  // Find or create a symbol as the parser does: flags 0 for a plain reference, F_CONST for a quoted
  // word, F_CHOICE for a choice; name null for an unnamed choice.
  lookup(name: string | null, flags: number): KSymbol {
    if (!this.indexed) this.index();
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
    this.finder = undefined;
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
    return (this.finder ??= this.buildFinder()).get(name);
  }

  // NOTE: one Map built on first use (a warm resolve restores the table without lookup's indexes);
  // measured faster than scanning the name's hash bucket, whose hash is computed in JS for every line.
  private buildFinder(): Map<string, KSymbol> {
    const m = new Map<string, KSymbol>();
    const c = this.created_;
    for (let i = 0; i < c.length; i++) {
      const s = c[i]!;
      if (!(s.flags & F_CONST) && !(s.name === '' && s.bucket === 0)) m.set(s.name, s);
    }
    return m;
  }

  // Every symbol in the C tool's hash-table order.
  all(): KSymbol[] {
    if (!this.ordered) {
      const c = this.created_;
      const buckets = new Int32Array(c.length);
      for (let i = 0; i < c.length; i++) buckets[i] = c[i]!.bucket;
      const order = hashOrder(buckets, 0);
      const out: KSymbol[] = new Array(c.length);
      for (let i = 0; i < order.length; i++) out[i] = c[order[i]!]!;
      this.ordered = out;
    }
    return this.ordered;
  }

  // Every symbol in creation order.
  created(): readonly KSymbol[] {
    return this.created_;
  }

  // A table holding these symbols (names, flags, hash buckets), in creation order, as a snapshot has them.
  // The name indexes are built on first use (a resolve only needs find's).
  // NOTE: the symbols share one empty property and menu list, for the caller to replace (no parser adds to them).
  static restore(names: string[], types: SymbolType[], flags: ArrayLike<number>, buckets: ArrayLike<number>): SymbolTable {
    const t = new SymbolTable();
    const c = t.created_;
    for (let i = 0; i < names.length; i++) c.push(newSymbol(names[i]!, types[i]!, flags[i]!, buckets[i]!, i, NONE, NONE));
    t.indexed = false;
    return t;
  }

  // byName and plain for a restored table, as lookup() would have filled them.
  private index(): void {
    this.indexed = true;
    for (const sym of this.created_) {
      const name = sym.name;
      if (sym.bucket === 0 && name === '') continue;
      const list = this.byName.get(name);
      if (list) list.push(sym);
      else this.byName.set(name, [sym]);
      if (!(sym.flags & (F_CONST | F_CHOICE)) && !this.plain.has(name)) this.plain.set(name, sym);
    }
  }

  // Named, typed, non-constant symbols in definition order (for reports).
  defined(): KSymbol[] {
    return this.created_.filter((s) => s.name !== '' && !(s.flags & (F_CONST | F_CHOICE)) && s.type !== 'unknown');
  }
}
