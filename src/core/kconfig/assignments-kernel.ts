// SPDX-License-Identifier: MIT
// The WebAssembly kernel for `kconfig merge` (src/wasm/assignments.ts): where a base assigns any of the
// names the fragments touch. merge.ts's regex scan is the reference it must equal.
import { Buffer } from 'node:buffer';
import { instantiateKernel } from '../wasm.js';

interface KernelExports {
  prepare(textLength: number, namesLength: number, prefixLength: number): number;
  find(): number;
  matches(): number;
}

/**
 * The assignment lines of `names` in `text` (`PREFIX<name>=` or `# PREFIX<name> is not set` at a line
 * start after \n): (line start, line end without its \n, index into names) each, in text order; or
 * undefined when the kernel cannot take the input (text or prefix beyond ASCII).
 */
export type AssignmentFinder = (text: string, names: readonly string[], prefix: string) => Int32Array | undefined;

const BEYOND_ASCII = /[^\x00-\x7f]/;

export function createAssignmentFinder(wasm: Uint8Array): AssignmentFinder {
  const k = instantiateKernel<KernelExports>(wasm, 'assignments');
  return (text, names, prefix) => {
    // NOTE: written as latin1, one byte per UTF-16 unit: offsets are the string's indices for ASCII.
    if (BEYOND_ASCII.test(text) || BEYOND_ASCII.test(prefix)) return undefined;
    const list = names.length === 0 ? '' : names.join('\n') + '\n';
    if (BEYOND_ASCII.test(list)) return undefined;
    const at = k.prepare(text.length, list.length, prefix.length);
    const memory = Buffer.from(k.memory.buffer);
    memory.write(text, at, 'latin1');
    memory.write(list, at + text.length, 'latin1');
    memory.write(prefix, at + text.length + list.length, 'latin1');
    const hits = k.find();
    return new Int32Array(k.memory.buffer, k.matches(), hits * 3).slice();
  };
}
