// SPDX-License-Identifier: MIT
// A parsed, finalised tree as one compact binary blob, so a warm resolve skips lexing, parsing and
// finalising. Objects are numbered (symbols in creation order, expressions post-order and shared as in
// memory, menus in tree order, properties in symbol order). The blob is a small JSON header (whatever
// the caller needs to decide whether the blob is still current, plus the tree's few small lists), one
// string table and one run of int32s read front to back, ending with the name index a .config is read
// against. Help texts and select/imply properties are left out: nothing after finalising reads them.
// The resolve kernel (flat.ts) reads the int32s in place (decodeFlat); why and check decode objects.
//
// NOTE: JSON for the whole tree (≈7 MB, 200 000 small arrays) cost more to parse and turn back into
// objects than resolving itself; this layout decodes in a single pass over an Int32Array.
import type { KconfigTree } from './index.js';
import { Evaluator } from './evaluate.js';
import type { FlatTree } from './flat.js';
import { binExpr, E_CMP, E_NOT, E_SYM, F_CONST, F_VALID, notExpr, type E_AND, type E_OR, type CmpOp, type Expr, type KSymbol, type MenuKind, type MenuNode, type Prop, type PropKind, type SymbolType } from './model.js';
import { fnv1a, SymbolTable } from './symbols.js';

const MAGIC = 'MYKTREE6';
const HEADER = 24;
const CONSTS = 4;
/** Symbol types, property kinds and menu kinds by the numbers the blob stores. */
export const SYMBOL_TYPES: readonly SymbolType[] = ['unknown', 'bool', 'tristate', 'int', 'hex', 'string'];
const PROP_KINDS: readonly PropKind[] = ['symbol', 'prompt', 'menu', 'comment', 'default', 'select', 'imply', 'range', 'choice'];
const MENU_KINDS: readonly MenuKind[] = ['root', 'config', 'menuconfig', 'choice', 'menu', 'comment', 'if'];
export const T_UNKNOWN = 0;
export const T_BOOL = 1;
export const T_TRISTATE = 2;
export const T_INT = 3;
export const T_HEX = 4;
export const T_STRING = 5;
export const PK_MENU = 2;
export const PK_DEFAULT = 4;
export const PK_RANGE = 7;
export const PK_CHOICE = 8;
export const MK_ROOT = 0;

// Where each field is in a menu record (then MN_KIDS + 1.. the children) and in a property record (then
// PR_MEMBERS + 1.. the members, when PR_MEMBERS holds a count ≥ 0).
export const MN_KIND = 0;
export const MN_SYM = 1;
export const MN_PROMPT = 2;
export const MN_DEP = 3;
export const MN_VIS = 4;
export const MN_FILE = 5;
export const MN_LINE = 6;
export const MN_KIDS = 7;
export const PR_KIND = 0;
export const PR_EXPR = 1;
export const PR_VIS = 2;
export const PR_TEXT = 3;
export const PR_MENU = 4;
export const PR_FILE = 5;
export const PR_LINE = 6;
export const PR_LO = 7;
export const PR_HI = 8;
export const PR_CHOICE = 9;
export const PR_MEMBERS = 10;
/** Comparison operators by the numbers the blob stores. */
export const CMP_OPS: readonly CmpOp[] = ['=', '!=', '<', '<=', '>', '>='];

/** The tree's small parts, kept as JSON in the blob's header next to the caller's own data. */
interface TreeMeta<T> {
  user: T;
  modules: number;
  messages: KconfigTree['messages'];
  problems: KconfigTree['problems'];
  commands: string[];
  env: [string, string][];
  fileNames: string[];
}

