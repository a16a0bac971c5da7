// SPDX-License-Identifier: MIT
// Step `fetch-layers`: clone or update every repo of the manifest under layers/, check out the commit
// microyocto.lock pins (full SHAs), and write the lock for what was not pinned yet. Mirrors are tried
// before the origin and fall back to it; a shared bare-mirror cache is used as --reference.
import { join } from 'node:path';
import { MicroyoctoError } from '../core/errors.js';
import type { RepoSpec } from '../core/model.js';
import { redactUrl } from '../core/redact.js';
import { formatLock, parseLock, planPins, type LockFile, type Pin } from '../core/workspace/lock.js';
import { pathExists, readTextIfExists, writeIfChanged } from '../io/files.js';
import { removeTree } from '../io/paths.js';
import type { Step, StepIO } from '../pipeline/step.js';
import {
  changedFiles,
  checkoutDetached,
  cloneArgs,
  cloneRepo,
  commitsBetween,
  fetchRefs,
  gitError,
  hasCommit,
  resolveRef,
  setRemoteUrl,
  updateMirror,
  type GitOptions,
} from '../tools/git.js';
import type { PipelineContext, RepoState } from './context.js';

// The folder name of a repo in the shared mirror cache (kas's KAS_REPO_REF_DIR naming).
export function cacheName(url: string): string {
  const bare = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '').replace(/:/g, '/');
  const name = bare.replace(/\/+$/, '').replace(/\.git$/, '').split('/').filter((s) => s !== '' && s !== '.' && s !== '..').join('.');
  return `${name}.git`;
}

function firstLine(error: unknown): string {
  const msg = error instanceof Error ? error.message : String(error);
  return msg.split('\n').find((l) => l.trim() !== '')?.trim() ?? msg;
}

async function readLock(file: string): Promise<LockFile | undefined> {
  const text = await readTextIfExists(file);
  return text === undefined ? undefined : parseLock(text, file);
}

interface RepoJob {
  pin: Pin;
  dir: string;
  cache: string | undefined;
  git: GitOptions;
}

// Try each source in turn; the first that works wins. Each failure is logged (credentials removed).
async function trySources<T>(repo: RepoSpec, sources: string[], io: StepIO, what: string, attempt: (source: string) => Promise<T>): Promise<T> {
  let last: unknown;
  for (const source of sources) {
    try {
      return await attempt(source);
    } catch (error) {
      if (io.signal.aborted) throw new MicroyoctoError('INTERRUPTED', `${what} of ${repo.name} interrupted`);
      last = error;
      const next = sources.indexOf(source) < sources.length - 1 ? '; trying the next source' : '';
      io.log(`${repo.name}: ${what} from ${redactUrl(source)} failed: ${redactUrl(firstLine(error))}${next}`);
    }
  }
  throw gitError(`${what} of ${repo.name} failed from every source (${sources.map(redactUrl).join(', ')})`, last, 'check the URL and your network or credentials; with --offline only layers/ and the mirror cache are used');
}

function sourcesOf(repo: RepoSpec, ctx: PipelineContext, cache: string | undefined, cacheReady: boolean): string[] {
  if (ctx.options.offline) return cache !== undefined && cacheReady ? [cache] : [];
  return [...repo.mirrors, repo.url];
}

async function prepareCache(job: RepoJob, ctx: PipelineContext, io: StepIO): Promise<boolean> {
  const { cache } = job;
  if (cache === undefined) return false;
  const present = await pathExists(cache);
  if (ctx.options.offline) return present;
  try {
    if (present) await updateMirror(cache, job.git);
    else await trySources(job.pin.repo, [...job.pin.repo.mirrors, job.pin.repo.url], io, 'mirror clone', (s) => cloneRepo(s, cache, { mirror: true }, job.git));
    return true;
  } catch (error) {
    io.log(`${job.pin.repo.name}: the shared mirror ${cache} could not be updated (${redactUrl(firstLine(error))}); going on without it`);
    return present;
  }
}

