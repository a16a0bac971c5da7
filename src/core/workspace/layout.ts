// SPDX-License-Identifier: MIT
// Where things live in a workspace (docs/workspace.md). Pure: paths from the workspace folder.
import { join, resolve } from 'node:path';
import type { ProjectFile } from '../model.js';

export interface WorkspaceLayout {
  root: string;
  projectFile: string;
  lockFile: string;
  layersDir: string;
  buildDir: string;
  confDir: string;
  deployDir: string;
  dlDir: string;
  sstateDir: string;
}

export const LOCK_FILE = 'microyocto.lock';
export const PROJECT_FILE = 'microyocto.ini';

// The paths of one profile's build in a workspace; cache folders from the project file when set.
export function workspaceLayout(root: string, profile: string, project?: Pick<ProjectFile, 'caches'>): WorkspaceLayout {
  const abs = resolve(root);
  const buildDir = join(abs, 'build', profile);
  return {
    root: abs,
    projectFile: join(abs, PROJECT_FILE),
    lockFile: join(abs, LOCK_FILE),
    layersDir: join(abs, 'layers'),
    buildDir,
    confDir: join(buildDir, 'conf'),
    deployDir: join(abs, 'deploy', profile),
    dlDir: project?.caches.dlDir === undefined ? join(abs, 'downloads') : resolve(abs, project.caches.dlDir),
    sstateDir: project?.caches.sstateDir === undefined ? join(abs, 'sstate-cache') : resolve(abs, project.caches.sstateDir),
  };
}
