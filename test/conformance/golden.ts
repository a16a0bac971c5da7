// SPDX-License-Identifier: MIT
// Goldens the kernel's own tools produced, stored compactly: content-addressed gzip blobs + a manifest.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export const GOLDEN_DIR = new URL('../../../test/fixtures/kconfig/golden/', import.meta.url).pathname;

export interface GoldenCase {
  name: string;
  kind: 'merge' | 'diff' | 'check';
  args: string[];
  /** Input files by name. For check, `final.config` is the final config the kernel produced. */
  files: Record<string, string>;
  /** The reference tool's stdout (for check: its "Value requested" blocks). */
  stdout: string;
  /** merge: the merged file; check: the final .config after `make alldefconfig`. */
  output?: string | undefined;
}

interface Manifest {
  cases: Array<{ name: string; kind: GoldenCase['kind']; args: string[]; files: Record<string, string>; stdout: string; output?: string }>;
}

function put(blobs: Map<string, Buffer>, text: string): string {
  const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
  if (!blobs.has(id)) blobs.set(id, gzipSync(text, { level: 9 }));
  return id;
}

// Replace the committed goldens.
export function saveGoldens(cases: readonly GoldenCase[]): void {
  const blobs = new Map<string, Buffer>();
  const manifest: Manifest = {
    cases: cases.map((c) => ({
      name: c.name,
      kind: c.kind,
      args: c.args,
      files: Object.fromEntries(Object.entries(c.files).map(([n, t]) => [n, put(blobs, t)])),
      stdout: put(blobs, c.stdout),
      ...(c.output === undefined ? {} : { output: put(blobs, c.output) }),
    })),
  };
  rmSync(GOLDEN_DIR, { recursive: true, force: true });
  mkdirSync(join(GOLDEN_DIR, 'blobs'), { recursive: true });
  for (const [id, data] of blobs) writeFileSync(join(GOLDEN_DIR, 'blobs', `${id}.gz`), data);
  writeFileSync(join(GOLDEN_DIR, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
}

// Load the committed goldens.
export function loadGoldens(): GoldenCase[] {
  const manifest = JSON.parse(readFileSync(join(GOLDEN_DIR, 'manifest.json'), 'utf8')) as Manifest;
  const cache = new Map<string, string>();
  const get = (id: string): string => {
    let text = cache.get(id);
    if (text === undefined) {
      text = gunzipSync(readFileSync(join(GOLDEN_DIR, 'blobs', `${id}.gz`))).toString('utf8');
      cache.set(id, text);
    }
    return text;
  };
  return manifest.cases.map((c) => ({
    name: c.name,
    kind: c.kind,
    args: c.args,
    files: Object.fromEntries(Object.entries(c.files).map(([n, id]) => [n, get(id)])),
    stdout: get(c.stdout),
    output: c.output === undefined ? undefined : get(c.output),
  }));
}
