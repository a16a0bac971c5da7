// SPDX-License-Identifier: MIT
// The WebAssembly kernels (src/wasm/, built into dist/wasm/), instantiated once on first use; undefined
// when they were not built (a `tsc` alone), and the JavaScript paths run.
import { createAssignmentFinder, type AssignmentFinder } from '../core/kconfig/assignments-kernel.js';
import { createDiffKernel, type DiffKernel } from '../core/kconfig/diff-kernel.js';
import { readWasm } from '../io/wasm.js';

function lazyKernel<T>(name: string, create: (wasm: Uint8Array) => T): () => T | undefined {
  let kernel: T | null | undefined;
  return () => {
    if (kernel === undefined) {
      const wasm = readWasm(name);
      kernel = wasm ? create(wasm) : null;
    }
    return kernel ?? undefined;
  };
}

/** `kconfig diff`'s text (src/wasm/diffconfig.ts). */
export const diffKernel: () => DiffKernel | undefined = lazyKernel('diffconfig', createDiffKernel);

/** Where a merge's base assigns the touched names (src/wasm/assignments.ts). */
export const assignmentFinder: () => AssignmentFinder | undefined = lazyKernel('assignments', createAssignmentFinder);
