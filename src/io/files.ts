// SPDX-License-Identifier: MIT
// The one home of node:fs for reading and writing user files: clear errors, atomic writes.
import { basename, dirname, join } from 'node:path';
import { MicroyoctoError } from '../core/errors.js';
import { fs, fsp } from './node-fs.js';

function readError(path: string, what: string, cause: unknown): MicroyoctoError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'is not readable (permission denied)' : `cannot be read (${code ?? String(cause)})`;
  return new MicroyoctoError('FILE_NOT_FOUND', `${what} '${path}' ${reason}`, {
    hint: code === 'ENOENT' ? 'check the path; it is relative to the current directory' : undefined,
    cause,
  });
}

// Read a text file, or fail with FILE_NOT_FOUND naming it.
export async function readTextFile(path: string, what = 'file', display = path): Promise<string> {
  try {
    return await fsp().readFile(path, 'utf8');
  } catch (cause) {
    throw readError(display, what, cause);
  }
}

// Synchronous read for the hot kconfig path (saves the promise machinery at start-up).
export function readTextFileSync(path: string, what = 'file', display = path): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (cause) {
    throw readError(display, what, cause);
  }
}

// The bytes of a file, with the errors of readTextFileSync.
export function readBytesSync(path: string, what = 'file', display = path): Buffer {
  try {
    return fs.readFileSync(path);
  } catch (cause) {
    throw readError(display, what, cause);
  }
}

// Read a text file, or undefined when it does not exist.
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await fsp().readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw readError(path, 'file', cause);
  }
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
}

function writeError(path: string, cause: unknown): MicroyoctoError {
  const code = (cause as NodeJS.ErrnoException).code;
  return new MicroyoctoError('FILE_WRITE', `cannot write '${path}' (${code ?? String(cause)})`, {
    hint: code === 'EACCES' ? 'check the folder is writable' : code === 'ENOSPC' ? 'the disk is full' : undefined,
    cause,
  });
}

// Write a file atomically: a temporary file in the same folder, then rename over the target.
export function writeFileAtomicSync(path: string, content: string | Uint8Array): void {
  const tmp = tempPathFor(path);
  try {
    fs.mkdirSync(dirname(path), { recursive: true });
    let mode: number | undefined;
    try {
      mode = fs.statSync(path).mode & 0o7777;
    } catch {
      mode = undefined;
    }
    fs.writeFileSync(tmp, content, mode === undefined ? {} : { mode });
    fs.renameSync(tmp, path);
  } catch (cause) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // the temporary file may never have been created
    }
    throw writeError(path, cause);
  }
}

// writeFileAtomicSync for async callers (configuration files, manifests: small, so blocking is brief).
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  writeFileAtomicSync(path, content);
}

// True when the path is a directory (synchronous, for the hot kconfig commands).
export function isDirectorySync(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// Write only when the content differs, so mtimes (and bitbake's parse cache) stay put. True if written.
export async function writeIfChanged(path: string, content: string): Promise<boolean> {
  const current = await readTextIfExists(path);
  if (current === content) return false;
  await writeFileAtomic(path, content);
  return true;
}

// True when the path is a directory.
export async function isDirectory(path: string): Promise<boolean> {
  return isDirectorySync(path);
}

// True when the path exists (any kind of file).
export async function pathExists(path: string): Promise<boolean> {
  try {
    await fsp().stat(path);
    return true;
  } catch {
    return false;
  }
}

// Read a whole file as bytes, or fail with FILE_NOT_FOUND naming it.
export async function readBinaryFile(path: string, what = 'file'): Promise<Uint8Array> {
  try {
    return await fsp().readFile(path);
  } catch (cause) {
    throw readError(path, what, cause);
  }
}

// The size of a file in bytes and its first `length` bytes (enough to tell what it is).
export async function readFileHead(path: string, length: number, what = 'file'): Promise<{ size: number; head: Uint8Array }> {
  let handle: Awaited<ReturnType<ReturnType<typeof fsp>['open']>> | undefined;
  try {
    handle = await fsp().open(path, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const buffer = new Uint8Array(Math.min(length, info.size));
    await handle.read(buffer, 0, buffer.length, 0);
    return { size: info.size, head: buffer };
  } catch (cause) {
    throw readError(path, what, cause);
  } finally {
    await handle?.close();
  }
}

// The names of the regular files (and symlinks to them) in a folder that end with a suffix, sorted.
// A missing folder gives [] unless `mustExist`, when it is FILE_NOT_FOUND.
export async function listFiles(dir: string, suffix = '', mustExist = false): Promise<string[]> {
  try {
    const { readdir, stat } = fsp();
    const entries = await readdir(dir, { withFileTypes: true });
    const out: string[] = [];
    for (const e of entries) {
      if (!e.name.endsWith(suffix)) continue;
      if (e.isFile()) out.push(e.name);
      else if (e.isSymbolicLink() && (await stat(join(dir, e.name)).catch(() => undefined))?.isFile()) out.push(e.name);
    }
    return out.sort();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (!mustExist && (code === 'ENOENT' || code === 'ENOTDIR')) return [];
    throw readError(dir, 'folder', cause);
  }
}

// Names of the regular files (and symlinks to them) in a folder, sorted; the folder must exist.
export async function listDirNames(dir: string): Promise<string[]> {
  return listFiles(dir, '', true);
}

// Names of the sub-folders of a folder, sorted (empty when it does not exist).
export async function listDirs(dir: string): Promise<string[]> {
  try {
    return (await fsp().readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}
