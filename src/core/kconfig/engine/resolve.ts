// SPDX-License-Identifier: MIT
// Resolving a configuration on a parsed tree exactly like the kernel's conf, and writing the .config text.
import { checkLoadedConfig, readConfigValues, setAllNewSymbols, writeConfig, writeDefconfig, type ConfigWarning, type FillMode, type ReadResult, type ValueOrigin } from './confdata.js';
import type { KconfigTree } from './index.js';
import { M, N, Y, type KSymbol, type Tri } from './model.js';

export type ResolveMode = 'olddefconfig' | 'defconfig' | 'alldefconfig' | 'allnoconfig' | 'allyesconfig' | 'allmodconfig' | TristateRewrite;

/** make mod2noconfig, yes2modconfig, mod2yesconfig: the .config read as olddefconfig reads it, its user values of one tristate level changed to another. */
export type TristateRewrite = 'mod2noconfig' | 'yes2modconfig' | 'mod2yesconfig';

const REWRITES: Record<TristateRewrite, [from: Tri, to: Tri]> = { mod2noconfig: [M, N], yes2modconfig: [Y, M], mod2yesconfig: [M, Y] };

function isTristateRewrite(mode: ResolveMode): mode is TristateRewrite {
  return mode in REWRITES;
}

/** Whether conf reads the mode's input as the .config it is given (conf_read(NULL): olddefconfig and the tristate rewrites). */
export function readsDotConfig(mode: ResolveMode): boolean {
  return mode === 'olddefconfig' || isTristateRewrite(mode);
}

export interface ResolveOptions {
  mode: ResolveMode;
  /** The input .config (olddefconfig, defconfig) or KCONFIG_ALLCONFIG file (all*config). */
  input?: { name: string; text: string } | undefined;
  /** @defaultValue 'CONFIG_' */
  prefix?: string;
  /** Record where each user value came from (`origins`, for why and check). @defaultValue true */
  origins?: boolean;
  /**
   * What is written: the .config, or the minimal defconfig (`conf --savedefconfig`, which reads the input
   * as olddefconfig does and changes nothing). @defaultValue 'config'
   */
  write?: 'config' | 'savedefconfig';
}

export interface ResolveResult {
  text: string;
  warnings: ConfigWarning[];
  unknown: { name: string; file: string; line: number }[];
  origins: Map<KSymbol, ValueOrigin>;
}

/** What conf does for a mode, step by step, as an evaluator carries it out (the object one below, the resolve kernel in flat.ts). */
export interface ConfSteps {
  /** conf's "configuration changed" flag. */
  changed: boolean;
  /** Load a .config's values as user values (readConfigValues). */
  read(input: { name: string; text: string }): ReadResult;
  /** conf_read's consistency pass (checkLoadedConfig). */
  checkLoaded(warningCount: number): void;
  /** Compute MODULES (what conf does first when there is no .config). */
  computeModules(): void;
  /** Give symbols without a user value the mode's value (setAllNewSymbols). */
  fillNew(mode: FillMode): void;
  /** conf_rewrite_tristates: every tristate user value `from` becomes `to`, then all values are recomputed. */
  rewriteTristates(from: Tri, to: Tri): void;
  /** The .config text (writeConfig). */
  write(): string;
}

const FILL: Record<Exclude<ResolveMode, 'olddefconfig' | 'defconfig' | TristateRewrite>, FillMode> = { alldefconfig: 'default', allnoconfig: 'no', allyesconfig: 'yes', allmodconfig: 'mod' };

// conf's main for a mode: read the input (a .config, or KCONFIG_ALLCONFIG), settle, write.
export function runConf(steps: ConfSteps, mode: ResolveMode, input: ResolveOptions['input']): Omit<ResolveResult, 'origins'> {
  let read: ReadResult = { warnings: [], unknown: [] };
  if (readsDotConfig(mode) || mode === 'defconfig') {
    steps.changed = false;
    if (!input) {
      steps.changed = true;
      steps.computeModules();
    } else {
      read = steps.read(input);
      steps.checkLoaded(read.warnings.length);
    }
    if (mode === 'defconfig') steps.fillNew('default');
    else if (isTristateRewrite(mode)) steps.rewriteTristates(...REWRITES[mode]);
  } else {
    if (input) read = steps.read(input);
    steps.fillNew(FILL[mode as keyof typeof FILL]);
  }
  return { text: steps.write(), warnings: read.warnings, unknown: read.unknown };
}

// Resolve a configuration on a freshly parsed tree (a tree resolves once).
export function resolveConfig(tree: KconfigTree, options: ResolveOptions): ResolveResult {
  const ev = tree.ev;
  const prefix = options.prefix ?? 'CONFIG_';
  const origins = new Map<KSymbol, ValueOrigin>();
  const steps: ConfSteps = {
    get changed() {
      return ev.changed;
    },
    set changed(v) {
      ev.changed = v;
    },
    read: (input) => readConfigValues(ev, input.name, input.text, options.origins === false ? undefined : origins, prefix),
    checkLoaded: (warningCount) => checkLoadedConfig(ev, warningCount),
    computeModules: () => ev.calc(ev.modulesSym),
    fillNew: (mode) => setAllNewSymbols(ev, mode),
    rewriteTristates: (from, to) => ev.rewriteTristates(from, to),
    write: () => (options.write === 'savedefconfig' ? writeDefconfig(ev, tree.root, prefix) : writeConfig(ev, tree.root, prefix)),
  };
  return { ...runConf(steps, options.mode, options.input), origins };
}
