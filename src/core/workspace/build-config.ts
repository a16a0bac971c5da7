// SPDX-License-Identifier: MIT
// Plan build/<profile>/conf: bblayers.conf and auto.conf (managed, rewritten only when their text
// changes) and the first local.conf (the user's from then on). Pure: text in, text out.
import { isAbsolute, join, relative } from 'node:path';
import { RELEASES, usesColonOverrides, type MachineSpec, type Manifest, type Profile, type ProjectFile, type ReleaseName } from '../model.js';
import { kernelFeaturesConf, type KernelFeatureEntry } from '../bitbake-syntax.js';
import type { WorkspaceLayout } from './layout.js';

/** The variable meta-microyocto's kernel bbappend reads KERNEL_FEATURES from. */
export const KERNEL_FEATURES_VAR = 'MICROYOCTO_KERNEL_FEATURES';
/** Where each feature's `.scc` lives in meta-microyocto's kernel metadata. */
export const FEATURE_PREFIX = 'features/microyocto';

export const MANAGED_HEADER = [
  '# Managed by microyocto: rewritten by `microyocto build` whenever the profile, machine,',
  '# manifest or project file changes. Do not edit: put your own settings in local.conf,',
  '# which microyocto created once and never touches (a plain assignment there wins over this file).',
];

export interface BuildConfigInput {
  layout: WorkspaceLayout;
  manifest: Manifest;
  machine: MachineSpec;
  profile: Profile;
  project: ProjectFile;
  /** The profile's features as the kernel metadata names them (with their 2014 paths); default: by name. */
  kernelFeatures?: readonly KernelFeatureEntry[] | undefined;
}

export interface BuildConfigPlan {
  /** Absolute layer folders, in BBLAYERS order. */
  layers: string[];
  bblayers: string;
  auto: string;
  /** Variables auto.conf sets, name → value (for `status`). */
  vars: Record<string, string>;
}

// The absolute folder of every layer of the manifest (cloned repos under layers/, built-in ones in the package).
export function layerFolders(manifest: Manifest, layersDir: string): string[] {
  return manifest.repos.flatMap((repo) => {
    const base = repo.builtin === true && repo.localPath !== undefined ? repo.localPath : join(layersDir, repo.name);
    return repo.layers.map((l) => (l === '.' || l === '' ? base : join(base, l)));
  });
}

// `${TOPDIR}/../../layers/x` for layers inside the workspace (the workspace can move), else absolute.
function bbPath(path: string, layout: WorkspaceLayout): string {
  const fromRoot = relative(layout.root, path);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return path;
  return `\${TOPDIR}/${relative(layout.buildDir, path)}`;
}

// A variable name in the override syntax of a release: `A:append:x` is written `A_append_x` before honister.
export function overrideSyntax(name: string, release: ReleaseName): string {
  return usesColonOverrides(release) ? name.replace(/_(append|prepend|remove)\b/g, ':$1') : name.replace(/:/g, '_');
}

// The environment variable that lists passed-through variables (renamed in kirkstone, bitbake 2.0).
export function passthroughVar(release: ReleaseName): string {
  return RELEASES.indexOf(release) >= RELEASES.indexOf('kirkstone') ? 'BB_ENV_PASSTHROUGH_ADDITIONS' : 'BB_ENV_EXTRAWHITE';
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// One SSTATE_MIRRORS entry: a bare URL becomes `file://.* <url>/PATH;downloadfilename=PATH`.
export function sstateMirrorEntry(mirror: string): string {
  if (/\s/.test(mirror.trim())) return mirror.trim();
  const url = mirror.replace(/\/+$/, '');
  return `file://.* ${url.includes('PATH') ? url : `${url}/PATH;downloadfilename=PATH`}`;
}

// The KERNEL_FEATURES entries for a profile's feature names.
export function kernelFeatureEntries(features: readonly string[]): string[] {
  return features.map((f) => (f.endsWith('.scc') ? f : `${FEATURE_PREFIX}/${f}.scc`));
}

// Plan both managed files.
export function planBuildConfig(input: BuildConfigInput): BuildConfigPlan {
  const { layout, manifest, machine, profile, project } = input;
  const layers = layerFolders(manifest, layout.layersDir);
  const about = `# profile ${profile.name} (${profile.file}), machine ${machine.name}, manifest ${manifest.name} (${manifest.release})`;
  const bblayers = [
    ...MANAGED_HEADER,
    about,
    '',
    'LCONF_VERSION = "7"',
    '',
    'BBPATH = "${TOPDIR}"',
    'BBFILES ?= ""',
    '',
    'BBLAYERS ?= " \\',
    ...layers.map((l) => `  ${bbPath(l, layout)} \\`),
    '  "',
    '',
  ].join('\n');

  const vars: Array<[string, string]> = [
    ['MACHINE', machine.bitbakeMachine],
    ['DISTRO', profile.distro],
    ['DL_DIR', layout.dlDir],
    ['SSTATE_DIR', layout.sstateDir],
  ];
  const { caches } = project;
  if (caches.sstateMirrors.length > 0) vars.push(['SSTATE_MIRRORS', caches.sstateMirrors.map(sstateMirrorEntry).join(' ')]);
  if (caches.hashserve !== undefined) {
    vars.push(['BB_SIGNATURE_HANDLER', 'OEEquivHash']);
    vars.push(['BB_HASHSERVE', caches.hashserve]);
  }
  if (caches.prserv !== undefined) vars.push(['PRSERV_HOST', caches.prserv]);
  // NOTE: with meta-microyocto the bbappend reads KERNEL_FEATURES_VAR; a manifest without it (galileo-daisy)
  // gets the 2014 bbappend's own KERNEL_FEATURES append, in the override syntax of its release.
  const features = input.kernelFeatures ?? kernelFeatureEntries(profile.kernel.features).map((kernelFeature) => ({ kernelFeature }));
  const hasMicroyoctoLayer = manifest.repos.some((r) => r.builtin === true && r.name === 'meta-microyocto');
  if (hasMicroyoctoLayer) vars.push([KERNEL_FEATURES_VAR, features.map((f) => f.kernelFeature).join(' ')]);
  const featureLines = hasMicroyoctoLayer ? [] : kernelFeaturesConf({ release: manifest.release, machine: machine.bitbakeMachine, hasMicroyoctoLayer, features });
  if (profile.kernel.recipe !== '') vars.push(['PREFERRED_PROVIDER_virtual/kernel', profile.kernel.recipe]);
  for (const [name, value] of Object.entries(profile.vars).sort(([a], [b]) => a.localeCompare(b))) {
    vars.push([overrideSyntax(name, manifest.release), value]);
  }
  const auto = [
    ...MANAGED_HEADER,
    about,
    '',
    ...vars.map(([k, v]) => `${k} = ${quote(v)}`),
    ...featureLines,
    '',
  ].join('\n');
  return { layers, bblayers, auto, vars: Object.fromEntries(vars) };
}

// The first local.conf: the template with its placeholders filled.
export function renderLocalConf(template: string, input: { profile: string; machine: string; release: ReleaseName }): string {
  return template
    .replace(/@PROFILE@/g, input.profile)
    .replace(/@MACHINE@/g, input.machine)
    .replace(/@CONF_VERSION@/g, localConfVersion(input.release));
}

// OE-Core's LOCALCONF_VERSION: "1" in the 2014 releases, "2" since (sanity.conf).
export function localConfVersion(release: ReleaseName): string {
  return RELEASES.indexOf(release) >= RELEASES.indexOf('pyro') ? '2' : '1';
}
