// SPDX-License-Identifier: MIT
// Every top-level command. Each factory only declares flags; its action imports the work lazily.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { makeBuildCommand } from './build.js';
import { makeImageCommand } from './image.js';
import { makeKconfigCommand } from './kconfig.js';
import { makeLockCommand } from './lock.js';
import { makeSetupCommand } from './setup.js';
import { makeStatusCommand } from './status.js';

export const COMMAND_FACTORIES: ReadonlyArray<(ctx: CliContext) => Command> = [
  makeKconfigCommand,
  makeSetupCommand,
  makeBuildCommand,
  makeImageCommand,
  makeLockCommand,
  makeStatusCommand,
];
