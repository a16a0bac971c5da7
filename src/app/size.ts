// SPDX-License-Identifier: MIT
// `size`: measure build artifacts (files given, or a profile's deploy folder) and check budgets.
import { join, relative, resolve } from 'node:path';
import { MicroyoctoError } from '../core/errors.js';
import type { Profile } from '../core/model.js';
import type { ArtifactSize } from '../core/size/artifacts.js';
import { budgetMeasures, checkBudget, formatBudget, formatExceeded, type BudgetLine } from '../core/size/budget.js';
import { formatPackages, parseInstalledPackageSizes, type PackageSize } from '../core/size/buildhistory.js';
import { formatSizeReport } from '../core/size/format-size.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { findDeployArtifacts, measureFiles, profileArtifactDirs } from '../io/artifacts.js';
import { listDirs, pathExists, readTextFile } from '../io/files.js';


export interface SizeOptions {
  files: readonly string[];
  profile?: string | undefined;
  check: boolean;
  deployDir?: string | undefined;
  /** The workspace root (holds deploy/ and build/). @defaultValue cwd */
  workspaceDir?: string | undefined;
  /** buildhistory's installed-package-sizes.txt (default: found under build/<profile>/buildhistory/images/). */
  buildhistory?: string | undefined;
  cwd: string;
  /** Loads a profile by name (src/profiles); injected so tests can pass Profile objects. */
  loadProfile?: ((name: string, options: { workspaceDir: string }) => Promise<Profile>) | undefined;
}

/** The budget check as one value: `enforced` is --check (then `exceeded` means exit 3). */
export interface BudgetVerdict {
  status: 'ok' | 'exceeded';
  exceeded: BudgetLine['key'][];
  enforced: boolean;
}

export interface SizeOutcome {
  artifacts: ArtifactSize[];
  budget: BudgetLine[] | undefined;
  packages: PackageSize[] | undefined;
  diagnostics: Diagnostic[];
  text: string;
  json: unknown;
  /** Set when --check found an exceeded budget: thrown by the command after printing. */
  error?: MicroyoctoError | undefined;
}

export { findDeployArtifacts, measureFiles, profileArtifactDirs };

// buildhistory's installed-package-sizes.txt for a profile's image, if the build wrote one
// (build/<profile>/buildhistory/images/<machine>/<libc>/<image>/).
export async function findPackageSizes(profile: string, cwd: string): Promise<string | undefined> {
  const images = resolve(cwd, 'build', profile, 'buildhistory', 'images');
  const walk = async (dir: string, depth: number): Promise<string | undefined> => {
    if (depth === 0) return (await pathExists(join(dir, 'installed-package-sizes.txt'))) ? join(dir, 'installed-package-sizes.txt') : undefined;
    for (const sub of await listDirs(dir)) {
      const found = await walk(join(dir, sub), depth - 1);
      if (found) return found;
    }
    return undefined;
  };
  return (await pathExists(images)) ? walk(images, 3) : undefined;
}

// `microyocto size`.
export async function runSize(options: SizeOptions): Promise<SizeOutcome> {
  if (options.check && options.profile === undefined) {
    throw new MicroyoctoError('USAGE', 'size --check needs --profile (the budget comes from the profile)', { hint: 'microyocto size --profile NAME --check' });
  }
  let files = [...options.files];
  let profile: Profile | undefined;
  if (options.profile !== undefined) {
    if (options.loadProfile === undefined) throw new MicroyoctoError('PROFILE_NOT_FOUND', `cannot load profile '${options.profile}': profiles are not available in this build`);
    profile = await options.loadProfile(options.profile, { workspaceDir: options.workspaceDir ?? options.cwd });
    if (files.length === 0) {
      const workspace = options.workspaceDir ?? options.cwd;
      const dirs = options.deployDir !== undefined ? [options.deployDir] : await profileArtifactDirs(workspace, profile.name);
      files = await findDeployArtifacts(dirs, options.cwd);
      if (files.length === 0) {
        const dir = dirs.map((d) => relative(options.cwd, resolve(options.cwd, d)) || '.').join(', ');
        throw new MicroyoctoError('FILE_NOT_FOUND', `no build artifacts (vmlinux, bzImage, rootfs, image) in ${dir}`, {
          hint: `build the profile first (microyocto build --profile ${profile.name}), or name the files: microyocto size --profile ${profile.name} FILE...`,
        });
      }
    }
  }
  if (files.length === 0 && options.buildhistory === undefined) throw new MicroyoctoError('USAGE', 'size needs files or --profile', { hint: 'microyocto size vmlinux bzImage  |  microyocto size --profile NAME' });
  const artifacts = await measureFiles(files, options.cwd);
  let text = formatSizeReport(artifacts);
  let packages: PackageSize[] | undefined;
  const diagnostics: Diagnostic[] = [];
  const sizesFile = options.buildhistory ?? (profile ? await findPackageSizes(profile.name, options.workspaceDir ?? options.cwd) : undefined);
  if (sizesFile !== undefined) {
    const shown = relative(options.cwd, resolve(options.cwd, sizesFile)) || sizesFile;
    const parsed = parseInstalledPackageSizes(await readTextFile(resolve(options.cwd, sizesFile), 'buildhistory package sizes'), shown);
    packages = parsed.packages;
    diagnostics.push(...parsed.diagnostics);
    text += '\n' + formatPackages(shown, packages);
  }
  let budget: BudgetLine[] | undefined;
  let verdict: BudgetVerdict | undefined;
  let error: MicroyoctoError | undefined;
  if (profile !== undefined) {
    budget = checkBudget(profile.budget, budgetMeasures(artifacts));
    text += '\n' + formatBudget(profile.name, budget);
    const exceeded = budget.filter((l) => l.status === 'exceeded');
    verdict = { status: exceeded.length > 0 ? 'exceeded' : 'ok', exceeded: exceeded.map((l) => l.key), enforced: options.check };
    if (options.check && exceeded.length > 0) {
      error = new MicroyoctoError('BUDGET_EXCEEDED', exceeded.map((l) => formatExceeded(profile!.name, l)).join('\n'), {
        hint: `see what grew with: microyocto size diff OLD_VMLINUX NEW_VMLINUX; budgets are in the profile's [budget] (${profile.file})`,
      });
    }
  }
  const json = {
    profile: profile?.name ?? null,
    artifacts: artifacts.map((a) => ({ file: a.file, kind: a.kind, bytes: a.bytes, ...(a.elf ? { elf: a.elf } : {}) })),
    ...(budget ? { budget, verdict } : {}),
    ...(packages ? { packages } : {}),
  };
  return { artifacts, budget, packages, diagnostics, text, json, error };
}
