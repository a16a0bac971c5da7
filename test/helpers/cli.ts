// SPDX-License-Identifier: MIT
// Run the CLI in-process (the e2e level of our tests) and capture what it prints.
import { createInterrupts } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/run-cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
  prompt?: (question: string) => Promise<string>;
  interrupts?: ReturnType<typeof createInterrupts>;
  /** Test-only flash host (fake machine, regular-file target). */
  flashHost?: unknown;
}

// Run `microyocto <argv>` in this process with captured streams.
export async function runMicroyocto(argv: string[], options: CliRunOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: options.isTTY ?? false,
    stdinIsTTY: options.isTTY ?? false,
    env: { NO_COLOR: '1', ...(options.env ?? {}) },
    cwd: options.cwd,
    prompt: options.prompt,
    interrupts: options.interrupts ?? createInterrupts(),
    flashHost: options.flashHost,
  });
  return { code, stdout, stderr };
}
