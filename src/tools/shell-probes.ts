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

// One command; the answer is its stdout whatever its exit status (as conf's popen reads it).
function runOne(command: string, options: ProbeOptions): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(''));
    child.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

// A pool that starts probes as soon as they are asked for (even while the caller is still busy parsing:
// spawn starts the process at once) and runs at most `concurrency` at a time.
export function createProbePool(options: ProbeOptions): { start(command: string): Promise<string>; started: Map<string, Promise<string>> } {
  const started = new Map<string, Promise<string>>();
  const queue: Array<() => void> = [];
  let running = 0;
  const limit = options.concurrency ?? 4;
  const release = (): void => {
    running--;
    queue.shift()?.();
  };
  return {
    started,
    start(command) {
      let p = started.get(command);
      if (!p) {
        p = new Promise<string>((resolve) => {
          const go = (): void => {
            running++;
            void runOne(command, options).then((out) => {
              release();
              resolve(out);
            });
          };
          if (running < limit) go();
          else queue.push(go);
        });
        started.set(command, p);
      }
      return p;
    },
  };
}
