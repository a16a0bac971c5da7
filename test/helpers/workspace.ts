// SPDX-License-Identifier: MIT
// Real git repositories and a workspace for the pipeline tests: file:// remotes with branches, tags
// and commits that move; the stand-in bitbake/wic on PATH; test objects for the profile loaders.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { InputLoaders } from '../../src/app/pipeline.js';
import { createInterrupts } from '../../src/cli/context.js';
import type { MachineSpec, Manifest, Profile, ProjectFile } from '../../src/core/model.js';
import { FIXTURES, tempDir, writeFiles } from './tmp.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

// Run git in a folder (tests only).
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export interface Remote {
  dir: string;
  url: string;
  /** Add a commit on a branch (files → content) and return its SHA. */
  commit(message: string, files: Record<string, string>, branch?: string): string;
  head(branch?: string): string;
}

// A new upstream repository with one commit on `main`.
export function makeRemote(t: TestContext, name: string, files: Record<string, string> = { 'README': `${name}\n` }): Remote {
  const dir = join(tempDir(t, `remote-${name}-`), name);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  // Let shallow clones ask for any commit by SHA (as GitHub and cgit allow).
  git(dir, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  const remote: Remote = {
    dir,
    url: `file://${dir}`,
    commit(message, content, branch = 'main') {
      const current = git(dir, 'symbolic-ref', '--short', 'HEAD');
      if (current !== branch) {
        const exists = git(dir, 'branch', '--list', branch) !== '';
        git(dir, 'checkout', '-q', ...(exists ? [branch] : ['-b', branch]));
      }
      writeFiles(dir, content);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', message);
      return git(dir, 'rev-parse', 'HEAD');
    },
    head(branch = 'main') {
      return git(dir, 'rev-parse', branch);
    },
  };
  remote.commit(`${name}: first commit`, files);
  return remote;
}

export interface TestWorkspace {
  root: string;
  remotes: Record<'bitbake' | 'openembedded-core' | 'meta-test', Remote>;
  manifest: Manifest;
  machine: MachineSpec;
  profile: Profile;
  project: ProjectFile;
  loaders: InputLoaders;
  /** PATH with the stand-in bitbake and wic first. */
  env: Record<string, string | undefined>;
  buildDir: string;
  scenario(name: string): void;
  wicScenario(name: string): void;
  records(tool: 'bitbake' | 'wic'): Array<Record<string, unknown>>;
}

// A workspace with three repos (bitbake, openembedded-core with a `meta` layer, meta-test), a
// profile `tiny`, machine `qemux86` with a wks, and loaders returning them.
export function makeWorkspace(t: TestContext, overrides: { project?: Partial<ProjectFile>; manifest?: Partial<Manifest> } = {}): TestWorkspace {
  const remotes: Record<'bitbake' | 'openembedded-core' | 'meta-test', Remote> = {
    bitbake: makeRemote(t, 'bitbake', { 'bin/README': 'no real bitbake here\n' }),
    'openembedded-core': makeRemote(t, 'openembedded-core', { 'meta/conf/layer.conf': 'BBFILE_COLLECTIONS += "core"\n' }),
    'meta-test': makeRemote(t, 'meta-test', { 'conf/layer.conf': 'BBFILE_COLLECTIONS += "test"\n', 'wic/micro.wks': 'part / --source rootfs --fstype=ext4\n' }),
  };
  const root = tempDir(t, 'ws-');
  const manifest: Manifest = {
    name: 'test',
    description: 'test manifest',
    release: 'wrynose',
    file: join(root, 'configs/manifests/test.ini'),
    repos: [
      { name: 'bitbake', url: remotes.bitbake.url, branch: 'main', layers: [], mirrors: [] },
      { name: 'openembedded-core', url: remotes['openembedded-core'].url, branch: 'main', layers: ['meta'], mirrors: [] },
      { name: 'meta-test', url: remotes['meta-test'].url, branch: 'main', layers: ['.'], mirrors: [] },
    ],
    ...overrides.manifest,
  };
  const machine: MachineSpec = { name: 'qemux86', description: 'QEMU x86', bitbakeMachine: 'qemux86', kernelArch: 'i386', wks: 'micro.wks', file: 'qemux86.ini' };
  const profile: Profile = {
    name: 'tiny',
    description: 'test profile',
    extends: [],
    manifest: 'test',
    machine: 'qemux86',
    distro: 'poky-tiny',
    image: 'image-micro',
    kernel: { features: ['proc-min-enable', 'net-disable'], fragments: [], recipe: 'linux-yocto-tiny' },
    vars: { 'IMAGE_FSTYPES:append': ' cpio.gz' },
    budget: {},
    file: join(root, 'configs/profiles/tiny.ini'),
  };
  const project: ProjectFile = { manifest: 'test', profile: 'tiny', shallow: false, caches: { sstateMirrors: [] }, file: join(root, 'microyocto.ini'), ...overrides.project };
  const loaders: InputLoaders = {
    loadProject: async () => project,
    loadProfile: async () => profile,
    loadManifest: async () => manifest,
    loadMachine: async () => machine,
  };
  const buildDir = join(root, 'build', 'tiny');
  const control = (file: string, text: string): void => {
    mkdirSync(join(buildDir, '.stand-in'), { recursive: true });
    writeFileSync(join(buildDir, '.stand-in', file), text);
  };
  return {
    root,
    remotes,
    manifest,
    machine,
    profile,
    project,
    loaders,
    buildDir,
    env: { PATH: `${join(FIXTURES, 'bin')}:${process.env.PATH ?? ''}`, HOME: process.env.HOME, MACHINE: 'leaked-machine', SECRET_TOKEN: 'do-not-pass' },
    scenario: (name) => control('bitbake-scenario', name),
    wicScenario: (name) => control('wic-scenario', name),
    records(tool) {
      const file = join(buildDir, '.stand-in', `${tool}.ndjson`);
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}

// What a pipeline run printed and how it ended.
export interface PipelineRun {
  stdout: string;
  stderr: string;
  error: unknown;
}

// Output sinks and interrupts for runPipeline.
export function outputFor(interrupts = createInterrupts(), json = false): {
  out: { json: boolean; isTTY: boolean; verbose: boolean; quiet: boolean; writeOut: (s: string) => void; writeErr: (s: string) => void; signal: AbortSignal; onInterrupt: (l: (n: number) => void) => () => void };
  captured: { stdout: string; stderr: string };
  interrupts: ReturnType<typeof createInterrupts>;
} {
  const captured = { stdout: '', stderr: '' };
  return {
    out: {
      json,
      isTTY: false,
      verbose: false,
      quiet: false,
      writeOut: (s) => void (captured.stdout += s),
      writeErr: (s) => void (captured.stderr += s),
      signal: interrupts.signal,
      onInterrupt: (l) => interrupts.onInterrupt(l),
    },
    captured,
    interrupts,
  };
}

// Prepare and run a pipeline command in-process against a test workspace.
export async function runKind(
  ws: TestWorkspace,
  kind: 'setup' | 'build' | 'image' | 'lock',
  req: Partial<import('../../src/app/pipeline.js').PipelineRequest> = {},
  opts: { interrupts?: ReturnType<typeof createInterrupts>; json?: boolean; onStderr?: (s: string) => void } = {},
): Promise<PipelineRun & { context: import('../../src/steps/context.js').PipelineContext }> {
  const { preparePipeline, runPipeline } = await import('../../src/app/pipeline.js');
  const request = { cwd: ws.root, env: ws.env, ...req };
  const context = await preparePipeline(kind, request, ws.loaders);
  const o = outputFor(opts.interrupts, opts.json === true);
  if (opts.onStderr) {
    const write = o.out.writeErr;
    o.out.writeErr = (s) => {
      write(s);
      opts.onStderr?.(s);
    };
  }
  let error: unknown;
  try {
    await runPipeline(kind, context, request, o.out);
  } catch (e) {
    error = e;
  }
  return { context, stdout: o.captured.stdout, stderr: o.captured.stderr, error };
}
