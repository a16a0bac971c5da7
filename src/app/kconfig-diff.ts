// SPDX-License-Identifier: MIT
// `kconfig diff`: diffconfig's comparison of two files.
import { resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { diffPair, formatPairText, readPairForDiff, type ConfigDiff, type DiffconfigPair } from '../core/kconfig/diff.js';
import { readBytesSync } from '../io/files.js';
import { diffKernel } from './kernels.js';

export interface KconfigDiffOutcome {
  /** The differences with their values (built on first use: the text output does not need them). */
  readonly diff: ConfigDiff;
  /** diffconfig's text (`mergeStyle`: as a fragment). */
  text(mergeStyle: boolean): string;
  diagnostics: Diagnostic[];
}

// Compare two .config files; with no paths, `.config.old` and `.config` (in $KBUILD_OUTPUT).
// `plainText`: only text(false) will be asked for, which the WebAssembly kernel computes when it can.
export function runKconfigDiff(a: string | undefined, b: string | undefined, env: Record<string, string | undefined>, cwd = '.', options: { plainText?: boolean } = {}): KconfigDiffOutcome {
  const dir = env.KBUILD_OUTPUT ? `${env.KBUILD_OUTPUT}/` : '';
  const fileA = a ?? `${dir}.config.old`;
  const fileB = b ?? `${dir}.config`;
  const bytesA = readBytesSync(resolve(cwd, fileA), 'config', fileA);
  const bytesB = readBytesSync(resolve(cwd, fileB), 'config', fileB);
  const fast = options.plainText ? diffKernel()?.diff(bytesA, bytesB) : undefined;
  let pair: DiffconfigPair | undefined;
  const read = (): DiffconfigPair => (pair ??= readPairForDiff(bytesA.toString('utf8'), fileA, bytesB.toString('utf8'), fileB));
  let diff: ConfigDiff | undefined;
  return {
    get diff() {
      diff ??= diffPair(read());
      return diff;
    },
    text: (mergeStyle) => (!mergeStyle && fast !== undefined ? fast : formatPairText(read(), mergeStyle)),
    // NOTE: the kernel leaves every file with a malformed line (the only diagnostic) to the reader.
    diagnostics: fast !== undefined ? [] : read().diagnostics,
  };
}

// The --json document.
export function diffJson(diff: ConfigDiff): unknown {
  return {
    removed: diff.removed.map(([name, value]) => ({ name, value })),
    changed: diff.changed.map(([name, old, value]) => ({ name, old, new: value })),
    added: diff.added.map(([name, value]) => ({ name, value })),
  };
}
