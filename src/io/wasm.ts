// SPDX-License-Identifier: MIT
// The compiled WebAssembly kernels, dist/wasm/NAME.wasm (scripts/build-wasm.mjs).
import { fs } from './node-fs.js';

// NOTE: the package root seen from dist/src/io/, and from the start-up bundle in dist/src/bundle/.
const WASM_DIR = new URL('../../../dist/wasm/', import.meta.url);

// The kernel's bytes, or undefined when it was not built (a `tsc` alone): callers then use JavaScript.
export function readWasm(name: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(new URL(`${name}.wasm`, WASM_DIR));
  } catch {
    return undefined;
  }
}
