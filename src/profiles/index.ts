// SPDX-License-Identifier: MIT
// The profiles API the rest of microyocto uses: load a project file, profiles, machines, manifests
// (workspace first, then built-in), and the kernel features they name.
import type { KernelFeatureEntry } from '../core/bitbake-syntax.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Profile } from '../core/model.js';
import { loadFeatureCatalog } from './features.js';
import { FEATURE_PREFIX } from './paths.js';
import { listCandidates, type NamedKind } from './chain.js';
import { resolveProfile, type LoadProfileOptions } from './load-profile.js';
import type { Origin, SearchOptions } from './paths.js';

export { loadProfile, resolveProfile, PROFILE_DEFAULTS, type LoadProfileOptions, type ProfileResolution } from './load-profile.js';
export { loadMachine, loadManifest, loadProject, resolveMachine, resolveManifest, resolveProjectText, PROJECT_FILE, BUILTIN_LAYERS, type LoadOptions } from './load-other.js';
export { loadFeatureCatalog, type FeatureCatalog, type FeatureFragment, type KernelFeature } from './features.js';
export { ProfileInvalidError } from './report.js';
export { PACKAGE_ROOT, KMETA_IN_LAYER, FEATURE_PREFIX, builtinLayerDir, kmetaDirs, type SearchOptions, type Origin } from './paths.js';
export { findCandidates, listCandidates, notFoundError, type NamedKind, type Candidate } from './chain.js';

export interface ProfileSummary {
  name: string;
  description: string;
  file: string;
  origin: Origin;
  /** The built-in file a workspace profile of the same name hides. */
  shadows: string | undefined;
  extends: string[];
  machine: string | undefined;
  manifest: string | undefined;
  /** Errors when the profile does not resolve (it is still listed). */
  problems: Diagnostic[];
}

// Every profile visible from the workspace, resolved enough to describe it; broken ones are listed with their problems.
export async function listProfiles(options: LoadProfileOptions = {}): Promise<ProfileSummary[]> {
  const out: ProfileSummary[] = [];
  for (const c of await listCandidates('profile', options)) {
    const r = await resolveProfile({ name: c.name }, options);
    out.push({
      name: c.name,
      description: r.profile?.description ?? '',
      file: c.file,
      origin: c.origin,
      shadows: c.shadows,
      extends: r.profile?.extends ?? [],
      machine: r.profile?.machine,
      manifest: r.profile?.manifest,
      problems: r.diagnostics.filter((d) => d.severity === 'error'),
    });
  }
  return out;
}

// The names of one kind of file (profiles, machines, manifests), workspace ones first in precedence.
export async function listNames(kind: NamedKind, options: SearchOptions = {}): Promise<string[]> {
  return (await listCandidates(kind, options)).map((c) => c.name);
}

// The profile's kernel features as KERNEL_FEATURES entries, with their 2014 paths (for manifests
// without meta-microyocto). A feature missing from the catalog keeps its plain entry.
export async function profileKernelFeatures(profile: Profile, options: SearchOptions = {}): Promise<KernelFeatureEntry[]> {
  const catalog = await loadFeatureCatalog(options);
  return profile.kernel.features.map((name) => {
    const f = catalog.features.get(name);
    return f === undefined ? { kernelFeature: `${FEATURE_PREFIX}/${name}.scc` } : { kernelFeature: f.kernelFeature, path2014: f.path2014 };
  });
}