// Encode a tree with the caller's header data; undefined when a text cannot be stored (a NUL byte).
export function encodeTree<T>(tree: KconfigTree, user: T): Uint8Array | undefined {
  const t = tree.table;
  const created = t.created();
  if (created.length >= 0x1fffffff) return undefined;
  for (let i = 0; i < created.length; i++) if (created[i]!.seq !== i) return undefined;
  const strings = new StringTable();
  const fileIdx = new Map<string, number>();
  const enc = new Encoder(t.yes, t.mod, t.no, t.empty);
  const ids = new Numbering(tree.root, created);

  const head = new IntWriter(4 + created.length * 4);
  head.push4(created.length, ids.props.length, ids.menus.length, 0);
  for (const s of created) {
    head.push4(strings.add(s.name), SYMBOL_TYPES.indexOf(s.type), s.flags, s.bucket);
  }
  // Expressions are numbered while the rest is written; their block goes in front when all are known.
  const rest = new IntWriter(1 << 16);
  writeMenus(rest, enc, ids, fileIdx);
  if (!writeProps(rest, enc, ids, fileIdx, strings)) return undefined;
  writeSymbolLinks(rest, enc, created, ids);
  writeNameTable(rest, created);
  const nExprs = enc.count;
  head.a[3] = nExprs;
  if (nExprs >= 0x1fffffff) return undefined;
  for (const s of created) if (s.name.includes('\0')) return undefined;

  const meta: TreeMeta<T> = {
    user,
    modules: tree.ev.modulesSym === t.no ? -1 : enc.sid(tree.ev.modulesSym),
    messages: tree.messages,
    problems: tree.problems,
    commands: tree.commands,
    env: [...tree.env],
    fileNames: [...fileIdx.keys()],
  };
  const te = new TextEncoder();
  const metaBytes = te.encode(JSON.stringify(meta));
  const asciiBytes = te.encode(strings.ascii.join('\0'));
  const wideBytes = te.encode(strings.wide.join('\0'));
  const strBytes = new Uint8Array(asciiBytes.length + 1 + wideBytes.length);
  strBytes.set(asciiBytes, 0);
  strBytes.set(wideBytes, asciiBytes.length + 1);
  const intCount = head.n + nExprs * 4 + rest.n;
  const intsAt = align4(HEADER + metaBytes.length + strBytes.length);
  const out = new Uint8Array(intsAt + intCount * 4);
  out.set(te.encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, metaBytes.length, true);
  view.setUint32(12, strBytes.length, true);
  view.setUint32(16, intCount, true);
  view.setUint32(20, asciiBytes.length, true);
  out.set(metaBytes, HEADER);
  out.set(strBytes, HEADER + metaBytes.length);
  const i32 = new Int32Array(out.buffer, intsAt, intCount);
  i32.set(head.a.subarray(0, head.n), 0);
  i32.set(enc.exprs.subarray(0, nExprs * 4), head.n);
  i32.set(rest.a.subarray(0, rest.n), head.n + nExprs * 4);
  return out;
}

// Texts by number: ASCII ones from 0, the others from WIDE. They are stored as two runs, so the ASCII
// texts decode as one-byte strings.
// NOTE: one 'μ' in a prompt made the whole decoded table, and so every symbol name, a two-byte string:
// twice the memory, and every name comparison with a .config line took V8's mixed-width path.
const WIDE = 0x10000000;

class StringTable {
  readonly ascii: string[] = [];
  readonly wide: string[] = [];
  add(s: string): number {
    return NON_ASCII.test(s) ? WIDE + this.wide.push(s) - 1 : this.ascii.push(s) - 1;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/** A growable run of int32s. */
class IntWriter {
  a: Int32Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Int32Array(capacity);
  }
  private grow(need: number): void {
    let cap = this.a.length * 2;
    while (cap < need) cap *= 2;
    const b = new Int32Array(cap);
    b.set(this.a);
    this.a = b;
  }
  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
  pushAll(values: Int32Array): void {
    if (this.n + values.length > this.a.length) this.grow(this.n + values.length);
    this.a.set(values, this.n);
    this.n += values.length;
  }
  push4(v0: number, v1: number, v2: number, v3: number): void {
    if (this.n + 4 > this.a.length) this.grow(this.n + 4);
    const a = this.a;
    const n = this.n;
    a[n] = v0;
    a[n + 1] = v1;
    a[n + 2] = v2;
    a[n + 3] = v3;
    this.n = n + 4;
  }
}

// Numbers symbols and expressions. Equal expressions become one (127 000 → 45 000 for Linux 6.1 x86):
// expressions are never mutated and nothing tells them apart by identity, so sharing changes no result.
// A compound expression keeps the number it got (EncodeMark): subexpressions shared by reference, such
// as a menu's dependencies in every entry of the menu, were walked again for each (518 000 visits of
// 127 000 expressions).
// NOTE: interned structurally in an open-addressing table of int32s, walking shared subtrees again
// rather than remembering objects: a Map keyed by expression objects (and one keyed by numbers past
// 2^31) made encoding the slowest part of a cold run (≈500 ms for Linux 6.1 x86).
class Encoder {
  /** Four int32s per expression: kind, a, b, c (see decodeExprs). */
  exprs = new Int32Array(4 * 65536);
  count = 0;
  /** Open addressing: expression id + 1, 0 for an empty slot. */
  private slots = new Int32Array(1 << 18);
  private symExpr = new Int32Array(0);
  /** This encoder's mark on the compound expressions it numbered (see EncodeMark). */
  private readonly serial = nextEncoder();

