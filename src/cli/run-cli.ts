// SPDX-License-Identifier: MIT
// Run the CLI in-process: parse argv, run one command, map every outcome to an exit code.
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { matchFastPath } from './fast-path.js';
import { FAST_ROUTES } from './fast-routes.js';
import { runSession, type RunCliDeps } from './session.js';

// Build the commander program with the global flags and every command (loaded only when needed).
export async function buildProgram(ctx: CliContext): Promise<Command> {
  const { Command: CommandClass } = await import('commander');
  const { COMMAND_FACTORIES } = await import('./commands/index.js');
  const output = {
    writeOut: (s: string) => ctx.stdout(s),
    writeErr: (s: string) => ctx.stderr(s),
    outputError: () => undefined,
  };
  const program = new CommandClass('microyocto')
    .description('From nothing to a tiny Yocto image on an SD card, in one reproducible command.')
    .version((await import('./version.js')).version(), '-V, --version')
    .option('--json', 'machine-readable output (JSON; NDJSON events for long work)')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .option('--verbose', 'more detail: commands run, info diagnostics, stacks')
    .option('-q, --quiet', 'only errors and results')
    .exitOverride()
    .configureOutput(output);
  for (const factory of COMMAND_FACTORIES) program.addCommand(await factory(ctx));
  // NOTE: addCommand() does not pass these settings down; without them commander calls process.exit.
  const inherit = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      sub.exitOverride().configureOutput(output);
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

// Returns the exit code: 0 success, 1 bug, 2 user error, 3-7 a failed check/fetch/build/image/flash, 8 busy, 130 interrupted.
export async function runCli(argv: readonly string[], deps: RunCliDeps): Promise<number> {
  return runSession(argv, deps, async (ctx) => {
    const fast = await matchFastPath(argv, FAST_ROUTES);
    if (fast) return fast(ctx);
    const program = await buildProgram(ctx);
    await program.parseAsync([...argv], { from: 'user' });
  });
}
