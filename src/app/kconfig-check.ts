// SPDX-License-Identifier: MIT
// `kconfig check`: did the requested values make it into the final .config?
import { resolve } from 'node:path';
import { checkRequested, type CheckOptions, type CheckResult } from '../core/kconfig/check.js';
import { readTextFileSync } from '../io/files.js';

// Read the final config and the fragments, and compare.
export function runKconfigCheck(finalPath: string, fragmentPaths: readonly string[], options: CheckOptions, cwd = '.'): CheckResult {
  const finalText = readTextFileSync(resolve(cwd, finalPath), 'final config', finalPath);
  const fragments = fragmentPaths.map((f) => ({ name: f, text: readTextFileSync(resolve(cwd, f), 'fragment', f) }));
  return checkRequested(finalText, fragments, options);
}

export interface ResolvedCheckOptions {
  kernelSrc: string;
  arch?: string | undefined;
  /** How the kernel build resolves the fragments. @defaultValue 'alldefconfig' (merge_config.sh without -m) */
  base?: string | undefined;
  fragments: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  absentIsN: boolean;
  prefix?: string | undefined;
}

export interface ResolvedCheckResult extends CheckResult {
  /** Why each mismatch happened, by symbol. */
  reasons: Map<string, string>;
  /** Requested symbols this kernel does not define (yocto's "invalid" list). */
  invalid: { symbol: string; file: string; line: number }[];
  /** The .config the kernel would produce. */
  finalText: string;
}

// Predict, before any build, which requested values will not make it: resolve with the engine, then compare.
export async function runKconfigCheckResolved(options: ResolvedCheckOptions): Promise<ResolvedCheckResult> {
  const { loadKconfigTree } = await import('./kconfig-tree.js');
  const { resolveInputs, runPrelude } = await import('./kconfig-resolve.js');
  const { resolveConfig } = await import('../core/kconfig/engine/index.js');
  const { whyNot } = await import('../core/kconfig/engine/explain.js');
  const { fragmentOrigins, requestedValue } = await import('./kconfig-why.js');
  const { parseConfig } = await import('../core/kconfig/config-file.js');
  const loaded = await loadKconfigTree(options);
  const base = options.base ?? 'alldefconfig';
  const inputs = await runPrelude(await resolveInputs({ ...options, base, output: undefined }, loaded.srctree, loaded.arch), (mode, input) => resolveConfig(loaded.tree, { mode, input }).text);
  const result = resolveConfig(loaded.tree, { mode: inputs.mode, input: inputs.input });
  const fragments = options.fragments.map((f) => ({ name: f, text: readTextFileSync(resolve(options.cwd, f), 'fragment', f) }));
  const check = checkRequested(result.text, fragments, { absentIsN: options.absentIsN, prefix: options.prefix });
  const fromFrags = fragmentOrigins(loaded.tree, fragments);
  // a value from the base the fragments were merged onto is named by its file and line there, not by its
  // line in the merged text
  const fromBase = inputs.base && inputs.input && inputs.base.name !== inputs.input.name ? fragmentOrigins(loaded.tree, [inputs.base]) : [];
  const origins = new Map([...result.origins, ...fromBase, ...fromFrags]);
  const reasons = new Map<string, string>();
  for (const m of check.mismatches) {
    const sym = loaded.tree.table.find(m.symbol);
    const req = sym ? fromFrags.get(sym) : undefined;
    if (!sym || sym.type === 'unknown' || !req) continue;
    if (m.kind === 'absent-unset') {
      reasons.set(m.symbol, 'not written at all because its dependencies are off, which means n');
      continue;
    }
    const why = whyNot(loaded.tree.ev, sym, requestedValue(req.value), origins);
    if (why) reasons.set(m.symbol, why);
  }
  const invalid: ResolvedCheckResult['invalid'] = [];
  const seen = new Set<string>();
  for (const f of fragments) {
    for (const e of parseConfig(f.text, f.name, options.prefix).entries) {
      const sym = loaded.tree.table.find(e.name);
      if ((sym && sym.type !== 'unknown') || seen.has(e.name)) continue;
      seen.add(e.name);
      invalid.push({ symbol: e.name, file: e.file, line: e.line });
    }
  }
  return { ...check, reasons, invalid, finalText: result.text };
}
