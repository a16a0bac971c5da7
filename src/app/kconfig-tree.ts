// SPDX-License-Identifier: MIT
// Load a kernel's Kconfig tree for an architecture: the environment the kernel's Makefile gives conf,
// toolchain probes answered from the on-disk cache or run concurrently (all started before the parse needs them).
import { machine, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cacheKey } from '../core/cache-key.js';
import { InternalError, MicroyoctoError } from '../core/errors.js';
import { discoverShellCommands, KconfigSyntaxError, parseKconfig, type KconfigTree } from '../core/kconfig/engine/index.js';
import { decodeSnapshot, encodeTree, type DecodedHeader } from '../core/kconfig/engine/snapshot.js';
import type { FlatTree } from '../core/kconfig/engine/flat.js';
import { subarchOf, umHeaderArch } from '../core/kconfig/arch-makefile.js';
import {
  assertKernelTree,
  probeCachePath,
  readBinaryCache,
  readKernelVersion,
  readProbeCache,
  stampedKconfigReader,
  stampFiles,
  toolIdentity,
  writeJsonCache,
  writeProbeCache,
  type FileStamp,
} from '../io/kconfig-source.js';

export interface LoadTreeOptions {
  kernelSrc: string;
  /** @defaultValue $ARCH, else x86_64 */
  arch?: string | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Ignore cached probe answers (they are still refreshed). @defaultValue false */
  freshProbes?: boolean;
}

export interface LoadedTree {
  tree: KconfigTree;
  arch: string;
  srctree: string;
  /** The environment conf would see, and the probe answers this parse used. */
  env: Record<string, string | undefined>;
  answers: Record<string, string>;
  stats: { rounds: number; probesRun: number; probesCached: number; cachePath: string; fromSnapshot: boolean };
}

// SRCARCH as the kernel's top Makefile derives it from ARCH.
export function srcArch(arch: string): string {
  if (arch === 'i386' || arch === 'x86_64') return 'x86';
  if (arch === 'sparc32' || arch === 'sparc64') return 'sparc';
  if (arch === 'parisc64') return 'parisc';
  if (arch === 'sh64') return 'sh';
  return arch;
}

// The environment conf sees under `make ARCH=...` (the variables it records in auto.conf.cmd).
// `machine` is the host's `uname -m` (user-mode Linux takes its SUBARCH from it).
export function kconfigEnv(options: { arch: string; srctree: string; env: Record<string, string | undefined>; kernelVersion: string; machine?: string }): Record<string, string | undefined> {
  const e = options.env;
  const cross = e.CROSS_COMPILE ?? '';
  // arch/um/Makefile exports SUBARCH and HEADER_ARCH (its Kconfig sources arch/$(HEADER_ARCH)/um/Kconfig)
  const subarch = options.arch === 'um' ? subarchOf(e, options.machine ?? '') : undefined;
  const um = subarch !== undefined ? { SUBARCH: subarch, HEADER_ARCH: umHeaderArch(subarch) } : {};
  return {
    ...e,
    ...um,
    srctree: options.srctree,
    ARCH: options.arch,
    SRCARCH: srcArch(options.arch),
    KERNELVERSION: options.kernelVersion,
    CC: e.CC || `${cross}gcc`,
    LD: e.LD || `${cross}ld`,
    NM: e.NM || `${cross}nm`,
    AR: e.AR || `${cross}ar`,
    OBJCOPY: e.OBJCOPY || `${cross}objcopy`,
    PAHOLE: e.PAHOLE || 'pahole',
    RUSTC: e.RUSTC || 'rustc',
    BINDGEN: e.BINDGEN || 'bindgen',
    HOSTCC: e.HOSTCC || 'gcc',
    HOSTCXX: e.HOSTCXX || 'g++',
    KCONFIG_ALLCONFIG: undefined,
  };
}

/** Bump when the engine's parse result changes shape or meaning: saved parses are then ignored. */
const SNAPSHOT_FORMAT = 'kconfig-tree-6';

interface SavedTree {
  stamps: FileStamp[];
  /** The probe answers the parse used. */
  answers: [string, string][];
  /** The environment variables the parse read, with their values. */
  env: [string, string][];
}

