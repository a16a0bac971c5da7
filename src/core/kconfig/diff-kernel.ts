// SPDX-License-Identifier: MIT
// The WebAssembly diff kernel (src/wasm/diffconfig.ts, compiled to dist/wasm/diffconfig.wasm): the text
// of `kconfig diff` computed on the files' bytes. diff.ts is the reference it must equal.
import { Buffer } from 'node:buffer';
import { instantiateKernel } from '../wasm.js';

interface KernelExports {
  /** Room for both files; where the first goes (the second follows it). */
  prepare(aLength: number, bLength: number): number;
  /** The output's length, or -1 when the JavaScript reader must take the files. */
  run(): number;
  output(): number;
}

export interface DiffKernel {
  /** diffconfig's text, or undefined for input the kernel leaves to diff.ts (a CR, a byte beyond ASCII, a malformed line). */
  diff(a: Uint8Array, b: Uint8Array): string | undefined;
}

export function createDiffKernel(wasm: Uint8Array): DiffKernel {
  const k = instantiateKernel<KernelExports>(wasm, 'diffconfig');
  return {
    diff(a, b) {
      const at = k.prepare(a.length, b.length);
      new Uint8Array(k.memory.buffer, at, a.length).set(a);
      new Uint8Array(k.memory.buffer, at + a.length, b.length).set(b);
      const length = k.run();
      return length < 0 ? undefined : Buffer.from(k.memory.buffer, k.output(), length).toString('latin1');
    },
  };
}
