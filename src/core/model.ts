// SPDX-License-Identifier: MIT
// The resolved shapes every part of microyocto shares: manifests, machines, profiles, the project file.
// src/profiles/ loads and validates them (ini + zod); everything else only reads these types.

/** Yocto release codenames we know, oldest first; index order is release order. */
export const RELEASES = ['daisy', 'dizzy', 'fido', 'jethro', 'krogoth', 'morty', 'pyro', 'rocko', 'sumo', 'thud', 'warrior', 'zeus', 'dunfell', 'gatesgarth', 'hardknott', 'honister', 'kirkstone', 'langdale', 'mickledore', 'nanbield', 'scarthgap', 'styhead', 'walnascar', 'whinlatter', 'wrynose'] as const;
export type ReleaseName = (typeof RELEASES)[number];

// True from honister (3.4) on, where overrides are written `:append:machine` instead of `_append_machine`.
export function usesColonOverrides(release: ReleaseName): boolean {
  return RELEASES.indexOf(release) >= RELEASES.indexOf('honister');
}

export interface RepoSpec {
  /** Folder name under layers/ (e.g. `meta-intel` for tzanussi/meta-galileo in the daisy manifest). */
  name: string;
  url: string;
  branch: string;
  /** A full 40-hex SHA to pin to, when the manifest pins. */
  commit?: string | undefined;
  /** Layer folders inside the repo, relative to it (`.` for a repo that is itself a layer). */
  layers: string[];
  /** Mirrors tried before the origin url, in order. */
  mirrors: string[];
  /** True for layers that ship inside this package (meta-microyocto): never cloned. */
  builtin?: boolean | undefined;
  /** For builtin repos: the absolute folder of the layer inside the installed package. */
  localPath?: string | undefined;
}

export interface Manifest {
  name: string;
  description: string;
  release: ReleaseName;
  repos: RepoSpec[];
  /** Where it was defined (for messages). */
  file: string;
}

export interface MachineSpec {
  name: string;
  description: string;
  /** The value of MACHINE for bitbake. */
  bitbakeMachine: string;
  /** The kernel's ARCH (i386, x86_64, arm, arm64 ...). */
  kernelArch: string;
  /** wic kickstart file for `microyocto image`, relative to the layers or absolute. */
  wks?: string | undefined;
  /** Kernel boot arguments to show or use. */
  cmdline?: string | undefined;
  file: string;
}

export interface SizeBudget {
  /** Kernel .text in bytes. */
  kernelText?: number | undefined;
  kernelData?: number | undefined;
  kernelBss?: number | undefined;
  /** Compressed kernel image (bzImage) in bytes. */
  kernelImage?: number | undefined;
  /** The root file system image in bytes. */
  rootfs?: number | undefined;
  /** The wic disk image in bytes. */
  image?: number | undefined;
}

export interface Profile {
  name: string;
  description: string;
  /** The chain of profiles it extends, nearest first. */
  extends: string[];
  manifest: string;
  machine: string;
  distro: string;
  image: string;
  kernel: {
    /** Feature names (e.g. `proc-min-enable`), each a `.scc` in meta-microyocto's kernel metadata. */
    features: string[];
    /** Extra `.cfg` fragment files, absolute paths once resolved. */
    fragments: string[];
    /** The kernel recipe the features apply to (linux-yocto-tiny). */
    recipe: string;
  };
  /** Extra bitbake variables written to auto.conf. */
  vars: Record<string, string>;
  budget: SizeBudget;
  file: string;
  /**
   * Where each effective setting came from: keys like `machine`, `kernel.recipe`, `vars.NAME`,
   * `budget.kernelText`, `kernel.feature.<name>`, `kernel.fragment.<path>`.
   */
  origins?: Record<string, SettingOrigin> | undefined;
}

/** The file (and line) that set a value; `default` when nothing did. */
export interface SettingOrigin {
  file: string;
  line?: number | undefined;
}

export interface CacheSettings {
  dlDir?: string | undefined;
  sstateDir?: string | undefined;
  sstateMirrors: string[];
  /** BB_HASHSERVE (e.g. `auto` or `host:port`). */
  hashserve?: string | undefined;
  /** PRSERV_HOST. */
  prserv?: string | undefined;
  /** A folder of bare mirrors shared between workspaces (git --reference). */
  gitMirror?: string | undefined;
}

export interface ProjectFile {
  manifest: string;
  profile?: string | undefined;
  machine?: string | undefined;
  shallow: boolean;
  caches: CacheSettings;
  file: string;
}
