// SPDX-License-Identifier: MIT
// Where profiles, machines, manifests and kernel features are looked up: the workspace first, then
// the files that ship with microyocto.
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The package root (holds configs/, layers/, templates/); dist/src/profiles/ is three levels down. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** meta-microyocto's kernel metadata (a `type=kmeta` folder), relative to the layer. */
export const KMETA_IN_LAYER = 'recipes-kernel/linux/files/microyocto-kmeta';
/** Where each feature's `.scc` lives inside the kernel metadata: KERNEL_FEATURES entries start with this. */
export const FEATURE_PREFIX = 'features/microyocto';

export interface SearchOptions {
  /** The user's workspace (holds microyocto.ini and configs/). Searched first. */
  workspaceDir?: string | undefined;
  /** Where the built-in configs/ and layers/ are. @defaultValue PACKAGE_ROOT */
  builtinDir?: string | undefined;
  /** Kernel-metadata roots holding `features/microyocto/<name>.scc`. @defaultValue the built-in meta-microyocto's */
  kmetaDirs?: string[] | undefined;
}

export type Origin = 'workspace' | 'builtin';

// The folders searched for one kind of file, in order.
export function searchDirs(kindDir: string, options: SearchOptions): Array<{ dir: string; origin: Origin }> {
  const dirs: Array<{ dir: string; origin: Origin }> = [];
  const builtin = options.builtinDir ?? PACKAGE_ROOT;
  // NOTE: run from the package's own checkout, the workspace and the built-in folders are the same.
  if (options.workspaceDir !== undefined && resolve(options.workspaceDir) !== resolve(builtin)) dirs.push({ dir: join(options.workspaceDir, 'configs', kindDir), origin: 'workspace' });
  dirs.push({ dir: join(builtin, 'configs', kindDir), origin: 'builtin' });
  return dirs;
}

// The built-in meta-microyocto layer folder.
export function builtinLayerDir(options: SearchOptions): string {
  return join(options.builtinDir ?? PACKAGE_ROOT, 'layers', 'meta-microyocto');
}

// The kernel-metadata roots searched for features.
export function kmetaDirs(options: SearchOptions): string[] {
  return options.kmetaDirs ?? [join(builtinLayerDir(options), KMETA_IN_LAYER)];
}
