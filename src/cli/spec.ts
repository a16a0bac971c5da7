// SPDX-License-Identifier: MIT
// Commands declared as data: commander builds them, and the start-up fast path parses the same table.
import { Command, Option } from 'commander';
import type { CliContext } from './context.js';
import type { ActionFn, CommandSpec } from './spec-types.js';

// A commander Command from a spec; the action receives positional args and camelCased options.
export function commandFromSpec(ctx: CliContext, spec: CommandSpec, action: ActionFn): Command {
  const cmd = new Command(spec.name).description(spec.description);
  for (const a of spec.args) {
    const label = a.variadic ? `${a.name}...` : a.name;
    cmd.argument(a.optional ? `[${label}]` : `<${label}>`, a.description);
  }
  for (const o of spec.options) {
    const opt = new Option(o.flags, o.description);
    if (o.required) opt.makeOptionMandatory(true);
    cmd.addOption(opt);
  }
  cmd.action(async (...received: unknown[]) => {
    const positional = received.slice(0, spec.args.length) as Array<string | string[] | undefined>;
    const opts = (received[spec.args.length] ?? {}) as Record<string, string | boolean | undefined>;
    await action(ctx, positional, opts);
  });
  return cmd;
}
