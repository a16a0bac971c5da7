// SPDX-License-Identifier: MIT
// Step kernel-merge-fragments: the variant's fragments merged (last wins) into the build folder's
// KCONFIG_ALLCONFIG file, written only when it changed.
import { join } from 'node:path';
import { mergeFragments } from '../core/kconfig/merge.js';
import { writeIfChanged } from '../io/files.js';
import type { Step } from '../pipeline/step.js';
import { FRAGMENT_FILE, type KernelSizeContext } from './kernel-context.js';

export const kernelMergeFragmentsStep: Step<KernelSizeContext> = {
  id: 'kernel-merge-fragments',
  title: 'merge kernel fragments',
  async run(ctx, io) {
    const merged = mergeFragments({ name: 'allnoconfig', text: '' }, ctx.variant.fragments);
    ctx.fragmentChanged = await writeIfChanged(join(ctx.buildDir, FRAGMENT_FILE), merged.text);
    io.log(`${ctx.variant.fragments.length} fragment(s), ${merged.assignments.length} symbols${ctx.fragmentChanged ? '' : ' (unchanged)'}`);
  },
};
