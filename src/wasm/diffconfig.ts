// SPDX-License-Identifier: MIT
// AssemblyScript (compiled to WebAssembly by scripts/build-wasm.mjs, not by tsc): the text of
// `kconfig diff A B` for two ASCII .config files, with the reading rules of the kernel's scripts/diffconfig
// that src/core/kconfig/diff.ts implements (the reference; a property test holds them equal).
// Why: cold JavaScript pays for every line and every name string (~30 ms on allyes vs allmod, a fifth of
// the whole run); this works on the bytes, from the first call at compiled speed. Anything unusual
// (a CR, a byte beyond ASCII, a CONFIG_ line without '=') returns -1 and the JavaScript path takes over,
// with its warnings.

import { ensure, findByte, hash, same } from './lib/bytes';

const FALLBACK: i32 = -1;

let aPtr: usize = 0;
let aLen: i32 = 0;
let bPtr: usize = 0;
let bLen: i32 = 0;
let outStart: usize = 0;

// slot fields (i32, 32 bytes): name ptr, name len, a ptr, a len (-1: absent), b ptr, b len (-1: absent),
// the name's hash
const SLOT: i32 = 32;
let slots: usize = 0;
let nslots: i32 = 0;
let table: usize = 0;
let mask: u32 = 0;
let nPtr: usize = 0;

// Room for the two files; returns where A goes (B follows it).
export function prepare(aL: i32, bL: i32): usize {
  aLen = aL;
  bLen = bL;
  nPtr = (__heap_base + 15) & ~15;
  aPtr = nPtr + 16;
  bPtr = aPtr + <usize>aL;
  ensure(bPtr + <usize>bL);
  store<u8>(nPtr, 0x6e); // "n"
  return aPtr;
}

export function output(): usize {
  return outStart;
}

// Double the table (its room is reserved for the most names the files can hold) and re-enter every slot.
// NOTE: it starts small: a table sized for the worst case would be mostly empty memory to clear and to
// miss in the cache.
function grow(): void {
  const cap = (mask + 1) << 1;
  mask = cap - 1;
  memory.fill(table, 0, <usize>(mask + 1) << 2);
  for (let k = 0; k < nslots; k++) {
    let i = load<u32>(slots + <usize>k * SLOT, 24) & mask;
    while (load<u32>(table + (<usize>i << 2)) != 0) i = (i + 1) & mask;
    store<u32>(table + (<usize>i << 2), <u32>(k + 1));
  }
}

function slotOf(p: usize, n: i32): usize {
  const h = hash(p, n);
  let i = h & mask;
  while (true) {
    const s = load<u32>(table + (<usize>i << 2));
    if (s == 0) {
      const at = slots + <usize>nslots * SLOT;
      store<i32>(at, <i32>p);
      store<i32>(at, n, 4);
      store<i32>(at, 0, 8);
      store<i32>(at, -1, 12);
      store<i32>(at, 0, 16);
      store<i32>(at, -1, 20);
      store<u32>(at, h, 24);
      nslots++;
      store<u32>(table + (<usize>i << 2), <u32>nslots);
      if (<u32>nslots * 2 > mask) grow();
      return at;
    }
    const at = slots + <usize>(s - 1) * SLOT;
    if (load<u32>(at, 24) == h && load<i32>(at, 4) == n && same(<usize>load<i32>(at), p, n)) return at;
    i = (i + 1) & mask;
  }
}

function startsWith(p: usize, lit: string, len: i32): bool {
  for (let i = 0; i < len; i++) if (<i32>load<u8>(p + i) != lit.charCodeAt(i)) return false;
  return true;
}

// Read one file into the slots (field 8: A's value, 16: B's). False when the JS reader must take over.
function scan(start: usize, len: i32, field: i32): bool {
  const end = start + <usize>len;
  let pos = start;
  while (pos < end) {
    let nl = pos;
    // eight bytes at a time while none is a newline, a CR or beyond ASCII
    while (nl + 8 <= end) {
      const x = load<u64>(nl);
      const lf = x ^ 0x0a0a0a0a0a0a0a0a;
      const cr = x ^ 0x0d0d0d0d0d0d0d0d;
      if ((((lf - 0x0101010101010101) & ~lf) | ((cr - 0x0101010101010101) & ~cr) | x) & 0x8080808080808080) break;
      nl += 8;
    }
    while (nl < end) {
      const c = load<u8>(nl);
      if (c == 10) break;
      if (c == 13 || c >= 0x80) return false;
      nl++;
    }
    // diffconfig drops the last character of every line: the newline, or a real one on a last line without.
    const e = nl < end ? nl : end - 1;
    const n = <i32>(e - pos);
    let name: usize = 0;
    let nameLen: i32 = -1;
    let val: usize = 0;
    let valLen: i32 = 0;
    if (n >= 7 && startsWith(pos, 'CONFIG_', 7)) {
      const eq = findByte(pos + 7, e, 61);
      if (eq >= e) return false; // malformed: the JS reader warns
      name = pos + 7;
      nameLen = <i32>(eq - name);
      val = eq + 1;
      valLen = <i32>(e - val);
    }
    if (n >= 11 && startsWith(e - 11, ' is not set', 11)) {
      name = pos + 9;
      nameLen = n - 20 > 0 ? n - 20 : 0;
      val = nPtr;
      valLen = 1;
    }
    if (nameLen >= 0) {
      const at = slotOf(name, nameLen);
      store<i32>(at + field, <i32>val);
      store<i32>(at + field, valLen, 4);
    }
    pos = nl + 1;
  }
  return true;
}

