// SPDX-License-Identifier: MIT
// A parsed, finalised tree as one compact binary blob, so a warm resolve skips lexing, parsing and
// finalising. Objects are numbered (symbols in creation order, expressions post-order and shared as in
// memory, menus in tree order, properties in symbol order). The blob is a small JSON header (whatever
// the caller needs to decide whether the blob is still current, plus the tree's few small lists), one
// string table and one run of int32s read front to back. Help texts are left out: nothing after parsing
// reads them.
//
// NOTE: JSON for the whole tree (≈7 MB, 200 000 small arrays) cost more to parse and turn back into
// objects than resolving itself; this layout decodes in a single pass over an Int32Array.
import type { KconfigTree } from './index.js';
import { Evaluator } from './evaluate.js';
import { E_CMP, E_NOT, E_SYM, type E_AND, type E_OR, type CmpOp, type Expr, type KSymbol, type MenuKind, type MenuNode, type Prop, type PropKind, type SymbolType } from './model.js';
import { SymbolTable } from './symbols.js';

const MAGIC = 'MYKTREE3';
const HEADER = 24;
const CONSTS = 4;
const SYMBOL_TYPES: readonly SymbolType[] = ['unknown', 'bool', 'tristate', 'int', 'hex', 'string'];
const PROP_KINDS: readonly PropKind[] = ['symbol', 'prompt', 'menu', 'comment', 'default', 'select', 'imply', 'range', 'choice'];
const MENU_KINDS: readonly MenuKind[] = ['root', 'config', 'menuconfig', 'choice', 'menu', 'comment', 'if'];
const CMP_OPS: readonly CmpOp[] = ['=', '!=', '<', '<=', '>', '>='];

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
  // A symbol's number: its creation index (seq) after the four constants.
  const consts = [t.yes, t.mod, t.no, t.empty];
  const sid = (s: KSymbol | undefined): number => (!s ? -1 : s.seq >= 0 ? s.seq + CONSTS : consts.indexOf(s));
  if (created.some((s, i) => s.seq !== i)) return undefined;
  const strings: string[] = [];
  const str = (s: string | undefined): number => {
    if (s === undefined) return -1;
    strings.push(s);
    return strings.length - 1;
  };
  const fileIdx = new Map<string, number>();
  const file = (f: string): number => {
    let i = fileIdx.get(f);
    if (i === undefined) fileIdx.set(f, (i = fileIdx.size));
    return i;
  };
  const exprId = new Map<Expr, number>();
  const exprInts: number[] = [];
  const exprByKey = new Map<number, number>();
  const ex = (e: Expr | undefined): number => {
    if (!e) return -1;
    const known = exprId.get(e);
    if (known !== undefined) return known;
    let k: number = e.k;
    let a = 0;
    let b = 0;
    let c = 0;
    if (e.k === E_SYM) a = sid(e.sym);
    else if (e.k === E_NOT) a = ex(e.e);
    else if (e.k === E_CMP) {
      a = CMP_OPS.indexOf(e.op);
      b = sid(e.a);
      c = sid(e.b);
    } else {
      k = e.k;
      a = ex(e.l);
      b = ex(e.r);
    }
    // Equal expressions become one object (127 000 → 52 000 for Linux 6.1 x86): expressions are never
    // mutated and nothing tells them apart by identity, so sharing changes no result.
    // NOTE: a number key (ids < 2^21, op < 8): string keys made encoding the slowest part of a cold run.
    const key = k === E_CMP ? ((k * 8 + a) * 0x200000 + b + 1) * 0x200000 + c + 1 : (k * 8 * 0x200000 + a + 1) * 0x200000 + b + 1;
    let id = exprByKey.get(key);
    if (id === undefined) {
      id = exprInts.length / 4;
      exprByKey.set(key, id);
      exprInts.push(k, a, b, c);
    }
    exprId.set(e, id);
    return id;
  };
  const menuId = new Map<MenuNode, number>();
  const menuList: MenuNode[] = [];
  const walk = (m: MenuNode): void => {
    menuId.set(m, menuList.length);
    menuList.push(m);
    for (const c of m.children) walk(c);
  };
  walk(tree.root);
  for (const s of created) for (const m of s.menus) if (!menuId.has(m)) walk(m);
  const propId = new Map<Prop, number>();
  const propList: Prop[] = [];
  const addProp = (p: Prop | undefined): void => {
    if (p && !propId.has(p)) {
      propId.set(p, propList.length);
      propList.push(p);
    }
  };
  for (const s of created) for (const p of s.props) addProp(p);
  for (const m of menuList) addProp(m.prompt);

  const ints: number[] = [created.length, propList.length, menuList.length, 0];
  for (const s of created) ints.push(str(s.name), SYMBOL_TYPES.indexOf(s.type), s.flags, s.bucket);
  // Expressions are numbered while the rest is written; their block goes in front when all are known.
  // NOTE: one function per loop, so each is optimised on its own feedback (one long function was
  // deoptimised again at every new loop).
  const rest: number[] = [];
  function writeMenus(): void {
    for (const m of menuList) {
      rest.push(MENU_KINDS.indexOf(m.kind), sid(m.sym), m.prompt ? propId.get(m.prompt)! : -1, ex(m.dep), ex(m.visibility), file(m.file), m.line, m.children.length);
      for (const c of m.children) rest.push(menuId.get(c)!);
    }
  }
  function writeProps(): void {
    for (const p of propList) {
      rest.push(PROP_KINDS.indexOf(p.kind), ex(p.expr), ex(p.visExpr), str(p.text), menuId.get(p.menu)!, file(p.file), p.line, sid(p.lo), sid(p.hi), sid(p.choice), p.members ? p.members.length : -1);
      if (p.members) for (const m of p.members) rest.push(sid(m));
    }
  }
  function writeSymbolLinks(): void {
    for (const s of created) {
      rest.push(ex(s.dirDep), ex(s.revDep), ex(s.implied), s.props.length);
      for (const p of s.props) rest.push(propId.get(p)!);
      rest.push(s.menus.length);
      for (const m of s.menus) rest.push(menuId.get(m)!);
    }
  }
  writeMenus();
  writeProps();
  writeSymbolLinks();
  ints[3] = exprInts.length / 4;
  if (ints[3]! >= 0x1fffff || created.length >= 0x1fffff || strings.some((s) => s.includes('\0'))) return undefined;

  const meta: TreeMeta<T> = {
    user,
    modules: tree.ev.modulesSym === t.no ? -1 : sid(tree.ev.modulesSym),
    messages: tree.messages,
    problems: tree.problems,
    commands: tree.commands,
    env: [...tree.env],
    fileNames: [...fileIdx.keys()],
  };
  const enc = new TextEncoder();
  const metaBytes = enc.encode(JSON.stringify(meta));
  const strBytes = enc.encode(strings.join('\0'));
  const intCount = ints.length + exprInts.length + rest.length;
  const intsAt = align4(HEADER + metaBytes.length + strBytes.length);
  const out = new Uint8Array(intsAt + intCount * 4);
  out.set(enc.encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, metaBytes.length, true);
  view.setUint32(12, strBytes.length, true);
  view.setUint32(16, intCount, true);
  out.set(metaBytes, HEADER);
  out.set(strBytes, HEADER + metaBytes.length);
  const i32 = new Int32Array(out.buffer, intsAt, intCount);
  i32.set(ints, 0);
  i32.set(exprInts, ints.length);
  i32.set(rest, ints.length + exprInts.length);
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

