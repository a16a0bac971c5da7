// SPDX-License-Identifier: MIT
// File access for the Kconfig engine: the Kconfig tree, the kernel version, the toolchain identity and
// the on-disk cache of toolchain probe answers.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { cacheKey } from '../core/cache-key.js';
import { MicroyoctoError } from '../core/errors.js';

/** A Kconfig file's text with its stamp, taken from the same open file before reading it. */
export interface StampedText {
  text: string;
  stamp: FileStamp;
}

// A reader for `source` names (absolute, else relative to the kernel source tree: conf's srctree rule)
// that also stamps each file (size and mtime, for telling a saved parse is stale) from the same open file,
// where readFileSync after a stat resolved every path twice (the cold parse reads 1 500).
// NOTE: the stamp is taken before the read: an edit in between makes the saved parse look stale, never
// the other way round (a file that grows meanwhile keeps the older stamp of its smaller size).
export function stampedKconfigReader(srctree: string): (name: string) => StampedText | undefined {
  return (name) => {
    let fd: number | undefined;
    try {
      fd = openSync(isAbsolute(name) ? name : underTree(srctree, name), 'r');
      const st = fstatSync(fd);
      if (!st.isFile()) return undefined;
      return { text: readFileSync(fd, 'utf8'), stamp: { name, size: st.size, mtimeMs: st.mtimeMs } };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
}

// Check the folder is a kernel tree (it has a top Kconfig and Makefile) or fail with a hint.
export function assertKernelTree(srctree: string): void {
  for (const f of ['Kconfig', 'Makefile']) {
    try {
      statSync(join(srctree, f));
    } catch (cause) {
      throw new MicroyoctoError('FILE_NOT_FOUND', `'${srctree}' is not a kernel source tree (no ${f})`, {
        hint: 'pass --kernel-src with the top folder of an unpacked Linux source tree',
        cause,
      });
    }
  }
}

// `make kernelversion`: VERSION.PATCHLEVEL.SUBLEVEL plus EXTRAVERSION from the top Makefile.
export function readKernelVersion(srctree: string): string {
  const text = readFileSync(join(srctree, 'Makefile'), 'utf8').slice(0, 2000);
  const get = (k: string): string => new RegExp(`^${k}\\s*=[ \\t]*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
  const [v, p, s, e] = [get('VERSION'), get('PATCHLEVEL'), get('SUBLEVEL'), get('EXTRAVERSION')];
  return `${v}${p ? `.${p}${s ? `.${s}` : ''}` : ''}${e}`;
}

// What identifies a tool for caching: its resolved path, size and mtime (no process spawned).
export function toolIdentity(command: string, pathEnv: string | undefined): string {
  const file = command.trim().split(/\s+/)[0] ?? '';
  const candidates = file.includes('/') ? [file] : (pathEnv ?? '').split(':').filter(Boolean).map((d) => join(d, file));
  for (const c of candidates) {
    try {
      const real = realpathSync(c);
      const st = statSync(real);
      if (st.isFile()) return `${real}:${st.size}:${Math.floor(st.mtimeMs)}:${st.ino}`;
    } catch {
      // try the next PATH entry
    }
  }
  return `missing:${file}`;
}

export interface ProbeCacheFile {
  version: 1;
  toolchain: Record<string, string>;
  answers: Record<string, string>;
}

// The cache file for one toolchain identity, under $XDG_CACHE_HOME/microyocto (else ~/.cache/microyocto).
export function probeCachePath(env: Record<string, string | undefined>, toolchain: Record<string, string>): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || '/tmp', '.cache');
  const key = cacheKey(JSON.stringify(toolchain));
  return join(base, 'microyocto', 'kconfig-probes', `${key}.json`);
}

export function readProbeCache(path: string): Record<string, string> {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as ProbeCacheFile;
    return data.version === 1 && data.answers ? data.answers : {};
  } catch {
    return {};
  }
}

// Write the cache atomically; a cache that cannot be written is not an error (answers are recomputed).
export function writeProbeCache(path: string, toolchain: Record<string, string>, answers: Record<string, string>): boolean {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${tmpSuffix()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, toolchain, answers } satisfies ProbeCacheFile));
    renameSync(tmp, path);
    return true;
  } catch {
    return false;
  }
}

// A name for a temporary file next to the cache file (Math.random: node:crypto costs start-up).
function tmpSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}

export interface FileStamp {
  name: string;
  size: number;
  mtimeMs: number;
}

// join(srctree, name) for a plain relative name, without path.join's normalising walk (1 500 names per
// warm resolve); names with '.', '..' or empty segments take join.
function underTree(srctree: string, name: string): string {
  return DOT_OR_EMPTY_SEGMENT.test(name) || srctree.endsWith('/') ? join(srctree, name) : `${srctree}/${name}`;
}

const DOT_OR_EMPTY_SEGMENT = /(^|\/)\.{0,2}(\/|$)/;

// size and mtime of each Kconfig file (names as `source` gives them), to tell whether a saved parse is stale.
export function stampFiles(srctree: string, names: readonly string[]): FileStamp[] | undefined {
  const out: FileStamp[] = [];
  for (const name of names) {
    try {
      const st = statSync(isAbsolute(name) ? name : underTree(srctree, name));
      out.push({ name, size: st.size, mtimeMs: st.mtimeMs });
    } catch {
      return undefined;
    }
  }
  return out;
}

// Read a binary cache file, or undefined when it is missing or unreadable.
export function readBinaryCache(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

// Write a cache file (the bytes, or JSON for any other value) atomically; failure is not an error (the cache is
// only an accelerator).
export function writeJsonCache(path: string, value: unknown): boolean {
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    const tmp = `${path}.${tmpSuffix()}.tmp`;
    writeFileSync(tmp, value instanceof Uint8Array ? value : JSON.stringify(value));
    renameSync(tmp, path);
    return true;
  } catch {
    return false;
  }
}