  constructor(
    private readonly yes: KSymbol,
    private readonly mod: KSymbol,
    private readonly no: KSymbol,
    private readonly empty: KSymbol,
  ) {}

  // A symbol's number: its creation index (seq) after the four constants; -1 for none.
  sid(s: KSymbol | undefined): number {
    if (!s) return -1;
    if (s.seq >= 0) return s.seq + CONSTS;
    return s === this.yes ? 0 : s === this.mod ? 1 : s === this.no ? 2 : s === this.empty ? 3 : -1;
  }

  ex(e: Expr | undefined): number {
    if (!e) return -1;
    switch (e.k) {
      case E_SYM: {
        const a = this.sid(e.sym) + 1;
        if (a >= this.symExpr.length) {
          const b = new Int32Array(Math.max(a + 1, this.symExpr.length * 2, 1024));
          b.set(this.symExpr);
          this.symExpr = b;
        }
        let id = this.symExpr[a]! - 1;
        if (id < 0) {
          id = this.intern(E_SYM, a - 1, 0, 0);
          this.symExpr[a] = id + 1;
        }
        return id;
      }
      case E_CMP:
        return this.intern(E_CMP, cmpIndex(e.op), this.sid(e.a), this.sid(e.b));
      default: {
        if (e.encBy === this.serial) return e.encId;
        const id = e.k === E_NOT ? this.intern(E_NOT, this.ex(e.e), 0, 0) : this.intern(e.k, this.ex(e.l), this.ex(e.r), 0);
        e.encId = id;
        e.encBy = this.serial;
        return id;
      }
    }
  }

  private intern(k: number, a: number, b: number, c: number): number {
    let mask = this.slots.length - 1;
    if (this.count * 2 >= mask) {
      this.rehash();
      mask = this.slots.length - 1;
    }
    const x = this.exprs;
    let h = hash4(k, a, b, c) & mask;
    for (;;) {
      const v = this.slots[h]!;
      if (v === 0) break;
      const at = (v - 1) * 4;
      if (x[at] === k && x[at + 1] === a && x[at + 2] === b && x[at + 3] === c) return v - 1;
      h = (h + 1) & mask;
    }
    const id = this.count++;
    if (id * 4 + 4 > x.length) {
      const y = new Int32Array(x.length * 2);
      y.set(x);
      this.exprs = y;
    }
    const at = id * 4;
    const X = this.exprs;
    X[at] = k;
    X[at + 1] = a;
    X[at + 2] = b;
    X[at + 3] = c;
    this.slots[h] = id + 1;
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const x = this.exprs;
    for (let id = 0; id < this.count; id++) {
      const at = id * 4;
      let h = hash4(x[at]!, x[at + 1]!, x[at + 2]!, x[at + 3]!) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = id + 1;
    }
    this.slots = slots;
  }
}

// Encoders are numbered from 1 (0 marks an expression no encoder has numbered); the count wraps
// long before a number stops being a small integer, and an expression belongs to one tree, which is
// encoded a handful of times at most.
let encoders = 0;
function nextEncoder(): number {
  encoders = (encoders % 0x3fffffff) + 1;
  return encoders;
}

function hash4(k: number, a: number, b: number, c: number): number {
  let h = Math.imul(k ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ a ^ (h >>> 15), 0xc2b2ae35);
  h = Math.imul(h ^ b ^ (h >>> 13), 0x85ebca6b);
  h = Math.imul(h ^ c ^ (h >>> 16), 0xc2b2ae35);
  return h ^ (h >>> 15);
}

function cmpIndex(op: CmpOp): number {
  switch (op) {
    case '=':
      return 0;
    case '!=':
      return 1;
    case '<':
      return 2;
    case '<=':
      return 3;
    case '>':
      return 4;
    default:
      return 5;
  }
}

function fileIndex(files: Map<string, number>, f: string): number {
  let i = files.get(f);
  if (i === undefined) files.set(f, (i = files.size));
  return i;
}

// select and imply properties are not stored: finalising has turned them into their targets' revDep
// and implied expressions, and nothing after reads them (they were 40% of all properties for Linux 6.1
// x86, with long visibility expressions).
function isStored(p: Prop): boolean {
  return p.kind !== 'select' && p.kind !== 'imply';
}

// How many of the first `end` properties are stored.
function storedCount(props: Prop[], end: number): number {
  let n = 0;
  for (let j = 0; j < end; j++) if (isStored(props[j]!)) n++;
  return n;
}

// Numbers for menus (tree order from the root, then menus of symbols outside it) and properties (each
// symbol's in creation order, then prompts of menus that no symbol holds), as the blob stores them.
// NOTE: without Maps keyed by objects (which cost more than the rest of encoding together): a menu or
// prompt of a symbol is found by its position in that symbol's short lists; only the few menus without
// a symbol go in a Map.
class Numbering {
  readonly menus: MenuNode[] = [];
  readonly props: Prop[] = [];
  /** Symbol seq -> where its menus' numbers start in symMenuId. */
  private readonly symMenuAt: Int32Array;
  private readonly symMenuId: Int32Array;
  /** Symbol seq -> the number of its first property. */
  private readonly propAt: Int32Array;
  private readonly otherMenus = new Map<MenuNode, number>();
  private readonly otherPrompts = new Map<MenuNode, number>();

