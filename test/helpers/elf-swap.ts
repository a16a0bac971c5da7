// SPDX-License-Identifier: MIT
// Turn a little-endian ELF file into the same file in big-endian byte order (headers, section headers,
// symbol tables, extended section indices and group sections), so tests can check big-endian reading
// without a cross compiler.

function swapField(buf: Uint8Array, offset: number, width: number): void {
  buf.subarray(offset, offset + width).reverse();
}

// A big-endian copy of a little-endian ELF file.
export function elfToBigEndian(input: Uint8Array): Uint8Array {
  const b = Uint8Array.from(input);
  if (b[5] !== 1) throw new Error('not a little-endian ELF file');
  const wide = b[4] === 2;
  const v = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const word = wide ? 8 : 4;
  // ELF header fields after e_ident, in order: type, machine, version, entry, phoff, shoff, flags,
  // ehsize, phentsize, phnum, shentsize, shnum, shstrndx.
  const header = [2, 2, 4, word, word, word, 4, 2, 2, 2, 2, 2, 2];
  let o = 16;
  for (const w of header) {
    swapField(b, o, w);
    o += w;
  }
  const phoff = Number(wide ? v.getBigUint64(32, true) : BigInt(v.getUint32(28, true)));
  const phentsize = v.getUint16(wide ? 54 : 42, true);
  const phnum = v.getUint16(wide ? 56 : 44, true);
  const phFields = wide ? [4, 4, 8, 8, 8, 8, 8, 8] : [4, 4, 4, 4, 4, 4, 4, 4];
  for (let i = 0; i < phnum; i++) {
    let p = phoff + i * phentsize;
    for (const w of phFields) {
      swapField(b, p, w);
      p += w;
    }
  }
  const shoff = Number(wide ? v.getBigUint64(40, true) : BigInt(v.getUint32(32, true)));
  const shentsize = v.getUint16(wide ? 58 : 46, true);
  const shnum = v.getUint16(wide ? 60 : 48, true);
  const shFields = wide ? [4, 4, 8, 8, 8, 8, 4, 4, 8, 8] : [4, 4, 4, 4, 4, 4, 4, 4, 4, 4];
  for (let i = 0; i < shnum; i++) {
    const s = shoff + i * shentsize;
    const type = v.getUint32(s + 4, true);
    const offset = Number(wide ? v.getBigUint64(s + 24, true) : BigInt(v.getUint32(s + 16, true)));
    const size = Number(wide ? v.getBigUint64(s + 32, true) : BigInt(v.getUint32(s + 20, true)));
    let p = s;
    for (const w of shFields) {
      swapField(b, p, w);
      p += w;
    }
    if (type === 2 || type === 11) {
      // SHT_SYMTAB / SHT_DYNSYM entries.
      const ent = wide ? 24 : 16;
      const fields = wide ? [4, 1, 1, 2, 8, 8] : [4, 4, 4, 1, 1, 2];
      for (let e = offset; e + ent <= offset + size; e += ent) {
        let q = e;
        for (const w of fields) {
          swapField(b, q, w);
          q += w;
        }
      }
    } else if (type === 17 || type === 18) {
      // SHT_GROUP and SHT_SYMTAB_SHNDX: arrays of 32-bit words.
      for (let q = offset; q + 4 <= offset + size; q += 4) swapField(b, q, 4);
    }
  }
  b[5] = 2;
  return b;
}
