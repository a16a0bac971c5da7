// SPDX-License-Identifier: MIT
// `profile list` and `profile features`: what can be named.
import { formatDiagnostic } from '../core/diagnostics.js';
import { loadFeatureCatalog, listProfiles, loadProject, type KernelFeature, type ProfileSummary, type SearchOptions } from '../profiles/index.js';

// Every profile visible from the workspace (workspace ones first in precedence).
export async function runProfileList(options: SearchOptions & { workspaceDir: string }): Promise<ProfileSummary[]> {
  const project = await loadProject(options.workspaceDir).catch(() => undefined);
  return listProfiles({ ...options, project });
}

// Text: one line per profile; broken ones show their first problem.
export function formatProfileList(list: readonly ProfileSummary[], defaultProfile: string | undefined): string {
  const width = Math.max(0, ...list.map((p) => p.name.length));
  let out = '';
  for (const p of list) {
    const mark = p.name === defaultProfile ? '*' : ' ';
    const origin = p.origin === 'workspace' ? (p.shadows ? ' [workspace, overrides built-in]' : ' [workspace]') : '';
    out += `${mark} ${p.name.padEnd(width)}  ${p.problems.length > 0 ? `INVALID: ${formatDiagnostic(p.problems[0]!)}` : p.description}${origin}\n`;
  }
  return out;
}

// Every kernel feature of the kernel metadata, by group.
export async function runFeatureList(options: SearchOptions): Promise<KernelFeature[]> {
  const catalog = await loadFeatureCatalog(options);
  return sortFeaturesForDocs([...catalog.features.values()]);
}

const GROUP_ORDER = ['micro', 'lto', 'lwip', 'nonet', 'net', 'tracing', 'bsp'];

// Features in the bbappend's group order, by name inside a group.
export function sortFeaturesForDocs(features: KernelFeature[]): KernelFeature[] {
  const rank = (f: KernelFeature): number => {
    const i = GROUP_ORDER.indexOf(f.group ?? '');
    return i < 0 ? GROUP_ORDER.length : i;
  };
  return features.sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// Text: `group  name  description` with a 2014 marker.
export function formatFeatureList(features: readonly KernelFeature[]): string {
  const width = Math.max(0, ...features.map((f) => f.name.length));
  return features.map((f) => `${(f.group ?? '-').padEnd(8)} ${f.name.padEnd(width)}  ${f.description}${f.only2014 ? '  [2014 micro kernel only]' : ''}\n`).join('');
}