  constructor(root: MenuNode, created: readonly KSymbol[]) {
    const n = created.length;
    this.symMenuAt = new Int32Array(n + 1);
    this.propAt = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const s = created[i]!;
      this.symMenuAt[i + 1] = this.symMenuAt[i]! + s.menus.length;
      this.propAt[i + 1] = this.propAt[i]! + storedCount(s.props, s.props.length);
    }
    this.symMenuId = new Int32Array(this.symMenuAt[n]!).fill(-1);
    this.walk(root);
    for (let i = 0; i < n; i++) {
      const ms = created[i]!.menus;
      for (let j = 0; j < ms.length; j++) if (this.symMenuId[this.symMenuAt[i]! + j] === -1) this.walk(ms[j]!);
    }
    for (let i = 0; i < n; i++) {
      const ps = created[i]!.props;
      for (let j = 0; j < ps.length; j++) if (isStored(ps[j]!)) this.props.push(ps[j]!);
    }
    for (const m of this.menus) {
      if (m.prompt && this.symPromptAt(m) < 0) {
        this.otherPrompts.set(m, this.props.length);
        this.props.push(m.prompt);
      }
    }
  }

  private walk(m: MenuNode): void {
    const id = this.menus.length;
    this.menus.push(m);
    const s = m.sym;
    const j = s && s.seq >= 0 ? s.menus.indexOf(m) : -1;
    if (j >= 0) this.symMenuId[this.symMenuAt[s!.seq]! + j] = id;
    else this.otherMenus.set(m, id);
    const children = m.children;
    for (let i = 0; i < children.length; i++) this.walk(children[i]!);
  }

  menuId(m: MenuNode): number {
    const s = m.sym;
    const j = s && s.seq >= 0 ? s.menus.indexOf(m) : -1;
    return j >= 0 ? this.symMenuId[this.symMenuAt[s!.seq]! + j]! : this.otherMenus.get(m)!;
  }

  /** The symbol's number of the menu's prompt; -1 when its symbol does not hold it. */
  private symPromptAt(m: MenuNode): number {
    const s = m.sym;
    const j = s && s.seq >= 0 && m.prompt && isStored(m.prompt) ? s.props.indexOf(m.prompt) : -1;
    return j >= 0 ? this.propAt[s!.seq]! + storedCount(s!.props, j) : -1;
  }

