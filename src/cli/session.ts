// SPDX-License-Identifier: MIT
// One run of a command: the context it gets, its one JSON document, and every outcome mapped to an exit
// code. Shared by the full CLI (run-cli.ts, with commander) and the start-up bundle (fast-cli.ts).
import { InternalError, MicroyoctoError } from '../core/errors.js';
import { createTheme, renderDiagnostic, renderUserError, wantsColor, type Theme } from '../ui/theme.js';
import type { CliContext, CliIO, GlobalOptions, Interrupts } from './context.js';
import { createInterrupts } from './context.js';

export interface RunCliDeps extends CliIO {
  interrupts?: Interrupts;
  /** `node v20.x, linux-x64`, for bug reports. */
  runtime?: string;
}

function globalOptions(argv: readonly string[], io: CliIO): GlobalOptions {
  // Read before commander runs so that errors in parsing are already rendered the right way.
  const has = (...names: string[]): boolean => argv.some((a) => names.includes(a));
  return {
    json: has('--json'),
    color: wantsColor(io.env, io.isTTY, !has('--no-color')),
    verbose: has('--verbose'),
    quiet: has('-q', '--quiet'),
  };
}

function isCI(env: Record<string, string | undefined>): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
}

// The one JSON document a single-document command prints, held back until the command ends so that
// an error thrown after it (size --check over budget, kconfig check --strict) joins it instead of
// following it as a second document.
interface PendingJson {
  value: unknown;
  held: boolean;
}

function makeContext(io: CliIO, options: GlobalOptions, interrupts: Interrupts, theme: Theme, pending: PendingJson): CliContext {
  return {
    ...io,
    options,
    interrupts,
    nonInteractive: !io.stdinIsTTY || !io.isTTY || isCI(io.env),
    report(diagnostics) {
      for (const d of diagnostics) {
        if (d.severity === 'info' && !options.verbose) continue;
        if (d.severity !== 'error' && options.quiet) continue;
        io.stderr(renderDiagnostic(theme, d) + '\n');
      }
    },
    info(line) {
      if (!options.quiet && !options.json) io.stderr(line + '\n');
    },
    printJson(value) {
      if (pending.held) throw new InternalError('printJson called twice by one command: --json must print exactly one JSON document');
      pending.value = value;
      pending.held = true;
    },
  };
}

function writeJson(deps: CliIO, value: unknown): void {
  deps.stdout(JSON.stringify(value, null, 2) + '\n');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// One place prints user errors: `✖ CODE  message` + hint, or with --json either the `error` member of the
// command's one document (when it printed one) or one JSON line.
function printUserError(error: MicroyoctoError, deps: CliIO, options: GlobalOptions, theme: Theme, pending?: PendingJson): void {
  if (options.json) {
    // Errors that collected several problems (PROFILE_INVALID) carry them as `diagnostics`.
    const diagnostics = (error as { diagnostics?: unknown }).diagnostics;
    const detail = { code: error.code, message: error.message, hint: error.hint, exitCode: error.exitCode, ...(diagnostics === undefined ? {} : { diagnostics }) };
    if (pending?.held && isPlainObject(pending.value)) {
      writeJson(deps, { ...pending.value, error: detail });
      return;
    }
    // NOTE: one line, so that it also ends an NDJSON event stream (build --json) as a parsable record.
    deps.stdout(JSON.stringify({ event: 'error', error: detail }) + '\n');
    return;
  }
  deps.stderr(renderUserError(theme, error.code, error.message, error.hint));
  if (options.verbose && error.stack) deps.stderr(theme.dim(error.stack) + '\n');
}

function isCommanderError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === 'CommanderError';
}

// Run `body` (one command) and map its outcome to an exit code: 0 success, 1 bug, 2 user error, 3-7 a
// failed check/fetch/build/image/flash, 8 busy, 130 interrupted.
export async function runSession(argv: readonly string[], deps: RunCliDeps, body: (ctx: CliContext) => Promise<void>): Promise<number> {
  const options = globalOptions(argv, deps);
  const theme = await createTheme(options.color);
  const pending: PendingJson = { value: undefined, held: false };
  const ctx = makeContext(deps, options, deps.interrupts ?? createInterrupts(), theme, pending);
  try {
    await body(ctx);
    if (pending.held) writeJson(deps, pending.value);
    return 0;
  } catch (error) {
    if (isCommanderError(error)) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      const usage = new MicroyoctoError('USAGE', error.message.replace(/^error: /, ''), { hint: 'run microyocto <command> --help for usage' });
      printUserError(usage, deps, options, theme);
      return usage.exitCode;
    }
    if (error instanceof MicroyoctoError) {
      printUserError(error, deps, options, theme, pending);
      return error.exitCode;
    }
    const err = error instanceof Error ? error : new InternalError(String(error));
    const { version } = await import('./version.js');
    deps.stderr(
      `${theme.red('✖ internal error')}  ${err.message}\n${err.stack ?? ''}\n` +
        `This is a bug in microyocto ${version()} (${deps.runtime ?? 'node'}); please report it with the command you ran.\n`,
    );
    return 1;
  }
}
