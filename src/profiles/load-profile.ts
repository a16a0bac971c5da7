// SPDX-License-Identifier: MIT
// Profiles: follow `extends`, merge root first, apply defaults, then cross-field rules (machine,
// manifest, features and fragments exist). Returns diagnostics; loadProfile throws on errors.
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { MicroyoctoError } from '../core/errors.js';
import type { Profile, ProjectFile, SettingOrigin, SizeBudget } from '../core/model.js';
import { nearestName } from '../core/names.js';
import { parseSize } from '../core/size.js';
import { pathExists } from '../io/files.js';
import { readChain, type ChainLink, type ChainStart } from './chain.js';
import { loadFeatureCatalog } from './features.js';
import { lineOf } from './ini-scan.js';
import { resolveMachine, resolveManifest } from './load-other.js';
import type { SearchOptions } from './paths.js';
import { listValue } from './read-ini.js';
import { PROFILE_SCHEMA, type RawProfile } from './schema.js';
import { throwIfErrors } from './report.js';

export const PROFILE_DEFAULTS = { manifest: 'default', machine: 'qemux86', distro: 'poky-micro', image: 'image-micro', recipe: 'linux-yocto-tiny' } as const;

export interface LoadProfileOptions extends SearchOptions {
  /** The project file, for its manifest default and machine override. */
  project?: ProjectFile | undefined;
  /** A machine that wins over the profile's (the CLI's --machine). */
  machine?: string | undefined;
  /** Warnings and notes found while loading are pushed here. */
  diagnostics?: Diagnostic[] | undefined;
}

export interface ProfileResolution {
  profile: Profile | undefined;
  diagnostics: Diagnostic[];
}

const BUDGET_KEYS: Record<string, keyof SizeBudget> = {
  'kernel-text': 'kernelText',
  'kernel-data': 'kernelData',
  'kernel-bss': 'kernelBss',
  'kernel-image': 'kernelImage',
  rootfs: 'rootfs',
  image: 'image',
};

interface Item {
  value: string;
  origin: SettingOrigin;
}

// Merge a chain (nearest first) into effective settings with their origins.
function mergeChain(chain: ReadonlyArray<ChainLink<RawProfile>>, diagnostics: Diagnostic[]) {
  const scalars = new Map<string, Item>();
  let features: Item[] = [];
  let fragments: Item[] = [];
  const vars = new Map<string, Item>();
  const budget = new Map<string, Item>();
  for (const link of [...chain].reverse()) {
    const raw = link.value ?? link.partial;
    if (raw === undefined) continue;
    const at = (section: string, key: string): SettingOrigin => ({ file: link.file, line: lineOf(link.scan, section, key) });
    for (const key of ['description', 'manifest', 'machine', 'distro', 'image'] as const) {
      const v = raw[key];
      if (v !== undefined) scalars.set(key, { value: v, origin: at('', key) });
    }
    const k = raw.kernel;
    if (k?.recipe !== undefined) scalars.set('kernel.recipe', { value: k.recipe, origin: at('kernel', 'recipe') });
    const words = (key: 'features' | 'features:append' | 'features:remove' | 'fragments' | 'fragments:append'): Item[] =>
      (listValue(k?.[key]) ?? []).map((value) => ({ value, origin: at('kernel', key) }));
    if (k?.features !== undefined) features = words('features');
    for (const r of words('features:remove')) {
      if (!features.some((f) => f.value === r.value)) {
        diagnostics.push({ severity: 'warning', code: 'remove-absent', file: r.origin.file, line: r.origin.line, message: `features:remove '${r.value}': no inherited feature of that name` });
      }
      features = features.filter((f) => f.value !== r.value);
    }
    features.push(...words('features:append'));
    // NOTE: fragment paths are relative to the INI file that names them, not to the cwd.
    const frag = (i: Item): Item => ({ value: resolve(dirname(link.file), i.value), origin: i.origin });
    if (k?.fragments !== undefined) fragments = words('fragments').map(frag);
    fragments.push(...words('fragments:append').map(frag));
    for (const [name, value] of Object.entries(raw.vars ?? {})) vars.set(name, { value, origin: at('vars', name) });
    for (const [key, value] of Object.entries(raw.budget ?? {})) if (value !== undefined) budget.set(key, { value, origin: at('budget', key) });
  }
  return { scalars, features, fragments, vars, budget };
}

