// SPDX-License-Identifier: MIT
// The Kconfig macro language (Linux >= 4.18): variables (`=`, `:=`, `+=`), `$(VAR)` from the
// environment, user functions with `$(1)`.. arguments, and the built-ins shell, info, warning-if,
// error-if, filename and lineno. Shell commands go through the host, which may not know an answer
// yet: then the expansion yields a placeholder and the pass is provisional (the caller parses again
// once the answers are in), unless the host can wait for the answer when a later command needs it.

/** Starts every placeholder for a `$(shell,...)` answer that is not known yet. */
const MARK = '\u0001?probe?';
/** The placeholder for the answer of a command that needs one that is not known yet (and cannot be waited for). */
export const MISSING = `${MARK}?\u0001`;
const PLACEHOLDER = /\u0001\?probe\?(\d+|\?)\u0001/g;

export class MacroError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MacroError';
  }
}

export interface MacroHost {
  /** An environment variable, or undefined. */
  env(name: string): string | undefined;
  /** Raw stdout of `sh -c command`, or undefined when not known yet. */
  shell(command: string): string | undefined;
  /**
   * Raw stdout of a command `shell` did not know earlier in this pass, waiting for it: a command built from
   * its answer can then run in the same pass. Without it such a command is not run (the pass is provisional).
   */
  wait?(command: string): string;
}

export interface MacroMessage {
  kind: 'info' | 'warning';
  file: string;
  line: number;
  text: string;
}

type Flavor = 'recursive' | 'simple';

interface Variable {
  value: string;
  flavor: Flavor;
  depth: number;
}

const MAX_ARGS = 16;

export class Preprocessor {
  private readonly vars = new Map<string, Variable>();
  /** Environment variables the Kconfig files used, with their values. */
  readonly envUsed = new Map<string, string>();
  /** True once a shell answer was missing: the result of this pass is provisional. */
  incomplete = false;
  readonly missing = new Set<string>();
  /** The commands whose answers were missing, numbered as their placeholders. */
  private readonly pending: string[] = [];
  /** Shell commands run (or answered) in this pass, in order. */
  readonly commands: string[] = [];
  /** `$(info)` and `$(warning-if)` output, for the caller to print once the pass is final. */
  readonly messages: MacroMessage[] = [];

  constructor(
    private readonly host: MacroHost,
    private readonly where: () => { file: string; line: number },
  ) {}

  // `name op value` statement.
  assign(name: string, value: string, op: '=' | ':=' | '+='): void {
    const v = this.vars.get(name);
    let flavor: Flavor = op === ':=' ? 'simple' : 'recursive';
    let append = false;
    if (v && op === '+=') {
      flavor = v.flavor;
      append = true;
    }
    const text = flavor === 'simple' ? this.expandString(value) : value;
    if (v) {
      v.flavor = flavor;
      v.value = append ? `${v.value} ${text}` : text;
    } else this.vars.set(name, { value: text, flavor, depth: 0 });
  }

  // Expand every `$(...)` in a whole string.
  expandString(input: string, args: string[] = []): string {
    return this.expand(input, 0, () => false, args).text;
  }

  // Expand from `pos` to the end of a word (letters, digits, `_`, `-`), expanding references on the way.
  expandToken(input: string, pos: number): { text: string; end: number } {
    return this.expand(input, pos, (c) => !/[A-Za-z0-9_-]/.test(c), []);
  }

  // Expand one reference; `pos` is just after its `$`.
  expandDollar(input: string, pos: number, args: string[] = []): { text: string; end: number } {
    if (input[pos] !== '(') return { text: '$', end: pos };
    let nest = 0;
    let q = pos + 1;
    for (; q < input.length; q++) {
      const c = input[q];
      if (c === '(') nest++;
      else if (c === ')' && nest-- === 0) break;
    }
    if (q >= input.length) throw new MacroError(`unterminated reference to '${input.slice(pos + 1)}': missing ')'`);
    return { text: this.evalClause(input.slice(pos + 1, q), args), end: q + 1 };
  }

  private expand(input: string, pos: number, isEnd: (c: string) => boolean, args: string[]): { text: string; end: number } {
    let out = '';
    let p = pos;
    let from = pos;
    while (p < input.length) {
      const c = input[p]!;
      if (c === '$') {
        out += input.slice(from, p);
        const r = this.expandDollar(input, p + 1, args);
        out += r.text;
        p = from = r.end;
        continue;
      }
      if (isEnd(c)) break;
      p++;
    }
    return { text: out + input.slice(from, p), end: p };
  }

