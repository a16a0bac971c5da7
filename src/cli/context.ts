// SPDX-License-Identifier: MIT
// What a command gets from the CLI shell: streams, global flags, environment, interruption.
import type { Diagnostic } from '../core/diagnostics.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is an interactive terminal. */
  isTTY: boolean;
  /** True when stdin is an interactive terminal (confirmation prompts are possible). */
  stdinIsTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Test-only: the machine `flash` works on (a FlashHost). process-io.ts never sets it: the CLI flashes real devices. */
  flashHost?: unknown;
  /** Read one answer line from the user (confirmation prompts); undefined when there is no TTY. */
  prompt?: ((question: string) => Promise<string>) | undefined;
}

export interface GlobalOptions {
  /** Machine-readable output (one JSON document, or NDJSON events for long work). */
  json: boolean;
  color: boolean;
  verbose: boolean;
  quiet: boolean;
}

export interface Interrupts {
  /** Aborted on the first Ctrl-C. */
  signal: AbortSignal;
  /** Called on every Ctrl-C with the running count (1, 2, ...); returns an unsubscribe function. */
  onInterrupt(listener: (count: number) => void): () => void;
}

export interface CliContext extends CliIO {
  options: GlobalOptions;
  interrupts: Interrupts;
  /** True in CI or without a TTY: no spinners, no prompts. */
  nonInteractive: boolean;
  /** Print diagnostics on stderr (info only with --verbose, nothing but errors with -q). */
  report(diagnostics: readonly Diagnostic[]): void;
  /** Write one line of progress or information to stderr unless -q or --json. */
  info(line: string): void;
  /** Print a JSON document on stdout. */
  printJson(value: unknown): void;
}

// An Interrupts source driven by whoever owns the process (main.ts) or by a test.
export function createInterrupts(): Interrupts & { fire(): void } {
  const controller = new AbortController();
  const listeners = new Set<(count: number) => void>();
  let count = 0;
  return {
    signal: controller.signal,
    onInterrupt(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire() {
      count++;
      if (!controller.signal.aborted) controller.abort();
      for (const l of [...listeners]) l(count);
    },
  };
}
