// SPDX-License-Identifier: MIT
// Which profile a command means: the one named, else the project file's `profile`.
import { MicroyoctoError } from '../core/errors.js';
import { listNames, loadProject } from '../profiles/index.js';

// The profile name to use, or USAGE when neither the command line nor microyocto.ini names one.
export async function resolveProfileName(name: string | undefined, workspaceDir: string): Promise<string> {
  if (name !== undefined) return name;
  const project = await loadProject(workspaceDir);
  if (project.profile !== undefined) return project.profile;
  const known = await listNames('profile', { workspaceDir });
  throw new MicroyoctoError('USAGE', 'no profile named and microyocto.ini sets none', { hint: `name one of: ${known.join(', ')} (or set profile = ... in microyocto.ini)` });
}