export interface DecodedHeader<T> {
  user: T;
  /** Decode the tree itself (fresh evaluation state); `files` become the tree's file list. */
  tree(files: string[]): KconfigTree;
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
  return {
    user: meta.user,
    tree: (files) => {
      const strings = dec.decode(bytes.subarray(HEADER + metaLen, HEADER + metaLen + strLen)).split('\0');
      // NOTE: an Int32Array needs a 4-aligned offset; a buffer from a pool may not give one.
      const at = bytes.byteOffset + intsAt;
      const ints = at % 4 === 0 ? new Int32Array(bytes.buffer, at, intCount) : new Int32Array(bytes.slice(intsAt).buffer, 0, intCount);
      return decodeTree(meta, strings, ints, files);
    },
  };
}


/** A cursor over the blob's int32s; each section decodes in its own function (own type feedback). */
interface Reader {
  I: Int32Array;
  c: number;
}

function decodeTree(meta: TreeMeta<unknown>, strings: string[], I: Int32Array, files: string[]): KconfigTree {
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
  decodeSymbolLinks(r, created, types, exprs, props, menus.nodes);
  const ev = new Evaluator(table, meta.modules < 0 ? undefined : syms[meta.modules]);
  return { table, root: menus.nodes[0]!, ev, files, problems: meta.problems, messages: meta.messages, commands: meta.commands, env: new Map(meta.env) };
}

