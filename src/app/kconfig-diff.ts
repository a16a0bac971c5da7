// SPDX-License-Identifier: MIT
// `kconfig diff`: diffconfig's comparison of two files.
import { resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { diffPair, formatPairText, readPairForDiff, type ConfigDiff } from '../core/kconfig/diff.js';
import { readTextFileSync } from '../io/files.js';

export interface KconfigDiffOutcome {
  /** The differences with their values (built on first use: the text output does not need them). */
  readonly diff: ConfigDiff;
  /** diffconfig's text (`mergeStyle`: as a fragment). */
  text(mergeStyle: boolean): string;
  diagnostics: Diagnostic[];
}

// Compare two .config files; with no paths, `.config.old` and `.config` (in $KBUILD_OUTPUT).
export function runKconfigDiff(a: string | undefined, b: string | undefined, env: Record<string, string | undefined>, cwd = '.'): KconfigDiffOutcome {
  const dir = env.KBUILD_OUTPUT ? `${env.KBUILD_OUTPUT}/` : '';
  const fileA = a ?? `${dir}.config.old`;
  const fileB = b ?? `${dir}.config`;
  const textA = readTextFileSync(resolve(cwd, fileA), 'config', fileA);
  const pair = readPairForDiff(textA, fileA, readTextFileSync(resolve(cwd, fileB), 'config', fileB), fileB);
  let diff: ConfigDiff | undefined;
  return {
    get diff() {
      diff ??= diffPair(pair);
      return diff;
    },
    text: (mergeStyle) => formatPairText(pair, mergeStyle),
    diagnostics: pair.diagnostics,
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
