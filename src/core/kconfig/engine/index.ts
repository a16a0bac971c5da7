// SPDX-License-Identifier: MIT
// The Kconfig engine's entry points: parse a tree (through a host that reads files and answers shell
// probes), then resolve a configuration exactly like the kernel's conf and write the .config text.
import { Evaluator } from './evaluate.js';
import { Finalizer } from './finalize.js';
import type { MenuNode } from './model.js';
import { Parser, type ParseProblem } from './parser.js';
import { Preprocessor, type MacroMessage } from './preprocess.js';
import { SymbolTable } from './symbols.js';

export { KconfigSyntaxError, type ParseProblem } from './parser.js';
export { discoverShellCommands, type DiscoveryHost } from './discover.js';

export interface KconfigHost {
  /** Text of a Kconfig file named as in `source` (relative to the source tree), or undefined. */
  read(name: string): string | undefined;
  env(name: string): string | undefined;
  /** Raw stdout of `sh -c command`, or undefined when the answer is not known yet. */
  shell(command: string): string | undefined;
}

export interface KconfigTree {
  table: SymbolTable;
  root: MenuNode;
  ev: Evaluator;
  files: string[];
  problems: ParseProblem[];
  messages: MacroMessage[];
  /** Every shell command the parse ran, in order. */
  commands: string[];
  env: Map<string, string>;
}

export type ParseOutcome = { complete: true; tree: KconfigTree } | { complete: false; missing: string[] };

// Parse the tree. When some shell answers are missing the outcome lists them: answer them, parse again.
export function parseKconfig(host: KconfigHost, rootFile = 'Kconfig'): ParseOutcome {
  const table = new SymbolTable();
  let parser: Parser | undefined;
  const pp = new Preprocessor(
    { env: (n) => host.env(n), shell: (c) => host.shell(c) },
    () => ({ file: parser?.file ?? rootFile, line: parser?.line ?? 0 }),
  );
  parser = new Parser(table, pp, { read: (n) => host.read(n) });
  let parsed;
  try {
    parsed = parser.parse(rootFile);
  } catch (e) {
    // NOTE: a provisional pass may fail only because a probe answer is a placeholder.
    if (pp.incomplete) return { complete: false, missing: [...pp.missing] };
    throw e;
  }
  if (pp.incomplete) return { complete: false, missing: [...pp.missing] };
  const ev = new Evaluator(table, parsed.modulesSym);
  const fin = new Finalizer(table, ev.modulesSym);
  fin.finalize(parsed.root);
  const problems = [...parsed.problems, ...fin.warnings.map((w) => ({ ...w, severity: 'warning' as const }))];
  return { complete: true, tree: { table, root: parsed.root, ev, files: parsed.files, problems, messages: pp.messages, commands: pp.commands, env: pp.envUsed } };
}

// NOTE: resolving lives in its own module so a resolve from a saved parse loads no parser.
export { resolveConfig, type ResolveMode, type ResolveOptions, type ResolveResult } from './resolve.js';
