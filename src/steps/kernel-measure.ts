// SPDX-License-Identifier: MIT
// Step kernel-measure: vmlinux's text/data/bss/init from our ELF reader, bzImage's size, and the
// requested symbols that did not stick in the final .config.
import { join } from 'node:path';
import { parseElf } from '../core/elf/elf-file.js';
import { checkRequested } from '../core/kconfig/check.js';
import { elfSizes } from '../core/size/artifacts.js';
import { pathExists, readBinaryFile, readFileHead, readTextFile } from '../io/files.js';
import type { Step } from '../pipeline/step.js';
import type { KernelSizeContext } from './kernel-context.js';

// Where make puts the compressed image for an ARCH.
export function bzImagePath(buildDir: string, arch: string): string {
  const dir = arch === 'i386' || arch === 'x86_64' || arch === 'x86' ? 'x86' : arch;
  return join(buildDir, 'arch', dir, 'boot', 'bzImage');
}

export const kernelMeasureStep: Step<KernelSizeContext> = {
  id: 'kernel-measure',
  title: 'measure vmlinux',
  async run(ctx, io) {
    const builtIn = ctx.sameAs?.buildDir ?? ctx.buildDir;
    const vmlinux = join(builtIn, 'vmlinux');
    ctx.sizes = elfSizes(parseElf(await readBinaryFile(vmlinux, 'vmlinux'), vmlinux));
    const image = bzImagePath(builtIn, ctx.arch);
    ctx.bzImageBytes = ctx.image && (await pathExists(image)) ? (await readFileHead(image, 0)).size : undefined;
    const finalConfig = await readTextFile(join(ctx.buildDir, '.config'), 'final .config');
    ctx.dropped = checkRequested(finalConfig, ctx.variant.fragments, { absentIsN: true }).mismatches;
    io.log(`text ${ctx.sizes.text}, data ${ctx.sizes.data}, bss ${ctx.sizes.bss}${ctx.sizes.init === undefined ? '' : `, init ${ctx.sizes.init}`}`);
  },
};
