// SPDX-License-Identifier: MIT
// How footprint commands get a profile and its kernel fragments: src/profiles' loader and feature catalog.
import { MicroyoctoError } from '../core/errors.js';
import type { Profile } from '../core/model.js';
import { loadFeatureCatalog, loadProfile } from '../profiles/index.js';

export type LoadProfile = (name: string, options: { workspaceDir: string }) => Promise<Profile>;

// Load a profile by name from the workspace (then the built-in ones).
export const loadProfileForSize: LoadProfile = (name, options) => loadProfile(name, { workspaceDir: options.workspaceDir });

// The .cfg fragments a kernel feature of the profile resolves to (its .scc, includes expanded).
export async function resolveFeatureFragments(feature: string, profile: Profile, workspaceDir?: string): Promise<string[]> {
  const catalog = await loadFeatureCatalog({ workspaceDir });
  const found = catalog.features.get(feature);
  if (found === undefined) {
    throw new MicroyoctoError('PROFILE_INVALID', `${profile.file}: kernel feature '${feature}' is not in the kernel metadata (${catalog.roots.join(', ')})`, {
      hint: 'microyocto profile features lists them',
    });
  }
  return found.fragments.map((f) => f.file);
}
