// SPDX-License-Identifier: MIT
// Every top-level command. Each factory only declares flags; its action imports the work lazily.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { makeBuildCommand } from './build.js';
import { makeFlashCommand } from './flash.js';
import { makeImageCommand } from './image.js';
import { makeKconfigCommand } from './kconfig.js';
import { makeKernelCommand } from './kernel.js';
import { makeLockCommand } from './lock.js';
import { makeProfileCommand } from './profile.js';
import { makeSetupCommand } from './setup.js';
import { makeSizeCommand } from './size.js';
import { makeStatusCommand } from './status.js';
import { makeTraceCommand } from './trace.js';

export const COMMAND_FACTORIES: ReadonlyArray<(ctx: CliContext) => Command | Promise<Command>> = [
  makeSetupCommand,
  makeBuildCommand,
  makeImageCommand,
  makeFlashCommand,
  makeLockCommand,
  makeStatusCommand,
  makeProfileCommand,
  makeKconfigCommand,
  makeKernelCommand,
  makeSizeCommand,
  makeTraceCommand,
];
