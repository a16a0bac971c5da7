// SPDX-License-Identifier: MIT
// Argv builders for the external tools flash uses, and thin wrappers over the one runner.
import type { Readable } from 'node:stream';
import { MicroyoctoError } from '../core/errors.js';
import type { RunResult } from './runner.js';

// NOTE: the runner (execa) is imported on first use: a sparse flash that needs no tool skips ~0.2 s of start-up.
const runner = async (): Promise<typeof import('./runner.js')> => import('./runner.js');

export type Compression = 'none' | 'gz' | 'xz' | 'zst';

// `xz -dc -- FILE` / `zstd -dc -- FILE`: decompress to stdout (gz is done by node:zlib instead).
export function decompressArgs(kind: 'xz' | 'zst', path: string): { file: string; args: string[] } {
  // NOTE: xz -T0 makes multi-threaded decompression possible for multi-block .xz files (xz >= 5.4).
  return kind === 'xz' ? { file: 'xz', args: ['-dc', '-T0', '--', path] } : { file: 'zstd', args: ['-dc', '-q', '--', path] };
}

// `umount -- MOUNTPOINT`.
export function umountArgs(mountPoint: string): string[] {
  return ['--', mountPoint];
}

// `blockdev --flushbufs DEV` (BLKFLSBUF: drop the page cache before reading back) / `--rereadpt` (BLKRRPART).
export function blockdevArgs(action: 'flushbufs' | 'rereadpt', device: string): string[] {
  return [`--${action}`, device];
}

const PATH_ENV = (env: Record<string, string | undefined>): Record<string, string | undefined> => ({ PATH: env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' });

export interface Decompressor {
  stdout: Readable;
  kill(): void;
  /** Throws TOOL_FAILED when the tool failed (a truncated or corrupt archive). */
  done(): Promise<void>;
}

// Start a system decompressor on a file; its stdout is the image.
export async function startDecompressor(kind: 'xz' | 'zst', path: string, env: Record<string, string | undefined>, signal?: AbortSignal): Promise<Decompressor> {
  const { file, args } = decompressArgs(kind, path);
  const { streamCommand, toolFailed } = await runner();
  const child = streamCommand(file, args, { env: PATH_ENV(env), signal });
  return {
    stdout: child.stdout,
    kill: () => void child.kill('SIGTERM'),
    done: async () => {
      const r = await child.result;
      if (r.failed && !signal?.aborted) throw toolFailed(r);
    },
  };
}

// Unmount one mount point; TOOL_FAILED (with umount's message) when it is busy.
export async function unmount(mountPoint: string, env: Record<string, string | undefined>): Promise<void> {
  const { runCommand, toolFailed } = await runner();
  const r = await runCommand('umount', umountArgs(mountPoint), { env: PATH_ENV(env) });
  if (r.failed) {
    throw new MicroyoctoError('DEVICE_BUSY', `cannot unmount ${mountPoint}: ${r.stderr.trim() || `umount exited ${r.exitCode}`}`, {
      hint: 'close whatever uses it (lsof +f -- MOUNTPOINT), then try again',
      cause: toolFailed(r),
    });
  }
}

// Run blockdev; its result is returned, never thrown (flushing and re-reading are best effort).
export async function blockdev(action: 'flushbufs' | 'rereadpt', device: string, env: Record<string, string | undefined>): Promise<RunResult | undefined> {
  try {
    const { runCommand } = await runner();
    return await runCommand('blockdev', blockdevArgs(action, device), { env: PATH_ENV(env) });
  } catch {
    return undefined;
  }
}
