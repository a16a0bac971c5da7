// SPDX-License-Identifier: MIT
// Load a kernel's Kconfig tree for an architecture: the environment the kernel's Makefile gives conf,
// toolchain probes answered from the on-disk cache or run concurrently, parse repeated until complete.
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { cacheKey } from '../core/cache-key.js';
import { MicroyoctoError } from '../core/errors.js';
import { KconfigSyntaxError, parseKconfig, type KconfigTree } from '../core/kconfig/engine/index.js';
import { createProbePool, runProbeSync } from '../tools/shell-probes.js';
import { join } from 'node:path';
import { decodeSnapshot, encodeTree } from '../core/kconfig/engine/snapshot.js';
import {
  assertKernelTree,
  kconfigReader,
  probeCachePath,
  readBinaryCache,
  readKernelVersion,
  readProbeCache,
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
export function kconfigEnv(options: { arch: string; srctree: string; env: Record<string, string | undefined>; kernelVersion: string }): Record<string, string | undefined> {
  const e = options.env;
  const cross = e.CROSS_COMPILE ?? '';
  return {
    ...e,
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
const SNAPSHOT_FORMAT = 'kconfig-tree-5';

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

/** Probes at once: they are mostly short compiler runs, some waiting on I/O. */
const PROBE_CONCURRENCY = 8;

const VERSION_TEXT = 'LC_ALL=C "$CC" --version 2>/dev/null | head -n 1';

// Parse the tree; missing probe answers are computed (all of one round at once) and the parse repeated.
export async function loadKconfigTree(options: LoadTreeOptions): Promise<LoadedTree> {
  const srctree = resolve(options.cwd, options.kernelSrc);
  assertKernelTree(srctree);
  const arch = options.arch || options.env.ARCH || 'x86_64';
  const env = kconfigEnv({ arch, srctree, env: options.env, kernelVersion: readKernelVersion(srctree) });
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
  const pool = createProbePool({ env, cwd: tmpdir(), concurrency: PROBE_CONCURRENCY });
  const run = async (commands: string[]): Promise<void> => {
    const outs = await Promise.all(commands.map((c) => pool.start(c)));
    commands.forEach((c, i) => (answers[c] = outs[i]!));
    probesRun += commands.length;
  };
  // NOTE: the kernel's Makefile always sets CC_VERSION_TEXT itself (an inherited value is overridden).
  if (answers[VERSION_TEXT] === undefined) await run([VERSION_TEXT]);
  env.CC_VERSION_TEXT = answers[VERSION_TEXT]!.replace(/\n+$/, '').replace(/#/g, '');
  // A saved parse of this tree for this arch and toolchain, valid while its files, environment and
  // probe answers are unchanged.
  const snapPath = join(cachePath, '..', '..', 'kconfig-trees', `${cacheKey(JSON.stringify([SNAPSHOT_FORMAT, srctree, arch, toolchain]))}.bin`);
  if (!options.freshProbes) {
    const bytes = readBinaryCache(snapPath);
    const saved = bytes && decodeSnapshot<SavedTree>(bytes);
    if (saved && isCurrent(saved.user, srctree, env, answers)) {
      const tree = saved.tree(saved.user.stamps.map((f) => f.name));
      const used: Record<string, string> = {};
      for (const c of tree.commands) used[c] = answers[c]!;
      return { tree, arch, srctree, env, answers: used, stats: { rounds: 0, probesRun, probesCached: cachedAtStart, cachePath, fromSnapshot: true } };
    }
  }
  // NOTE: a second parse round reads the same files again: keep their texts.
  const readFile = kconfigReader(srctree);
  const texts = new Map<string, string | undefined>();
  const read = (name: string): string | undefined => {
    if (!texts.has(name)) texts.set(name, readFile(name));
    return texts.get(name);
  };
  let rounds = 0;
  for (;;) {
    rounds++;
    let outcome;
    try {
      // NOTE: in the first pass a missing answer starts its probe at once (probes run while the parse
      // goes on); later passes run the few probes that depend on earlier answers synchronously, as conf
      // does, instead of parsing again for each level of dependency.
      const first = rounds === 1;
      outcome = parseKconfig({
        read,
        env: (n) => env[n],
        shell: (c) => {
          let a = answers[c];
          if (a === undefined) {
            if (first) void pool.start(c);
            else {
              a = answers[c] = runProbeSync(c, { env, cwd: tmpdir() });
              probesRun++;
            }
          }
          return a;
        },
      });
    } catch (e) {
      if (e instanceof KconfigSyntaxError) {
        throw new MicroyoctoError('KCONFIG_PARSE', `the Kconfig tree in ${srctree} does not parse:\n${e.message}`, {
          hint: `check --arch (${arch}) and the toolchain (CC=${env.CC}); the kernel's own 'make ARCH=${arch} olddefconfig' should fail the same way`,
          cause: e,
        });
      }
      throw e;
    }
    if (outcome.complete) {
      if (probesRun > 0) writeProbeCache(cachePath, toolchain, answers);
      const stamps = stampFiles(srctree, outcome.tree.files);
      const usedAnswers = outcome.tree.commands.map((c): [string, string] => [c, answers[c]!]);
      const blob = stamps && encodeTree<SavedTree>(outcome.tree, { stamps, answers: usedAnswers, env: [...outcome.tree.env] });
      if (blob) writeJsonCache(snapPath, blob);
      const used: Record<string, string> = {};
      for (const c of outcome.tree.commands) used[c] = answers[c]!;
      return { tree: outcome.tree, arch, srctree, env, answers: used, stats: { rounds, probesRun, probesCached: cachedAtStart, cachePath, fromSnapshot: false } };
    }
    if (rounds > 20) throw new MicroyoctoError('KCONFIG_PARSE', 'Kconfig macro expansion did not settle after 20 rounds of probes');
    await run(outcome.missing);
  }
}
