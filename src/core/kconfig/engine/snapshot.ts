// SPDX-License-Identifier: MIT
// A parsed, finalised tree as plain JSON data, so a warm resolve can skip lexing and parsing. Objects
// are numbered (symbols in creation order, expressions post-order and shared as in memory). Help texts
// are left out: nothing after parsing reads them.
import type { KconfigTree } from './index.js';
import { Evaluator } from './evaluate.js';
import { E_AND, E_CMP, E_NOT, E_OR, E_SYM, type CmpOp, type Expr, type KSymbol, type MenuKind, type MenuNode, type Prop, type PropKind, type SymbolType } from './model.js';
import { SymbolTable } from './symbols.js';

type Id = number;
/** [kind, a, b?, c?]: sym [0, s]; not [1, e]; and/or [2|3, l, r]; cmp [4, op, a, b]. */
type ExprRow = [number, Id | string, Id?, Id?];

export interface TreeSnapshot {
  version: 1;
  files: string[];
  syms: [string, SymbolType, number, number, Id | null, Id | null, Id | null][];
  props: [PropKind, Id | null, Id | null, string | null, Id, number, number, Id | null, Id | null, Id[] | null, Id | null][];
  menus: [MenuKind, Id | null, Id | null, Id | null, Id | null, Id[], number, number, string | null][];
  exprs: ExprRow[];
  symProps: Id[][];
  symMenus: Id[][];
  modules: Id | null;
  messages: KconfigTree['messages'];
  problems: KconfigTree['problems'];
  commands: string[];
  env: [string, string][];
}

const CONSTS = 4;

export function snapshotTree(tree: KconfigTree): TreeSnapshot {
  const t = tree.table;
  const consts = [t.yes, t.mod, t.no, t.empty];
  const symId = new Map<KSymbol, Id>(consts.map((s, i) => [s, i]));
  const created = t.created();
  created.forEach((s, i) => symId.set(s, i + CONSTS));
  const exprId = new Map<Expr, Id>();
  const exprs: ExprRow[] = [];
  const ex = (e: Expr | undefined): Id | null => {
    if (!e) return null;
    const known = exprId.get(e);
    if (known !== undefined) return known;
    let row: ExprRow;
    if (e.k === E_SYM) row = [E_SYM, symId.get(e.sym)!];
    else if (e.k === E_NOT) row = [E_NOT, ex(e.e)!];
    else if (e.k === E_CMP) row = [E_CMP, e.op, symId.get(e.a)!, symId.get(e.b)!];
    else row = [e.k, ex(e.l)!, ex(e.r)!];
    exprId.set(e, exprs.length);
    exprs.push(row);
    return exprs.length - 1;
  };
  const fileIdx = new Map<string, number>();
  const file = (f: string): number => {
    let i = fileIdx.get(f);
    if (i === undefined) fileIdx.set(f, (i = fileIdx.size));
    return i;
  };
  const menuId = new Map<MenuNode, Id>();
  const menuList: MenuNode[] = [];
  const walk = (m: MenuNode): void => {
    menuId.set(m, menuList.length);
    menuList.push(m);
    for (const c of m.children) walk(c);
  };
  walk(tree.root);
  for (const s of created) for (const m of s.menus) if (!menuId.has(m)) walk(m);
  const propId = new Map<Prop, Id>();
  const propList: Prop[] = [];
  const addProp = (p: Prop | undefined): void => {
    if (p && !propId.has(p)) {
      propId.set(p, propList.length);
      propList.push(p);
    }
  };
  for (const s of created) for (const p of s.props) addProp(p);
  for (const m of menuList) addProp(m.prompt);
  const sid = (s: KSymbol | undefined): Id | null => (s ? symId.get(s)! : null);
  const snap: TreeSnapshot = {
    version: 1,
    files: [],
    syms: created.map((s) => [s.name, s.type, s.flags, s.bucket, ex(s.dirDep), ex(s.revDep), ex(s.implied)]),
    props: propList.map((p) => [p.kind, ex(p.expr), ex(p.visExpr), p.text ?? null, menuId.get(p.menu)!, file(p.file), p.line, sid(p.lo), sid(p.hi), p.members ? p.members.map((m) => symId.get(m)!) : null, sid(p.choice)]),
    menus: menuList.map((m) => [m.kind, sid(m.sym), m.prompt ? propId.get(m.prompt)! : null, ex(m.dep), ex(m.visibility), m.children.map((c) => menuId.get(c)!), file(m.file), m.line, null]),
    exprs,
    symProps: created.map((s) => s.props.map((p) => propId.get(p)!)),
    symMenus: created.map((s) => s.menus.map((m) => menuId.get(m)!)),
    modules: tree.ev.modulesSym === t.no ? null : sid(tree.ev.modulesSym),
    messages: tree.messages,
    problems: tree.problems,
    commands: tree.commands,
    env: [...tree.env],
  };
  snap.files = [...fileIdx.keys()];
  return snap;
}

