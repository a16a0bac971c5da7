// SPDX-License-Identifier: MIT
// `size`: measure build artifacts given as files.
import { resolve } from 'node:path';
import { measureArtifact, sniffKind, type ArtifactSize } from '../core/size/artifacts.js';
import { readBinaryFile, readFileHead } from '../io/files.js';

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