  promptId(m: MenuNode): number {
    if (!m.prompt) return -1;
    const at = this.symPromptAt(m);
    return at >= 0 ? at : this.otherPrompts.get(m)!;
  }

  /** The number of a symbol's first stored property (the others follow). */
  symPropBase(s: KSymbol): number {
    return this.propAt[s.seq]!;
  }
}

// NOTE: one function per section, so each is optimised on its own type feedback. Fields go in the
// order of the MN_* and PR_* offsets above.
function writeMenus(w: IntWriter, enc: Encoder, ids: Numbering, files: Map<string, number>): void {
  for (const m of ids.menus) {
    w.push4(MENU_KINDS.indexOf(m.kind), enc.sid(m.sym), ids.promptId(m), enc.ex(m.dep));
    w.push4(enc.ex(m.visibility), fileIndex(files, m.file), m.line, m.children.length);
    const children = m.children;
    for (let i = 0; i < children.length; i++) w.push(ids.menuId(children[i]!));
  }
}

function writeProps(w: IntWriter, enc: Encoder, ids: Numbering, files: Map<string, number>, strings: StringTable): boolean {
  for (const p of ids.props) {
    let ti = -1;
    if (p.text !== undefined) {
      if (p.text.includes('\0')) return false;
      ti = strings.add(p.text);
    }
    w.push4(PROP_KINDS.indexOf(p.kind), enc.ex(p.expr), enc.ex(p.visExpr), ti);
    w.push4(ids.menuId(p.menu), fileIndex(files, p.file), p.line, enc.sid(p.lo));
    w.push(enc.sid(p.hi));
    w.push(enc.sid(p.choice));
    w.push(p.members ? p.members.length : -1);
    if (p.members) for (const m of p.members) w.push(enc.sid(m));
  }
  return true;
}

function writeSymbolLinks(w: IntWriter, enc: Encoder, created: readonly KSymbol[], ids: Numbering): void {
  for (const s of created) {
    const n = storedCount(s.props, s.props.length);
    w.push4(enc.ex(s.dirDep), enc.ex(s.revDep), enc.ex(s.implied), n);
    for (let j = 0; j < n; j++) w.push(ids.symPropBase(s) + j);
    w.push(s.menus.length);
    for (let j = 0; j < s.menus.length; j++) w.push(ids.menuId(s.menus[j]!));
  }
}

