// SPDX-License-Identifier: MIT
// Every top-level command. Each factory only declares flags; its action imports the work lazily.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { makeFlashCommand } from './flash.js';
import { makeKconfigCommand } from './kconfig.js';
import { makeKernelCommand } from './kernel.js';
import { makeProfileCommand } from './profile.js';
import { makeSizeCommand } from './size.js';
import { makeTraceCommand } from './trace.js';

export const COMMAND_FACTORIES: ReadonlyArray<(ctx: CliContext) => Command> = [
  makeKconfigCommand,
  makeProfileCommand,
  makeFlashCommand,
  makeKernelCommand,
  makeSizeCommand,
  makeTraceCommand,
];