async function fetchInto(job: RepoJob, sources: string[], io: StepIO, ctx: PipelineContext, commit: string | undefined): Promise<void> {
  const { repo } = job.pin;
  const depth = ctx.options.shallow ? 1 : undefined;
  const branchRef = `+refs/heads/${repo.branch}:refs/remotes/origin/${repo.branch}`;
  await trySources(repo, sources, io, 'fetch', async (source) => {
    await fetchRefs(job.dir, source, [branchRef], { depth }, job.git);
    // A pin that is not the branch head of a shallow clone (or is on no branch) is asked for by SHA.
    if (commit !== undefined && !(await hasCommit(job.dir, commit, job.git))) await fetchRefs(job.dir, source, [commit], { depth }, job.git);
  });
}

async function syncRepo(job: RepoJob, ctx: PipelineContext, io: StepIO): Promise<RepoState> {
  const { repo } = job.pin;
  const rel = `layers/${repo.name}`;
  const existed = await pathExists(join(job.dir, '.git'));
  let commit = ctx.options.updateLock && job.pin.source !== 'manifest' ? undefined : job.pin.commit;
  const head = existed ? await resolveRef(job.dir, 'HEAD', job.git) : undefined;

  if (existed && ctx.options.fetchMode === 'ensure' && !ctx.options.updateLock && head !== undefined) {
    if (commit !== undefined && head !== commit) {
      io.log(`${rel} is at ${head.slice(0, 12)} but the lock pins ${commit.slice(0, 12)}: run \`microyocto setup\` to check out the pinned commit`);
    }
    return { name: repo.name, path: job.dir, commit: head, source: 'present', url: repo.url, branch: repo.branch };
  }

  const cacheReady = await prepareCache(job, ctx, io);
  const sources = sourcesOf(repo, ctx, job.cache, cacheReady);
  const haveCommit = existed && commit !== undefined && (await hasCommit(job.dir, commit, job.git));
  if (!existed) {
    if (sources.length === 0) {
      throw new MicroyoctoError('FETCH_FAILED', `${rel} is missing and --offline allows no network`, {
        hint: ctx.project.caches.gitMirror === undefined ? 'run once without --offline' : `the mirror cache ${ctx.project.caches.gitMirror} has no copy of ${redactUrl(repo.url)}; run once without --offline`,
      });
    }
    const depth = ctx.options.shallow ? 1 : undefined;
    const reference = cacheReady && !sources.includes(job.cache as string) ? job.cache : undefined;
    io.log(`cloning ${redactUrl(repo.url)} into ${rel}${depth ? ' (shallow)' : ''}`);
    await trySources(repo, sources, io, 'clone', async (source) => {
      try {
        await cloneRepo(source, job.dir, { branch: repo.branch, depth, reference }, job.git);
      } catch (error) {
        await removeTree(job.dir);
        throw error;
      }
    });
    await setRemoteUrl(job.dir, 'origin', repo.url, job.git);
    if (commit !== undefined && !(await hasCommit(job.dir, commit, job.git)) && !ctx.options.offline) await fetchInto(job, sources, io, ctx, commit);
  } else if (!haveCommit) {
    if (sources.length === 0) {
      if (commit === undefined) {
        // Offline with nothing pinned: keep what is checked out.
        if (head === undefined) throw new MicroyoctoError('FETCH_FAILED', `${rel} has no commit checked out and --offline allows no fetch`);
        return { name: repo.name, path: job.dir, commit: head, source: 'present', url: repo.url, branch: repo.branch };
      }
      throw new MicroyoctoError('FETCH_FAILED', `${rel} does not have the pinned commit ${commit.slice(0, 12)} and --offline allows no fetch`, { hint: 'run `microyocto setup` once without --offline' });
    }
    io.log(`fetching ${repo.branch} of ${redactUrl(repo.url)} into ${rel}`);
    await fetchInto(job, sources, io, ctx, commit);
  }

  let source: RepoState['source'] = job.pin.source;
  if (commit === undefined) {
    commit = (await resolveRef(job.dir, `refs/remotes/origin/${repo.branch}`, job.git)) ?? (await resolveRef(job.dir, `refs/heads/${repo.branch}`, job.git));
    source = 'branch';
    if (commit === undefined) {
      throw new MicroyoctoError('FETCH_FAILED', `${rel}: branch '${repo.branch}' not found in ${redactUrl(repo.url)}`, { hint: `check the branch of ${repo.name} in ${ctx.manifest.file}` });
    }
  } else if (!(await hasCommit(job.dir, commit, job.git))) {
    throw new MicroyoctoError('FETCH_FAILED', `${rel}: commit ${commit} (from the ${job.pin.source}) is not in ${redactUrl(repo.url)} (branch '${repo.branch}')`, {
      hint: 'run `microyocto lock --update` to pin the branch head, or fix the commit',
    });
  }
  const currentHead = await resolveRef(job.dir, 'HEAD', job.git);
  if (!existed) {
    try {
      await checkoutDetached(job.dir, commit, job.git, true);
    } catch (error) {
      throw gitError(`checking out ${commit.slice(0, 12)} in ${rel}`, error);
    }
  } else if (currentHead !== commit) {
    const dirty = existed ? await changedFiles(job.dir, job.git) : [];
    if (dirty.length > 0) {
      throw new MicroyoctoError('FETCH_FAILED', `${rel} has local changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}); not moving it to ${commit.slice(0, 12)}`, {
        hint: `commit or stash them in ${rel}, then run setup again`,
      });
    }
    try {
      await checkoutDetached(job.dir, commit, job.git);
    } catch (error) {
      throw gitError(`checking out ${commit.slice(0, 12)} in ${rel}`, error);
    }
  }
  return { name: repo.name, path: job.dir, commit, source, url: repo.url, branch: repo.branch };
}

