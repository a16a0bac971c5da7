// SPDX-License-Identifier: MIT
// The build pipeline's use cases (setup, build, image, lock): resolve the inputs, choose the steps,
// run them with the right renderer, return what happened. Commands only print the outcome.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MicroyoctoError } from '../core/errors.js';
import type { MachineSpec, Manifest, Profile, ProjectFile } from '../core/model.js';
import { PROJECT_FILE, workspaceLayout } from '../core/workspace/layout.js';
import { pathExists } from '../io/files.js';
import { chooseRenderMode, runSteps } from '../pipeline/run-steps.js';
import type { RenderMode, Step, StepReport } from '../pipeline/step.js';
import { bitbakeStep } from '../steps/bitbake.js';
import { collectArtifactsStep } from '../steps/collect-artifacts.js';
import { emptyResults, type PipelineContext } from '../steps/context.js';
import { fetchLayersStep } from '../steps/fetch-layers.js';
import { wicStep } from '../steps/wic.js';
import { writeBuildConfigStep } from '../steps/write-build-config.js';

/** The package's templates/ (dist/src/app/ is three levels below the package root). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

export type PipelineKind = 'setup' | 'build' | 'image' | 'lock';

/** The loaders of src/profiles (injected so the pipeline can be driven with test objects). */
export interface InputLoaders {
  loadProject(workspaceDir: string): Promise<ProjectFile>;
  loadProfile(name: string, options: { workspaceDir: string; project: ProjectFile; machine?: string | undefined }): Promise<Profile>;
  loadManifest(name: string, options: { workspaceDir: string }): Promise<Manifest>;
  loadMachine(name: string, options: { workspaceDir: string }): Promise<MachineSpec>;
}

export interface PipelineRequest {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  profile?: string | undefined;
  machine?: string | undefined;
  targets?: string[] | undefined;
  keepGoing?: boolean | undefined;
  dryRun?: boolean | undefined;
  offline?: boolean | undefined;
  shallow?: boolean | undefined;
  update?: boolean | undefined;
  skip?: string[] | undefined;
  only?: string[] | undefined;
}

export interface PipelineOutput {
  json: boolean;
  isTTY: boolean;
  verbose: boolean;
  quiet: boolean;
  writeOut: (text: string) => void;
  writeErr: (text: string) => void;
  signal: AbortSignal;
  onInterrupt: (listener: (count: number) => void) => () => void;
}

export interface PipelineOutcome {
  context: PipelineContext;
  reports: StepReport[];
  mode: RenderMode;
}

// The steps of each command, in order (their ids are what --skip/--only accept).
export function pipelineSteps(kind: PipelineKind, hasProfile: boolean): Step<PipelineContext>[] {
  switch (kind) {
    case 'setup':
      return hasProfile ? [fetchLayersStep, writeBuildConfigStep] : [fetchLayersStep];
    case 'lock':
      return [fetchLayersStep];
    case 'image':
      return [wicStep, collectArtifactsStep];
    case 'build':
      return [fetchLayersStep, writeBuildConfigStep, bitbakeStep, wicStep, collectArtifactsStep];
  }
}

/** Every step id of `build` (for --skip/--only help). */
export const BUILD_STEP_IDS = pipelineSteps('build', true).map((s) => s.id);

// The workspace: the nearest folder up from cwd holding microyocto.ini, else cwd itself.
export async function findWorkspace(cwd: string): Promise<string> {
  let dir = resolve(cwd);
  for (;;) {
    if (await pathExists(join(dir, PROJECT_FILE))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd);
    dir = up;
  }
}

async function defaultLoaders(): Promise<InputLoaders> {
  const profiles = await import('../profiles/index.js');
  return {
    loadProject: (dir) => profiles.loadProject(dir),
    loadProfile: (name, o) => profiles.loadProfile(name, { workspaceDir: o.workspaceDir, project: o.project, machine: o.machine }),
    loadManifest: (name, o) => profiles.loadManifest(name, { workspaceDir: o.workspaceDir }),
    loadMachine: (name, o) => profiles.loadMachine(name, { workspaceDir: o.workspaceDir }),
  };
}

// Resolve project, profile, machine and manifest into a pipeline context.
export async function preparePipeline(kind: PipelineKind, req: PipelineRequest, loaders?: InputLoaders): Promise<PipelineContext> {
  const load = loaders ?? (await defaultLoaders());
  const root = await findWorkspace(req.cwd);
  const project = await load.loadProject(root);
  const profileName = req.profile ?? project.profile;
  if (profileName === undefined && (kind === 'build' || kind === 'image')) {
    throw new MicroyoctoError('USAGE', `${kind} needs a profile`, { hint: `give --profile NAME, or set profile = NAME in ${join(root, PROJECT_FILE)}` });
  }
  const profile = profileName === undefined ? undefined : await load.loadProfile(profileName, { workspaceDir: root, project, machine: req.machine });
  const machineName = req.machine ?? profile?.machine ?? project.machine;
  const machine = machineName === undefined ? undefined : await load.loadMachine(machineName, { workspaceDir: root });
  const manifest = await load.loadManifest(profile?.manifest ?? project.manifest, { workspaceDir: root });
  return {
    layout: workspaceLayout(root, profile?.name ?? '_', project),
    project,
    manifest,
    profile,
    machine,
    env: req.env,
    templatesDir: TEMPLATES_DIR,
    options: {
      offline: req.offline === true,
      shallow: req.shallow ?? project.shallow,
      dryRun: req.dryRun === true,
      keepGoing: req.keepGoing === true,
      targets: req.targets ?? [],
      fetchMode: kind === 'setup' || (kind === 'lock' && req.update === true) ? 'setup' : 'ensure',
      updateLock: kind === 'lock' && req.update === true,
      verbose: false,
    },
    plan: [],
    results: emptyResults(),
  };
}

// Run the steps of a command on a prepared context.
export async function runPipeline(kind: PipelineKind, context: PipelineContext, req: PipelineRequest, out: PipelineOutput): Promise<PipelineOutcome> {
  context.options.verbose = out.verbose;
  const steps = pipelineSteps(kind, context.profile !== undefined);
  const mode: RenderMode = context.options.dryRun && !out.json ? 'silent' : out.quiet && !out.json ? 'silent' : chooseRenderMode(out.json, out.isTTY, context.env);
  const reports = await runSteps(steps, context, {
    mode,
    writeOut: out.writeOut,
    writeErr: out.writeErr,
    signal: out.signal,
    onInterrupt: out.onInterrupt,
    skip: req.skip,
    only: req.only,
    verbose: out.verbose,
  });
  return { context, reports, mode };
}
