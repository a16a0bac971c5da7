// SPDX-License-Identifier: MIT
// Step kernel-configure: `make allnoconfig KCONFIG_ALLCONFIG=<merged fragment>` out of tree, as
// linux-yocto-tiny configures (allnoconfig + fragments). Skipped when the fragment did not change.
import { join } from 'node:path';
import { pathExists, readTextFile } from '../io/files.js';
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
    } else {
      const args = kernelMakeArgs({ kernelSrc: ctx.kernelSrc, buildDir: ctx.buildDir, arch: ctx.arch, targets: ['allnoconfig'], jobs: 1, allconfig: join(ctx.buildDir, FRAGMENT_FILE) });
      await runMake(args, ctx, io);
    }
    ctx.configText = await readTextFile(join(ctx.buildDir, '.config'), 'final .config');
    const same = ctx.knownBuilds?.find((k) => k.configText === ctx.configText);
    if (same !== undefined && (await pathExists(join(same.buildDir, 'vmlinux')))) {
      ctx.sameAs = { name: same.name, buildDir: same.buildDir };
      io.log(`the final .config is the same as ${same.name}'s: its vmlinux is measured`);
    }
  },
};
