// SPDX-License-Identifier: MIT
// File-system helpers the pipeline needs beyond reading and writing text: remove a partial clone,
// move an image, hash it, read the tail of a log, list a folder, watch a lock file go away.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MicroyoctoError } from '../core/errors.js';

// Remove a folder and everything in it (a clone that failed half-way). Missing is fine.
export async function removeTree(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

// Create a folder (and its parents).
export async function ensureDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
}

// Move a file, copying when it crosses file systems.
export async function moveFile(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EXDEV') {
      throw new MicroyoctoError('FILE_WRITE', `cannot move '${from}' to '${to}' (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, { cause });
    }
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}

// The size and sha256 of a file, streamed (images are large).
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const { size } = await stat(path);
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve())
      .on('error', reject);
  });
  return { size, sha256: hash.digest('hex') };
}

// The last `lines` lines of a text file (reads at most the last 64 KiB), or undefined if unreadable.
export async function tailFile(path: string, lines: number): Promise<string[] | undefined> {
  try {
    const fh = await open(path, 'r');
    try {
      const { size } = await fh.stat();
      const length = Math.min(size, 65536);
      const buf = Buffer.alloc(length);
      await fh.read(buf, 0, length, size - length);
      const all = buf.toString('utf8').replace(/\n$/, '').split('\n');
      return all.slice(-lines);
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

// The entries of a folder, or [] when it does not exist.
export async function listDir(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch {
    return [];
  }
}

// Wait until a file is gone (bitbake.lock after the client exits), polling; true if it went.
export async function waitUntilGone(path: string, timeoutMs: number, intervalMs = 200): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await stat(path);
    } catch {
      return true;
    }
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
