// SPDX-License-Identifier: MIT
// Build the sparse test images of test/fixtures/flash/bmap/images.json: holes everywhere except the
// listed extents, whose bytes come from sha256 in counter mode (same bytes on every machine).
import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from './tmp.js';

interface ImageRecipe {
  size: number;
  extents: { offset: number; length: number; seed: string }[];
}

export const BMAP_FIXTURES = join(FIXTURES, 'flash/bmap');

export function recipe(name: string): ImageRecipe {
  const all = JSON.parse(readFileSync(join(BMAP_FIXTURES, 'images.json'), 'utf8')) as { images: Record<string, ImageRecipe> };
  const r = all.images[name];
  if (!r) throw new Error(`no image recipe ${name}`);
  return r;
}

// Deterministic pseudo-random bytes.
export function patternBytes(seed: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0, block = 0; i < length; block++) {
    const h = createHash('sha256').update(`${seed}:${block}`).digest();
    i += h.copy(out, i);
  }
  return out;
}

// Write the named image to `path` as a sparse file.
export function writeSparseImage(name: string, path: string): ImageRecipe {
  const r = recipe(name);
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, r.size);
    for (const e of r.extents) writeSync(fd, patternBytes(e.seed, e.length), 0, e.length, e.offset);
  } finally {
    closeSync(fd);
  }
  return r;
}

// `node dist/test/helpers/sparse-image.js NAME OUT` (used by make-bmaps.sh).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeSparseImage(process.argv[2] ?? 'small', process.argv[3] ?? 'small.img');
}
