// SPDX-License-Identifier: MIT
// `kconfig resolve`: what `make olddefconfig` / `alldefconfig` / `allnoconfig` (with fragments given as
// KCONFIG_ALLCONFIG, merged like merge_config.sh) would write, computed by our own engine.
import { resolve as resolvePath } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { MicroyoctoError } from '../core/errors.js';
import { hostSubarch, kbuildDefconfig } from '../core/kconfig/arch-makefile.js';
import { resolveFlat, type FlatResolveResult } from '../core/kconfig/engine/flat.js';
import { resolveConfig, type ResolveMode } from '../core/kconfig/engine/resolve.js';
import type { Override } from '../core/kconfig/merge.js';
import { readTextFileSync, readTextIfExists, writeFileAtomic } from '../io/files.js';
import { hostMachine } from '../io/kconfig-source.js';
import { loadKconfigFlat, srcArch, type LoadedFlatTree } from './kconfig-tree.js';

export const RESOLVE_BASES = ['olddefconfig', 'defconfig', 'alldefconfig', 'allnoconfig', 'allyesconfig', 'allmodconfig'] as const;

export interface KconfigResolveOptions {
  kernelSrc: string;
  arch?: string | undefined;
  /** A mode name from RESOLVE_BASES or a .config file. @defaultValue 'olddefconfig' */
  base?: string | undefined;
  fragments: string[];
  /** @defaultValue '.config' */
  output?: string | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Ignore cached probe answers (they are still refreshed). @defaultValue false */
  freshProbes?: boolean;
}

export interface ResolveInputs {
  mode: ResolveMode;
  input: { name: string; text: string } | undefined;
  overrides: Override[];
}

export interface KconfigResolveOutcome {
  outputPath: string;
  text: string;
  result: FlatResolveResult;
  loaded: LoadedFlatTree;
  overrides: Override[];
  diagnostics: Diagnostic[];
  mode: ResolveMode;
}

// KBUILD_DEFCONFIG of the architecture (see arch-makefile.ts); undefined when its Makefile cannot tell.
async function archDefconfig(srctree: string, arch: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  const sa = srcArch(arch);
  const makefile = await readTextIfExists(resolvePath(srctree, 'arch', sa, 'Makefile'));
  if (makefile === undefined) return undefined;
  const machine = hostMachine();
  const named = kbuildDefconfig(makefile, { ARCH: arch, SRCARCH: sa, SUBARCH: env.SUBARCH || hostSubarch(machine), machine, env });
  // NOTE: a name with a slash would leave configs/ (make would take it as a target instead)
  return named && !named.includes('/') ? named : undefined;
}

// Which conf mode runs and what it reads: a base file or the mode's own start, with the fragments merged in.
export async function resolveInputs(options: KconfigResolveOptions, srctree: string, arch: string): Promise<ResolveInputs> {
  const at = (p: string): string => resolvePath(options.cwd, p);
  const base = options.base ?? 'olddefconfig';
  const frags = options.fragments.map((f) => ({ name: f, text: readTextFileSync(at(f), 'fragment') }));
  const merge = async (first: { name: string; text: string } | undefined, rest: typeof frags): Promise<(ResolveInputs['input'] & { overrides: Override[] }) | undefined> => {
    const all = first ? [first, ...rest] : rest;
    if (all.length === 0) return undefined;
    if (all.length === 1) return { ...all[0]!, overrides: [] };
    // NOTE: loaded only when there is something to merge (each module costs start-up).
    const { mergeFragments } = await import('../core/kconfig/merge.js');
    const m = mergeFragments(all[0]!, all.slice(1));
    return { name: 'merged fragments', text: m.text, overrides: m.overrides };
  };
  let mode: ResolveMode;
  let first: { name: string; text: string } | undefined;
  if ((RESOLVE_BASES as readonly string[]).includes(base)) {
    mode = base as ResolveMode;
    if (mode === 'olddefconfig') {
      const out = options.output ?? '.config';
      const text = await readTextIfExists(at(out));
      if (text !== undefined) first = { name: out, text };
    } else if (mode === 'defconfig') {
      const sa = srcArch(arch);
      // What make reads: KBUILD_DEFCONFIG as the arch Makefile sets it (arm: multi_v7_defconfig), else
      // the usual names.
      const named = await archDefconfig(srctree, arch, options.env);
      const candidates = [...(named ? [`arch/${sa}/configs/${named}`] : []), `arch/${sa}/configs/${arch}_defconfig`, `arch/${sa}/configs/defconfig`, `arch/${sa}/defconfig`];
      for (const c of candidates) {
        const text = await readTextIfExists(resolvePath(srctree, c));
        if (text !== undefined) {
          first = { name: c, text };
          break;
        }
      }
      if (!first) {
        const target = named ? `; arch/${sa}/Makefile names ${named}, which make builds as a target (not supported here)` : '';
        throw new MicroyoctoError('FILE_NOT_FOUND', `no default configuration for ${arch} in ${srctree}`, {
          hint: `looked for ${candidates.join(', ')}${target}; pass a configuration file with --base FILE`,
        });
      }
    }
  } else {
    mode = 'olddefconfig';
    first = { name: base, text: readTextFileSync(at(base), 'base config') };
  }
  const merged = await merge(first, frags);
  return { mode, input: merged ? { name: merged.name, text: merged.text } : undefined, overrides: merged?.overrides ?? [] };
}

// Resolve and write the .config (atomically; nothing is written when anything fails).
export async function runKconfigResolve(options: KconfigResolveOptions): Promise<KconfigResolveOutcome> {
  const loaded = await loadKconfigFlat(options);
  const inputs = await resolveInputs(options, loaded.srctree, loaded.arch);
  const k = loaded.kernel;
  const result = 'flat' in k ? resolveFlat(k.flat, { mode: inputs.mode, input: inputs.input }) : resolveConfig(k.tree, { mode: inputs.mode, input: inputs.input, origins: false });
  const outputPath = options.output ?? '.config';
  await writeFileAtomic(resolvePath(options.cwd, outputPath), result.text);
  const diagnostics: Diagnostic[] = result.warnings.map((w) => ({ severity: 'warning', code: 'kconfig-read', file: w.file, line: w.line, message: w.message }));
  for (const p of loaded.problems) diagnostics.push({ severity: 'info', code: 'kconfig-parse', file: p.file, line: p.line, message: p.message });
  return { outputPath, text: result.text, result, loaded, overrides: inputs.overrides, diagnostics, mode: inputs.mode };
}
