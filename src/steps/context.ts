// SPDX-License-Identifier: MIT
// What the build pipeline's steps share: the resolved inputs, the options, and what each step found.
import type { BuildSummary } from '../core/bitbake/state.js';
import type { MachineSpec, Manifest, Profile, ProjectFile } from '../core/model.js';
import type { WorkspaceLayout } from '../core/workspace/layout.js';

/** One thing --dry-run would have done. */
export type PlannedAction =
  | { kind: 'command'; step: string; cwd: string; command: string; args: string[]; env?: Record<string, string> | undefined }
  | { kind: 'file'; step: string; path: string; action: 'create' | 'update' | 'unchanged' | 'keep'; diff: string }
  | { kind: 'note'; step: string; message: string };

export interface RepoState {
  name: string;
  path: string;
  commit: string;
  /** Where the commit came from: lock, manifest pin, the branch head just resolved, or what is checked out. */
  source: 'lock' | 'manifest' | 'branch' | 'builtin' | 'present';
  url: string;
  branch: string;
}

export interface ImageArtifact {
  path: string;
  bmap?: string | undefined;
}

export interface PipelineContext {
  layout: WorkspaceLayout;
  project: ProjectFile;
  manifest: Manifest;
  profile?: Profile | undefined;
  machine?: MachineSpec | undefined;
  /** The caller's environment (git needs HOME, ssh agent, proxies; bitbake gets a filtered copy). */
  env: Readonly<Record<string, string | undefined>>;
  /** Where templates/ is (the package's). */
  templatesDir: string;
  options: {
    offline: boolean;
    shallow: boolean;
    dryRun: boolean;
    keepGoing: boolean;
    /** bitbake targets (default: the profile's image). */
    targets: string[];
    /** fetch-layers: `setup` moves every repo to its pin; `ensure` only clones what is missing. */
    fetchMode: 'setup' | 'ensure';
    /** Re-resolve every branch head and rewrite microyocto.lock (`lock --update`). */
    updateLock: boolean;
    verbose: boolean;
  };
  /** --dry-run: what would have been done. */
  plan: PlannedAction[];
  /** Filled in by the steps. */
  results: {
    repos: RepoState[];
    /** What moved in microyocto.lock: repo → commits between the old and the new pin. */
    lockChanges: Array<{ repo: string; from: string | undefined; to: string; commits: Array<{ sha: string; subject: string }> }>;
    configWritten: string[];
    bitbake?: BuildSummary | undefined;
    images: ImageArtifact[];
    durations: Record<string, number>;
    manifestPath?: string | undefined;
  };
}

// An empty results record.
export function emptyResults(): PipelineContext['results'] {
  return { repos: [], lockChanges: [], configWritten: [], images: [], durations: {} };
}
