// SPDX-License-Identifier: MIT
// The start-up bundle's entry point (scripts/bundle-startup.mjs makes dist/src/bundle/main.cjs of it):
// the hot kconfig commands without Node's ES-module loader. False, with nothing run or printed, for any
// other command line: bin/microyocto.cjs then loads main.ts.
import { runFastCli } from './cli/fast-cli.js';
import { processRun } from './process-io.js';

export async function runFast(): Promise<boolean> {
  const run = processRun();
  const code = await runFastCli(run.argv, run.deps);
  if (code === undefined) {
    run.release();
    return false;
  }
  run.finish(code);
  return true;
}
