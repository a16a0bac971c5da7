// SPDX-License-Identifier: MIT
// The hot commands' table: which argv words lead to which command module, loaded only when it is the
// one being run (each ES module costs start-up). The fast path runs them without commander, and
// commands/kconfig.ts registers the same table with commander.
import type { ActionFn, CommandSpec } from './spec-types.js';

export interface FastRoute {
  path: readonly string[];
  load(): Promise<{ spec: CommandSpec; action: ActionFn }>;
}

export const FAST_ROUTES: readonly FastRoute[] = [
  { path: ['kconfig', 'merge'], load: () => import('./commands/kconfig-merge.js').then((m) => ({ spec: m.KCONFIG_MERGE_SPEC, action: m.kconfigMergeAction })) },
  { path: ['kconfig', 'diff'], load: () => import('./commands/kconfig-diff.js').then((m) => ({ spec: m.KCONFIG_DIFF_SPEC, action: m.kconfigDiffAction })) },
  { path: ['kconfig', 'check'], load: () => import('./commands/kconfig-check.js').then((m) => ({ spec: m.KCONFIG_CHECK_SPEC, action: m.kconfigCheckAction })) },
  { path: ['kconfig', 'resolve'], load: () => import('./commands/kconfig-resolve.js').then((m) => ({ spec: m.KCONFIG_RESOLVE_SPEC, action: m.kconfigResolveAction })) },
  {
    path: ['kconfig', 'savedefconfig'],
    load: () => import('./commands/kconfig-savedefconfig.js').then((m) => ({ spec: m.KCONFIG_SAVEDEFCONFIG_SPEC, action: m.kconfigSaveDefconfigAction })),
  },
  { path: ['kconfig', 'why'], load: () => import('./commands/kconfig-why.js').then((m) => ({ spec: m.KCONFIG_WHY_SPEC, action: m.kconfigWhyAction })) },
];
