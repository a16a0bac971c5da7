// SPDX-License-Identifier: MIT
// What the kernel's build takes from an architecture's Makefile before any .config exists: the default
// configuration `make ARCH=... defconfig` starts from (KBUILD_DEFCONFIG), and SUBARCH / HEADER_ARCH for
// user-mode Linux. A small evaluator of the make these lines are written in: conditionals (ifeq, ifneq,
// ifdef, ifndef, else, endif), variable assignments, $(VAR), and the functions they use for this (shell
// uname -m, if, filter, subst). Anything else it meets on the way to the answer makes it give up
// (undefined), and the caller says so.

/** The variables make has when it reads arch/$(SRCARCH)/Makefile for a config target. */
export interface ArchMakeVars {
  ARCH: string;
  SRCARCH: string;
  SUBARCH: string;
  /** `uname -m` of the host (what `$(shell uname -m)` prints). */
  machine: string;
  /** Further variables from the environment or the command line (CROSS_COMPILE, ...). */
  env?: Record<string, string | undefined>;
}

class Unsupported extends Error {}

interface Variable {
  value: string;
  /** `=`: expanded where it is used; `:=`: already expanded. */
  recursive: boolean;
  /** Its value needs make this evaluator does not have. */
  unknown?: boolean;
}

// The value of KBUILD_DEFCONFIG after reading the Makefile's text; 'defconfig' when it sets none (the
// kconfig Makefile's default); undefined when the way there needs make this evaluator does not have.
export function kbuildDefconfig(makefile: string, vars: ArchMakeVars): string | undefined {
  try {
    const state = readMakefile(makefile, vars);
    const v = state.get('KBUILD_DEFCONFIG');
    if (!v) return 'defconfig';
    if (v.unknown) return undefined;
    const value = (v.recursive ? expand(v.value, state, vars, 0) : v.value).trim();
    return value === '' ? 'defconfig' : value;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

// SUBARCH as the kernel's scripts/subarch.include derives it from `uname -m`.
export function hostSubarch(machine: string): string {
  const rules: [RegExp, string][] = [
    [/i.86/, 'x86'],
    [/x86_64/, 'x86'],
    [/sun4u/, 'sparc64'],
    [/arm.*/, 'arm'],
    [/sa110/, 'arm'],
    [/s390x/, 's390'],
    [/ppc.*/, 'powerpc'],
    [/mips.*/, 'mips'],
    [/sh[234].*/, 'sh'],
    [/aarch64.*/, 'arm64'],
    [/riscv.*/, 'riscv'],
    [/loongarch.*/, 'loongarch'],
  ];
  // NOTE: sed -e s/A/B/ -e ...: each rule in turn on the result of the one before, first match only.
  let out = machine;
  for (const [re, to] of rules) out = out.replace(re, to);
  return out;
}

// SUBARCH as make has it: from the environment, else from the host's `uname -m`.
export function subarchOf(env: Record<string, string | undefined>, machine: string): string {
  return env.SUBARCH || hostSubarch(machine);
}

// arch/um/Makefile: the headers of user-mode Linux come from the host architecture's folder.
export function umHeaderArch(subarch: string): string {
  return subarch === 'x86' || subarch === 'x86_64' || subarch === 'i386' ? 'x86' : subarch;
}

// Read the Makefile's top level: conditionals and assignments (rules, recipes and includes are skipped).
// A variable whose value needs make this evaluator lacks (`$(call cc-option,...)`, say), or that is set in
// a branch whose condition does, is unknown: only reading it gives up.
function readMakefile(text: string, vars: ArchMakeVars): Map<string, Variable> {
  const state = new Map<string, Variable>();
  // each open conditional: its current branch (taken, not taken, or unknown) and whether one was taken
  const stack: { branch: Tri; done: Tri }[] = [];
  const active = (): Tri => {
    let out: Tri = YES;
    for (const c of stack) {
      if (c.branch === NO) return NO;
      if (c.branch === UNKNOWN) out = UNKNOWN;
    }
    return out;
  };
  const test = (word: string, rest: string): Tri => {
    try {
      return condition(word, rest, state, vars) ? YES : NO;
    } catch (e) {
      if (e instanceof Unsupported) return UNKNOWN;
      throw e;
    }
  };
  let inRecipe = false;
  let inDefine = false;
  for (const raw of logicalLines(text)) {
    if (inRecipe && raw.startsWith('\t')) continue;
    inRecipe = false;
    // a `define NAME ... endef` block is one variable's text, not make
    if (inDefine) {
      if (/^\s*endef\b/.test(raw)) inDefine = false;
      continue;
    }
    const line = stripComment(raw).trim();
    if (line === '') continue;
    if (/^(?:override\s+|export\s+)?define\s/.test(line)) {
      inDefine = true;
      continue;
    }
    const directive = /^(ifeq|ifneq|ifdef|ifndef|else|endif)\b\s*(.*)$/.exec(line);
    if (directive) {
      const [, word, rest] = directive;
      if (word === 'endif') {
        stack.pop();
        continue;
      }
      if (word === 'else') {
        const top = stack[stack.length - 1];
        if (!top) continue;
        const chained = /^(ifeq|ifneq|ifdef|ifndef)\b\s*(.*)$/.exec(rest!);
        const cond = chained ? test(chained[1]!, chained[2]!) : YES;
        // taken when no earlier branch was and its own condition holds
        top.branch = top.done === YES ? NO : top.done === NO ? cond : cond === NO ? NO : UNKNOWN;
        top.done = triOr(top.done, cond);
        continue;
      }
      const cond = test(word!, rest!);
      stack.push({ branch: cond, done: cond });
      continue;
    }
    const where = active();
    if (where === NO) continue;
    const assign = /^(?:override\s+|export\s+)?([A-Za-z0-9_.-]+)\s*(:::=|::=|:=|\?=|\+=|=)\s*(.*)$/.exec(line);
    if (assign) {
      const [, name, op, value] = assign;
      if (where === UNKNOWN) state.set(name!, { value: '', recursive: false, unknown: true });
      else assignVariable(state, vars, name!, op!, value!);
      continue;
    }
    // a rule: its recipe lines (starting with a tab) are shell, not make
    if (/^[^\s=]+(\s+[^\s=]+)*\s*::?(?!=)/.test(line)) inRecipe = true;
  }
  return state;
}

type Tri = 0 | 1 | 2;
const NO: Tri = 0;
const YES: Tri = 1;
const UNKNOWN: Tri = 2;

function triOr(a: Tri, b: Tri): Tri {
  if (a === YES || b === YES) return YES;
  return a === NO && b === NO ? NO : UNKNOWN;
}

function assignVariable(state: Map<string, Variable>, vars: ArchMakeVars, name: string, op: string, value: string): void {
  const old = state.get(name);
  try {
    if (op === '?=') {
      if (!old && vars.env?.[name] === undefined) state.set(name, { value, recursive: true });
    } else if (op === '+=') {
      if (old?.unknown) return;
      const add = old && !old.recursive ? expand(value, state, vars, 0) : value;
      state.set(name, { value: old ? `${old.value} ${add}` : add, recursive: old ? old.recursive : true });
    } else if (op === '=') {
      state.set(name, { value, recursive: true });
    } else {
      state.set(name, { value: expand(value, state, vars, 0), recursive: false });
    }
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    state.set(name, { value: '', recursive: false, unknown: true });
  }
}

// Lines with backslash continuations joined (make joins them with one space).
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let acc: string | undefined;
  for (const line of text.split('\n')) {
    const cont = /(^|[^\\])(\\\\)*\\$/.test(line);
    const part = cont ? line.slice(0, -1) : line;
    acc = acc === undefined ? part : `${acc.trimEnd()} ${part.trimStart()}`;
    if (!cont) {
      out.push(acc);
      acc = undefined;
    }
  }
  if (acc !== undefined) out.push(acc);
  return out;
}

function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '#') return line.slice(0, i);
  }
  return line;
}