function decodeSymbols(r: Reader, n: number, strings: string[], types: SymbolType[]): SymbolTable {
  const I = r.I;
  let c = r.c;
  const names: string[] = new Array(n);
  const flags: number[] = new Array(n);
  const buckets: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    names[i] = strings[I[c]!]!;
    types[i] = SYMBOL_TYPES[I[c + 1]!]!;
    flags[i] = I[c + 2]!;
    buckets[i] = I[c + 3]!;
    c += 4;
  }
  r.c = c;
  return SymbolTable.restore(names, flags, buckets);
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
    else if (k === E_NOT) exprs[i] = { k: E_NOT, e: exprs[a]! };
    else if (k === E_CMP) exprs[i] = { k: E_CMP, op: CMP_OPS[a]!, a: syms[b]!, b: syms[d]! };
    else exprs[i] = { k: k as typeof E_AND | typeof E_OR, l: exprs[a]!, r: exprs[b]! };
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
    const kind = MENU_KINDS[I[c]!]!;
    const si = I[c + 1]!;
    prompts[i] = I[c + 2]!;
    const di = I[c + 3]!;
    const vi = I[c + 4]!;
    const file = fileNames[I[c + 5]!] ?? '';
    const line = I[c + 6]!;
    const nk = I[c + 7]!;
    c += 8;
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

function decodeProps(r: Reader, n: number, syms: KSymbol[], exprs: Expr[], menus: MenuNode[], fileNames: string[], strings: string[]): Prop[] {
  const I = r.I;
  let c = r.c;
  const props: Prop[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ei = I[c + 1]!;
    const vi = I[c + 2]!;
    const ti = I[c + 3]!;
    const lo = I[c + 7]!;
    const hi = I[c + 8]!;
    const choice = I[c + 9]!;
    const nm = I[c + 10]!;
    // NOTE: every property gets every field (unset ones undefined), so all share one hidden class.
    const p: Prop = {
      kind: PROP_KINDS[I[c]!]!,
      expr: ei < 0 ? undefined : exprs[ei],
      visExpr: vi < 0 ? undefined : exprs[vi],
      visTri: 0,
      text: ti < 0 ? undefined : strings[ti],
      menu: menus[I[c + 4]!]!,
      file: fileNames[I[c + 5]!] ?? '',
      line: I[c + 6]!,
      lo: lo < 0 ? undefined : syms[lo],
      hi: hi < 0 ? undefined : syms[hi],
      members: undefined,
      choice: choice < 0 ? undefined : syms[choice],
    };
    c += 11;
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
    if (from === to) {
      m.children = [];
      continue;
    }
    const children: MenuNode[] = new Array(to - from);
    for (let j = from; j < to; j++) {
      const child = nodes[kids[j]!]!;
      child.parent = m;
      children[j - from] = child;
    }
    m.children = children;
  }
}

function decodeSymbolLinks(r: Reader, created: readonly KSymbol[], types: SymbolType[], exprs: Expr[], props: Prop[], menus: MenuNode[]): void {
  const I = r.I;
  let c = r.c;
  for (let i = 0; i < created.length; i++) {
    const sym = created[i]!;
    sym.type = types[i]!;
    const d = I[c]!;
    const rv = I[c + 1]!;
    const im = I[c + 2]!;
    const np = I[c + 3]!;
    c += 4;
    sym.dirDep = d < 0 ? undefined : exprs[d];
    sym.revDep = rv < 0 ? undefined : exprs[rv];
    sym.implied = im < 0 ? undefined : exprs[im];
    const sp: Prop[] = new Array(np);
    for (let j = 0; j < np; j++) sp[j] = props[I[c++]!]!;
    sym.props = sp;
    const nm = I[c++]!;
    const sm: MenuNode[] = new Array(nm);
    for (let j = 0; j < nm; j++) sm[j] = menus[I[c++]!]!;
    sym.menus = sm;
  }
  r.c = c;
}
