// SPDX-License-Identifier: MIT
// The process boundary: the only file that touches `process`. The entry points (main.ts, and
// main-fast.ts in the start-up bundle) get the command line and the I/O from here.
import type { RunCliDeps } from './cli/session.js';
import { createInterrupts } from './cli/context.js';
import { certainlyNotATerminal, fdWriter } from './io/stdio.js';

export interface ProcessRun {
  argv: readonly string[];
  deps: RunCliDeps;
  /** Set the exit status (the process ends when its work is done). */
  finish(code: number): void;
  /** Remove the signal handlers again (when another entry point takes over the command line). */
  release(): void;
}

export function processRun(): ProcessRun {
  const interrupts = createInterrupts();
  // NOTE: with a listener installed Node no longer exits on Ctrl-C; the running command decides
  // (bitbake gets SIGINT and is waited for). A command that does not listen is cut short here.
  let sigints = 0;
  const onSignal = (): void => {
    sigints++;
    interrupts.fire();
    if (sigints >= 3) {
      process.stderr.write('\ninterrupted (third Ctrl-C): exiting now\n');
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // A reader that went away (`microyocto kconfig diff a b | head`) is not an error.
  const brokenPipe = (): never => process.exit(0);
  const stdout = (): NodeJS.WriteStream =>
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') brokenPipe();
    });

  // NOTE: files and pipes are written by descriptor and the TTY checks start with an fstat, so the
  // common non-interactive run never creates Node's stdio streams (see src/io/stdio.ts).
  const deps: RunCliDeps = {
    stdout: fdWriter(1, stdout, brokenPipe),
    stderr: fdWriter(2, () => process.stderr, brokenPipe),
    isTTY: !certainlyNotATerminal(1) && process.stdout.isTTY === true,
    stdinIsTTY: !certainlyNotATerminal(0) && process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    interrupts,
    runtime: `node ${process.version}, ${process.platform}-${process.arch}`,
    prompt: async (question: string) => {
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
  return {
    argv: process.argv.slice(2),
    deps,
    finish(code) {
      process.exitCode = code;
    },
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
