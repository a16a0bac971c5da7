// SPDX-License-Identifier: MIT
// `profile validate [FILE...]`: check INI files (profiles, machines, manifests, the project file)
// and report every problem with file:line. Without files: everything the workspace can see.
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { MicroyoctoError } from '../core/errors.js';
import { pathExists, readTextFile } from '../io/files.js';
import {
  listCandidates,
  loadProject,
  PROJECT_FILE,
  resolveMachine,
  resolveManifest,
  resolveProfile,
  resolveProjectText,
  type NamedKind,
  type SearchOptions,
} from '../profiles/index.js';

export type ValidateKind = NamedKind | 'project';

export interface ValidatedFile {
  file: string;
  kind: ValidateKind;
  ok: boolean;
  diagnostics: Diagnostic[];
}

export interface ValidateOptions extends SearchOptions {
  workspaceDir: string;
  /** Force the kind of every file given (else guessed from its folder or content). */
  kind?: ValidateKind | undefined;
}

const FOLDER_KINDS: Record<string, NamedKind> = { profiles: 'profile', machines: 'machine', manifests: 'manifest' };

// Guess a file's kind from its name, its folder, then its content.
export function guessKind(file: string, text: string): ValidateKind {
  if (basename(file) === PROJECT_FILE) return 'project';
  const folder = FOLDER_KINDS[basename(dirname(file))];
  if (folder) return folder;
  if (/^\s*release\s*=/m.test(text) || /^\s*\[repo\./m.test(text)) return 'manifest';
  if (/^\s*kernel-arch\s*=/m.test(text) || /^\s*bitbake-machine\s*=/m.test(text)) return 'machine';
  return 'profile';
}

async function validateOne(file: string, kind: ValidateKind | undefined, options: ValidateOptions): Promise<ValidatedFile> {
  const text = await readTextFile(file, 'file to validate');
  const k = kind ?? guessKind(file, text);
  let diagnostics: Diagnostic[];
  if (k === 'project') diagnostics = resolveProjectText(text, file).diagnostics;
  else if (k === 'machine') diagnostics = (await resolveMachine({ file }, options)).diagnostics;
  else if (k === 'manifest') diagnostics = (await resolveManifest({ file }, options)).diagnostics;
  else {
    const projectDiagnostics: Diagnostic[] = [];
    const project = await loadProject(options.workspaceDir, { diagnostics: projectDiagnostics }).catch(() => undefined);
    diagnostics = (await resolveProfile({ file }, { ...options, project })).diagnostics;
  }
  return { file, kind: k, ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics };
}

// Validate the given files, or every file visible from the workspace.
export async function validateFiles(files: readonly string[], options: ValidateOptions): Promise<ValidatedFile[]> {
  const targets: Array<{ file: string; kind: ValidateKind | undefined }> = [];
  if (files.length > 0) {
    for (const f of files) targets.push({ file: resolve(options.workspaceDir, f), kind: options.kind });
  } else {
    const project = join(options.workspaceDir, PROJECT_FILE);
    if (await pathExists(project)) targets.push({ file: project, kind: 'project' });
    for (const kind of ['manifest', 'machine', 'profile'] as const) {
      for (const c of await listCandidates(kind, options)) targets.push({ file: c.file, kind });
    }
  }
  const out: ValidatedFile[] = [];
  for (const t of targets) out.push(await validateOne(t.file, t.kind, options));
  return out;
}

/** PROFILE_INVALID for a failed validation, carrying every diagnostic. */
export function validationError(results: readonly ValidatedFile[]): MicroyoctoError | undefined {
  const bad = results.filter((r) => !r.ok);
  if (bad.length === 0) return undefined;
  const error = new MicroyoctoError('PROFILE_INVALID', `${bad.length} of ${results.length} file${results.length === 1 ? '' : 's'} invalid: ${bad.map((r) => r.file).join(', ')}`, {
    hint: 'every key is described in docs/profiles.md',
  });
  return Object.assign(error, { diagnostics: bad.flatMap((r) => r.diagnostics) });
}
