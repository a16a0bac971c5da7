// SPDX-License-Identifier: MIT
// `status`: where the workspace stands: each repo against the lock, the build configuration against
// the profile, the local.conf lines that override the profile, another bitbake holding the lock.
import { join, relative } from 'node:path';
import { parseLock, type LockFile } from '../core/workspace/lock.js';
import { planBuildConfig } from '../core/workspace/build-config.js';
import { findLocalOverrides, type LocalOverride } from '../core/workspace/local-conf.js';
import { pathExists, readTextIfExists } from '../io/files.js';
import { profileKernelFeatures } from '../profiles/index.js';
import { changedFiles, resolveRef } from '../tools/git.js';
import { preparePipeline, type InputLoaders } from './pipeline.js';

export type RepoStatus = 'ok' | 'missing' | 'not-locked' | 'moved' | 'changed';

export interface StatusReport {
  workspace: string;
  projectFile: string | null;
  manifest: { name: string; release: string; file: string };
  lockFile: string | null;
  repos: Array<{ name: string; path: string; status: RepoStatus; head: string | null; locked: string | null; branch: string; changed: string[] }>;
  profile: null | {
    name: string;
    machine: string | null;
    buildDir: string;
    conf: { bblayers: 'missing' | 'up-to-date' | 'stale'; auto: 'missing' | 'up-to-date' | 'stale'; localConf: boolean };
    overrides: LocalOverride[];
    bitbakeLock: string | null;
    deployManifest: string | null;
  };
}

async function confState(path: string, want: string): Promise<'missing' | 'up-to-date' | 'stale'> {
  const have = await readTextIfExists(path);
  return have === undefined ? 'missing' : have === want ? 'up-to-date' : 'stale';
}

// Gather the status of the workspace (and of a profile's build when one is known).
export async function workspaceStatus(req: { cwd: string; env: Readonly<Record<string, string | undefined>>; profile?: string | undefined }, loaders?: InputLoaders): Promise<StatusReport> {
  const ctx = await preparePipeline('setup', { cwd: req.cwd, env: req.env, profile: req.profile }, loaders);
  const { layout } = ctx;
  const lockText = await readTextIfExists(layout.lockFile);
  const lock: LockFile | undefined = lockText === undefined ? undefined : parseLock(lockText, layout.lockFile);
  const git = { env: req.env };
  const repos: StatusReport['repos'] = [];
  for (const repo of ctx.manifest.repos.filter((r) => r.builtin !== true)) {
    const path = join(layout.layersDir, repo.name);
    const locked = lock?.repos[repo.name]?.commit ?? null;
    if (!(await pathExists(join(path, '.git')))) {
      repos.push({ name: repo.name, path, status: 'missing', head: null, locked, branch: repo.branch, changed: [] });
      continue;
    }
    const head = (await resolveRef(path, 'HEAD', git)) ?? null;
    const changed = await changedFiles(path, git);
    const status: RepoStatus = changed.length > 0 ? 'changed' : locked === null ? 'not-locked' : head !== locked ? 'moved' : 'ok';
    repos.push({ name: repo.name, path, status, head, locked, branch: repo.branch, changed });
  }
  let profile: StatusReport['profile'] = null;
  if (ctx.profile !== undefined && ctx.machine !== undefined) {
    const kernelFeatures = await profileKernelFeatures(ctx.profile, { workspaceDir: layout.root });
    const plan = planBuildConfig({ layout, manifest: ctx.manifest, machine: ctx.machine, profile: ctx.profile, project: ctx.project, kernelFeatures });
    const localPath = join(layout.confDir, 'local.conf');
    const local = await readTextIfExists(localPath);
    const deployManifest = join(layout.deployDir, 'manifest.json');
    profile = {
      name: ctx.profile.name,
      machine: ctx.machine.name,
      buildDir: layout.buildDir,
      conf: {
        bblayers: await confState(join(layout.confDir, 'bblayers.conf'), plan.bblayers),
        auto: await confState(join(layout.confDir, 'auto.conf'), plan.auto),
        localConf: local !== undefined,
      },
      overrides: local === undefined ? [] : findLocalOverrides(local, plan.vars),
      bitbakeLock: (await readTextIfExists(join(layout.buildDir, 'bitbake.lock')))?.trim() ?? null,
      deployManifest: (await pathExists(deployManifest)) ? deployManifest : null,
    };
  }
  return {
    workspace: layout.root,
    projectFile: (await pathExists(layout.projectFile)) ? layout.projectFile : null,
    manifest: { name: ctx.manifest.name, release: ctx.manifest.release, file: ctx.manifest.file },
    lockFile: lock === undefined ? null : layout.lockFile,
    repos,
    profile,
  };
}

const REPO_WORDS: Record<RepoStatus, string> = {
  ok: 'at the locked commit',
  missing: 'missing (run microyocto setup)',
  'not-locked': 'not in microyocto.lock (run microyocto lock)',
  moved: 'not at the locked commit (run microyocto setup to check it out)',
  changed: 'has local changes',
};

// The text form (not stable: use --json in scripts).
export function formatStatus(s: StatusReport): string {
  const rel = (p: string): string => relative(s.workspace, p) || '.';
  const out = [`workspace ${s.workspace}`, `manifest ${s.manifest.name} (${s.manifest.release}), ${s.lockFile === null ? 'no microyocto.lock yet' : 'locked in microyocto.lock'}`];
  for (const r of s.repos) {
    const at = r.head === null ? '' : ` ${r.head.slice(0, 12)}`;
    const extra = r.status === 'changed' ? `: ${r.changed.slice(0, 5).join(', ')}` : r.status === 'moved' && r.locked !== null ? ` (lock: ${r.locked.slice(0, 12)})` : '';
    out.push(`  ${rel(r.path)}${at} ${REPO_WORDS[r.status]}${extra}`);
  }
  const p = s.profile;
  if (p === null) out.push('no profile (give --profile, or set profile = in microyocto.ini)');
  else {
    out.push(`profile ${p.name}, machine ${p.machine ?? '?'}, build ${rel(p.buildDir)}`);
    const word = { missing: 'not written yet', 'up-to-date': 'up to date', stale: 'will be rewritten by the next build' };
    out.push(`  conf/bblayers.conf ${word[p.conf.bblayers]}`, `  conf/auto.conf ${word[p.conf.auto]}`, `  conf/local.conf ${p.conf.localConf ? 'yours' : 'not created yet'}`);
    for (const o of p.overrides) {
      const effect = o.kind === 'replaces' ? 'replaces the profile value' : o.kind === 'appends' ? 'adds to the profile value' : 'has no effect (auto.conf already set it)';
      out.push(`  local.conf:${o.line}: ${o.local} ${effect} "${o.profile}"`);
    }
    if (p.bitbakeLock !== null) out.push(`  bitbake.lock is held (${p.bitbakeLock}): a build or a bitbake server is running`);
    out.push(`  ${p.deployManifest === null ? 'nothing deployed yet' : `deployed: ${rel(p.deployManifest)}`}`);
  }
  return out.join('\n') + '\n';
}
