// SPDX-License-Identifier: MIT
// microyocto.lock: the full SHA every repo is pinned to. JSON (stable key order, one repo per entry)
// so that a diff of the file reads like the change it is.
import { MicroyoctoError } from '../errors.js';
import type { Manifest, RepoSpec } from '../model.js';

export interface LockEntry {
  url: string;
  branch: string;
  commit: string;
}

export interface LockFile {
  version: 1;
  manifest: string;
  repos: Record<string, LockEntry>;
}

const SHA = /^[0-9a-f]{40}$/;

// True for a full, lowercase 40-hex commit id (short SHAs and branch names are refused).
export function isFullSha(value: string): boolean {
  return SHA.test(value);
}

// Parse and check microyocto.lock; every problem names the file and the repo.
export function parseLock(text: string, file: string): LockFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new MicroyoctoError('CONFIG_INVALID', `${file}: not valid JSON (${(cause as Error).message})`, {
      hint: 'restore it from version control, or delete it and run `microyocto lock --update`',
      cause,
    });
  }
  const o = data as Partial<LockFile> | null;
  const problems: string[] = [];
  if (o === null || typeof o !== 'object') problems.push('expected an object');
  else {
    if (o.version !== 1) problems.push(`version: expected 1, got ${JSON.stringify(o.version)}`);
    if (typeof o.manifest !== 'string') problems.push('manifest: expected a string');
    if (o.repos === null || typeof o.repos !== 'object') problems.push('repos: expected an object');
    else {
      for (const [name, e] of Object.entries(o.repos)) {
        if (typeof e?.url !== 'string') problems.push(`repos.${name}.url: expected a string`);
        if (typeof e?.branch !== 'string') problems.push(`repos.${name}.branch: expected a string`);
        if (typeof e?.commit !== 'string' || !isFullSha(e.commit)) problems.push(`repos.${name}.commit: expected a full 40-hex SHA, got ${JSON.stringify(e?.commit)}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new MicroyoctoError('CONFIG_INVALID', `${file}: ${problems.join('; ')}`, { hint: 'fix it, or delete it and run `microyocto lock --update`' });
  }
  return o as LockFile;
}

// Serialise with sorted repos and a trailing newline.
export function formatLock(lock: LockFile): string {
  const repos: Record<string, LockEntry> = {};
  for (const name of Object.keys(lock.repos).sort()) {
    const e = lock.repos[name] as LockEntry;
    repos[name] = { url: e.url, branch: e.branch, commit: e.commit };
  }
  return JSON.stringify({ version: 1, manifest: lock.manifest, repos }, null, 2) + '\n';
}

export type PinSource = 'lock' | 'manifest' | 'branch';

export interface Pin {
  repo: RepoSpec;
  /** The commit to check out, or undefined when the branch head is to be resolved (and locked). */
  commit: string | undefined;
  source: PinSource;
}

// Decide what each cloned repo is pinned to: the lock, else the manifest's commit, else the branch
// head (resolved on fetch). A lock entry for another url or branch is a mismatch, not silently used.
export function planPins(manifest: Manifest, lock: LockFile | undefined, lockFile: string): Pin[] {
  return manifest.repos
    .filter((r) => r.builtin !== true)
    .map((repo): Pin => {
      const entry = lock?.repos[repo.name];
      if (entry !== undefined) {
        if (entry.branch !== repo.branch || entry.url !== repo.url) {
          const what = entry.branch !== repo.branch ? `branch '${entry.branch}'` : `url '${entry.url}'`;
          const want = entry.branch !== repo.branch ? `'${repo.branch}'` : `'${repo.url}'`;
          throw new MicroyoctoError('LOCK_MISMATCH', `${lockFile}: ${repo.name} is locked on ${what} but the manifest ${manifest.file} says ${want}`, {
            hint: 'run `microyocto lock --update` to pin the manifest\'s branch',
          });
        }
        if (repo.commit !== undefined && repo.commit !== entry.commit) {
          return { repo, commit: repo.commit, source: 'manifest' };
        }
        return { repo, commit: entry.commit, source: 'lock' };
      }
      if (repo.commit !== undefined) return { repo, commit: repo.commit, source: 'manifest' };
      return { repo, commit: undefined, source: 'branch' };
    });
}
