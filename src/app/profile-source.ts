// SPDX-License-Identifier: MIT
// How footprint commands get a profile and its kernel features: src/profiles' loaders.
import { MicroyoctoError } from '../core/errors.js';
import type { Profile } from '../core/model.js';
import { nearestName } from '../core/names.js';
import { loadFeatureCatalog, loadProfile, loadProject } from '../profiles/index.js';

export type LoadProfile = (name: string, options: { workspaceDir: string }) => Promise<Profile>;

// The project's profile loader (the workspace's microyocto.ini supplies defaults).
export const loadProfileForSize: LoadProfile = async (name, options) => {
  const project = await loadProject(options.workspaceDir);
  return loadProfile(name, { workspaceDir: options.workspaceDir, project });
};

// The .cfg fragments a kernel feature resolves to, in order (includes expanded).
export async function resolveFeatureFragments(feature: string, profile: Profile): Promise<string[]> {
  const catalog = await loadFeatureCatalog({});
  const found = catalog.features.get(feature);
  if (found === undefined) {
    const near = nearestName(feature, [...catalog.features.keys()]);
    throw new MicroyoctoError('PROFILE_INVALID', `${profile.file}: unknown kernel feature '${feature}'${near ? ` (did you mean '${near}'?)` : ''}`, {
      hint: 'microyocto profile features lists them',
    });
  }
  return found.fragments.map((f) => f.file);
}
