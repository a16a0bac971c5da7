// SPDX-License-Identifier: MIT
/**
 * # microyocto kconfig why
 *
 * `microyocto kconfig why CONFIG_X --kernel-src DIR --config .config [FRAGMENT...]` explains a symbol's
 * value: type, prompt, where it is defined, its dependencies with their values, who selects or implies
 * it, the default that applied; with fragments, the shortest reason a requested value did not stick.
 * See docs/commands/kconfig-why.md.
 */
import type { CliContext } from '../context.js';
import type { CommandSpec } from '../spec-types.js';

export const KCONFIG_WHY_SPEC: CommandSpec = {
  name: 'why',
  description: "explain a symbol's value (and why a requested value did not stick) from the kernel's Kconfig",
  args: [
    { name: 'symbol', description: 'CONFIG_X or X' },
    { name: 'fragments', description: 'fragments that request values (for "why not")', optional: true, variadic: true },
  ],
  options: [
    { flags: '--kernel-src <dir>', description: 'the kernel source tree', required: true },
    { flags: '--config <file>', description: 'the .config to explain (read as make olddefconfig would)', required: true },
    { flags: '--arch <arch>', description: 'kernel ARCH (default: $ARCH, else x86_64)' },
  ],
};

// Explain and print (or JSON).
export async function kconfigWhyAction(ctx: CliContext, args: Array<string | string[] | undefined>, opts: Record<string, string | boolean | undefined>): Promise<void> {
  const { runKconfigWhy } = await import('../../app/kconfig-why.js');
  const { formatExplanation, shownValue } = await import('../../core/kconfig/engine/explain.js');
  const outcome = await runKconfigWhy({
    symbol: args[0] as string,
    fragments: (args[1] as string[] | undefined) ?? [],
    kernelSrc: opts.kernelSrc as string,
    config: opts.config as string,
    arch: opts.arch as string | undefined,
    env: ctx.env,
    cwd: ctx.cwd,
  });
  if (ctx.options.json) {
    ctx.printJson(outcome);
    return;
  }
  ctx.stdout(formatExplanation(outcome.explanation));
  const r = outcome.requested;
  const shown = (v: string): string => shownValue(outcome.explanation.type, v);
  if (r) {
    ctx.stdout(
      outcome.reason
        ? `  requested ${shown(r.value)} (${r.file}:${r.line}) but it is ${shown(outcome.explanation.value)}: ${outcome.reason}\n`
        : `  requested ${shown(r.value)} (${r.file}:${r.line}): satisfied\n`,
    );
  }
}
