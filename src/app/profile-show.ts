// SPDX-License-Identifier: MIT
// `profile show NAME`: the effective settings after `extends`, every kernel feature with its files,
// the merged fragment, the conflicts between features and the conf lines a build writes.
import { kernelFeaturesConf } from '../core/bitbake-syntax.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { MachineSpec, Manifest, Profile, SettingOrigin } from '../core/model.js';
import { formatSize } from '../core/size.js';
import { loadMachine, loadManifest, loadProfile, loadProject, type SearchOptions } from '../profiles/index.js';
import { previewKernelConfig, type KernelPreview } from './kernel-preview.js';
import type { CheckMismatch } from '../core/kconfig/check.js';

export interface ProfileShowOptions extends SearchOptions {
  workspaceDir: string;
  machine?: string | undefined;
  /** Also resolve the kernel fragments against this kernel tree (what will not stick, what does not exist). */
  kernel?: ProfileKernelOptions | undefined;
}

export interface ProfileKernelOptions {
  kernelSrc: string;
  /** @defaultValue the machine's kernel-arch */
  arch?: string | undefined;
  /** @defaultValue 'allnoconfig' (linux-yocto-tiny's KCONFIG_MODE, as `microyocto kernel size` builds) */
  base?: string | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A requested value the kernel's Kconfig will change, with the feature that asked and why. */
export interface KernelCheckMismatch extends CheckMismatch {
  feature: string | undefined;
  reason: string | undefined;
}

export interface ProfileKernelCheck {
  kernelSrc: string;
  arch: string;
  base: string;
  /** Requested symbols (after merging) and how many of them will not be in the final .config. */
  requested: number;
  mismatches: KernelCheckMismatch[];
  /** Requested symbols this kernel does not define. */
  invalid: Array<{ symbol: string; file: string; line: number; feature: string | undefined }>;
}

export interface ProfileView {
  profile: Profile;
  manifest: Manifest;
  machine: MachineSpec;
  kernel: KernelPreview;
  /** The lines `microyocto build` adds to auto.conf to select the features, in the release's syntax. */
  confLines: string[];
  /** With a kernel tree: the prediction of `kconfig check --kernel-src --invalid` for the profile's fragments. */
  kernelCheck: ProfileKernelCheck | undefined;
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
  const kernelCheck = options.kernel ? await checkAgainstKernel(kernel, machine, options.kernel) : undefined;
  return { profile, manifest, machine, kernel, confLines, kernelCheck, diagnostics };
}

// Resolve the features' and the profile's fragments (in merge order) against a kernel tree, as
// `kconfig check --kernel-src --invalid` does, and say which feature asked for each value.
async function checkAgainstKernel(kernel: KernelPreview, machine: MachineSpec, o: ProfileKernelOptions): Promise<ProfileKernelCheck> {
  const { runKconfigCheckResolved } = await import('./kconfig-check.js');
  const files: string[] = [];
  const owner = new Map<string, string | undefined>();
  for (const f of kernel.features) {
    for (const c of f.fragments) {
      files.push(c.file);
      owner.set(c.file, f.name);
    }
  }
  files.push(...kernel.fragments);
  const arch = o.arch ?? machine.kernelArch;
  const base = o.base ?? 'allnoconfig';
  // NOTE: "is not set" for a symbol the kernel leaves out (its dependencies are off) is n: it sticks.
  const r = await runKconfigCheckResolved({ kernelSrc: o.kernelSrc, arch, base, fragments: files, env: o.env, cwd: o.cwd, absentIsN: true });
  const missing = new Set(r.invalid.map((i) => i.symbol));
  return {
    kernelSrc: o.kernelSrc,
    arch,
    base,
    requested: r.requested,
    // A symbol the kernel lacks is listed once, as invalid (conf drops it, so it is also "absent").
    mismatches: r.mismatches.filter((m) => !missing.has(m.symbol)).map((m) => ({ ...m, feature: owner.get(m.file), reason: r.reasons.get(m.symbol) })),
    invalid: r.invalid.map((i) => ({ ...i, feature: owner.get(i.file) })),
  };
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
    ...(v.kernelCheck ? { kernelCheck: v.kernelCheck } : {}),
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
  if (v.kernelCheck) out += formatKernelCheck(v.kernelCheck);
  return out;
}

// A fragment's path as the feature catalog names it (features/...), else as given.
const fragmentName = (file: string): string => {
  const i = file.lastIndexOf('/features/');
  return i < 0 ? file : file.slice(i + 1);
};

// The kernel-tree section of `profile show --kernel-src`.
export function formatKernelCheck(k: ProfileKernelCheck): string {
  let out = `\nagainst ${k.kernelSrc} (ARCH=${k.arch}, ${k.base} + the fragments above):\n`;
  out += `  ${k.requested} requested values: ${k.mismatches.length} will not stick, ${k.invalid.length} symbol${k.invalid.length === 1 ? '' : 's'} not in this kernel\n`;
  for (const m of k.mismatches) {
    out += `  ${m.requested.trim().replace(/\n/g, ' / ')}   [${m.feature ?? 'fragment'}  ${fragmentName(m.file)}:${m.line}]\n`;
    out += `      final: ${m.actual.trim().replace(/\n/g, ' / ') || '(not written: its dependencies are off)'}\n`;
    if (m.reason) out += `      why:   ${m.reason}\n`;
  }
  if (k.invalid.length > 0) out += '  not defined by this kernel:\n';
  for (const i of k.invalid) out += `  CONFIG_${i.symbol}   [${i.feature ?? 'fragment'}  ${fragmentName(i.file)}:${i.line}]\n`;
  return out;
}
