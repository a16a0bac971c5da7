// SPDX-License-Identifier: MIT
// AssemblyScript (compiled to WebAssembly by scripts/build-wasm.mjs, not by tsc): where a base .config
// assigns any of a set of names, for `kconfig merge` (src/core/kconfig/merge.ts is the reference: its
// `^(?:PREFIX(NAME)=|# PREFIX(NAME) is not set)` scan, at line starts after \n only).
// Why: the base is usually a whole allyesconfig (16,000 lines) of which the fragments touch a few hundred
// names; matching every assignment with a regex and looking its name up cost cold JavaScript ~15 ms.
// Input must be ASCII (the caller checks): then byte offsets are the string's indices.

import { ensure, findByte, hash, same } from './lib/bytes';

let textPtr: usize = 0;
let textLen: i32 = 0;
let namesPtr: usize = 0;
let namesLen: i32 = 0;
let prefixPtr: usize = 0;
let prefixLen: i32 = 0;
let found: usize = 0;

// name list: (ptr, len, hash) per name; hash table of name index + 1
let names: usize = 0;
let table: usize = 0;
let mask: u32 = 0;

// Room for the text, the names (each followed by \n) and the prefix; returns where the text goes (the
// names follow it, then the prefix).
export function prepare(tLen: i32, nLen: i32, pLen: i32): usize {
  textLen = tLen;
  namesLen = nLen;
  prefixLen = pLen;
  textPtr = (__heap_base + 15) & ~15;
  namesPtr = textPtr + <usize>tLen;
  prefixPtr = namesPtr + <usize>nLen;
  ensure(prefixPtr + <usize>pLen);
  return textPtr;
}

// The matches found by find(): (line start, line end without its \n, name index) each.
export function matches(): usize {
  return found;
}

// Index of the name at p (n bytes), or -1.
function lookup(p: usize, n: i32): i32 {
  const h = hash(p, n);
  let i = h & mask;
  while (true) {
    const s = load<i32>(table + (<usize>i << 2));
    if (s == 0) return -1;
    const at = names + <usize>(s - 1) * 12;
    if (load<u32>(at, 8) == h && load<i32>(at, 4) == n && same(<usize>load<i32>(at), p, n)) return s - 1;
    i = (i + 1) & mask;
  }
}

function startsWith(p: usize, end: usize, lit: usize, n: i32): bool {
  return p + <usize>n <= end && same(p, lit, n);
}

const NOT_SET = " is not set";

// Find the assignments; their count (see matches()).
export function find(): i32 {
  // the names, one per line
  let count = 0;
  for (let i = 0; i < namesLen; i++) if (load<u8>(namesPtr + i) == 10) count++;
  let cap: u32 = 64;
  while (cap < <u32>count * 2) cap <<= 1;
  mask = cap - 1;
  names = (prefixPtr + <usize>prefixLen + 15) & ~15;
  table = names + <usize>count * 12;
  const notSet = table + (<usize>cap << 2);
  found = (notSet + 16 + 15) & ~15;
  // at most one match per line, and a line holds at least one byte and its newline
  ensure(found + (<usize>((textLen >> 1) + 2) * 12));
  memory.fill(table, 0, <usize>cap << 2);
  for (let i = 0; i < NOT_SET.length; i++) store<u8>(notSet + i, <u8>NOT_SET.charCodeAt(i));
  let start = namesPtr;
  let k = 0;
  for (let i = 0; i < namesLen; i++) {
    const p = namesPtr + i;
    if (load<u8>(p) != 10) continue;
    const n = <i32>(p - start);
    const at = names + <usize>k * 12;
    const h = hash(start, n);
    store<i32>(at, <i32>start);
    store<i32>(at, n, 4);
    store<u32>(at, h, 8);
    let j = h & mask;
    while (load<i32>(table + (<usize>j << 2)) != 0) j = (j + 1) & mask;
    store<i32>(table + (<usize>j << 2), k + 1);
    k++;
    start = p + 1;
  }
  // the lines
  const end = textPtr + <usize>textLen;
  let line = textPtr;
  let hits = 0;
  while (line < end) {
    const nl = findByte(line, end, 10);
    // NOTE: the name is taken up to the '=' (or the space); only a name in the table counts, and every
    // name in it is a [A-Za-z0-9_]+ run, so a hit is exactly a regex match.
    let name: usize = 0;
    let n = 0;
    if (startsWith(line, nl, prefixPtr, prefixLen)) {
      name = line + <usize>prefixLen;
      const eq = findByte(name, nl, 61);
      if (eq < nl) n = <i32>(eq - name);
    } else if (nl - line >= 2 && load<u8>(line) == 35 && load<u8>(line + 1) == 32 && startsWith(line + 2, nl, prefixPtr, prefixLen)) {
      name = line + 2 + <usize>prefixLen;
      const space = findByte(name, nl, 32);
      if (startsWith(space, nl, notSet, NOT_SET.length)) n = <i32>(space - name);
    }
    if (n > 0) {
      const idx = lookup(name, n);
      if (idx >= 0) {
        const at = found + <usize>hits * 12;
        store<i32>(at, <i32>(line - textPtr));
        store<i32>(at, <i32>(nl - textPtr), 4);
        store<i32>(at, idx, 8);
        hits++;
      }
    }
    line = nl + 1;
  }
  return hits;
}
