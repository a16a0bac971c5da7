// SPDX-License-Identifier: MIT
// What a profile's kernel features add up to, before any build: each feature with the .scc/.cfg
// files it resolves to, the merged fragment (fast core, merge_config.sh semantics) and the
// conflicts between features (what symbol_why.py --sanity reports only after a build).
import { relative } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { readForDiff } from '../core/kconfig/diff.js';
import { mergeFragments, type MergeSource } from '../core/kconfig/merge.js';
import type { Profile } from '../core/model.js';
import { readTextFile } from '../io/files.js';
import { loadFeatureCatalog, type KernelFeature, type SearchOptions } from '../profiles/index.js';

export interface FileLine {
  file: string;
  line: number;
  text: string;
  /** The feature the line belongs to; undefined for a profile fragment. */
  feature: string | undefined;
}

export interface FeatureConflict {
  symbol: string;
  /** The earlier assignment, which loses. */
  previous: FileLine;
  /** The later assignment, which wins (last fragment wins). */
  next: FileLine;
  /** True when the winning feature declares MICROYOCTO_OVERRIDES of the losing one. */
  intended: boolean;
}

export interface MergedSymbol extends FileLine {
  symbol: string;
  value: string;
}

export interface KernelPreview {
  features: KernelFeature[];
  /** Extra profile fragments, absolute paths. */
  fragments: string[];
  /** Every effective assignment, in merge order, with where it came from. */
  symbols: MergedSymbol[];
  /** The merged fragment: one line per symbol. */
  mergedText: string;
  conflicts: FeatureConflict[];
  /** Symbols set to the same value by more than one feature. */
  redundant: Array<{ symbol: string; files: FileLine[] }>;
  diagnostics: Diagnostic[];
}

// Resolve a profile's features and fragments and merge them in KERNEL_FEATURES order.
export async function previewKernelConfig(profile: Profile, options: SearchOptions = {}): Promise<KernelPreview> {
  const catalog = await loadFeatureCatalog(options);
  const diagnostics = [...catalog.diagnostics];
  const features = profile.kernel.features.map((n) => catalog.features.get(n)).filter((f): f is KernelFeature => f !== undefined);
  const owner = new Map<string, string | undefined>();
  const display = (file: string): string => {
    const root = catalog.roots.find((r) => file.startsWith(r + '/'));
    return root === undefined ? file : relative(root, file);
  };
  const sources: MergeSource[] = [];
  for (const f of features) {
    for (const frag of f.fragments) {
      const name = display(frag.file);
      owner.set(name, f.name);
      sources.push({ name, text: await readTextFile(frag.file, 'kernel fragment') });
    }
  }
  for (const file of profile.kernel.fragments) {
    owner.set(file, undefined);
    sources.push({ name: file, text: await readTextFile(file, 'kernel fragment') });
  }
  const merged = mergeFragments({ name: '(empty base)', text: '' }, sources, { warnRedundant: true });
  const ref = (r: { file: string; line: number; text: string }): FileLine => ({ ...r, feature: owner.get(r.file) });
  const conflicts: FeatureConflict[] = [];
  const redundant: KernelPreview['redundant'] = [];
  const byName = new Map(features.map((f) => [f.name, f]));
  for (const o of merged.overrides) {
    const previous = ref(o.previous[0]!);
    const next = ref(o.next[0]!);
    if (o.kind === 'redundant') {
      redundant.push({ symbol: o.symbol, files: [previous, next] });
      continue;
    }
    const winner = next.feature === undefined ? undefined : byName.get(next.feature);
    const intended = previous.feature !== undefined && (winner?.overrides.includes(previous.feature) ?? false);
    conflicts.push({ symbol: o.symbol, previous, next, intended });
    diagnostics.push({
      severity: intended ? 'info' : 'warning',
      code: intended ? 'intended-override' : 'feature-conflict',
      file: next.file,
      line: next.line,
      message: `CONFIG_${o.symbol}: '${next.text}' (${next.feature ?? 'fragment'}) overrides '${previous.text}' from ${previous.file}:${previous.line} (${previous.feature ?? 'fragment'})`,
    });
  }
  const values = readForDiff(merged.text, 'merged').values;
  const symbols: MergedSymbol[] = merged.assignments.map((a) => ({ ...ref(a), symbol: a.symbol, value: values.get(a.symbol) ?? '' }));
  const mergedText = symbols.map((s) => s.text.trimEnd() + '\n').join('');
  return { features, fragments: profile.kernel.fragments, symbols, mergedText, conflicts, redundant, diagnostics };
}
