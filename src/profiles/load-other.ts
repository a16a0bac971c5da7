// SPDX-License-Identifier: MIT
// Machines (with `extends`), manifests and the project file: read, validate, normalise.
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import type { MachineSpec, Manifest, ProjectFile, RepoSpec } from '../core/model.js';
import { pathExists, readTextFile } from '../io/files.js';
import { readChain, type ChainStart } from './chain.js';
import { lineOf } from './ini-scan.js';
import { builtinLayerDir, type SearchOptions } from './paths.js';
import { listValue, readIni } from './read-ini.js';
import { MACHINE_SCHEMA, MANIFEST_SCHEMA, PROJECT_SCHEMA } from './schema.js';
import { throwIfErrors } from './report.js';

/** Layers that ship inside microyocto and may be named with `builtin = true`. */
export const BUILTIN_LAYERS = ['meta-microyocto'] as const;

export interface LoadOptions extends SearchOptions {
  /** Warnings found while loading are pushed here. */
  diagnostics?: Diagnostic[] | undefined;
}

// Resolve a machine and what it extends.
export async function resolveMachine(start: ChainStart, options: SearchOptions): Promise<{ machine: MachineSpec | undefined; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const chain = await readChain('machine', start, MACHINE_SCHEMA, options, diagnostics);
  const self = chain[0]!;
  const merged: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const link of [...chain].reverse()) {
    for (const [k, v] of Object.entries(link.value ?? link.partial ?? {})) {
      if (k === 'extends' || typeof v !== 'string') continue;
      merged[k] = v;
      from[k] = link.file;
    }
  }
  if (merged['kernel-arch'] === undefined && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({ severity: 'error', code: 'missing-key', file: self.file, message: 'kernel-arch is required (i386, x86_64, arm, arm64 ...)' });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { machine: undefined, diagnostics };
  // NOTE: a wks path is relative to the file that names it; a bare name is a canned wks.
  const wks = merged.wks;
  const wksValue = wks !== undefined && (wks.includes('/') || wks.endsWith('.wks')) ? resolve(dirname(from.wks!), wks) : wks;
  return {
    machine: {
      name: self.name,
      description: merged.description ?? '',
      bitbakeMachine: merged['bitbake-machine'] ?? self.name,
      kernelArch: merged['kernel-arch']!,
      wks: wksValue,
      cmdline: merged.cmdline,
      file: self.file,
    },
    diagnostics,
  };
}

// Resolve a manifest: repos in file order, builtin layers located in the package.
export async function resolveManifest(start: ChainStart, options: SearchOptions): Promise<{ manifest: Manifest | undefined; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const chain = await readChain('manifest', start, MANIFEST_SCHEMA, options, diagnostics);
  const link = chain[0]!;
  const raw = link.value ?? link.partial;
  if (raw === undefined) return { manifest: undefined, diagnostics };
  const repos: RepoSpec[] = [];
  const paths = new Map<string, string>();
  for (const [section, r] of Object.entries(raw.repo ?? {})) {
    const at = (key?: string) => ({ file: link.file, line: lineOf(link.scan, `repo.${section}`, key) });
    const name = r.path ?? section;
    if (paths.has(name)) {
      diagnostics.push({ severity: 'error', code: 'duplicate-path', ...at('path'), message: `repo '${section}' uses folder layers/${name}, already used by repo '${paths.get(name)}'` });
    }
    paths.set(name, section);
    if (r.builtin === true) {
      if (!(BUILTIN_LAYERS as readonly string[]).includes(section)) {
        diagnostics.push({ severity: 'error', code: 'unknown-builtin', ...at('builtin'), message: `'${section}' is not a layer that ships with microyocto (builtin: ${BUILTIN_LAYERS.join(', ')})` });
        continue;
      }
      const localPath = builtinLayerDir(options);
      repos.push({ name, url: `file://${localPath}`, branch: '', commit: undefined, layers: listValue(r.layers) ?? ['.'], mirrors: [], builtin: true, localPath });
      continue;
    }
    for (const key of ['url', 'branch'] as const) {
      if (r[key] === undefined) diagnostics.push({ severity: 'error', code: 'missing-key', ...at(), message: `repo.${section}.${key} is required (or builtin = true)` });
    }
    repos.push({ name, url: r.url ?? '', branch: r.branch ?? '', commit: r.commit, layers: listValue(r.layers) ?? ['.'], mirrors: listValue(r.mirrors) ?? [] });
  }
  if (repos.length === 0) diagnostics.push({ severity: 'error', code: 'no-repos', file: link.file, message: 'a manifest needs at least one [repo.<name>] section' });
  if (diagnostics.some((d) => d.severity === 'error')) return { manifest: undefined, diagnostics };
  return { manifest: { name: link.name, description: raw.description ?? '', release: raw.release, repos, file: link.file }, diagnostics };
}

// Load a machine by name; throws PROFILE_NOT_FOUND or PROFILE_INVALID.
export async function loadMachine(name: string, options: LoadOptions = {}): Promise<MachineSpec> {
  const r = await resolveMachine({ name }, options);
  throwIfErrors(r.diagnostics, `machine '${name}'`, options.diagnostics);
  return r.machine!;
}

// Load a manifest by name; throws PROFILE_NOT_FOUND or PROFILE_INVALID.
export async function loadManifest(name: string, options: LoadOptions = {}): Promise<Manifest> {
  const r = await resolveManifest({ name }, options);
  throwIfErrors(r.diagnostics, `manifest '${name}'`, options.diagnostics);
  return r.manifest!;
}

export const PROJECT_FILE = 'microyocto.ini';

// Read a project file's text into the model (no defaults for absent files here).
export function resolveProjectText(text: string, file: string): { project: ProjectFile | undefined; diagnostics: Diagnostic[] } {
  const read = readIni(text, file, PROJECT_SCHEMA);
  const raw = read.value;
  if (raw === undefined) return { project: undefined, diagnostics: read.diagnostics };
  const c = raw.cache ?? {};
  return {
    project: {
      manifest: raw.manifest ?? 'default',
      profile: raw.profile,
      machine: raw.machine,
      shallow: raw.shallow ?? false,
      caches: {
        dlDir: c['dl-dir'],
        sstateDir: c['sstate-dir'],
        sstateMirrors: listValue(c['sstate-mirrors']) ?? [],
        hashserve: c.hashserve,
        prserv: c.prserv,
        gitMirror: c['git-mirror'],
      },
      file,
    },
    diagnostics: read.diagnostics,
  };
}

// Load <workspace>/microyocto.ini; a workspace without one gets the defaults (manifest `default`).
export async function loadProject(workspaceDir: string, options: { diagnostics?: Diagnostic[] } = {}): Promise<ProjectFile> {
  const file = join(workspaceDir, PROJECT_FILE);
  if (!(await pathExists(file))) return { manifest: 'default', shallow: false, caches: { sstateMirrors: [] }, file };
  const r = resolveProjectText(await readTextFile(file, 'project file'), file);
  throwIfErrors(r.diagnostics, `project file ${file}`, options.diagnostics);
  return r.project!;
}
