// SPDX-License-Identifier: MIT
// `kconfig resolve`: what `make olddefconfig` / `alldefconfig` / `allnoconfig` (with fragments given as
// KCONFIG_ALLCONFIG, merged like merge_config.sh) would write, computed by our own engine.
import { machine } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { MicroyoctoError } from '../core/errors.js';
import { kbuildDefconfig, subarchOf } from '../core/kconfig/arch-makefile.js';
import { resolveFlat, type FlatResolveResult } from '../core/kconfig/engine/flat.js';
import { resolveConfig, type ResolveMode } from '../core/kconfig/engine/resolve.js';
import type { Override } from '../core/kconfig/merge.js';
import { readTextFileSync, readTextIfExists, writeFileAtomic } from '../io/files.js';
import { loadKconfigFlat, srcArch, type LoadedFlatTree } from './kconfig-tree.js';

export const RESOLVE_BASES = ['olddefconfig', 'defconfig', 'tinyconfig', 'alldefconfig', 'allnoconfig', 'allyesconfig', 'allmodconfig'] as const;

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

type Text = { name: string; text: string };

export interface ResolveInputs {
  mode: ResolveMode;
  input: Text | undefined;
  overrides: Override[];
  /**
   * Runs before this one, in order (`make tinyconfig` is two): each reads the previous one's output with its
   * texts merged onto it (`merge_config.sh -m`), and this run then reads the last one's output with `then`
   * merged onto it (its `input` is unset until runPrelude has run them).
   */
  prelude?: { mode: ResolveMode; texts: Text[] }[];
  then?: Text[];
  /** What the prelude's last run wrote is called (in messages and origins). */
  preludeName?: string;
  /** The make target a chain of runs stands for (reported instead of the last run's mode). */
  target?: 'tinyconfig';
  /** The text the fragments were merged onto (a base file, the arch's defconfig, the prelude's output). */
  base?: Text;
}

export interface KconfigResolveOutcome {
  outputPath: string;
  text: string;
  result: FlatResolveResult;
  loaded: LoadedFlatTree;
  overrides: Override[];
  diagnostics: Diagnostic[];
  /** conf's mode, or `tinyconfig` (make's chain of two conf runs). */
  mode: ResolveMode | 'tinyconfig';
}

/** The default configuration `make defconfig` starts from, and where it was looked for. */
export interface FoundDefconfig {
  /** Its path in the kernel tree and its text; undefined when none of the candidates exists. */
  file: Text | undefined;
  candidates: string[];
  /** KBUILD_DEFCONFIG as the arch Makefile sets it (see arch-makefile.ts), when it can tell. */
  named: string | undefined;
}

// What make reads for `defconfig`: KBUILD_DEFCONFIG from the arch Makefile (arm: multi_v7_defconfig), else
// the usual names.
export async function findDefconfig(srctree: string, arch: string, env: Record<string, string | undefined>): Promise<FoundDefconfig> {
  const sa = srcArch(arch);
  const makefile = await readTextIfExists(resolvePath(srctree, 'arch', sa, 'Makefile'));
  const host = machine();
  const kbuild = makefile === undefined ? undefined : kbuildDefconfig(makefile, { ARCH: arch, SRCARCH: sa, SUBARCH: subarchOf(env, host), machine: host, env });
  // NOTE: a name with a slash would leave configs/ (make would take it as a target instead)
  const named = kbuild && !kbuild.includes('/') ? kbuild : undefined;
  const candidates = [...(named ? [`arch/${sa}/configs/${named}`] : []), `arch/${sa}/configs/${arch}_defconfig`, `arch/${sa}/configs/defconfig`, `arch/${sa}/defconfig`];
  for (const c of candidates) {
    const text = await readTextIfExists(resolvePath(srctree, c));
    if (text !== undefined) return { file: { name: c, text }, candidates, named };
  }
  return { file: undefined, candidates, named };
}

// Which conf mode runs and what it reads: a base file or the mode's own start, with the fragments merged in.
export async function resolveInputs(options: KconfigResolveOptions, srctree: string, arch: string): Promise<ResolveInputs> {
  const at = (p: string): string => resolvePath(options.cwd, p);
  const base = options.base ?? 'olddefconfig';
  const frags = options.fragments.map((f) => ({ name: f, text: readTextFileSync(at(f), 'fragment') }));
  if (base === 'tinyconfig') return tinyconfig(srctree, arch, frags);
  let mode: ResolveMode;
  let first: { name: string; text: string } | undefined;
  if ((RESOLVE_BASES as readonly string[]).includes(base)) {
    mode = base as ResolveMode;
    if (mode === 'olddefconfig') {
      const out = options.output ?? '.config';
      const text = await readTextIfExists(at(out));
      if (text !== undefined) first = { name: out, text };
    } else if (mode === 'defconfig') {
      const found = await findDefconfig(srctree, arch, options.env);
      first = found.file;
      if (!first) {
        const target = found.named ? `; arch/${srcArch(arch)}/Makefile names ${found.named}, which make builds as a target (not supported here)` : '';
        throw new MicroyoctoError('FILE_NOT_FOUND', `no default configuration for ${arch} in ${srctree}`, {
          hint: `looked for ${found.candidates.join(', ')}${target}; pass a configuration file with --base FILE`,
        });
      }
    }
  } else {
    mode = 'olddefconfig';
    first = { name: base, text: readTextFileSync(at(base), 'base config') };
  }
  const merged = await mergeTexts(first, frags);
  return { mode, input: merged ? { name: merged.name, text: merged.text } : undefined, overrides: merged?.overrides ?? [], ...(first ? { base: first } : {}) };
}

