// SPDX-License-Identifier: MIT
// The shape of a command declared as data (see spec.ts and fast-path.ts).
import type { CliContext } from './context.js';

export interface ArgSpec {
  name: string;
  description: string;
  optional?: boolean;
  variadic?: boolean;
}

export interface OptionSpec {
  /** commander syntax: `-o, --output <file>` (value) or `-r, --redundant` (boolean). */
  flags: string;
  description: string;
  required?: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  args: ArgSpec[];
  options: OptionSpec[];
}

export type ActionFn = (
  ctx: CliContext,
  args: Array<string | string[] | undefined>,
  opts: Record<string, string | boolean | undefined>,
) => Promise<void>;
