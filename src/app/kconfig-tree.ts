// SPDX-License-Identifier: MIT
// Load a kernel's Kconfig tree for an architecture: the environment the kernel's Makefile gives conf,
// toolchain probes answered from the on-disk cache or run concurrently, parse repeated until complete.
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { MicroyoctoError } from '../core/errors.js';
import { KconfigSyntaxError, parseKconfig, type KconfigTree } from '../core/kconfig/engine/index.js';
import { assertKernelTree, kconfigReader, probeCachePath, readKernelVersion, readProbeCache, toolIdentity, writeProbeCache } from '../io/kconfig-source.js';

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
  stats: { rounds: number; probesRun: number; probesCached: number; cachePath: string };
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
  const run = async (commands: string[]): Promise<void> => {
    const { runShellProbes } = await import('../tools/shell-probes.js');
    const got = await runShellProbes(commands, { env, cwd: tmpdir(), concurrency: 6 });
    for (const [c, out] of got) answers[c] = out;
    probesRun += got.size;
  };
  // NOTE: the kernel's Makefile always sets CC_VERSION_TEXT itself (an inherited value is overridden).
  if (answers[VERSION_TEXT] === undefined) await run([VERSION_TEXT]);
  env.CC_VERSION_TEXT = answers[VERSION_TEXT]!.replace(/\n+$/, '').replace(/#/g, '');
  const read = kconfigReader(srctree);
  let rounds = 0;
  for (;;) {
    rounds++;
    let outcome;
    try {
      outcome = parseKconfig({ read, env: (n) => env[n], shell: (c) => answers[c] });
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
      const used: Record<string, string> = {};
      for (const c of outcome.tree.commands) used[c] = answers[c]!;
      return { tree: outcome.tree, arch, srctree, env, answers: used, stats: { rounds, probesRun, probesCached: cachedAtStart, cachePath } };
    }
    if (rounds > 20) throw new MicroyoctoError('KCONFIG_PARSE', 'Kconfig macro expansion did not settle after 20 rounds of probes');
    await run(outcome.missing);
  }
}
