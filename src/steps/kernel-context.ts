// SPDX-License-Identifier: MIT
// What the kernel-size steps share: one kernel variant (a profile or a named fragment list) built
// out of tree in its own cache folder.
import type { ElfSizes } from '../core/size/artifacts.js';
import type { CheckMismatch } from '../core/kconfig/check.js';
import type { MergeSource } from '../core/kconfig/merge.js';

export interface KernelVariant {
  name: string;
  /** The fragments in merge order (later wins), with their text. */
  fragments: MergeSource[];
}

export interface KernelSizeContext {
  variant: KernelVariant;
  kernelSrc: string;
  buildDir: string;
  arch: string;
  jobs: number;
  /** Also build bzImage and measure it. */
  image: boolean;
  env: Record<string, string | undefined>;
  /** Builds already measured in this run: one with the same final .config makes building this one unnecessary. */
  knownBuilds?: ReadonlyArray<{ name: string; buildDir: string; configText?: string | undefined }> | undefined;
  /** Set by kernel-configure: the final .config, and the known build it equals (if any). */
  configText?: string;
  sameAs?: { name: string; buildDir: string } | undefined;
  /** Set by kernel-merge-fragments: true when the merged fragment changed (or is new). */
  fragmentChanged?: boolean;
  /** Set by kernel-build. */
  objectsBuilt?: number;
  /** Set by kernel-measure. */
  sizes?: ElfSizes;
  bzImageBytes?: number | undefined;
  dropped?: CheckMismatch[];
}

export const FRAGMENT_FILE = 'microyocto-fragment.config';
