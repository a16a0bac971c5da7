// SPDX-License-Identifier: MIT
// `kconfig resolve`: what `make olddefconfig` / `alldefconfig` / `allnoconfig` (with fragments given as
// KCONFIG_ALLCONFIG, merged like merge_config.sh) would write, computed by our own engine.
import { machine } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { MicroyoctoError } from '../core/errors.js';
import { kbuildDefconfig, subarchOf } from '../core/kconfig/arch-makefile.js';
import { boardRequirements, generatedDefconfigTargets, legacyDefconfigs, meetsRequirements } from '../core/kconfig/generated-defconfig.js';
import { readWarnings } from '../core/kconfig/engine/confdata.js';
import { resolveFlat, type FlatResolveResult } from '../core/kconfig/engine/flat.js';
import { readsDotConfig, resolveConfig, type ResolveMode } from '../core/kconfig/engine/resolve.js';
import type { Override } from '../core/kconfig/merge.js';
import { listFiles, pathExists, readTextFileSync, readTextIfExists, writeFileAtomic } from '../io/files.js';
import { loadKconfigFlat, srcArch, type LoadedFlatTree } from './kconfig-tree.js';

export const RESOLVE_BASES = ['olddefconfig', 'defconfig', 'tinyconfig', 'alldefconfig', 'allnoconfig', 'allyesconfig', 'allmodconfig', 'mod2noconfig', 'yes2modconfig', 'mod2yesconfig'] as const;

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
   * texts merged onto it (`merge_config.sh -m`), and this run then reads what `final` says (its `input` is
   * unset until runPrelude has run them).
   */
  prelude?: PreludeRun[];
  /** What this run reads after a prelude: its texts merged onto the prelude's output, or onto nothing. */
  // NOTE: not named `then`: a function there would make the inputs a thenable, which `await` never settles.
  final?: Omit<PreludeRun, 'mode'>;
  /** What the prelude's last run wrote is called (in messages and origins). */
  preludeName?: string;
  /** The make target a chain of runs stands for (reported instead of the last run's mode). */
  target?: 'tinyconfig' | 'defconfig';
  /** The text the fragments were merged onto (a base file, the arch's defconfig, the prelude's output). */
  base?: Text;
}

/** One conf run of a chain. */
export interface PreludeRun {
  mode: ResolveMode;
  /** What it reads, merged in order; chosen from the previous run's output when a function. */
  texts: Text[] | ((previous: Text | undefined) => Text[]);
  /**
   * The texts are merged onto nothing, not onto the previous run's output (mips's generic defconfigs
   * merge their boards onto the unresolved fragments; the resolved reference only chooses the boards).
   */
  fresh?: boolean;
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
  /** When no file is there and `named` is a target the arch Makefile builds from fragments (see generated-defconfig.ts). */
  generated?: GeneratedDefconfig;
  /** When it is one, but a file it is built from is not in the tree: that file. */
  generatedMissing?: string;
}

/** A defconfig target built from fragments: generic_defconfig, its fragments, then the boards that fit. */
export interface GeneratedDefconfig {
  target: string;
  /** generic_defconfig and the target's fragments, merged in this order. */
  texts: Text[];
  /** Board fragments in make's order (BOARDS from the environment, else all of them, sorted). */
  boards: Text[];
}

