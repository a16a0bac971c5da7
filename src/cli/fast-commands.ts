// SPDX-License-Identifier: MIT
// The commands start-up time matters for (run thousands of times by scripts and build systems).
import { KCONFIG_CHECK_SPEC, kconfigCheckAction } from './commands/kconfig-check.js';
import { KCONFIG_DIFF_SPEC, kconfigDiffAction } from './commands/kconfig-diff.js';
import { KCONFIG_MERGE_SPEC, kconfigMergeAction } from './commands/kconfig-merge.js';
import { KCONFIG_RESOLVE_SPEC, kconfigResolveAction } from './commands/kconfig-resolve.js';
import { KCONFIG_WHY_SPEC, kconfigWhyAction } from './commands/kconfig-why.js';
import type { FastCommand } from './fast-path.js';

export const FAST_COMMANDS: readonly FastCommand[] = [
  { path: ['kconfig', 'merge'], spec: KCONFIG_MERGE_SPEC, action: kconfigMergeAction },
  { path: ['kconfig', 'diff'], spec: KCONFIG_DIFF_SPEC, action: kconfigDiffAction },
  { path: ['kconfig', 'check'], spec: KCONFIG_CHECK_SPEC, action: kconfigCheckAction },
  { path: ['kconfig', 'resolve'], spec: KCONFIG_RESOLVE_SPEC, action: kconfigResolveAction },
  { path: ['kconfig', 'why'], spec: KCONFIG_WHY_SPEC, action: kconfigWhyAction },
];
