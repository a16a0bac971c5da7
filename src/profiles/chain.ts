// SPDX-License-Identifier: MIT
// Finding files by name (workspace first, then built-in) and following `extends` chains, with every
// problem (not found, cycle, bad file) collected as a diagnostic naming file:line.
import { basename, join, resolve } from 'node:path';
import type { z } from 'zod';
import type { Diagnostic } from '../core/diagnostics.js';
import { MicroyoctoError } from '../core/errors.js';
import { nearestName } from '../core/names.js';
import { listFiles, pathExists, readTextFile } from '../io/files.js';
import { lineOf, type IniScan } from './ini-scan.js';
import { searchDirs, type Origin, type SearchOptions } from './paths.js';
import { readIni } from './read-ini.js';

export type NamedKind = 'profile' | 'machine' | 'manifest';
const DIRS: Record<NamedKind, string> = { profile: 'profiles', machine: 'machines', manifest: 'manifests' };

export interface Candidate {
  name: string;
  file: string;
  origin: Origin;
}

export interface ChainLink<T> {
  name: string;
  file: string;
  origin: Origin | 'file';
  /** The validated content; undefined when the file has errors (they are in the diagnostics). */
  value: T | undefined;
  /** The valid part of a file with errors (for rules that can still run); equals value when valid. */
  partial: T | undefined;
  scan: IniScan;
}

// Every file defining `name` of a kind, in search order (workspace first).
export async function findCandidates(kind: NamedKind, name: string, options: SearchOptions): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const { dir, origin } of searchDirs(DIRS[kind], options)) {
    const file = join(dir, `${name}.ini`);
    if (await pathExists(file)) out.push({ name, file, origin });
  }
  return out;
}

// Every name of a kind, the workspace's first; `shadows` tells a workspace file hides a built-in one.
export async function listCandidates(kind: NamedKind, options: SearchOptions): Promise<Array<Candidate & { shadows: string | undefined }>> {
  const byName = new Map<string, Candidate & { shadows: string | undefined }>();
  for (const { dir, origin } of searchDirs(DIRS[kind], options)) {
    for (const f of await listFiles(dir, '.ini')) {
      const name = f.slice(0, -4);
      const existing = byName.get(name);
      if (existing) existing.shadows ??= join(dir, f);
      else byName.set(name, { name, file: join(dir, f), origin, shadows: undefined });
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// The PROFILE_NOT_FOUND error for a name nobody defines: lists the known ones and the nearest.
export async function notFoundError(kind: NamedKind, name: string, options: SearchOptions): Promise<MicroyoctoError> {
  const known = (await listCandidates(kind, options)).map((c) => c.name);
  const near = nearestName(name, known);
  return new MicroyoctoError('PROFILE_NOT_FOUND', `no ${kind} named '${name}'${near ? ` (did you mean '${near}'?)` : ''}`, {
    hint: known.length > 0 ? `known ${kind}s: ${known.join(', ')}` : `add configs/${DIRS[kind]}/${name}.ini to the workspace`,
  });
}

export type ChainStart = { name: string } | { file: string };

// Read a file and the files it extends, nearest first. Throws PROFILE_NOT_FOUND only when the
// starting name does not exist; everything else becomes a diagnostic.
export async function readChain<T extends object>(
  kind: NamedKind,
  start: ChainStart,
  schema: z.ZodType<T>,
  options: SearchOptions,
  diagnostics: Diagnostic[],
): Promise<Array<ChainLink<T>>> {
  const chain: Array<ChainLink<T>> = [];
  let next: Candidate | undefined;
  if ('file' in start) {
    const file = resolve(start.file);
    next = { name: basename(file).replace(/\.ini$/, ''), file, origin: 'workspace' };
  } else {
    next = (await findCandidates(kind, start.name, options))[0];
    if (next === undefined) throw await notFoundError(kind, start.name, options);
  }
  let origin: ChainLink<T>['origin'] = 'file' in start ? 'file' : next.origin;
  while (next !== undefined) {
    const link: Candidate = next;
    const text = await readTextFile(link.file, kind);
    const read = readIni(text, link.file, schema);
    diagnostics.push(...read.diagnostics);
    chain.push({ name: link.name, file: link.file, origin, value: read.value, partial: read.partial, scan: read.scan });
    const raw: unknown = (read.value as { extends?: unknown } | undefined)?.extends ?? read.parsed.extends;
    if (kind === 'manifest' || typeof raw !== 'string' || raw === '') break;
    const line = lineOf(read.scan, '', 'extends');
    const candidates = await findCandidates(kind, raw, options);
    if (raw === link.name) {
      // NOTE: a file that extends its own name means the next one in search order (a workspace
      // internet-of-things.ini extending the built-in internet-of-things).
      const here = candidates.findIndex((c) => c.file === link.file);
      next = here >= 0 ? candidates[here + 1] : candidates[0];
    } else next = candidates[0];
    if (next === undefined) {
      const known = (await listCandidates(kind, options)).map((c) => c.name);
      const near = nearestName(raw, known);
      const self = raw === link.name;
      diagnostics.push({
        severity: 'error',
        code: 'extends-not-found',
        file: link.file,
        line,
        message: self
          ? `extends '${raw}', its own name, but there is no built-in ${kind} '${raw}' to extend`
          : `extends '${raw}', but there is no ${kind} of that name${near ? ` (did you mean '${near}'?)` : ''}; known: ${known.join(', ')}`,
      });
      break;
    }
    if (chain.some((c) => c.file === next!.file)) {
      const names = [...chain.map((c) => c.name), next.name].join(' -> ');
      diagnostics.push({ severity: 'error', code: 'extends-cycle', file: link.file, line, message: `extends cycle: ${names}` });
      break;
    }
    origin = next.origin;
  }
  return chain;
}
