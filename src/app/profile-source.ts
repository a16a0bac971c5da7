// SPDX-License-Identifier: MIT
// How footprint commands get a profile: through src/profiles' loadProfile once it exists on main.
import { MicroyoctoError } from '../core/errors.js';
import type { Profile } from '../core/model.js';

export type LoadProfile = (name: string, options: { workspaceDir: string }) => Promise<Profile>;

// The project's profile loader.
// NOTE: src/profiles (ini + zod) is landing in parallel; until then a named profile cannot be loaded.
export const loadProfileForSize: LoadProfile = async (name) => {
  throw new MicroyoctoError('PROFILE_NOT_FOUND', `cannot load profile '${name}': the profile loader is not part of this build yet`, {
    hint: 'name the artifacts as files: microyocto size vmlinux bzImage',
  });
};

// The .cfg fragments a kernel feature resolves to (src/profiles' feature catalog once it lands).
export async function resolveFeatureFragments(feature: string, profile: Profile): Promise<string[]> {
  throw new MicroyoctoError('PROFILE_INVALID', `${profile.file}: cannot resolve kernel feature '${feature}': the feature catalog is not part of this build yet`, {
    hint: 'use --variant NAME=FRAGMENT.cfg,... with the .cfg files instead',
  });
}
