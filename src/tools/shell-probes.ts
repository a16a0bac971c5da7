// SPDX-License-Identifier: MIT
// Runs Kconfig `$(shell,...)` commands (toolchain probes) with `sh -c`, several at a time.
// NOTE: node:child_process directly rather than the execa runner: these are ~90 tiny commands whose
// raw stdout (not lines) is the answer, and start-up time of the resolve path matters.
import { spawn } from 'node:child_process';

export interface ProbeOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  /** How many commands run at once. @defaultValue 4 */
  concurrency?: number;
}

function runOne(command: string, options: ProbeOptions): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(''));
    child.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

// Run every command; the answer is its stdout, whatever its exit status (as conf's popen reads it).
export async function runShellProbes(commands: readonly string[], options: ProbeOptions): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < commands.length) {
      const cmd = commands[next++]!;
      answers.set(cmd, await runOne(cmd, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, commands.length) }, worker));
  return answers;
}