// Same files (size, mtime), same environment values, same probe answers as when the tree was saved.
function isCurrent(saved: SavedTree, srctree: string, env: Record<string, string | undefined>, answers: Record<string, string>): boolean {
  if (!Array.isArray(saved?.stamps) || !Array.isArray(saved.answers) || !Array.isArray(saved.env)) return false;
  for (const [k, v] of saved.env) if (env[k] !== v) return false;
  for (const [c, v] of saved.answers) if (answers[c] !== v) return false;
  const now = stampFiles(srctree, saved.stamps.map((f) => f.name));
  if (!now) return false;
  return now.every((f, i) => f.size === saved.stamps[i]!.size && f.mtimeMs === saved.stamps[i]!.mtimeMs);
}

// The probe answers a tree's parse used, in the order it ran the commands.
function answersUsed(tree: KconfigTree, answers: Record<string, string>): Record<string, string> {
  const used: Record<string, string> = {};
  for (const c of tree.commands) used[c] = answers[c]!;
  return used;
}

/** Probes at once: they are mostly short compiler runs, some waiting on I/O. */
const PROBE_SLOTS = 4;

const VERSION_TEXT = 'LC_ALL=C "$CC" --version 2>/dev/null | head -n 1';

/** Where a load stands before the tree is parsed or restored. */
interface Prepared {
  srctree: string;
  arch: string;
  env: Record<string, string | undefined>;
  toolchain: Record<string, string>;
  cachePath: string;
  snapPath: string;
  answers: Record<string, string>;
  cachedAtStart: number;
  probesRun: number;
}

// The probe runner: loaded only when a probe must run (child_process brings in most of Node's streams
// and networking modules, a tenth of a warm resolve).
function probeTools(): Promise<[typeof import('../tools/shell-probes.js'), typeof import('../io/probe-spool.js')]> {
  return Promise.all([import('../tools/shell-probes.js'), import('../io/probe-spool.js')]);
}

