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
