// SPDX-License-Identifier: MIT
// The one home of chalk: colours for people, none for pipes, NO_COLOR or --no-color.
import type { Diagnostic } from '../core/diagnostics.js';
import { formatDiagnostic } from '../core/diagnostics.js';

type Paint = (text: string) => string;
export interface Theme {
  red: Paint;
  yellow: Paint;
  green: Paint;
  bold: Paint;
  dim: Paint;
  cyan: Paint;
}

const plain: Paint = (t) => t;
export const PLAIN_THEME: Theme = { red: plain, yellow: plain, green: plain, bold: plain, dim: plain, cyan: plain };

// A theme that colours only when asked; chalk is loaded only then (it costs start-up time).
export async function createTheme(color: boolean): Promise<Theme> {
  if (!color) return PLAIN_THEME;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { red: c.red, yellow: c.yellow, green: c.green, bold: c.bold, dim: c.dim, cyan: c.cyan };
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
