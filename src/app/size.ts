// SPDX-License-Identifier: MIT
// `size`: measure build artifacts (files given, or a profile's deploy folder) and check budgets.
import { join, relative, resolve } from 'node:path';
import { MicroyoctoError } from '../core/errors.js';
import type { Profile } from '../core/model.js';
import { measureArtifact, sniffKind, type ArtifactSize } from '../core/size/artifacts.js';
import { budgetMeasures, checkBudget, formatBudget, formatExceeded, type BudgetLine } from '../core/size/budget.js';
import { formatSizeReport } from '../core/size/format-size.js';
import { listDirNames, pathExists, readBinaryFile, readFileHead } from '../io/files.js';

const HEAD = 4096;

export interface SizeOptions {
  files: readonly string[];
  profile?: string | undefined;
  check: boolean;
  deployDir?: string | undefined;
  cwd: string;
  /** Loads a profile by name (src/profiles); injected so tests can pass Profile objects. */
  loadProfile?: ((name: string, options: { workspaceDir: string }) => Promise<Profile>) | undefined;
}

export interface SizeOutcome {
  artifacts: ArtifactSize[];
  budget: BudgetLine[] | undefined;
  text: string;
  json: unknown;
  /** Set when --check found an exceeded budget: thrown by the command after printing. */
  error?: MicroyoctoError | undefined;
}

// Measure each file: ELF files are parsed whole, others only sniffed and sized.
export async function measureFiles(files: readonly string[], cwd: string): Promise<ArtifactSize[]> {
  const out: ArtifactSize[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    const { size, head } = await readFileHead(path, HEAD, 'artifact');
    if (sniffKind(head) === 'elf') out.push(measureArtifact(file, await readBinaryFile(path, 'artifact'), size));
    else out.push(measureArtifact(file, head, size));
  }
  return out;
}

const ARTIFACT_NAME = /^(vmlinux|bzImage|zImage|Image)(-.*)?$|\.(cpio|cpio\.gz|cpio\.xz|cpio\.zst|cpio\.lz4|ext2|ext3|ext4|squashfs|wic|direct)$/;

// The artifacts of a build folder (deploy/<profile>/), shortest names first (Yocto's stable symlinks).
export async function findDeployArtifacts(dir: string, cwd: string): Promise<string[]> {
  const abs = resolve(cwd, dir);
  if (!(await pathExists(abs))) return [];
  const names = (await listDirNames(abs)).filter((n) => ARTIFACT_NAME.test(n));
  names.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return names.map((n) => relative(cwd, join(abs, n)) || n);
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
    profile = await options.loadProfile(options.profile, { workspaceDir: options.cwd });
    if (files.length === 0) {
      const dir = options.deployDir ?? join('deploy', profile.name);
      files = await findDeployArtifacts(dir, options.cwd);
      if (files.length === 0) {
        throw new MicroyoctoError('FILE_NOT_FOUND', `no build artifacts (vmlinux, bzImage, rootfs, image) in ${dir}`, {
          hint: `build the profile first (microyocto build --profile ${profile.name}), or name the files: microyocto size --profile ${profile.name} FILE...`,
        });
      }
    }
  }
  if (files.length === 0) throw new MicroyoctoError('USAGE', 'size needs files or --profile', { hint: 'microyocto size vmlinux bzImage  |  microyocto size --profile NAME' });
  const artifacts = await measureFiles(files, options.cwd);
  let text = formatSizeReport(artifacts);
  let budget: BudgetLine[] | undefined;
  let error: MicroyoctoError | undefined;
  if (profile !== undefined) {
    budget = checkBudget(profile.budget, budgetMeasures(artifacts));
    text += '\n' + formatBudget(profile.name, budget);
    const exceeded = budget.filter((l) => l.status === 'exceeded');
    if (options.check && exceeded.length > 0) {
      error = new MicroyoctoError('BUDGET_EXCEEDED', exceeded.map((l) => formatExceeded(profile!.name, l)).join('\n'), {
        hint: `see what grew with: microyocto size diff OLD_VMLINUX NEW_VMLINUX; budgets are in the profile's [budget] (${profile.file})`,
      });
    }
  }
  const json = {
    profile: profile?.name ?? null,
    artifacts: artifacts.map((a) => ({ file: a.file, kind: a.kind, bytes: a.bytes, ...(a.elf ? { elf: a.elf } : {}) })),
    ...(budget ? { budget } : {}),
  };
  return { artifacts, budget, text, json, error };
}
