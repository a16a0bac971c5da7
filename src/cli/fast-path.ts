// SPDX-License-Identifier: MIT
// Start-up fast path for the hot kconfig commands: parse argv from the same specs commander uses,
// without loading commander. Anything unusual (help, unknown flags, wrong arity) returns undefined
// and commander takes over, with its full messages.
import type { CliContext } from './context.js';
import type { FastRoute } from './fast-routes.js';
import type { CommandSpec, OptionSpec } from './spec-types.js';

const GLOBAL_FLAGS = new Set(['--json', '--no-color', '--verbose', '-q', '--quiet']);

interface ParsedFlag {
  short: string | undefined;
  long: string;
  key: string;
  takesValue: boolean;
}

function parseFlags(o: OptionSpec): ParsedFlag {
  const short = /(?:^|[ ,])(-[A-Za-z])(?:[ ,]|$)/.exec(o.flags)?.[1];
  const long = /--([a-z0-9-]+)/.exec(o.flags)?.[1];
  const key = (long ?? short!.slice(1)).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return { short, long: long ? `--${long}` : '', key, takesValue: /<[^>]+>/.test(o.flags) };
}

// Parse argv for one spec; undefined when it is anything but a plain, valid invocation.
export function parseWithSpec(spec: CommandSpec, argv: readonly string[]): { args: Array<string | string[] | undefined>; opts: Record<string, string | boolean> } | undefined {
  const flags = spec.options.map(parseFlags);
  const opts: Record<string, string | boolean> = {};
  const positional: string[] = [];
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (onlyPositional || a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    if (a === '--') {
      onlyPositional = true;
      continue;
    }
    if (GLOBAL_FLAGS.has(a)) continue;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const flag = flags.find((f) => f.short === name || f.long === name);
    if (!flag) return undefined;
    if (flag.takesValue) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) return undefined;
      opts[flag.key] = value;
    } else {
      if (eq > 0) return undefined;
      opts[flag.key] = true;
    }
  }
  for (const o of spec.options) if (o.required && opts[parseFlags(o).key] === undefined) return undefined;
  const args: Array<string | string[] | undefined> = [];
  let p = 0;
  for (const a of spec.args) {
    if (a.variadic) {
      const rest = positional.slice(p);
      if (!a.optional && rest.length === 0) return undefined;
      args.push(rest);
      p = positional.length;
    } else if (p < positional.length) args.push(positional[p++]);
    else if (a.optional) args.push(undefined);
    else return undefined;
  }
  if (p < positional.length) return undefined;
  return { args, opts };
}

// The fast command argv is a plain call of, ready to run; undefined for any other command line.
export async function matchFastPath(argv: readonly string[], routes: readonly FastRoute[]): Promise<((ctx: CliContext) => Promise<void>) | undefined> {
  const words = argv.filter((a) => !GLOBAL_FLAGS.has(a));
  for (const route of routes) {
    if (!route.path.every((w, i) => words[i] === w)) continue;
    const rest = argv.slice(argv.indexOf(route.path[route.path.length - 1]!, argv.indexOf(route.path[0]!)) + 1);
    const { spec, action } = await route.load();
    const parsed = parseWithSpec(spec, rest);
    return parsed && ((ctx) => action(ctx, parsed.args, parsed.opts));
  }
  return undefined;
}