// The name index a .config is read against (what SymbolTable.find answers), as an open-addressing table
// of symbol numbers + 1 by fnv1a, so that a resolve neither builds a Map of 17 000 names nor cuts
// each .config line's name out to look it up: [size, slots...].
function writeNameTable(w: IntWriter, created: readonly KSymbol[]): void {
  let size = 1024;
  while (size < created.length * 2) size *= 2;
  const slots = new Int32Array(size);
  const mask = size - 1;
  for (let i = 0; i < created.length; i++) {
    const s = created[i]!;
    if (s.flags & F_CONST || (s.name === '' && s.bucket === 0)) continue;
    const name = s.name;
    let h = fnv1a(name, 0, name.length) & mask;
    // the newest symbol of a name takes its slot
    for (;;) {
      const v = slots[h]!;
      if (v === 0 || created[v - 1 - CONSTS]!.name === name) break;
      h = (h + 1) & mask;
    }
    slots[h] = i + CONSTS + 1;
  }
  w.push(size);
  w.pushAll(slots);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

export interface DecodedHeader<T> {
  user: T;
  /** Decode the tree itself (fresh evaluation state); `files` become the tree's file list. */
  tree(files: string[]): KconfigTree;
  /** The tree as numbers, read in place (what resolve evaluates; see flat.ts). */
  flat(): FlatTree;
  /** The parse's warnings (a decoded tree has them too). */
  problems: KconfigTree['problems'];
}

// Read the header of a blob (cheap); undefined when it is not a snapshot of this format.
export function decodeSnapshot<T>(bytes: Uint8Array): DecodedHeader<T> | undefined {
  if (bytes.length < HEADER || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metaLen = view.getUint32(8, true);
  const strLen = view.getUint32(12, true);
  const intCount = view.getUint32(16, true);
  const intsAt = align4(HEADER + metaLen + strLen);
  if (intsAt + intCount * 4 !== bytes.length) return undefined;
  const dec = new TextDecoder();
  let meta: TreeMeta<T>;
  try {
    meta = JSON.parse(dec.decode(bytes.subarray(HEADER, HEADER + metaLen))) as TreeMeta<T>;
  } catch {
    return undefined;
  }
  const strings = (): Texts => {
    const asciiLen = view.getUint32(20, true);
    const at = HEADER + metaLen;
    return {
      ascii: dec.decode(bytes.subarray(at, at + asciiLen)).split('\0'),
      wide: asciiLen + 1 < strLen ? dec.decode(bytes.subarray(at + asciiLen + 1, at + strLen)).split('\0') : [],
    };
  };
  // NOTE: an Int32Array needs a 4-aligned offset; a buffer from a pool may not give one.
  const ints = (): Int32Array => {
    const off = bytes.byteOffset + intsAt;
    return off % 4 === 0 ? new Int32Array(bytes.buffer, off, intCount) : new Int32Array(bytes.slice(intsAt).buffer, 0, intCount);
  };
  return {
    user: meta.user,
    problems: meta.problems,
    tree: (files) => decodeTree(meta, strings(), ints(), files),
    flat: () => decodeFlat(meta, strings(), ints()),
  };
}

// The flat form: names and types by symbol number, and where each record starts in the int32s (one
// pass over them); nothing else is copied out of the blob.
function decodeFlat(meta: TreeMeta<unknown>, strings: Texts, I: Int32Array): FlatTree {
  const nSyms = I[0]!;
  const nProps = I[1]!;
  const nMenus = I[2]!;
  const nExprs = I[3]!;
  const count = nSyms + CONSTS;
  const names: string[] = new Array(count);
  const types = new Uint8Array(count);
  const flags = new Int32Array(count);
  const buckets = new Int32Array(count);
  names[0] = 'y';
  names[1] = 'm';
  names[2] = 'n';
  names[3] = '';
  types[0] = types[1] = types[2] = T_TRISTATE;
  flags[0] = flags[1] = flags[2] = flags[3] = F_CONST | F_VALID;
  let c = 4;
  for (let s = CONSTS; s < count; s++) {
    names[s] = textAt(strings, I[c]!);
    types[s] = I[c + 1]!;
    flags[s] = I[c + 2]!;
    buckets[s] = I[c + 3]!;
    c += 4;
  }
  const exprs = I.subarray(c, c + nExprs * 4);
  c += nExprs * 4;
  const menuAt = new Int32Array(nMenus);
  for (let m = 0; m < nMenus; m++) {
    menuAt[m] = c;
    c += MN_KIDS + 1 + I[c + MN_KIDS]!;
  }
  const propAt = new Int32Array(nProps);
  for (let p = 0; p < nProps; p++) {
    propAt[p] = c;
    const nm = I[c + PR_MEMBERS]!;
    c += PR_MEMBERS + 1 + (nm > 0 ? nm : 0);
  }
  const symAt = new Int32Array(count).fill(-1);
  const choiceOf = new Int32Array(count).fill(-1);
  const membersAt = new Int32Array(count).fill(-1);
  for (let s = CONSTS; s < count; s++) {
    symAt[s] = c;
    const np = I[c + 3]!;
    // A symbol's choice property (the first): its choice (for a member) and its members (for a choice).
    for (let j = 0; j < np; j++) {
      const pa = propAt[I[c + 4 + j]!]!;
      if (I[pa + PR_KIND] !== PK_CHOICE) continue;
      choiceOf[s] = I[pa + PR_CHOICE]!;
      if (I[pa + PR_MEMBERS]! >= 0) membersAt[s] = pa + PR_MEMBERS;
      break;
    }
    c += 4 + np;
    c += 1 + I[c]!;
  }
  const nameSlots = I.subarray(c + 1, c + 1 + I[c]!);
  return {
    count,
    names,
    types,
    flags,
    buckets,
    ints: I,
    exprs,
    symAt,
    propAt,
    menuAt,
    choiceOf,
    membersAt,
    nameSlots,
    modules: meta.modules < 0 ? 2 : meta.modules,
    text: (i) => textAt(strings, i),
  };
}


/** The blob's texts, numbered as StringTable numbers them. */
interface Texts {
  ascii: string[];
  wide: string[];
}

function textAt(t: Texts, i: number): string {
  return i >= WIDE ? t.wide[i - WIDE]! : t.ascii[i]!;
}

/** A cursor over the blob's int32s; each section decodes in its own function (own type feedback). */
interface Reader {
  I: Int32Array;
  c: number;
}

function decodeTree(meta: TreeMeta<unknown>, strings: Texts, I: Int32Array, files: string[]): KconfigTree {
  const r: Reader = { I, c: 4 };
  const nSyms = I[0]!;
  const types: SymbolType[] = new Array(nSyms);
  const table = decodeSymbols(r, nSyms, strings, types);
  const created = table.created();
  const syms: KSymbol[] = [table.yes, table.mod, table.no, table.empty, ...created];
  const exprs = decodeExprs(r, I[3]!, syms);
  const menus = decodeMenus(r, I[2]!, syms, exprs, meta.fileNames);
  const props = decodeProps(r, I[1]!, syms, exprs, menus.nodes, meta.fileNames, strings);
  linkMenus(menus, props);
  decodeSymbolLinks(r, created, exprs, props, menus.nodes);
  const ev = new Evaluator(table, meta.modules < 0 ? undefined : syms[meta.modules]);
  return { table, root: menus.nodes[0]!, ev, files, problems: meta.problems, messages: meta.messages, commands: meta.commands, env: new Map(meta.env) };
}

function decodeSymbols(r: Reader, n: number, strings: Texts, types: SymbolType[]): SymbolTable {
  const I = r.I;
  let c = r.c;
  const names: string[] = new Array(n);
  const flags = new Int32Array(n);
  const buckets = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    names[i] = textAt(strings, I[c]!);
    types[i] = SYMBOL_TYPES[I[c + 1]!]!;
    flags[i] = I[c + 2]!;
    buckets[i] = I[c + 3]!;
    c += 4;
  }
  r.c = c;
  return SymbolTable.restore(names, types, flags, buckets);
}

function decodeExprs(r: Reader, n: number, syms: KSymbol[]): Expr[] {
  const I = r.I;
  let c = r.c;
  const exprs: Expr[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = I[c]!;
    const a = I[c + 1]!;
    const b = I[c + 2]!;
    const d = I[c + 3]!;
    c += 4;
    // NOTE: the same four object shapes as the parser makes, so the evaluator sees the same maps either way.
    if (k === E_SYM) exprs[i] = { k: E_SYM, sym: syms[a]! };
    else if (k === E_NOT) exprs[i] = notExpr(exprs[a]!);
    else if (k === E_CMP) exprs[i] = { k: E_CMP, op: CMP_OPS[a]!, a: syms[b]!, b: syms[d]! };
    else exprs[i] = binExpr(k as typeof E_AND | typeof E_OR, exprs[a]!, exprs[b]!);
  }
  r.c = c;
  return exprs;
}

interface DecodedMenus {
  nodes: MenuNode[];
  prompts: Int32Array;
  /** Children of menu i: kids[kidStart[i] .. kidStart[i + 1]). */
  kids: Int32Array;
  kidStart: Int32Array;
}

function decodeMenus(r: Reader, n: number, syms: KSymbol[], exprs: Expr[], fileNames: string[]): DecodedMenus {
  const I = r.I;
  let c = r.c;
  const nodes: MenuNode[] = new Array(n);
  const prompts = new Int32Array(n);
  const kidStart = new Int32Array(n + 1);
  const kidList: number[] = [];
  for (let i = 0; i < n; i++) {
    const kind = MENU_KINDS[I[c + MN_KIND]!]!;
    const si = I[c + MN_SYM]!;
    prompts[i] = I[c + MN_PROMPT]!;
    const di = I[c + MN_DEP]!;
    const vi = I[c + MN_VIS]!;
    const file = fileNames[I[c + MN_FILE]!] ?? '';
    const line = I[c + MN_LINE]!;
    const nk = I[c + MN_KIDS]!;
    c += MN_KIDS + 1;
    kidStart[i] = kidList.length;
    for (let j = 0; j < nk; j++) kidList.push(I[c++]!);
    nodes[i] = {
      kind,
      sym: si < 0 ? undefined : syms[si],
      prompt: undefined,
      dep: di < 0 ? undefined : exprs[di],
      visibility: vi < 0 ? undefined : exprs[vi],
      children: EMPTY_MENUS,
      parent: undefined,
      file,
      line,
      help: undefined,
    };
  }
  kidStart[n] = kidList.length;
  r.c = c;
  return { nodes, prompts, kids: Int32Array.from(kidList), kidStart };
}

const EMPTY_MENUS: MenuNode[] = [];
const EMPTY_PROPS: Prop[] = [];

function decodeProps(r: Reader, n: number, syms: KSymbol[], exprs: Expr[], menus: MenuNode[], fileNames: string[], strings: Texts): Prop[] {
  const I = r.I;
  let c = r.c;
  const props: Prop[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ei = I[c + PR_EXPR]!;
    const vi = I[c + PR_VIS]!;
    const ti = I[c + PR_TEXT]!;
    const lo = I[c + PR_LO]!;
    const hi = I[c + PR_HI]!;
    const choice = I[c + PR_CHOICE]!;
    const nm = I[c + PR_MEMBERS]!;
    // NOTE: every property gets every field (unset ones undefined), so all share one hidden class.
    const p: Prop = {
      kind: PROP_KINDS[I[c + PR_KIND]!]!,
      expr: ei < 0 ? undefined : exprs[ei],
      visExpr: vi < 0 ? undefined : exprs[vi],
      visTri: 0,
      text: ti < 0 ? undefined : textAt(strings, ti),
      menu: menus[I[c + PR_MENU]!]!,
      file: fileNames[I[c + PR_FILE]!] ?? '',
      line: I[c + PR_LINE]!,
      lo: lo < 0 ? undefined : syms[lo],
      hi: hi < 0 ? undefined : syms[hi],
      members: undefined,
      choice: choice < 0 ? undefined : syms[choice],
    };
    c += PR_MEMBERS + 1;
    if (nm >= 0) {
      const members: KSymbol[] = new Array(nm);
      for (let j = 0; j < nm; j++) members[j] = syms[I[c++]!]!;
      p.members = members;
    }
    props[i] = p;
  }
  r.c = c;
  return props;
}

function linkMenus(menus: DecodedMenus, props: Prop[]): void {
  const { nodes, prompts, kids, kidStart } = menus;
  for (let i = 0; i < nodes.length; i++) {
    const m = nodes[i]!;
    const pi = prompts[i]!;
    if (pi >= 0) m.prompt = props[pi];
    const from = kidStart[i]!;
    const to = kidStart[i + 1]!;
    // NOTE: leaves keep the shared empty list (14 000 of 17 700 menus for Linux 6.1 x86): nothing after
    // finalising adds children, properties or menus, so a decoded tree shares its empty lists.
    if (from === to) continue;
    const children: MenuNode[] = new Array(to - from);
    for (let j = from; j < to; j++) {
      const child = nodes[kids[j]!]!;
      child.parent = m;
      children[j - from] = child;
    }
    m.children = children;
  }
}

function decodeSymbolLinks(r: Reader, created: readonly KSymbol[], exprs: Expr[], props: Prop[], menus: MenuNode[]): void {
  const I = r.I;
  let c = r.c;
  for (let i = 0; i < created.length; i++) {
    const sym = created[i]!;
    const d = I[c]!;
    const rv = I[c + 1]!;
    const im = I[c + 2]!;
    const np = I[c + 3]!;
    c += 4;
    sym.dirDep = d < 0 ? undefined : exprs[d];
    sym.revDep = rv < 0 ? undefined : exprs[rv];
    sym.implied = im < 0 ? undefined : exprs[im];
    if (np > 0) {
      const sp: Prop[] = new Array(np);
      for (let j = 0; j < np; j++) sp[j] = props[I[c++]!]!;
      sym.props = sp;
    } else sym.props = EMPTY_PROPS;
    const nm = I[c++]!;
    if (nm > 0) {
      const sm: MenuNode[] = new Array(nm);
      for (let j = 0; j < nm; j++) sm[j] = menus[I[c++]!]!;
      sym.menus = sm;
    } else sym.menus = EMPTY_MENUS;
  }
  r.c = c;
}
