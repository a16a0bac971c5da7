// SPDX-License-Identifier: MIT
// Step kernel-configure: `make allnoconfig KCONFIG_ALLCONFIG=<merged fragment>` out of tree, as
// linux-yocto-tiny configures (allnoconfig + fragments). Skipped when the fragment did not change.
import { join } from 'node:path';
import { pathExists } from '../io/files.js';
import type { Step } from '../pipeline/step.js';
import { kernelMakeArgs } from '../tools/make.js';
import { FRAGMENT_FILE, type KernelSizeContext } from './kernel-context.js';
import { runMake } from './run-make.js';

export const kernelConfigureStep: Step<KernelSizeContext> = {
  id: 'kernel-configure',
  title: 'configure (allnoconfig + fragments)',
  async run(ctx, io) {
    if (ctx.fragmentChanged === false && (await pathExists(join(ctx.buildDir, '.config')))) {
      io.log('fragment unchanged and .config present: keeping the configuration');
      return;
    }
    const args = kernelMakeArgs({ kernelSrc: ctx.kernelSrc, buildDir: ctx.buildDir, arch: ctx.arch, targets: ['allnoconfig'], jobs: 1, allconfig: join(ctx.buildDir, FRAGMENT_FILE) });
    await runMake(args, ctx, io);
  },
};
