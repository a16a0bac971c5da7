// SPDX-License-Identifier: MIT
// git through simple-git (its one home with execa): clone, fetch, check out, read commits.
// Never disables host-key checking, never prompts (GIT_TERMINAL_PROMPT=0), never prints credentials.
import { simpleGit, type SimpleGit, type SimpleGitProgressEvent } from 'simple-git';
import { MicroyoctoError } from '../core/errors.js';
import { redactText } from '../core/redact.js';

export interface GitOptions {
  /** The environment git runs with (the caller's: HOME, SSH_AUTH_SOCK, proxies are needed). */
  env: Record<string, string | undefined>;
  signal?: AbortSignal | undefined;
  onProgress?: ((event: { stage: string; progress: number; processed: number; total: number }) => void) | undefined;
}

export interface CommitInfo {
  sha: string;
  subject: string;
}

function client(dir: string | undefined, options: GitOptions): SimpleGit {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;
  env.GIT_TERMINAL_PROMPT = '0';
  const git = simpleGit({
    ...(dir === undefined ? {} : { baseDir: dir }),
    ...(options.signal === undefined ? {} : { abort: options.signal }),
    ...(options.onProgress === undefined
      ? {}
      : { progress: (e: SimpleGitProgressEvent) => options.onProgress?.({ stage: e.stage, progress: e.progress, processed: e.processed, total: e.total }) }),
  });
  return git.env(env);
}

// A FETCH_FAILED error with git's message, credentials removed.
export function gitError(what: string, cause: unknown, hint?: string): MicroyoctoError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new MicroyoctoError('FETCH_FAILED', redactText(`${what}: ${detail.trim()}`), { hint, cause });
}

// `git clone --no-checkout [--reference-if-able R] [--depth 1 --branch B] -- <url> <dir>`.
export async function cloneRepo(
  url: string,
  dir: string,
  opts: { branch?: string | undefined; depth?: number | undefined; reference?: string | undefined; mirror?: boolean },
  options: GitOptions,
): Promise<void> {
  const args = cloneArgs(opts);
  if (url.startsWith('-')) throw new MicroyoctoError('CONFIG_INVALID', `refusing repository URL '${redactText(url)}' (looks like an option)`);
  await client(undefined, options).clone(url, dir, args);
}

// The options of a clone (argv is data: tested on its own).
export function cloneArgs(opts: { branch?: string | undefined; depth?: number | undefined; reference?: string | undefined; mirror?: boolean }): string[] {
  if (opts.mirror === true) return ['--mirror'];
  const args = ['--no-checkout'];
  if (opts.reference !== undefined) args.push('--reference-if-able', opts.reference);
  if (opts.depth !== undefined) args.push('--depth', String(opts.depth));
  if (opts.branch !== undefined && opts.depth !== undefined) args.push('--branch', opts.branch, '--single-branch');
  return args;
}

// Fetch refspecs from a URL (or remote name) into a repository.
export async function fetchRefs(dir: string, source: string, refspecs: string[], opts: { depth?: number | undefined; tags?: boolean }, options: GitOptions): Promise<void> {
  const args = [...(opts.depth === undefined ? [] : ['--depth', String(opts.depth)]), ...(opts.tags === true ? ['--tags'] : ['--no-tags'])];
  // NOTE: simple-git's progress plugin appends `--progress` last, so `--` cannot be used here;
  // a source or refspec that looks like an option is refused instead.
  for (const a of [source, ...refspecs]) if (a.startsWith('-')) throw new MicroyoctoError('CONFIG_INVALID', `refusing git argument '${redactText(a)}' (looks like an option)`);
  await client(dir, options).raw(['fetch', ...args, source, ...refspecs]);
}

// Update a bare mirror (git clone --mirror earlier) from its origin.
export async function updateMirror(dir: string, options: GitOptions): Promise<void> {
  await client(dir, options).raw(['remote', 'update', '--prune']);
}

// True when the commit exists in the repository.
export async function hasCommit(dir: string, sha: string, options: GitOptions): Promise<boolean> {
  // NOTE: simple-git does not reject on a non-zero exit without stderr, so test the output.
  return (await resolveRef(dir, sha, options)) === sha;
}

// Resolve a ref to a full SHA, or undefined.
export async function resolveRef(dir: string, ref: string, options: GitOptions): Promise<string | undefined> {
  try {
    const out = await client(dir, options).raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    const sha = out.trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

// Files with uncommitted changes (tracked files only; build leftovers do not count).
export async function changedFiles(dir: string, options: GitOptions): Promise<string[]> {
  const out = await client(dir, options).raw(['status', '--porcelain', '--untracked-files=no']);
  return out.split('\n').filter((l) => l.trim() !== '').map((l) => l.slice(3));
}

// Check out a commit, detached. Refuses (as git does) to overwrite local changes, unless `fresh`
// (a --no-checkout clone has an empty work tree: nothing of the user's can be lost).
export async function checkoutDetached(dir: string, sha: string, options: GitOptions, fresh = false): Promise<void> {
  await client(dir, options).raw(['checkout', '--quiet', ...(fresh ? ['--force'] : []), '--detach', sha]);
}

// Set the URL of a remote.
export async function setRemoteUrl(dir: string, remote: string, url: string, options: GitOptions): Promise<void> {
  await client(dir, options).raw(['remote', 'set-url', remote, url]);
}

// The commits in `to` that are not in `from` (oldest last, like git log), with their subjects.
export async function commitsBetween(dir: string, from: string, to: string, options: GitOptions): Promise<CommitInfo[]> {
  const out = await client(dir, options).raw(['log', '--format=%H%x09%s', `${from}..${to}`, '--']);
  return out
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => ({ sha: l.slice(0, l.indexOf('\t')), subject: l.slice(l.indexOf('\t') + 1) }));
}

// True when `ancestor` is an ancestor of `commit`.
export async function isAncestor(dir: string, ancestor: string, commit: string, options: GitOptions): Promise<boolean> {
  try {
    const base = await client(dir, options).raw(['merge-base', ancestor, commit]);
    return base.trim() === ancestor;
  } catch {
    return false;
  }
}
