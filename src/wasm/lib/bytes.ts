// SPDX-License-Identifier: MIT
// Byte helpers shared by the AssemblyScript kernels in src/wasm/ (a library, not a kernel of its own).

// Grow linear memory to hold at least `end` bytes.
export function ensure(end: usize): void {
  const have = <usize>memory.size() << 16;
  if (end > have) memory.grow(<i32>((end - have + 0xffff) >> 16));
}

// A hash of n bytes at p, eight bytes at a time (FNV-style multiply, folded to 32 bits).
export function hash(p: usize, n: i32): u32 {
  let h: u64 = 0xcbf29ce484222325 ^ <u64>n;
  let i = 0;
  for (; i + 8 <= n; i += 8) h = (h ^ load<u64>(p + i)) * 0x100000001b3;
  let t: u64 = 0;
  for (let k = 0; i < n; i++, k += 8) t |= <u64>load<u8>(p + i) << k;
  h = (h ^ t) * 0x100000001b3;
  return <u32>(h ^ (h >> 29));
}

// Equal byte ranges of length n, eight bytes at a time.
export function same(x: usize, y: usize, n: i32): bool {
  let i = 0;
  for (; i + 8 <= n; i += 8) if (load<u64>(x + i) != load<u64>(y + i)) return false;
  for (; i < n; i++) if (load<u8>(x + i) != load<u8>(y + i)) return false;
  return true;
}

// The first byte c at or after p (or end): eight bytes at a time while there is none.
export function findByte(p: usize, end: usize, c: u8): usize {
  const pattern = <u64>c * 0x0101010101010101;
  while (p + 8 <= end) {
    const x = load<u64>(p) ^ pattern;
    if ((x - 0x0101010101010101) & ~x & 0x8080808080808080) break;
    p += 8;
  }
  while (p < end && load<u8>(p) != c) p++;
  return p;
}