  private evalClause(clause: string, args: string[]): string {
    if (/^\s*\+?\d+$/.test(clause)) {
      const n = Number(clause.trim());
      if (n > 0 && n <= args.length) return args[n - 1]!;
    }
    const parts: string[] = [];
    let nest = 0;
    let prev = 0;
    for (let i = 0; i < clause.length; i++) {
      const c = clause[i];
      if (nest === 0 && c === ',') {
        if (parts.length >= MAX_ARGS) throw new MacroError('too many function arguments');
        parts.push(clause.slice(prev, i));
        prev = i + 1;
      } else if (c === '(') nest++;
      else if (c === ')') nest--;
    }
    if (parts.length >= MAX_ARGS) throw new MacroError('too many function arguments');
    parts.push(clause.slice(prev));
    const name = this.expandString(parts[0]!, args);
    // NOTE: a name made from an answer not known yet names nothing yet.
    if (name.includes(MARK)) return MISSING;
    const callArgs = parts.slice(1).map((a) => this.expandString(a, args));

    const v = this.vars.get(name);
    if (v) {
      if (callArgs.length === 0 && v.depth > 0) throw new MacroError(`Recursive variable '${name}' references itself (eventually)`);
      if (v.depth > 1000) throw new MacroError('Too deep recursive expansion');
      v.depth++;
      try {
        return v.flavor === 'recursive' ? this.expandString(v.value, callArgs) : v.value;
      } finally {
        v.depth--;
      }
    }
    const fn = this.builtin(name, callArgs);
    if (fn !== undefined) return fn;
    if (callArgs.length === 0 && name !== '') {
      const e = this.host.env(name);
      if (e !== undefined) {
        this.envUsed.set(name, e);
        return e;
      }
    }
    return '';
  }

  private builtin(name: string, args: string[]): string | undefined {
    const arity: Record<string, [number, number]> = {
      'error-if': [2, 2],
      filename: [0, 0],
      info: [1, 1],
      lineno: [0, 0],
      shell: [1, 1],
      'warning-if': [2, 2],
    };
    const a = arity[name];
    if (!a) return undefined;
    if (args.length < a[0]) throw new MacroError(`too few function arguments passed to '${name}'`);
    if (args.length > a[1]) throw new MacroError(`too many function arguments passed to '${name}'`);
    switch (name) {
      case 'error-if':
        if (args[0] === 'y') throw new MacroError(args[1]!);
        return '';
      case 'filename':
        return this.where().file;
      case 'lineno':
        return String(this.where().line);
      case 'info':
        this.messages.push({ kind: 'info', ...this.where(), text: args[0]! });
        return '';
      case 'warning-if':
        if (args[0] === 'y') this.messages.push({ kind: 'warning', ...this.where(), text: args[1]! });
        return '';
      default:
        return this.shell(args[0]!);
    }
  }

  private shell(command: string): string {
    if (command.includes(MARK)) {
      const filled = this.fill(command);
      if (filled === undefined) return MISSING;
      command = filled;
    }
    const raw = this.host.shell(command);
    if (raw === undefined) {
      this.incomplete = true;
      this.missing.add(command);
      this.pending.push(command);
      return `${MARK}${this.pending.length - 1}\u0001`;
    }
    this.commands.push(command);
    return shellOutput(raw);
  }

  // The command with each placeholder replaced by its answer (waited for), or undefined when the host
  // cannot wait. Exact: macros only join text, so an answer reaches a command unchanged.
  private fill(command: string): string | undefined {
    const wait = this.host.wait;
    if (!wait) return undefined;
    let ok = true;
    const out = command.replace(PLACEHOLDER, (_, n: string) => {
      if (n === '?') ok = false;
      return ok ? shellOutput(wait.call(this.host, this.pending[Number(n)]!)) : '';
    });
    return ok ? out : undefined;
  }
}

// What conf makes of a command's stdout: at most 4095 bytes, trailing newlines dropped, newlines to spaces.
export function shellOutput(raw: string): string {
  let out = raw;
  if (Buffer.byteLength(out) >= 4096) out = Buffer.from(out).subarray(0, 4095).toString();
  return out.replace(/\n+$/, '').replace(/\n/g, ' ');
}