function condition(word: string, rest: string, state: Map<string, Variable>, vars: ArchMakeVars): boolean {
  if (word === 'ifdef' || word === 'ifndef') {
    const name = expand(rest.trim(), state, vars, 0).trim();
    const v = state.get(name);
    if (v?.unknown) throw new Unsupported(`$(${name})`);
    const defined = v ? v.value !== '' : (vars.env?.[name] ?? '') !== '';
    return word === 'ifdef' ? defined : !defined;
  }
  const args = conditionArgs(rest.trim());
  const a = expand(args[0], state, vars, 0);
  const b = expand(args[1], state, vars, 0);
  return word === 'ifeq' ? a === b : a !== b;
}

// `(a,b)`, `'a' 'b'` or `"a" "b"`.
function conditionArgs(s: string): [string, string] {
  if (s.startsWith('(') && s.endsWith(')')) {
    const inner = s.slice(1, -1);
    const comma = topLevelComma(inner, 0);
    if (comma < 0) throw new Unsupported(`condition ${s}`);
    // NOTE: make strips the whitespace around both arguments of the parenthesised form
    return [inner.slice(0, comma).trim(), inner.slice(comma + 1).trim()];
  }
  const m = /^(['"])(.*?)\1\s+(['"])(.*?)\3$/.exec(s);
  if (!m) throw new Unsupported(`condition ${s}`);
  return [m[2]!, m[4]!];
}

function topLevelComma(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) return i;
  }
  return -1;
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const comma = topLevelComma(s, from);
    if (comma < 0) break;
    out.push(s.slice(from, comma));
    from = comma + 1;
  }
  out.push(s.slice(from));
  return out;
}

