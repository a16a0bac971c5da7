// SPDX-License-Identifier: MIT
// `kconfig why`: load the tree, take a .config as olddefconfig would, and explain one symbol; with
// fragments, also why the value they request did not stick.
import { resolve as resolvePath } from 'node:path';
import { MicroyoctoError } from '../core/errors.js';
import { parseConfig } from '../core/kconfig/config-file.js';
import type { ValueOrigin } from '../core/kconfig/engine/confdata.js';
import { explainSymbol, whyNot, type SymbolExplanation } from '../core/kconfig/engine/explain.js';
import { resolveConfig, type KconfigTree } from '../core/kconfig/engine/index.js';
import type { KSymbol } from '../core/kconfig/engine/model.js';
import { readTextFileSync } from '../io/files.js';
import { loadKconfigTree } from './kconfig-tree.js';

export interface KconfigWhyOptions {
  symbol: string;
  kernelSrc: string;
  arch?: string | undefined;
  config: string;
  fragments: string[];
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface KconfigWhyOutcome {
  explanation: SymbolExplanation;
  requested: { value: string; file: string; line: number } | undefined;
  reason: string | undefined;
}

// Where each fragment sets a symbol (the last line wins), as value origins.
export function fragmentOrigins(tree: KconfigTree, fragments: { name: string; text: string }[]): Map<KSymbol, ValueOrigin & { value: string }> {
  const out = new Map<KSymbol, ValueOrigin & { value: string }>();
  for (const f of fragments) {
    for (const e of parseConfig(f.text, f.name).entries) {
      const sym = tree.table.find(e.name);
      if (sym) out.set(sym, { file: e.file, line: e.line, text: e.text, value: e.value });
    }
  }
  return out;
}

export function requestedValue(v: string): string {
  if (v === 'n' || v === '') return 'n';
  return v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
}

export async function runKconfigWhy(options: KconfigWhyOptions): Promise<KconfigWhyOutcome> {
  const loaded = await loadKconfigTree(options);
  const tree = loaded.tree;
  const at = (p: string): string => resolvePath(options.cwd, p);
  const name = options.symbol.replace(/^CONFIG_/, '');
  const sym = tree.table.find(name);
  if (!sym || sym.type === 'unknown') {
    throw new MicroyoctoError('KCONFIG_UNKNOWN_SYMBOL', `CONFIG_${name} is not defined by the Kconfig tree in ${loaded.srctree} (ARCH=${loaded.arch})`, {
      hint: 'check the spelling, or --arch: many symbols exist only for some architectures',
    });
  }
  const text = readTextFileSync(at(options.config), 'config');
  const result = resolveConfig(tree, { mode: 'olddefconfig', input: { name: options.config, text } });
  const frags = options.fragments.map((f) => ({ name: f, text: readTextFileSync(at(f), 'fragment') }));
  const fromFrags = fragmentOrigins(tree, frags);
  const origins = new Map<KSymbol, ValueOrigin>(result.origins);
  for (const [s, o] of fromFrags) origins.set(s, o);
  const req = fromFrags.get(sym);
  const requested = req ? { value: requestedValue(req.value), file: req.file, line: req.line } : undefined;
  return {
    explanation: explainSymbol(tree.ev, sym, origins),
    requested,
    reason: requested ? whyNot(tree.ev, sym, requested.value, origins) : undefined,
  };
}