// Name order of two slots: bytes, then length (code point order, as Python sorts, for ASCII).
function less(x: i32, y: i32): bool {
  const sx = slots + <usize>x * SLOT;
  const sy = slots + <usize>y * SLOT;
  const nx = load<i32>(sx, 4);
  const ny = load<i32>(sy, 4);
  const c = memory.compare(<usize>load<i32>(sx), <usize>load<i32>(sy), nx < ny ? nx : ny);
  return c != 0 ? c < 0 : nx < ny;
}

// Sort slot numbers arr[lo, hi) by name: quicksort, insertion sort for short runs.
function sort(arr: usize, lo: i32, hi: i32): void {
  while (hi - lo > 16) {
    const mid = lo + ((hi - lo) >> 1);
    const pivot = load<i32>(arr + (<usize>mid << 2));
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (less(load<i32>(arr + (<usize>i << 2)), pivot)) i++;
      while (less(pivot, load<i32>(arr + (<usize>j << 2)))) j--;
      if (i <= j) {
        const t = load<i32>(arr + (<usize>i << 2));
        store<i32>(arr + (<usize>i << 2), load<i32>(arr + (<usize>j << 2)));
        store<i32>(arr + (<usize>j << 2), t);
        i++;
        j--;
      }
    }
    if (j - lo < hi - i) {
      sort(arr, lo, j + 1);
      lo = i;
    } else {
      sort(arr, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = load<i32>(arr + (<usize>i << 2));
    let j = i - 1;
    while (j >= lo && less(v, load<i32>(arr + (<usize>j << 2)))) {
      store<i32>(arr + (<usize>(j + 1) << 2), load<i32>(arr + (<usize>j << 2)));
      j--;
    }
    store<i32>(arr + (<usize>(j + 1) << 2), v);
  }
}

function put(o: usize, p: usize, n: i32): usize {
  memory.copy(o, p, n);
  return o + <usize>n;
}

// One group's lines from o on: the mark, the name, a space, the value at field `first`, and with
// `second` >= 0 " -> " and that value; the end of the output.
function emit(o: usize, group: usize, count: i32, mark: u8, first: i32, second: i32): usize {
  for (let k = 0; k < count; k++) {
    const at = slots + <usize>load<i32>(group + (<usize>k << 2)) * SLOT;
    store<u8>(o++, mark);
    o = put(o, <usize>load<i32>(at), load<i32>(at, 4));
    store<u8>(o++, 32);
    o = put(o, <usize>load<i32>(at + first), load<i32>(at + first, 4));
    if (second >= 0) {
      store<u32>(o, 0x203e2d20); // " -> "
      o += 4;
      o = put(o, <usize>load<i32>(at + second), load<i32>(at + second, 4));
    }
    store<u8>(o++, 10);
  }
  return o;
}

// diffconfig's text into memory at output(); its length, or -1 when the JS path must take over
// (a CR, a byte beyond ASCII, or a malformed line).
export function run(): i32 {
  // a name needs a line of at least 8 bytes ("CONFIG_=" or " is not set")
  const maxSlots = ((aLen + bLen) >> 3) + 4;
  let cap: u32 = 1024;
  while (cap < <u32>maxSlots * 2) cap <<= 1;
  mask = (cap < 4096 ? cap : 4096) - 1;
  table = (bPtr + <usize>bLen + 15) & ~15;
  slots = table + (<usize>cap << 2);
  const groups = slots + <usize>maxSlots * SLOT;
  outStart = groups + (<usize>maxSlots << 2) * 3;
  ensure(outStart + (<usize>(aLen + bLen) << 1) + (<usize>maxSlots << 3));
  memory.fill(table, 0, <usize>(mask + 1) << 2);
  nslots = 0;
  if (!scan(aPtr, aLen, 8) || !scan(bPtr, bLen, 16)) return FALLBACK;
  const removed = groups;
  const changed = groups + (<usize>maxSlots << 2);
  const added = groups + (<usize>maxSlots << 3);
  let nr = 0;
  let nc = 0;
  let na = 0;
  for (let i = 0; i < nslots; i++) {
    const at = slots + <usize>i * SLOT;
    const al = load<i32>(at, 12);
    const bl = load<i32>(at, 20);
    if (bl < 0) {
      store<i32>(removed + (<usize>nr << 2), i);
      nr++;
    } else if (al < 0) {
      store<i32>(added + (<usize>na << 2), i);
      na++;
    } else if (al != bl || !same(<usize>load<i32>(at, 8), <usize>load<i32>(at, 16), al)) {
      store<i32>(changed + (<usize>nc << 2), i);
      nc++;
    }
  }
  sort(removed, 0, nr);
  sort(changed, 0, nc);
  sort(added, 0, na);
  // `-NAME old`, ` NAME old -> new`, `+NAME new`
  let o = emit(outStart, removed, nr, 45, 8, -1);
  o = emit(o, changed, nc, 32, 8, 16);
  o = emit(o, added, na, 43, 16, -1);
  return <i32>(o - outStart);
}