// Texts merged as merge_config.sh -m merges them (the first is the base); undefined for none.
async function mergeTexts(first: Text | undefined, rest: Text[]): Promise<(Text & { overrides: Override[] }) | undefined> {
  const all = first ? [first, ...rest] : rest;
  if (all.length === 0) return undefined;
  if (all.length === 1) return { ...all[0]!, overrides: [] };
  // NOTE: loaded only when there is something to merge (each module costs start-up).
  const { mergeFragments } = await import('../core/kconfig/merge.js');
  const m = mergeFragments(all[0]!, all.slice(1));
  return { name: 'merged fragments', text: m.text, overrides: m.overrides };
}

// `make tinyconfig` (Linux ≥ 5.13): allnoconfig with kernel/configs/tiny-base.config as KCONFIG_ALLCONFIG,
// then `make tiny.config`: kernel/configs/tiny.config and arch/$SRCARCH/configs/tiny.config merged onto the
// result and olddefconfig. Fragments are then merged onto that and resolved once more (olddefconfig), as
// `merge_config.sh -m .config FRAGMENTS && make olddefconfig` after it would.
async function tinyconfig(srctree: string, arch: string, frags: Text[]): Promise<ResolveInputs> {
  const kernelText = async (rel: string): Promise<Text | undefined> => {
    const text = await readTextIfExists(resolvePath(srctree, rel));
    return text === undefined ? undefined : { name: rel, text };
  };
  const tinyBase = await kernelText('kernel/configs/tiny-base.config');
  const tiny = [await kernelText('kernel/configs/tiny.config'), await kernelText(`arch/${srcArch(arch)}/configs/tiny.config`)].filter((t) => t !== undefined);
  if (!tinyBase || tiny.length === 0) {
    throw new MicroyoctoError('FILE_NOT_FOUND', `no tinyconfig in ${srctree}`, {
      hint: 'looked for kernel/configs/tiny-base.config and kernel/configs/tiny.config (Linux 5.13 or later); use --base allnoconfig with your own fragments',
    });
  }
  const prelude: NonNullable<ResolveInputs['prelude']> = [{ mode: 'allnoconfig', texts: [tinyBase] }];
  if (frags.length > 0) prelude.push({ mode: 'olddefconfig', texts: tiny });
  return {
    mode: 'olddefconfig',
    input: undefined,
    overrides: [],
    prelude,
    then: frags.length > 0 ? frags : tiny,
    target: 'tinyconfig',
    ...(frags.length > 0 ? { preludeName: 'the tinyconfig .config' } : {}),
  };
}

// Run the prelude of `inputs` (if any) with `resolve`, and give the inputs of the run that remains.
export async function runPrelude(inputs: ResolveInputs, resolve: (mode: ResolveMode, input: Text | undefined) => string): Promise<ResolveInputs> {
  if (!inputs.prelude) return inputs;
  let prev: Text | undefined;
  for (const [i, step] of inputs.prelude.entries()) {
    const input = await mergeTexts(prev, step.texts);
    const last = i === inputs.prelude.length - 1;
    prev = { name: (last && inputs.preludeName) || `.config (${step.mode})`, text: resolve(step.mode, input && { name: input.name, text: input.text }) };
  }
  const merged = await mergeTexts(prev, inputs.then ?? []);
  return { mode: inputs.mode, input: merged && { name: merged.name, text: merged.text }, overrides: merged?.overrides ?? [], ...(prev ? { base: prev } : {}) };
}

// Resolve and write the .config (atomically; nothing is written when anything fails).
export async function runKconfigResolve(options: KconfigResolveOptions): Promise<KconfigResolveOutcome> {
  const loaded = await loadKconfigFlat(options);
  const k = loaded.kernel;
  const run = (mode: ResolveMode, input: Text | undefined): FlatResolveResult =>
    'flat' in k ? resolveFlat(k.flat, { mode, input }) : resolveConfig(k.tree, { mode, input, origins: false });
  const planned = await resolveInputs(options, loaded.srctree, loaded.arch);
  const inputs = await runPrelude(planned, (mode, input) => run(mode, input).text);
  const result = run(inputs.mode, inputs.input);
  const outputPath = options.output ?? '.config';
  await writeFileAtomic(resolvePath(options.cwd, outputPath), result.text);
  const diagnostics: Diagnostic[] = result.warnings.map((w) => ({ severity: 'warning', code: 'kconfig-read', file: w.file, line: w.line, message: w.message }));
  for (const p of loaded.problems) diagnostics.push({ severity: 'info', code: 'kconfig-parse', file: p.file, line: p.line, message: p.message });
  const mode = planned.target ?? inputs.mode;
  return { outputPath, text: result.text, result, loaded, overrides: inputs.overrides, diagnostics, mode };
}