// What make reads for `defconfig`: KBUILD_DEFCONFIG from the arch Makefile (arm: multi_v7_defconfig), else
// the usual names. With `target`, what it reads for `make TARGET` (a `*_defconfig` name) instead.
export async function findDefconfig(srctree: string, arch: string, env: Record<string, string | undefined>, target?: string): Promise<FoundDefconfig> {
  const sa = srcArch(arch);
  const makefile = await readTextIfExists(resolvePath(srctree, 'arch', sa, 'Makefile'));
  const host = machine();
  const kbuild = target ?? (makefile === undefined ? undefined : kbuildDefconfig(makefile, { ARCH: arch, SRCARCH: sa, SUBARCH: subarchOf(env, host), machine: host, env }));
  // NOTE: a name with a slash would leave configs/ (make would take it as a target instead)
  const named = kbuild && !kbuild.includes('/') ? kbuild : undefined;
  const usual = target ? [] : [`arch/${sa}/configs/${arch}_defconfig`, `arch/${sa}/configs/defconfig`, `arch/${sa}/defconfig`];
  const candidates = [...(named ? [`arch/${sa}/configs/${named}`] : []), ...usual];
  for (const c of candidates) {
    const text = await readTextIfExists(resolvePath(srctree, c));
    if (text !== undefined) return { file: { name: c, text }, candidates, named };
  }
  const generated = named && makefile !== undefined ? await generatedDefconfig(srctree, sa, named, makefile, env) : undefined;
  if (typeof generated === 'string') return { file: undefined, candidates, named, generatedMissing: generated };
  return { file: undefined, candidates, named, ...(generated ? { generated } : {}) };
}

// The fragments of a defconfig target the arch Makefile builds (mips), read from the tree; undefined
// when `target` is not one, the path of the first missing file when one is. A legacy name (mips:
// `ocelot_defconfig`) is its generated target with the boards it names.
async function generatedDefconfig(srctree: string, sa: string, name: string, makefile: string, env: Record<string, string | undefined>): Promise<GeneratedDefconfig | string | undefined> {
  const legacy = legacyDefconfigs(makefile).get(name);
  const target = legacy?.target ?? name;
  const prereqs = generatedDefconfigTargets(makefile).get(target);
  if (!prereqs) return undefined;
  const dir = `arch/${sa}/configs/generic`;
  const texts: Text[] = [];
  for (const name of [`arch/${sa}/configs/generic_defconfig`, ...prereqs.map((p) => `${dir}/${p}`)]) {
    const text = await readTextIfExists(resolvePath(srctree, name));
    if (text === undefined) return name;
    texts.push({ name, text });
  }
  // NOTE: make's `ifeq ($(BOARDS),)`: BOARDS from the environment, else $(wildcard board-*.config),
  // which GNU make (4.3 and later) sorts. A named board without a fragment is skipped, as the script does.
  // (a legacy wrapper sets BOARDS on make's command line, which overrides the environment)
  const requested = legacy?.boards ?? (env.BOARDS ?? '').split(/\s+/).filter(Boolean);
  const names = requested.length > 0 ? requested : (await listFiles(resolvePath(srctree, dir), '.config')).filter((f) => f.startsWith('board-')).map((f) => f.slice(6, -7));
  const boards: Text[] = [];
  for (const b of names) {
    const name = `${dir}/board-${b}.config`;
    const text = await readTextIfExists(resolvePath(srctree, name));
    if (text !== undefined) boards.push({ name, text });
  }
  return { target, texts, boards };
}

// `make <target>` for a generated defconfig (arch/mips/Makefile's generic rule): the fragments merged and
// resolved as a reference; then, onto the fragments as merged (not the reference), the boards whose
// `# require` lines the reference meets, resolved again.
function generatedRuns(g: GeneratedDefconfig): { reference: PreludeRun; final: PreludeRun } {
  return {
    reference: { mode: 'olddefconfig', texts: g.texts },
    final: {
      mode: 'olddefconfig',
      fresh: true,
      texts: (reference) => [...g.texts, ...g.boards.filter((b) => meetsRequirements(boardRequirements(b.text), reference?.text ?? ''))],
    },
  };
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
    if (readsDotConfig(mode)) {
      const out = options.output ?? '.config';
      const text = await readTextIfExists(at(out));
      if (text !== undefined) first = { name: out, text };
    } else if (mode === 'defconfig') {
      const found = await findDefconfig(srctree, arch, options.env);
      if (found.generated) return generatedDefconfigInputs(found.generated, frags);
      first = found.file ?? noDefconfig(found, true, srctree, arch, `no default configuration for ${arch} in ${srctree}`);
    }
  } else if (base.endsWith('_defconfig') && !base.includes('/') && !(await pathExists(at(base)))) {
    // `make foo_defconfig`: arch/$SRCARCH/configs/foo_defconfig, or a target the arch Makefile builds (mips)
    mode = 'defconfig';
    const found = await findDefconfig(srctree, arch, options.env, base);
    if (found.generated) return generatedDefconfigInputs(found.generated, frags);
    first = found.file ?? noDefconfig(found, false, srctree, arch, `${base} is neither a file here nor a default configuration of ${arch} in ${srctree}`);
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
    final: { texts: frags.length > 0 ? frags : tiny },
    target: 'tinyconfig',
    ...(frags.length > 0 ? { preludeName: 'the tinyconfig .config' } : {}),
  };
}