function planRepo(pin: Pin, dir: string, exists: boolean, ctx: PipelineContext): void {
  const { repo } = pin;
  const cwd = ctx.layout.layersDir;
  if (!exists) {
    const sources = ctx.options.offline ? [] : [...repo.mirrors, repo.url];
    if (sources.length === 0) {
      ctx.plan.push({ kind: 'note', step: 'fetch-layers', message: `layers/${repo.name} is missing and --offline allows no clone: this would fail` });
      return;
    }
    const args = ['clone', ...cloneArgs({ branch: repo.branch, depth: ctx.options.shallow ? 1 : undefined }), '--', redactUrl(sources[0] as string), dir];
    ctx.plan.push({ kind: 'command', step: 'fetch-layers', cwd, command: 'git', args });
    if (sources.length > 1) ctx.plan.push({ kind: 'note', step: 'fetch-layers', message: `if that fails: ${sources.slice(1).map(redactUrl).join(', then ')}` });
  } else if (ctx.options.fetchMode === 'ensure') {
    ctx.plan.push({ kind: 'note', step: 'fetch-layers', message: `layers/${repo.name} exists: left as it is` });
    return;
  } else {
    ctx.plan.push({ kind: 'command', step: 'fetch-layers', cwd: dir, command: 'git', args: ['fetch', '--no-tags', '--', redactUrl(repo.url), `+refs/heads/${repo.branch}:refs/remotes/origin/${repo.branch}`] });
  }
  const target = pin.commit ?? `origin/${repo.branch}`;
  ctx.plan.push({ kind: 'command', step: 'fetch-layers', cwd: dir, command: 'git', args: ['checkout', '--quiet', '--detach', target] });
}