// The environment, the toolchain's identity and the cached probe answers (CC_VERSION_TEXT answered).
async function prepare(options: LoadTreeOptions): Promise<Prepared> {
  const srctree = resolve(options.cwd, options.kernelSrc);
  assertKernelTree(srctree);
  const arch = options.arch || options.env.ARCH || 'x86_64';
  const env = kconfigEnv({ arch, srctree, env: options.env, kernelVersion: readKernelVersion(srctree), machine: machine() });
  const toolchain = {
    cc: env.CC!,
    ld: env.LD!,
    ccId: toolIdentity(env.CC!, env.PATH),
    ldId: toolIdentity(env.LD!, env.PATH),
  };
  const cachePath = probeCachePath(options.env, toolchain);
  const answers: Record<string, string> = options.freshProbes ? {} : readProbeCache(cachePath);
  const cachedAtStart = Object.keys(answers).length;
  let probesRun = 0;
  // NOTE: the kernel's Makefile always sets CC_VERSION_TEXT itself (an inherited value is overridden).
  if (answers[VERSION_TEXT] === undefined) {
    const [{ runProbeSync }] = await probeTools();
    answers[VERSION_TEXT] = runProbeSync(VERSION_TEXT, { env, cwd: tmpdir() });
    probesRun++;
  }
  env.CC_VERSION_TEXT = answers[VERSION_TEXT]!.replace(/\n+$/, '').replace(/#/g, '');
  const snapPath = join(cachePath, '..', '..', 'kconfig-trees', `${cacheKey(JSON.stringify([SNAPSHOT_FORMAT, srctree, arch, toolchain]))}.bin`);
  return { srctree, arch, env, toolchain, cachePath, snapPath, answers, cachedAtStart, probesRun };
}

// A saved parse of this tree for this arch and toolchain, while its files, environment and probe
// answers are unchanged; undefined otherwise.
function savedParse(p: Prepared, options: LoadTreeOptions): DecodedHeader<SavedTree> | undefined {
  if (options.freshProbes) return undefined;
  const bytes = readBinaryCache(p.snapPath);
  const saved = bytes && decodeSnapshot<SavedTree>(bytes);
  return saved && isCurrent(saved.user, p.srctree, p.env, p.answers) ? saved : undefined;
}

function stats(p: Prepared, fromSnapshot: boolean): LoadedTree['stats'] {
  return { rounds: fromSnapshot ? 0 : 1, probesRun: p.probesRun, probesCached: p.cachedAtStart, cachePath: p.cachePath, fromSnapshot };
}

// Parse the tree, computing missing probe answers all at once; save the answers and the parse.
async function parseAndSave(p: Prepared): Promise<{ tree: KconfigTree; blob: Uint8Array | undefined }> {
  const { env, answers, srctree, arch } = p;
  const stamps = new Map<string, FileStamp>();
  const [{ ShellProbeRunner }, { createProbeSpool }] = await probeTools();
  const runner = new ShellProbeRunner({ env, cwd: tmpdir(), slots: PROBE_SLOTS, spool: createProbeSpool });
  let outcome;
  try {
    // NOTE: the discovery pass reads the files, the parse reads them again: keep their texts.
    const readFile = stampedKconfigReader(srctree);
    const texts = new Map<string, string | undefined>();
    const read = (name: string): string | undefined => {
      // NOTE: parsing a file takes a while: a good moment to start probes in place of those that finished.
      runner.poll();
      if (!texts.has(name)) {
        // NOTE: stamped as it is read (see stampedKconfigReader), while probes run, not after the parse.
        const got = readFile(name);
        if (got) stamps.set(name, got.stamp);
        texts.set(name, got?.text);
      }
      return texts.get(name);
    };
    const envOf = (n: string): string | undefined => env[n];
    // Every probe the parse will need is started first (they run while the tree is parsed); the parse
    // then takes each answer in turn, waiting for it if it is not in yet, as conf does.
    discoverShellCommands({
      read,
      env: envOf,
      shell: (c) => {
        const a = answers[c] ?? runner.peek(c);
        if (a === undefined) runner.start(c);
        return a;
      },
      wait: (c) => runner.wait(c),
    });
    outcome = parseKconfig({ read, env: envOf, shell: (c) => (answers[c] ??= runner.wait(c)) });
  } catch (e) {
    if (e instanceof KconfigSyntaxError) {
      throw new MicroyoctoError('KCONFIG_PARSE', `the Kconfig tree in ${srctree} does not parse:\n${e.message}`, {
        hint: `check --arch (${arch}) and the toolchain (CC=${env.CC}); the kernel's own 'make ARCH=${arch} olddefconfig' should fail the same way`,
        cause: e,
      });
    }
    throw e;
  } finally {
    runner.close();
  }
  if (!outcome.complete) throw new InternalError(`the Kconfig parse was left without the answers of ${outcome.missing.join(', ')}`);
  p.probesRun += runner.count;
  if (p.probesRun > 0) writeProbeCache(p.cachePath, p.toolchain, answers);
  const fileStamps = outcome.tree.files.map((f) => stamps.get(f));
  const used = answersUsed(outcome.tree, answers);
  const blob = fileStamps.every((f) => f !== undefined) ? encodeTree<SavedTree>(outcome.tree, { stamps: fileStamps as FileStamp[], answers: Object.entries(used), env: [...outcome.tree.env] }) : undefined;
  if (blob) writeJsonCache(p.snapPath, blob);
  return { tree: outcome.tree, blob };
}

// Parse the tree (or restore a saved parse) as objects: for `why` and `check`, which explain values.
export async function loadKconfigTree(options: LoadTreeOptions): Promise<LoadedTree> {
  const p = await prepare(options);
  const saved = savedParse(p, options);
  const tree = saved ? saved.tree(saved.user.stamps.map((f) => f.name)) : (await parseAndSave(p)).tree;
  return { tree, arch: p.arch, srctree: p.srctree, env: p.env, answers: answersUsed(tree, p.answers), stats: stats(p, saved !== undefined) };
}

export interface LoadedFlatTree {
  /** The tree as numbers (flat.ts); the parsed objects only when the tree cannot be stored as a blob. */
  kernel: { flat: FlatTree } | { tree: KconfigTree };
  problems: KconfigTree['problems'];
  arch: string;
  srctree: string;
  stats: LoadedTree['stats'];
}

// The tree for resolving: a saved parse read in place, or a fresh parse in the same form (its blob,
// made for saving anyway, read back), so that one evaluator writes every resolve's output.
export async function loadKconfigFlat(options: LoadTreeOptions): Promise<LoadedFlatTree> {
  const p = await prepare(options);
  const saved = savedParse(p, options);
  if (saved) return { kernel: { flat: saved.flat() }, problems: saved.problems, arch: p.arch, srctree: p.srctree, stats: stats(p, true) };
  const { tree, blob } = await parseAndSave(p);
  const fresh = blob && decodeSnapshot<SavedTree>(blob);
  return { kernel: fresh ? { flat: fresh.flat() } : { tree }, problems: tree.problems, arch: p.arch, srctree: p.srctree, stats: stats(p, false) };
}
