// SPDX-License-Identifier: MIT
// After parsing: propagate menu/if/choice dependencies into every entry and property, build the
// reverse dependencies of select and imply, type and collect choice members, and flatten if-blocks.
// Mirrors what the kernel's menu finalisation computes (its simplifications that do not change
// values are left out).
import {
  E_AND,
  E_CMP,
  E_NOT,
  E_OR,
  E_SYM,
  F_CHOICE,
  F_CHOICEVAL,
  F_OPTIONAL,
  binExpr,
  exprAnd,
  exprOr,
  notExpr,
  symExpr,
  type Expr,
  type KSymbol,
  type MenuNode,
  type Prop,
} from './model.js';
import type { SymbolTable } from './symbols.js';

export interface FinalizeWarning {
  file: string;
  line: number;
  message: string;
}

export class Finalizer {
  readonly warnings: FinalizeWarning[] = [];

  constructor(
    private readonly table: SymbolTable,
    private readonly modulesSym: KSymbol,
  ) {}

  // `m` alone means "m if modules are enabled".
  private rewriteM(e: Expr | undefined): Expr | undefined {
    if (!e) return e;
    switch (e.k) {
      case E_NOT:
        return notExpr(this.rewriteM(e.e)!);
      case E_AND:
      case E_OR:
        return binExpr(e.k, this.rewriteM(e.l)!, this.rewriteM(e.r)!);
      case E_SYM:
        return e.sym === this.table.mod ? binExpr(E_AND, e, symExpr(this.modulesSym)) : e;
      default:
        return e;
    }
  }

  // The kernel's normalisation of comparisons on bool symbols and of negations (value-preserving,
  // but it fixes the order in which symbols are evaluated).
  private transform(e: Expr | undefined): Expr | undefined {
    if (!e) return e;
    if (e.k === E_AND || e.k === E_OR) e = binExpr(e.k, this.transform(e.l)!, this.transform(e.r)!);
    else if (e.k === E_NOT) e = notExpr(this.transform(e.e)!);
    const { yes, mod, no } = this.table;
    if (e.k === E_CMP && (e.op === '=' || e.op === '!=') && e.a.type === 'bool') {
      const eq = e.op === '=';
      if (e.b === no) return eq ? notExpr(symExpr(e.a)) : symExpr(e.a);
      if (e.b === mod) return symExpr(eq ? no : yes);
      if (e.b === yes) return eq ? symExpr(e.a) : notExpr(symExpr(e.a));
      return e;
    }
    if (e.k !== E_NOT) return e;
    const x = e.e;
    switch (x.k) {
      case E_NOT:
        return this.transform(x.e);
      case E_CMP: {
        const flip = { '=': '!=', '!=': '=', '<=': '>', '>=': '<', '<': '>=', '>': '<=' } as const;
        return { k: E_CMP, op: flip[x.op], a: x.a, b: x.b };
      }
      case E_OR:
      case E_AND:
        return this.transform(binExpr(x.k === E_OR ? E_AND : E_OR, notExpr(x.l), notExpr(x.r)));
      case E_SYM:
        if (x.sym === yes) return symExpr(no);
        if (x.sym === mod) return symExpr(mod);
        if (x.sym === no) return symExpr(yes);
        return e;
    }
    return e;
  }

  private propsOf(node: MenuNode): Prop[] {
    if (node.sym) return node.sym.props.filter((p) => p.menu === node);
    return node.prompt ? [node.prompt] : [];
  }

  finalize(parent: MenuNode): void {
    const sym = parent.sym;
    const isChoice = sym !== undefined && (sym.flags & F_CHOICE) !== 0;
    if (parent.children.length > 0) {
      let parentDep: Expr | undefined;
      if (isChoice) {
        if (sym.type === 'unknown') {
          const typed = parent.children.find((c) => c.sym && c.sym.type !== 'unknown');
          if (typed) sym.type = typed.sym!.type;
        }
        for (const c of parent.children) if (c.sym && c.sym.type === 'unknown') c.sym.type = sym.type;
        parentDep = symExpr(sym);
      } else parentDep = parent.dep;

      for (const node of parent.children) {
        const baseDep = exprAnd(parentDep, this.transform(this.rewriteM(node.dep)));
        node.dep = baseDep;
        for (const p of this.propsOf(node)) {
          const dep = exprAnd(baseDep, this.transform(this.rewriteM(p.visExpr)));
          p.visExpr = dep;
          if ((p.kind === 'select' || p.kind === 'imply') && p.expr?.k === E_SYM && node.sym) {
            const target = p.expr.sym;
            const d: Expr = dep ? binExpr(E_AND, symExpr(node.sym), dep) : symExpr(node.sym);
            if (p.kind === 'select') target.revDep = exprOr(target.revDep, d);
            else target.implied = exprOr(target.implied, d);
          }
        }
      }
      for (const node of parent.children) this.finalize(node);
    } else if (sym) {
      sym.dirDep = exprOr(sym.dirDep, parent.dep);
    }

    // if-blocks (no prompt) only add dependencies: lift their entries into this level.
    const queue = parent.children;
    const flat: MenuNode[] = [];
    const visit = (node: MenuNode): void => {
      flat.push(node);
      if (isChoice && node.sym && !(node.sym.flags & F_CHOICEVAL)) this.addChoiceMember(sym, node);
      if (node.children.length > 0 && (!node.prompt || node.prompt.text === undefined)) {
        const lifted = node.children;
        node.children = [];
        for (const c of lifted) {
          c.parent = parent;
          visit(c);
        }
      }
    };
    for (const node of queue) visit(node);
    parent.children = flat;

    if (sym && !(sym.flags & F_OPTIONAL) && parent.prompt) {
      const vis = parent.prompt.visExpr;
      const mod = symExpr(this.table.mod);
      sym.revDep = exprOr(sym.revDep, vis ? binExpr(E_AND, vis, mod) : mod);
    }
  }

  private addChoiceMember(choice: KSymbol, node: MenuNode): void {
    const member = node.sym!;
    member.flags |= F_CHOICEVAL;
    if (!node.prompt) this.warnings.push({ file: node.file, line: node.line, message: 'choice value must have a prompt' });
    // A bool member of a tristate choice is only available when the choice is y.
    if (choice.type === 'tristate' && member.type !== 'tristate') {
      const baseDep: Expr = { k: E_CMP, op: '=', a: choice, b: this.table.yes };
      node.dep = exprAnd(baseDep, node.dep);
      for (const p of member.props) if (p.menu === node) p.visExpr = exprAnd(baseDep, p.visExpr);
    }
    member.props.push({ kind: 'choice', expr: symExpr(choice), visExpr: undefined, visTri: 0, text: undefined, menu: node, file: node.file, line: node.line, choice });
    for (const p of choice.props) {
      if (p.kind === 'choice') {
        p.members!.push(member);
        break;
      }
    }
  }
}
