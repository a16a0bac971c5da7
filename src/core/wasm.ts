// SPDX-License-Identifier: MIT
// Instantiating the WebAssembly kernels (src/wasm/, compiled to dist/wasm/): pure, from their bytes.
import { InternalError } from './errors.js';

// NOTE: @types/node 20 has no WebAssembly types (they come with lib.dom); what is used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

export interface KernelMemory {
  /** Replaced when the kernel grows its memory: read it after every call. */
  memory: { buffer: ArrayBuffer };
}

export function instantiateKernel<T>(wasm: Uint8Array, name: string): T & KernelMemory {
  const imports = {
    env: {
      abort: (): never => {
        throw new InternalError(`the ${name} WebAssembly kernel aborted`);
      },
    },
  };
  return new WebAssembly.Instance(new WebAssembly.Module(wasm), imports).exports as T & KernelMemory;
}
