// SPDX-License-Identifier: MIT
// A short hex key for naming cache files after their inputs.
// NOTE: not node:crypto: loading it (with the streams it pulls in) costs ~9 ms of start-up, more than a
// warm `kconfig resolve` can spare, and a cache file name needs no cryptographic strength.

// 96 bits (24 hex digits) of a string: four independent 32-bit multiply-xorshift lanes over its UTF-16 units.
export function cacheKey(text: string): string {
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  let c = 0xc2b2ae35;
  let d = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    a = Math.imul(a ^ u, 0x01000193);
    b = Math.imul(b ^ u, 0x5bd1e995);
    c = Math.imul(c ^ u, 0x1b873593);
    d = Math.imul(d ^ u, 0xcc9e2d51);
    a ^= a >>> 15;
    b ^= b >>> 13;
    c ^= c >>> 16;
    d ^= d >>> 14;
  }
  const fin = (h: number, n: number): string => {
    h ^= n;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
  };
  // Three of the four lanes, each mixed with the others so every output bit depends on every lane.
  return fin(a ^ Math.imul(d, 3), text.length) + fin(b ^ Math.imul(a, 5), text.length) + fin(c ^ Math.imul(b, 7) ^ d, text.length);
}
