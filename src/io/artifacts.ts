// SPDX-License-Identifier: MIT
// Finding and measuring build artifacts on disk (kernel ELF, kernel images, rootfs and disk images).
import { join, relative, resolve } from 'node:path';
import { measureArtifact, sniffKind, type ArtifactSize } from '../core/size/artifacts.js';
import { listDirNames, listDirs, pathExists, readBinaryFile, readFileHead } from './files.js';

const HEAD = 4096;

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

// Which artifact a name is, so that of bitbake's timestamped copies only the shortest name (the stable
// symlink, e.g. `bzImage`) is kept: kernel ELF, kernel image, or the file type of a rootfs/disk image.
function artifactClass(name: string): string {
  const kernel = /^(vmlinux|bzImage|zImage|Image)/.exec(name);
  if (kernel) return kernel[1]!;
  return /\.(cpio(\.\w+)?|ext[234]|squashfs|wic|direct)$/.exec(name)?.[1] ?? name;
}

// The artifacts of build folders (deploy/<profile>/, bitbake's deploy/images/<machine>/), one per kind,
// shortest names first (Yocto's stable symlinks).
export async function findDeployArtifacts(dirs: string | readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const dir of typeof dirs === 'string' ? [dirs] : dirs) {
    const abs = resolve(cwd, dir);
    if (!(await pathExists(abs))) continue;
    const names = (await listDirNames(abs)).filter((n) => ARTIFACT_NAME.test(n));
    names.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    for (const n of names) {
      const cls = artifactClass(n);
      if (seen.has(cls)) continue;
      seen.add(cls);
      out.push(relative(cwd, join(abs, n)) || n);
    }
  }
  return out;
}

// Where a profile's artifacts are: deploy/<profile>/ (microyocto's), then bitbake's
// build/<profile>/tmp*/deploy/images/<machine>/ (bzImage, vmlinux, rootfs).
export async function profileArtifactDirs(workspace: string, profile: string): Promise<string[]> {
  const dirs = [join(workspace, 'deploy', profile)];
  const build = join(workspace, 'build', profile);
  for (const tmp of (await listDirs(build)).filter((d) => d === 'tmp' || d.startsWith('tmp-'))) {
    const images = join(build, tmp, 'deploy', 'images');
    for (const machine of await listDirs(images)) dirs.push(join(images, machine));
  }
  return dirs;
}