export const fetchLayersStep: Step<PipelineContext> = {
  id: 'fetch-layers',
  title: 'Fetch layers',
  async run(ctx, io) {
    const started = Date.now();
    const oldLock = await readLock(ctx.layout.lockFile);
    // `lock --update` re-resolves every branch, so an old lock for another branch is no obstacle.
    const pins = planPins(ctx.manifest, ctx.options.updateLock ? undefined : oldLock, ctx.layout.lockFile);
    const gitMirror = ctx.project.caches.gitMirror;
    for (const repo of ctx.manifest.repos.filter((r) => r.builtin === true)) {
      ctx.results.repos.push({ name: repo.name, path: repo.localPath ?? '', commit: '', source: 'builtin', url: repo.url, branch: repo.branch });
    }
    const states: RepoState[] = [];
    for (const [i, pin] of pins.entries()) {
      if (io.signal.aborted) throw new MicroyoctoError('INTERRUPTED', 'fetching layers was interrupted');
      const dir = join(ctx.layout.layersDir, pin.repo.name);
      if (ctx.options.dryRun) {
        planRepo(pin, dir, await pathExists(join(dir, '.git')), ctx);
        if (i === pins.length - 1) {
          const pinned = pins.filter((p) => p.source !== 'lock').map((p) => p.repo.name);
          if (pinned.length > 0 || ctx.options.updateLock) ctx.plan.push({ kind: 'note', step: 'fetch-layers', message: `would write ${ctx.layout.lockFile} with the commits checked out${pinned.length > 0 ? ` (new pins: ${pinned.join(', ')})` : ''}` });
        }
        continue;
      }
      io.progress({ current: i + 1, total: pins.length, message: pin.repo.name });
      const git: GitOptions = {
        env: ctx.env,
        signal: io.signal,
        onProgress: (e) => io.progress({ current: i + 1, total: pins.length, message: `${pin.repo.name}: ${e.stage} ${e.progress}%` }),
      };
      const job: RepoJob = { pin, dir, cache: gitMirror === undefined ? undefined : join(gitMirror, cacheName(pin.repo.url)), git };
      const state = await syncRepo(job, ctx, io);
      states.push(state);
      io.event({ event: 'repo', repo: state.name, commit: state.commit, source: state.source, url: redactUrl(state.url), branch: state.branch });
      io.log(`${state.name}: ${state.commit.slice(0, 12)} (${state.source === 'present' ? 'as checked out' : state.source})`);
    }
    ctx.results.repos.push(...states);
    if (!ctx.options.dryRun) await writeLock(ctx, oldLock, states, io);
    ctx.results.durations['fetch-layers'] = Date.now() - started;
  },
};

async function writeLock(ctx: PipelineContext, oldLock: LockFile | undefined, states: RepoState[], io: StepIO): Promise<void> {
  const repos: LockFile['repos'] = {};
  for (const s of states) repos[s.name] = { url: s.url, branch: s.branch, commit: s.commit };
  // `ensure` keeps the lock's pins for repos left as they were (a local checkout is not a new pin).
  if (ctx.options.fetchMode === 'ensure' && oldLock !== undefined) {
    for (const s of states) if (s.source === 'present' && oldLock.repos[s.name] !== undefined) repos[s.name] = oldLock.repos[s.name]!;
  }
  const lock: LockFile = { version: 1, manifest: ctx.manifest.name, repos };
  if (await writeIfChanged(ctx.layout.lockFile, formatLock(lock))) io.log(`wrote ${ctx.layout.lockFile}`);
  for (const s of states) {
    const from = oldLock?.repos[s.name]?.commit;
    const to = repos[s.name]!.commit;
    if (from === to) continue;
    const commits = from !== undefined && (await hasCommit(s.path, from, { env: ctx.env })) ? await commitsBetween(s.path, from, to, { env: ctx.env }) : [];
    ctx.results.lockChanges.push({ repo: s.name, from, to, commits });
    io.event({ event: 'lock-moved', repo: s.name, from: from ?? null, to, commits });
  }
}
