// SPDX-License-Identifier: MIT
// Every top-level command. Each factory only declares flags; its action imports the work lazily.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { makeFlashCommand } from './flash.js';
import { makeKconfigCommand } from './kconfig.js';
<<<<<<< HEAD
import { makeProfileCommand } from './profile.js';

export const COMMAND_FACTORIES: ReadonlyArray<(ctx: CliContext) => Command> = [
  makeKconfigCommand,
  makeProfileCommand,
  makeFlashCommand,
=======
import { makeKernelCommand } from './kernel.js';
import { makeSizeCommand } from './size.js';
import { makeTraceCommand } from './trace.js';

export const COMMAND_FACTORIES: ReadonlyArray<(ctx: CliContext) => Command> = [
  makeKconfigCommand,
  makeKernelCommand,
  makeSizeCommand,
  makeTraceCommand,
>>>>>>> footprint
];
