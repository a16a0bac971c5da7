// SPDX-License-Identifier: MIT
// Step kernel-build: `make -jN vmlinux` (and bzImage when asked), incremental in the cache folder.
import type { Step } from '../pipeline/step.js';
import { kernelMakeArgs } from '../tools/make.js';
import type { KernelSizeContext } from './kernel-context.js';
import { runMake } from './run-make.js';

export const kernelBuildStep: Step<KernelSizeContext> = {
  id: 'kernel-build',
  title: 'build vmlinux',
  skipReason(ctx) {
    // NOTE: a build whose final .config equals one already built (removing a feature that allnoconfig
    // already gives, or that another variant lacks) would produce the same vmlinux: reuse it.
    return ctx.sameAs === undefined ? undefined : `the .config is the same as ${ctx.sameAs.name}'s`;
  },
  async run(ctx, io) {
    const targets = ctx.image ? ['vmlinux', 'bzImage'] : ['vmlinux'];
    ctx.objectsBuilt = await runMake(kernelMakeArgs({ kernelSrc: ctx.kernelSrc, buildDir: ctx.buildDir, arch: ctx.arch, targets, jobs: ctx.jobs }), ctx, io);
    io.log(`${ctx.objectsBuilt} kbuild steps run`);
  },
};
