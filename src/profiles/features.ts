// SPDX-License-Identifier: MIT
// The kernel features a profile can name: every `features/microyocto/<name>.scc` in the kernel
// metadata, with its description, 2014-only notes and the `.cfg` fragments it resolves to.
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { parseScc } from '../core/scc.js';
import { listFiles, pathExists, readTextFile } from '../io/files.js';
import { FEATURE_PREFIX, kmetaDirs, type SearchOptions } from './paths.js';

export interface FeatureFragment {
  /** Absolute path of the .cfg. */
  file: string;
  /** The kconf type (hardware, non-hardware ...). */
  type: string;
  /** The .scc and line that named it. */
  scc: string;
  line: number;
}

export interface KernelFeature {
  name: string;
  /** Absolute path of the feature's .scc. */
  scc: string;
  /** The KERNEL_FEATURES entry for a layer that ships this kernel metadata (features/microyocto/<name>.scc). */
  kernelFeature: string;
  /** KFEATURE_DESCRIPTION. */
  description: string;
  /** MICROYOCTO_GROUP: micro, lto, net, lwip, nonet, tracing (the bbappend's KERNEL_FEATURES_* sets). */
  group: string | undefined;
  /** MICROYOCTO_2014_PATH: the feature's path in linux-yocto-micro-3.14's meta branch. */
  path2014: string | undefined;
  /** MICROYOCTO_ONLY_2014: why it only has an effect on the 2014 micro kernel; undefined if it applies to mainline. */
  only2014: string | undefined;
  /** MICROYOCTO_NOTE: how it behaves on current kernels, when that differs. */
  note: string | undefined;
  /** MICROYOCTO_OVERRIDES: features whose values this one deliberately changes (not a conflict). */
  overrides: string[];
  /** The .cfg fragments, includes expanded, in order. */
  fragments: FeatureFragment[];
  /** `branch`/`merge`/`patch` lines: source changes a config preview cannot show. */
  sourceCommands: string[];
}

export interface FeatureCatalog {
  features: Map<string, KernelFeature>;
  /** The kernel-metadata roots searched. */
  roots: string[];
  diagnostics: Diagnostic[];
}

async function expandScc(
  scc: string,
  roots: readonly string[],
  seen: Set<string>,
  out: { fragments: FeatureFragment[]; sourceCommands: string[]; diagnostics: Diagnostic[] },
): Promise<Record<string, string>> {
  seen.add(scc);
  const parsed = parseScc(await readTextFile(scc, 'kernel feature'), scc);
  out.diagnostics.push(...parsed.diagnostics);
  for (const inc of parsed.includes) {
    let target: string | undefined;
    for (const root of [dirname(scc), ...roots]) {
      if (await pathExists(join(root, inc.path))) {
        target = join(root, inc.path);
        break;
      }
    }
    if (target === undefined) {
      out.diagnostics.push({ severity: 'error', code: 'missing-include', file: scc, line: inc.line, message: `included '${inc.path}' is not in the kernel metadata (${roots.join(', ')})` });
    } else if (!seen.has(target) && !inc.modifiers.includes('nocfg')) {
      await expandScc(target, roots, seen, out);
    }
  }
  for (const k of parsed.kconf) {
    const file = join(dirname(scc), k.file);
    if (!(await pathExists(file))) {
      out.diagnostics.push({ severity: 'error', code: 'missing-fragment', file: scc, line: k.line, message: `fragment '${k.file}' does not exist (expected ${file})` });
      continue;
    }
    out.fragments.push({ file, type: k.type, scc, line: k.line });
  }
  for (const p of parsed.patches) out.sourceCommands.push(`patch ${p}`);
  for (const s of parsed.sourceCommands) out.sourceCommands.push(s.command);
  return parsed.defines;
}

// Read every feature of the kernel metadata roots; the first root that has a name wins.
export async function loadFeatureCatalog(options: SearchOptions = {}): Promise<FeatureCatalog> {
  const roots = kmetaDirs(options);
  const features = new Map<string, KernelFeature>();
  const diagnostics: Diagnostic[] = [];
  for (const root of roots) {
    const dir = join(root, FEATURE_PREFIX);
    for (const name of await listFiles(dir, '.scc')) {
      const feature = name.slice(0, -'.scc'.length);
      if (features.has(feature)) continue;
      const scc = join(dir, name);
      const acc = { fragments: [] as FeatureFragment[], sourceCommands: [] as string[], diagnostics };
      const defines = await expandScc(scc, roots, new Set(), acc);
      if (defines.KFEATURE_DESCRIPTION === undefined) {
        diagnostics.push({ severity: 'warning', code: 'no-description', file: scc, line: 1, message: 'no `define KFEATURE_DESCRIPTION "..."`' });
      }
      features.set(feature, {
        name: feature,
        scc,
        kernelFeature: relative(root, scc).split('\\').join('/'),
        description: defines.KFEATURE_DESCRIPTION ?? '',
        group: defines.MICROYOCTO_GROUP,
        path2014: defines.MICROYOCTO_2014_PATH,
        only2014: defines.MICROYOCTO_ONLY_2014,
        note: defines.MICROYOCTO_NOTE,
        overrides: (defines.MICROYOCTO_OVERRIDES ?? '').split(/\s+/).filter((w) => w !== ''),
        fragments: acc.fragments,
        sourceCommands: acc.sourceCommands,
      });
    }
  }
  return { features, roots, diagnostics };
}
