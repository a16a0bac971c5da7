// SPDX-License-Identifier: MIT
// `profile show NAME`: the effective settings after `extends`, every kernel feature with its files,
// the merged fragment, the conflicts between features and the conf lines a build writes.
import { kernelFeaturesConf } from '../core/bitbake-syntax.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { MachineSpec, Manifest, Profile, SettingOrigin } from '../core/model.js';
import { formatSize } from '../core/size.js';
import { loadMachine, loadManifest, loadProfile, loadProject, type SearchOptions } from '../profiles/index.js';
import { previewKernelConfig, type KernelPreview } from './kernel-preview.js';

export interface ProfileShowOptions extends SearchOptions {
  workspaceDir: string;
  machine?: string | undefined;
}

export interface ProfileView {
  profile: Profile;
  manifest: Manifest;
  machine: MachineSpec;
  kernel: KernelPreview;
  /** The lines `microyocto build` adds to auto.conf to select the features, in the release's syntax. */
  confLines: string[];
  diagnostics: Diagnostic[];
}

// Load a profile with its manifest and machine, and preview its kernel configuration.
export async function showProfile(name: string, options: ProfileShowOptions): Promise<ProfileView> {
  const diagnostics: Diagnostic[] = [];
  const project = await loadProject(options.workspaceDir, { diagnostics });
  const profile = await loadProfile(name, { ...options, project, diagnostics });
  const manifest = await loadManifest(profile.manifest, { ...options, diagnostics });
  const machine = await loadMachine(profile.machine, { ...options, diagnostics });
  const kernel = await previewKernelConfig(profile, options);
  diagnostics.push(...kernel.diagnostics);
  const confLines = kernelFeaturesConf({
    release: manifest.release,
    machine: machine.bitbakeMachine,
    hasMicroyoctoLayer: manifest.repos.some((r) => r.builtin === true && r.name === 'meta-microyocto'),
    features: kernel.features,
  });
  return { profile, manifest, machine, kernel, confLines, diagnostics };
}

const where = (o: SettingOrigin | undefined, cwd: string): string =>
  o === undefined ? 'default' : `${o.file.startsWith(cwd + '/') ? o.file.slice(cwd.length + 1) : o.file}${o.line === undefined ? '' : `:${o.line}`}`;

// The --json document of `profile show`.
export function profileViewJson(v: ProfileView): unknown {
  return {
    profile: v.profile,
    manifest: { name: v.manifest.name, release: v.manifest.release, file: v.manifest.file },
    machine: v.machine,
    kernel: {
      recipe: v.profile.kernel.recipe,
      features: v.kernel.features.map((f) => ({
        name: f.name,
        kernelFeature: f.kernelFeature,
        description: f.description,
        group: f.group,
        path2014: f.path2014,
        only2014: f.only2014 ?? null,
        note: f.note ?? null,
        scc: f.scc,
        cfg: f.fragments.map((c) => c.file),
      })),
      fragments: v.kernel.fragments,
      merged: v.kernel.symbols.map((s) => ({ symbol: s.symbol, value: s.value, feature: s.feature ?? null, file: s.file, line: s.line })),
      conflicts: v.kernel.conflicts,
      redundant: v.kernel.redundant,
    },
    confLines: v.confLines,
  };
}

// The text of `profile show` (for people; not a stable format).
export function formatProfileView(v: ProfileView, cwd: string): string {
  const p = v.profile;
  const o = p.origins ?? {};
  const rows: Array<[string, string, string]> = [
    ['description', p.description, where(o.description, cwd)],
    ['extends', p.extends.join(' -> ') || '-', ''],
    ['manifest', `${p.manifest} (${v.manifest.release})`, where(o.manifest, cwd)],
    ['machine', `${p.machine} (MACHINE=${v.machine.bitbakeMachine}, ARCH=${v.machine.kernelArch})`, where(o.machine, cwd)],
    ['distro', p.distro, where(o.distro, cwd)],
    ['image', p.image, where(o.image, cwd)],
    ['kernel', p.kernel.recipe, where(o['kernel.recipe'], cwd)],
  ];
  for (const [k, bytes] of Object.entries(p.budget)) if (bytes !== undefined) rows.push([`budget ${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, formatSize(bytes), where(o[`budget.${k}`], cwd)]);
  for (const [k, val] of Object.entries(p.vars)) rows.push([`var ${k}`, val, where(o[`vars.${k}`], cwd)]);
  const width = Math.max(...rows.map((r) => r[0].length));
  let out = `profile ${p.name}  (${where({ file: p.file }, cwd)})\n`;
  for (const [k, val, from] of rows) out += `  ${k.padEnd(width)}  ${val}${from ? `   [${from}]` : ''}\n`;
  out += `\nkernel features (${v.kernel.features.length}):\n`;
  for (const f of v.kernel.features) {
    out += `  ${f.name}  ${f.description}\n`;
    out += `      ${f.kernelFeature}${f.path2014 ? `   (2014: ${f.path2014})` : ''}\n`;
    for (const c of f.fragments) out += `      ${c.file.slice(c.file.indexOf('features/microyocto/'))} (${c.type})\n`;
    if (f.only2014) out += `      2014 only: ${f.only2014}\n`;
    if (f.note) out += `      note: ${f.note}\n`;
  }
  for (const f of v.kernel.fragments) out += `  fragment ${f}\n`;
  const real = v.kernel.conflicts.filter((c) => !c.intended);
  out += `\nconflicts between features: ${real.length}${v.kernel.conflicts.length > real.length ? ` (+${v.kernel.conflicts.length - real.length} intended overrides)` : ''}\n`;
  for (const c of v.kernel.conflicts) {
    out += `  CONFIG_${c.symbol}${c.intended ? ' (intended)' : ''}\n`;
    out += `      ${c.previous.feature ?? 'fragment'}  ${c.previous.file}:${c.previous.line}  ${c.previous.text}\n`;
    out += `    < ${c.next.feature ?? 'fragment'}  ${c.next.file}:${c.next.line}  ${c.next.text}   (wins)\n`;
  }
  out += `\nmerged fragment (${v.kernel.symbols.length} symbols):\n`;
  out += v.kernel.mergedText.replace(/^(?=.)/gm, '  ');
  out += `\nauto.conf:\n${v.confLines.map((l) => `  ${l}\n`).join('')}`;
  return out;
}
