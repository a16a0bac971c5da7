// SPDX-License-Identifier: MIT
// Resolving a configuration on a parsed tree exactly like the kernel's conf, and writing the .config text.
import { checkLoadedConfig, readConfigValues, setAllNewSymbols, writeConfig, type ConfigWarning, type FillMode, type ValueOrigin } from './confdata.js';
import type { KconfigTree } from './index.js';
import type { KSymbol } from './model.js';

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
