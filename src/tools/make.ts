// SPDX-License-Identifier: MIT
// Argv for the kernel's make, always out of tree (O=), never writing into the source tree.

export interface KernelMakeOptions {
  kernelSrc: string;
  buildDir: string;
  arch: string;
  /** make targets, e.g. ['allnoconfig'] or ['vmlinux']. */
  targets: readonly string[];
  /** -j. @defaultValue 2 */
  jobs?: number | undefined;
  /** KCONFIG_ALLCONFIG= (the merged fragment for allnoconfig). */
  allconfig?: string | undefined;
}

// `make -C SRC O=DIR ARCH=arch [KCONFIG_ALLCONFIG=F] [-jN] TARGET...`.
export function kernelMakeArgs(o: KernelMakeOptions): string[] {
  const args = ['-C', o.kernelSrc, `O=${o.buildDir}`, `ARCH=${o.arch}`];
  if (o.allconfig !== undefined) args.push(`KCONFIG_ALLCONFIG=${o.allconfig}`);
  args.push(`-j${o.jobs ?? 2}`);
  // NOTE: make's target list is not option-parsed after `--`; targets never start with '-' here anyway.
  return [...args, ...o.targets];
}

// The object a kbuild progress line names (`  CC      kernel/fork.o` -> `CC kernel/fork.o`), if any.
export function kbuildProgress(line: string): string | undefined {
  const m = /^\s{2}([A-Z][A-Z0-9_]{1,9})\s+(\S.*)$/.exec(line);
  return m ? `${m[1]} ${m[2]}` : undefined;
}
