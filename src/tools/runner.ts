// SPDX-License-Identifier: MIT
// The one process runner (the only execa import): argv in, lines streamed out, an explicit lifecycle.
import type { Readable } from 'node:stream';
import { execa, type ResultPromise } from 'execa';
import { MicroyoctoError } from '../core/errors.js';

export interface RunOptions {
  cwd?: string | undefined;
  /** The child's whole environment when `extendEnv` is false (the default), else added to ours. */
  env?: Record<string, string | undefined> | undefined;
  /** Inherit the caller's environment. @defaultValue false (tools get only what we pass) */
  extendEnv?: boolean | undefined;
  /** Every complete line of output, as it arrives. */
  onLine?: ((line: string, stream: 'stdout' | 'stderr') => void) | undefined;
  /** Text fed to stdin; otherwise stdin is ignored. */
  input?: string | undefined;
  /** Keep at most this many trailing lines of each stream in the result. @defaultValue 2000 */
  keepLines?: number | undefined;
  /**
   * Run in its own process group, so a terminal's Ctrl-C reaches only us and we decide what the
   * child gets (bitbake must get exactly one SIGINT per Ctrl-C). @defaultValue false
   */
  ownProcessGroup?: boolean | undefined;
}

export interface RunResult {
  command: string;
  cwd: string;
  exitCode: number | undefined;
  /** The signal that ended the process, if any. */
  signal: string | undefined;
  stdout: string;
  stderr: string;
  failed: boolean;
}

export interface RunningCommand {
  pid: number | undefined;
  /** Send a signal (SIGINT for bitbake: it shuts down gracefully). */
  kill(signal: NodeJS.Signals): boolean;
  result: Promise<RunResult>;
}

// Quote argv for display the way a shell user would type it (`cwd$ cmd` logs, error messages).
export function formatCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function lineSplitter(emit: (line: string) => void, keep: string[], max: number): (chunk: Buffer | string) => void {
  let rest = '';
  return (chunk) => {
    const text = rest + chunk.toString();
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const raw of parts) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      keep.push(line);
      if (keep.length > max) keep.shift();
      emit(line);
    }
  };
}

// Start a command; never uses a shell. Resolves (never rejects) when it ends, unless it cannot start.
export function startCommand(file: string, args: readonly string[], options: RunOptions = {}): RunningCommand {
  const keep = options.keepLines ?? 2000;
  const out: string[] = [];
  const err: string[] = [];
  const command = formatCommand(file, args);
  const cwd = options.cwd ?? '.';
  let child: ResultPromise;
  try {
    child = execa(file, [...args], {
      cwd,
      env: options.env ?? {},
      extendEnv: options.extendEnv ?? false,
      reject: false,
      buffer: false,
      stdin: options.input === undefined ? 'ignore' : 'pipe',
      ...(options.input === undefined ? {} : { input: options.input }),
      cleanup: true,
      ...(options.ownProcessGroup === true ? { detached: true } : {}),
    });
  } catch (cause) {
    throw toolNotFound(file, cause);
  }
  const onOut = lineSplitter((l) => options.onLine?.(l, 'stdout'), out, keep);
  const onErr = lineSplitter((l) => options.onLine?.(l, 'stderr'), err, keep);
  child.stdout?.on('data', onOut);
  child.stderr?.on('data', onErr);
  const result = child.then((r) => {
    onOut('\n');
    onErr('\n');
    if (out.at(-1) === '') out.pop();
    if (err.at(-1) === '') err.pop();
    const notFound = (r as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String((r as { originalMessage?: string }).originalMessage ?? ''));
    if (notFound && r.exitCode === undefined) throw toolNotFound(file, r);
    return {
      command,
      cwd,
      exitCode: r.exitCode,
      signal: r.signal ?? undefined,
      stdout: out.join('\n'),
      stderr: err.join('\n'),
      failed: r.failed,
    };
  });
  return { pid: child.pid, kill: (signal) => child.kill(signal), result };
}

export interface StreamingCommand {
  /** The child's stdout as a byte stream (decompressors: `xz -dc`, `zstd -dc`). */
  stdout: Readable;
  kill(signal: NodeJS.Signals): boolean;
  /** Resolves when the command ends; stderr is kept for the error message. */
  result: Promise<RunResult>;
}

// Start a command whose stdout is data, not lines: it is handed over as a stream; stderr is kept.
export function streamCommand(file: string, args: readonly string[], options: Omit<RunOptions, 'onLine' | 'input'> & { signal?: AbortSignal | undefined } = {}): StreamingCommand {
  const keep = options.keepLines ?? 200;
  const err: string[] = [];
  const command = formatCommand(file, args);
  const cwd = options.cwd ?? '.';
  const child = execa(file, [...args], {
    cwd,
    env: options.env ?? {},
    extendEnv: options.extendEnv ?? false,
    reject: false,
    buffer: false,
    stdin: 'ignore',
    encoding: 'buffer',
    cleanup: true,
    ...(options.signal ? { cancelSignal: options.signal, forceKillAfterDelay: 2000 } : {}),
  });
  const onErr = lineSplitter(() => undefined, err, keep);
  child.stderr?.on('data', onErr);
  const result = child.then((r) => {
    onErr('\n');
    if (err.at(-1) === '') err.pop();
    const notFound = (r as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String((r as { originalMessage?: string }).originalMessage ?? ''));
    if (notFound && r.exitCode === undefined) throw toolNotFound(file, r);
    return { command, cwd, exitCode: r.exitCode, signal: r.signal ?? undefined, stdout: '', stderr: err.join('\n'), failed: r.failed };
  });
  if (!child.stdout) throw new MicroyoctoError('TOOL_FAILED', `${command}: no stdout stream`);
  return { stdout: child.stdout, kill: (signal) => child.kill(signal), result };
}

// Run a command to the end and return its result (non-zero exit is not an exception).
export async function runCommand(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return startCommand(file, args, options).result;
}

// Wait for a started command; when it could not be started, say where the tool should come from.
export async function awaitTool(child: RunningCommand, notFound: { message: string; hint: string }): Promise<RunResult> {
  try {
    return await child.result;
  } catch (error) {
    if (error instanceof MicroyoctoError && error.code === 'TOOL_NOT_FOUND') {
      throw new MicroyoctoError('TOOL_NOT_FOUND', notFound.message, { hint: notFound.hint, cause: error });
    }
    throw error;
  }
}

function toolNotFound(file: string, cause: unknown): MicroyoctoError {
  return new MicroyoctoError('TOOL_NOT_FOUND', `'${file}' was not found on PATH`, {
    hint: `install ${file}, or put it on PATH`,
    cause,
  });
}

// A TOOL_FAILED error composed like execa's: reason, `cwd$ command`, the last lines of stderr.
export function toolFailed(result: RunResult, tail = 40): MicroyoctoError {
  const reason = result.signal ? `was killed with ${result.signal}` : `failed with exit code ${result.exitCode}`;
  const lines = (result.stderr || result.stdout).split('\n').slice(-tail).join('\n');
  return new MicroyoctoError('TOOL_FAILED', `${result.command.split(' ')[0]} ${reason}\n${result.cwd}$ ${result.command}\n${lines}`);
}