// Rebuild a tree from a snapshot (fresh evaluation state).
export function restoreTree(snap: TreeSnapshot, files: string[]): KconfigTree {
  const names = snap.syms.map((r) => r[0]);
  const table = SymbolTable.restore(names, snap.syms.map((r) => r[2]), snap.syms.map((r) => r[3]));
  const created = table.created();
  const t = table;
  const syms: KSymbol[] = [t.yes, t.mod, t.no, t.empty, ...created];
  const exprs: Expr[] = new Array(snap.exprs.length);
  snap.exprs.forEach((r, i) => {
    switch (r[0]) {
      case E_SYM:
        exprs[i] = { k: E_SYM, sym: syms[r[1] as Id]! };
        break;
      case E_NOT:
        exprs[i] = { k: E_NOT, e: exprs[r[1] as Id]! };
        break;
      case E_CMP:
        exprs[i] = { k: E_CMP, op: r[1] as CmpOp, a: syms[r[2]!]!, b: syms[r[3]!]! };
        break;
      default:
        exprs[i] = { k: r[0] as typeof E_AND | typeof E_OR, l: exprs[r[1] as Id]!, r: exprs[r[2]!]! };
    }
  });
  const x = (id: Id | null): Expr | undefined => (id === null ? undefined : exprs[id]);
  const menus: MenuNode[] = snap.menus.map((r) => ({
    kind: r[0],
    sym: r[1] === null ? undefined : syms[r[1]],
    prompt: undefined,
    dep: x(r[3]),
    visibility: x(r[4]),
    children: [],
    parent: undefined,
    file: snap.files[r[6]] ?? '',
    line: r[7],
    help: r[8] ?? undefined,
  }));
  const props: Prop[] = snap.props.map((r) => {
    const p: Prop = { kind: r[0], expr: x(r[1]), visExpr: x(r[2]), visTri: 0, text: r[3] ?? undefined, menu: menus[r[4]]!, file: snap.files[r[5]] ?? '', line: r[6] };
    if (r[7] !== null) p.lo = syms[r[7]];
    if (r[8] !== null) p.hi = syms[r[8]];
    if (r[9] !== null) p.members = r[9].map((i) => syms[i]!);
    if (r[10] !== null) p.choice = syms[r[10]];
    return p;
  });
  snap.menus.forEach((r, i) => {
    const m = menus[i]!;
    if (r[2] !== null) m.prompt = props[r[2]];
    m.children = r[5].map((c) => menus[c]!);
    for (const c of m.children) c.parent = m;
  });
  created.forEach((s, i) => {
    const r = snap.syms[i]!;
    s.type = r[1];
    s.dirDep = x(r[4]);
    s.revDep = x(r[5]);
    s.implied = x(r[6]);
    s.props = snap.symProps[i]!.map((p) => props[p]!);
    s.menus = snap.symMenus[i]!.map((m) => menus[m]!);
  });
  const ev = new Evaluator(table, snap.modules === null ? undefined : syms[snap.modules]);
  return { table, root: menus[0]!, ev, files, problems: snap.problems, messages: snap.messages, commands: snap.commands, env: new Map(snap.env) };
}
