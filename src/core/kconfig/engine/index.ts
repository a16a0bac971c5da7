// SPDX-License-Identifier: MIT
// The Kconfig engine's entry points: parse a tree (through a host that reads files and answers shell
// probes), then resolve a configuration exactly like the kernel's conf and write the .config text.
import { checkLoadedConfig, readConfigValues, setAllNewSymbols, writeConfig, type ConfigWarning, type FillMode, type ValueOrigin } from './confdata.js';
import { Evaluator } from './evaluate.js';
import { Finalizer } from './finalize.js';
import type { KSymbol, MenuNode } from './model.js';
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

export type ResolveMode = 'olddefconfig' | 'defconfig' | 'alldefconfig' | 'allnoconfig' | 'allyesconfig' | 'allmodconfig';

export interface ResolveOptions {
  mode: ResolveMode;
  /** The input .config (olddefconfig, defconfig) or KCONFIG_ALLCONFIG file (all*config). */
  input?: { name: string; text: string } | undefined;
  /** @defaultValue 'CONFIG_' */
  prefix?: string;
  /** Record where each user value came from (`origins`, for why and check). @defaultValue true */
  origins?: boolean;
}

export interface ResolveResult {
  text: string;
  warnings: ConfigWarning[];
  unknown: { name: string; file: string; line: number }[];
  origins: Map<KSymbol, ValueOrigin>;
}

// Resolve a configuration on a freshly parsed tree (a tree resolves once).
export function resolveConfig(tree: KconfigTree, options: ResolveOptions): ResolveResult {
  const ev = tree.ev;
  const prefix = options.prefix ?? 'CONFIG_';
  const origins = new Map<KSymbol, ValueOrigin>();
  let warnings: ConfigWarning[] = [];
  let unknown: ResolveResult['unknown'] = [];
  const load = (): void => {
    if (!options.input) return;
    const r = readConfigValues(ev, options.input.name, options.input.text, options.origins === false ? undefined : origins, prefix);
    warnings = r.warnings;
    unknown = r.unknown;
  };
  switch (options.mode) {
    case 'olddefconfig':
    case 'defconfig': {
      ev.changed = false;
      if (!options.input) {
        ev.changed = true;
        ev.calc(ev.modulesSym);
      } else {
        load();
        checkLoadedConfig(ev, warnings.length);
      }
      if (options.mode === 'defconfig') setAllNewSymbols(ev, 'default');
      break;
    }
    default: {
      load();
      const fill: Record<string, FillMode> = { alldefconfig: 'default', allnoconfig: 'no', allyesconfig: 'yes', allmodconfig: 'mod' };
      setAllNewSymbols(ev, fill[options.mode]!);
    }
  }
  return { text: writeConfig(ev, tree.root, prefix), warnings, unknown, origins };
}
