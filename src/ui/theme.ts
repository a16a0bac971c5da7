// SPDX-License-Identifier: MIT
// The one home of chalk: colours for people, none for pipes, NO_COLOR or --no-color.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic } from '../core/diagnostics.js';
import { formatDiagnostic } from '../core/diagnostics.js';

export type Theme = ChalkInstance;

// A chalk instance with colour on only when asked for and the stream is a terminal.
export function createTheme(color: boolean): Theme {
  return new Chalk({ level: color ? 1 : 0 });
}

// Decide on colour the way the community conventions say (NO_COLOR, FORCE_COLOR, TTY).
export function wantsColor(env: Record<string, string | undefined>, isTTY: boolean, flag: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}

// A diagnostic line, with the severity coloured.
export function renderDiagnostic(theme: Theme, d: Diagnostic): string {
  const text = formatDiagnostic(d);
  if (d.severity === 'error') return theme.red(text);
  if (d.severity === 'warning') return theme.yellow(text);
  return theme.dim(text);
}

// `✖ CODE  message` and a `hint:` line, the pnpm way.
export function renderUserError(theme: Theme, code: string, message: string, hint: string | undefined): string {
  let out = `${theme.red('✖')} ${theme.bold(code)}  ${message}\n`;
  if (hint) out += `${theme.dim('hint:')} ${hint}\n`;
  return out;
}