// Resolve a profile by name (or from a file) into the model, with every problem as a diagnostic.
export async function resolveProfile(start: ChainStart, options: LoadProfileOptions = {}): Promise<ProfileResolution> {
  const diagnostics: Diagnostic[] = [];
  const chain = await readChain('profile', start, PROFILE_SCHEMA, options, diagnostics);
  const self = chain[0]!;
  const m = mergeChain(chain, diagnostics);
  const origins: Record<string, SettingOrigin> = {};
  const pick = (key: string, fallback: string, fallbackOrigin?: SettingOrigin): string => {
    const item = m.scalars.get(key);
    if (item) {
      origins[key] = item.origin;
      return item.value;
    }
    if (fallbackOrigin) origins[key] = fallbackOrigin;
    return fallback;
  };
  const project = options.project;
  const projectOrigin = project ? { file: project.file } : undefined;
  const manifest = pick('manifest', project?.manifest ?? PROFILE_DEFAULTS.manifest, project?.manifest ? projectOrigin : undefined);
  let machine = pick('machine', PROFILE_DEFAULTS.machine);
  if (project?.machine !== undefined) {
    machine = project.machine;
    origins.machine = { file: project.file };
  }
  if (options.machine !== undefined) {
    machine = options.machine;
    origins.machine = { file: '--machine' };
  }

  // Rule: the machine and the manifest exist and are valid.
  const refLine = (key: string): SettingOrigin => origins[key] ?? { file: self.file };
  const checkRef = async (kind: 'machine' | 'manifest', name: string): Promise<void> => {
    try {
      const r = kind === 'machine' ? await resolveMachine({ name }, options) : await resolveManifest({ name }, options);
      diagnostics.push(...r.diagnostics);
    } catch (error) {
      if (!(error instanceof MicroyoctoError) || error.code !== 'PROFILE_NOT_FOUND') throw error;
      const o = refLine(kind);
      diagnostics.push({ severity: 'error', code: `unknown-${kind}`, file: o.file, line: o.line, message: `${error.message}; ${error.hint ?? ''}`.trim() });
    }
  };
  await checkRef('machine', machine);
  await checkRef('manifest', manifest);

  // Rule: every feature exists in the kernel metadata, once.
  const catalog = await loadFeatureCatalog(options);
  diagnostics.push(...catalog.diagnostics);
  const features: string[] = [];
  for (const f of m.features) {
    if (!catalog.features.has(f.value)) {
      const near = nearestName(f.value, [...catalog.features.keys()]);
      diagnostics.push({
        severity: 'error',
        code: 'unknown-feature',
        file: f.origin.file,
        line: f.origin.line,
        message: `unknown kernel feature '${f.value}'${near ? ` (did you mean '${near}'?)` : ''}; see microyocto profile features`,
      });
      continue;
    }
    if (features.includes(f.value)) {
      diagnostics.push({ severity: 'warning', code: 'duplicate-feature', file: f.origin.file, line: f.origin.line, message: `kernel feature '${f.value}' is listed twice` });
      continue;
    }
    features.push(f.value);
    origins[`kernel.feature.${f.value}`] = f.origin;
  }
  // Rule: every fragment file exists.
  const fragments: string[] = [];
  for (const f of m.fragments) {
    if (!(await pathExists(f.value))) {
      diagnostics.push({ severity: 'error', code: 'missing-fragment', file: f.origin.file, line: f.origin.line, message: `fragment file '${f.value}' does not exist` });
      continue;
    }
    fragments.push(f.value);
    origins[`kernel.fragment.${f.value}`] = f.origin;
  }
  const budget: SizeBudget = {};
  for (const [key, item] of m.budget) {
    const field = BUDGET_KEYS[key];
    const bytes = parseSize(item.value);
    if (field === undefined || bytes === undefined) continue; // the schema already reported it
    budget[field] = bytes;
    origins[`budget.${field}`] = item.origin;
  }
  const vars: Record<string, string> = {};
  for (const [name, item] of m.vars) {
    vars[name] = item.value;
    origins[`vars.${name}`] = item.origin;
  }
  diagnostics.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : 0));
  if (diagnostics.some((d) => d.severity === 'error')) return { profile: undefined, diagnostics };
  const profile: Profile = {
    name: self.name,
    description: pick('description', ''),
    extends: chain.slice(1).map((c) => c.name),
    manifest,
    machine,
    distro: pick('distro', PROFILE_DEFAULTS.distro),
    image: pick('image', PROFILE_DEFAULTS.image),
    kernel: { features, fragments, recipe: pick('kernel.recipe', PROFILE_DEFAULTS.recipe) },
    vars,
    budget,
    file: self.file,
    origins,
  };
  return { profile, diagnostics };
}

// Load a profile by name; throws PROFILE_NOT_FOUND or PROFILE_INVALID (all problems at once).
export async function loadProfile(name: string, options: LoadProfileOptions = {}): Promise<Profile> {
  const r = await resolveProfile({ name }, options);
  throwIfErrors(r.diagnostics, `profile '${name}'`, options.diagnostics);
  return r.profile!;
}
