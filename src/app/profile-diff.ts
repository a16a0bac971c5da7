// SPDX-License-Identifier: MIT
// `profile diff A B`: the settings that differ and the kconfig diff of the two merged fragments.
import { diffConfigs, formatDiff, readForDiff, type ConfigDiff } from '../core/kconfig/diff.js';
import type { Profile } from '../core/model.js';
import { formatSize } from '../core/size.js';
import { diffJson } from './kconfig-diff.js';
import { showProfile, type ProfileShowOptions, type ProfileView } from './profile-show.js';

export interface SettingChange {
  key: string;
  a: string | null;
  b: string | null;
}

export interface ProfileDiff {
  a: string;
  b: string;
  settings: SettingChange[];
  features: { removed: string[]; added: string[] };
  kconfig: ConfigDiff;
}

function settingsOf(p: Profile): Map<string, string> {
  const m = new Map<string, string>([
    ['description', p.description],
    ['extends', p.extends.join(' ')],
    ['manifest', p.manifest],
    ['machine', p.machine],
    ['distro', p.distro],
    ['image', p.image],
    ['kernel.recipe', p.kernel.recipe],
    ['kernel.fragments', p.kernel.fragments.join(' ')],
  ]);
  for (const [k, v] of Object.entries(p.budget)) if (v !== undefined) m.set(`budget.${k}`, formatSize(v));
  for (const [k, v] of Object.entries(p.vars)) m.set(`vars.${k}`, v);
  return m;
}

// Compare two resolved profiles.
export function diffProfileViews(a: ProfileView, b: ProfileView): ProfileDiff {
  const sa = settingsOf(a.profile);
  const sb = settingsOf(b.profile);
  const settings: SettingChange[] = [];
  for (const key of new Set([...sa.keys(), ...sb.keys()])) {
    const va = sa.get(key) ?? null;
    const vb = sb.get(key) ?? null;
    if (va !== vb) settings.push({ key, a: va, b: vb });
  }
  const fa = a.profile.kernel.features;
  const fb = b.profile.kernel.features;
  return {
    a: a.profile.name,
    b: b.profile.name,
    settings,
    features: { removed: fa.filter((f) => !fb.includes(f)), added: fb.filter((f) => !fa.includes(f)) },
    kconfig: diffConfigs(readForDiff(a.kernel.mergedText, a.profile.name).values, readForDiff(b.kernel.mergedText, b.profile.name).values),
  };
}

// Load both profiles and compare them.
export async function diffProfiles(a: string, b: string, options: ProfileShowOptions): Promise<{ diff: ProfileDiff; views: [ProfileView, ProfileView] }> {
  const va = await showProfile(a, options);
  const vb = await showProfile(b, options);
  return { diff: diffProfileViews(va, vb), views: [va, vb] };
}

// The --json document.
export function profileDiffJson(d: ProfileDiff): unknown {
  return { a: d.a, b: d.b, settings: d.settings, features: d.features, kconfig: diffJson(d.kconfig) };
}

// Text for people: settings as `key: a -> b`, then the merged fragments as scripts/diffconfig prints them.
export function formatProfileDiff(d: ProfileDiff): string {
  let out = `--- ${d.a}\n+++ ${d.b}\n`;
  if (d.settings.length === 0) out += 'settings: identical\n';
  for (const s of d.settings) out += `  ${s.key}: ${s.a ?? '(unset)'} -> ${s.b ?? '(unset)'}\n`;
  out += `features: ${d.features.removed.map((f) => `-${f}`).concat(d.features.added.map((f) => `+${f}`)).join(' ') || 'identical'}\n`;
  const k = formatDiff(d.kconfig);
  out += `kconfig (merged fragments, scripts/diffconfig style):\n${k === '' ? '  identical\n' : k}`;
  return out;
}
