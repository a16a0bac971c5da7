// SPDX-License-Identifier: MIT
// The process boundary: the only file that touches `process`. Everything else is runCli().
import { createInterrupts } from './cli/context.js';
import { runCli } from './cli/run-cli.js';

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

const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

const code = await runCli(process.argv.slice(2), {
  stdout: write(process.stdout),
  stderr: write(process.stderr),
  isTTY: process.stdout.isTTY === true,
  stdinIsTTY: process.stdin.isTTY === true,
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
});
process.exitCode = code;
