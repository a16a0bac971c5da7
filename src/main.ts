// SPDX-License-Identifier: MIT
// The CLI's entry point as ES modules: every command (bin/microyocto.cjs runs the hot kconfig commands
// from the start-up bundle, main-fast.ts, and comes here for everything else).
import { runCli } from './cli/run-cli.js';
import { processRun } from './process-io.js';

const run = processRun();
void runCli(run.argv, run.deps).then(run.finish);