// The error for a defconfig that is not there; `fromMakefile`: its name came from KBUILD_DEFCONFIG.
function noDefconfig(found: FoundDefconfig, fromMakefile: boolean, srctree: string, arch: string, message: string): never {
  if (found.generatedMissing) {
    throw new MicroyoctoError('FILE_NOT_FOUND', `${message}: ${found.named} is built from ${found.generatedMissing}, which is not in the tree`, {
      hint: 'the kernel tree is incomplete (an unpacked subset?); unpack the whole arch/ folder, or pass a configuration file with --base FILE',
    });
  }
  const target = fromMakefile && found.named ? `; arch/${srcArch(arch)}/Makefile names ${found.named}, which make builds as a target this tool does not know` : '';
  throw new MicroyoctoError('FILE_NOT_FOUND', message, {
    hint: `looked for ${found.candidates.join(', ')}${target}; pass a configuration file with --base FILE (ls ${srctree}/arch/${srcArch(arch)}/configs lists the default configurations)`,
  });
}

// The generated defconfig (mips) as a chain of runs; fragments are merged onto its output and resolved
// once more, as `merge_config.sh -m .config FRAGMENTS && make olddefconfig` after it would.
function generatedDefconfigInputs(g: GeneratedDefconfig, frags: Text[]): ResolveInputs {
  const { reference, final } = generatedRuns(g);
  const chain = { mode: 'olddefconfig' as const, input: undefined, overrides: [], target: 'defconfig' as const };
  if (frags.length === 0) return { ...chain, prelude: [reference], final };
  return { ...chain, prelude: [reference, final], final: { texts: frags }, preludeName: `the ${g.target} .config` };
}

// Run the prelude of `inputs` (if any) with `resolve`, and give the inputs of the run that remains.
export async function runPrelude(inputs: ResolveInputs, resolve: (mode: ResolveMode, input: Text | undefined) => string): Promise<ResolveInputs> {
  if (!inputs.prelude) return inputs;
  let prev: Text | undefined;
  const textsOf = (run: Omit<PreludeRun, 'mode'>): Text[] => (typeof run.texts === 'function' ? run.texts(prev) : run.texts);
  for (const [i, step] of inputs.prelude.entries()) {
    const input = await mergeTexts(step.fresh ? undefined : prev, textsOf(step));
    const last = i === inputs.prelude.length - 1;
    prev = { name: (last && inputs.preludeName) || `.config (${step.mode})`, text: resolve(step.mode, input && { name: input.name, text: input.text }) };
  }
  const final = inputs.final ?? { texts: [] };
  const texts = textsOf(final);
  const merged = await mergeTexts(final.fresh ? undefined : prev, texts);
  const base = final.fresh ? texts[0] : prev;
  return { mode: inputs.mode, input: merged && { name: merged.name, text: merged.text }, overrides: merged?.overrides ?? [], ...(base ? { base } : {}) };
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
  const diagnostics = readWarnings(result.warnings);
  for (const p of loaded.problems) diagnostics.push({ severity: 'info', code: 'kconfig-parse', file: p.file, line: p.line, message: p.message });
  const mode = planned.target ?? inputs.mode;
  return { outputPath, text: result.text, result, loaded, overrides: inputs.overrides, diagnostics, mode };
}
