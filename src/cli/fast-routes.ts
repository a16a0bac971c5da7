// SPDX-License-Identifier: MIT
// The fast path's table: which argv words lead to which command module, loaded only when it is the
// one being run (each ES module costs start-up). commands/kconfig.ts registers the same commands with
// commander from FAST_COMMANDS; a test keeps the two tables in step.
import type { ActionFn, CommandSpec } from './spec-types.js';

export interface FastRoute {
  path: readonly string[];
  load(): Promise<{ spec: CommandSpec; action: ActionFn }>;
}

export const FAST_ROUTES: readonly FastRoute[] = [
  {
    path: ['kconfig', 'merge'],
    load: async () => {
      const m = await import('./commands/kconfig-merge.js');
      return { spec: m.KCONFIG_MERGE_SPEC, action: m.kconfigMergeAction };
    },
  },
  {
    path: ['kconfig', 'diff'],
    load: async () => {
      const m = await import('./commands/kconfig-diff.js');
      return { spec: m.KCONFIG_DIFF_SPEC, action: m.kconfigDiffAction };
    },
  },
  {
    path: ['kconfig', 'check'],
    load: async () => {
      const m = await import('./commands/kconfig-check.js');
      return { spec: m.KCONFIG_CHECK_SPEC, action: m.kconfigCheckAction };
    },
  },
  {
    path: ['kconfig', 'resolve'],
    load: async () => {
      const m = await import('./commands/kconfig-resolve.js');
      return { spec: m.KCONFIG_RESOLVE_SPEC, action: m.kconfigResolveAction };
    },
  },
  {
    path: ['kconfig', 'why'],
    load: async () => {
      const m = await import('./commands/kconfig-why.js');
      return { spec: m.KCONFIG_WHY_SPEC, action: m.kconfigWhyAction };
    },
  },
];