function expand(text: string, state: Map<string, Variable>, vars: ArchMakeVars, depth: number): string {
  if (depth > 50) throw new Unsupported('recursion');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next !== '(' && next !== '{') {
      if (next === undefined) break;
      out += variable(next, state, vars, depth);
      i++;
      continue;
    }
    const close = next === '(' ? ')' : '}';
    let level = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === next) level++;
      else if (text[j] === close && --level === 0) break;
    }
    if (j >= text.length) throw new Unsupported(`unterminated ${text}`);
    out += reference(text.slice(i + 2, j), state, vars, depth);
    i = j;
  }
  return out;
}

function reference(body: string, state: Map<string, Variable>, vars: ArchMakeVars, depth: number): string {
  const fn = /^([a-z-]+)[ \t]+([\s\S]*)$/.exec(body);
  if (!fn) return variable(expand(body, state, vars, depth + 1), state, vars, depth);
  const [, name, argText] = fn;
  const args = splitArgs(argText!);
  const arg = (k: number): string => expand(args[k] ?? '', state, vars, depth + 1);
  switch (name) {
    case 'shell':
      if (/^\s*uname\s+-m\s*$/.test(arg(0))) return vars.machine;
      throw new Unsupported(`$(shell ${argText})`);
    case 'if':
      return arg(0).trim() !== '' ? arg(1) : args.length > 2 ? arg(2) : '';
    case 'filter': {
      const pats = arg(0).trim().split(/\s+/).filter(Boolean);
      return arg(1).trim().split(/\s+/).filter((w) => w !== '' && pats.some((p) => matches(p, w))).join(' ');
    }
    case 'subst':
      return arg(2).split(arg(0)).join(arg(1));
    case 'strip':
      return arg(0).trim().split(/\s+/).filter(Boolean).join(' ');
    default:
      throw new Unsupported(`$(${name} ...)`);
  }
}

// A make pattern with at most one `%`.
function matches(pattern: string, word: string): boolean {
  const pct = pattern.indexOf('%');
  if (pct < 0) return pattern === word;
  const pre = pattern.slice(0, pct);
  const post = pattern.slice(pct + 1);
  return word.length >= pre.length + post.length && word.startsWith(pre) && word.endsWith(post);
}

function variable(name: string, state: Map<string, Variable>, vars: ArchMakeVars, depth: number): string {
  const v = state.get(name);
  if (v?.unknown) throw new Unsupported(`$(${name})`);
  if (v) return v.recursive ? expand(v.value, state, vars, depth + 1) : v.value;
  if (name === 'ARCH' || name === 'SRCARCH' || name === 'SUBARCH') return vars[name];
  // CONFIG_* are not set for a config target (no .config has been read); others come from the environment
  return vars.env?.[name] ?? '';
}
