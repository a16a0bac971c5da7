// SPDX-License-Identifier: MIT
// Pure ELF reading: the file header, section headers, string tables and the symbol table of ELF32 and
// ELF64 files of either byte order. Bytes in, plain objects out; every read is bounds-checked.
import { MicroyoctoError } from '../errors.js';

export const SHT_NOBITS = 8;
export const SHT_SYMTAB = 2;
export const SHT_SYMTAB_SHNDX = 18;
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  info: number;
  entsize: number;
}

export interface ElfSymbol {
  name: string;
  value: bigint;
  size: number;
  /** STB_* (0 local, 1 global, 2 weak, 10 GNU unique). */
  bind: number;
  /** STT_* (0 notype, 1 object, 2 func, 3 section, 4 file, 5 common, 6 tls, 10 GNU ifunc). */
  type: number;
  /** The section index, with SHN_XINDEX already resolved through .symtab_shndx. */
  shndx: number;
}

export interface ElfFile {
  bits: 32 | 64;
  endian: 'little' | 'big';
  /** e_type: 1 relocatable, 2 executable, 3 shared object, 4 core. */
  type: number;
  machine: number;
  sections: ElfSection[];
  /** The static symbol table (.symtab) without its null entry 0; empty when the file is stripped. */
  symbols: ElfSymbol[];
  hasSymtab: boolean;
}

// True when the bytes start with the ELF magic.
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

class Reader {
  readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly le: boolean,
    readonly wide: boolean,
    readonly file: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  check(offset: number, length: number, what: string): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > this.bytes.length) {
      throw invalid(this.file, `${what} lies outside the file (offset ${offset}, ${length} bytes, file is ${this.bytes.length} bytes)`);
    }
  }
  u8(o: number): number {
    return this.view.getUint8(o);
  }
  u16(o: number): number {
    return this.view.getUint16(o, this.le);
  }
  u32(o: number): number {
    return this.view.getUint32(o, this.le);
  }
  u64(o: number): bigint {
    return this.view.getBigUint64(o, this.le);
  }
  /** A 32- or 64-bit word (addresses keep full width). */
  word(o: number): bigint {
    return this.wide ? this.u64(o) : BigInt(this.u32(o));
  }
  /** A word used as an offset or size: must fit in a JS number. */
  num(o: number, what: string): number {
    const v = this.word(o);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(this.file, `${what} is too large (${v})`);
    return Number(v);
  }
}

function invalid(file: string, message: string): MicroyoctoError {
  return new MicroyoctoError('ELF_INVALID', `${file}: ${message}`, { hint: 'is it a complete, uncompressed ELF file (vmlinux, not bzImage)?' });
}

const decoder = new TextDecoder('latin1');

function cString(r: Reader, table: ElfSection | undefined, offset: number): string {
  if (table === undefined) return '';
  if (offset >= table.size) return '';
  const start = table.offset + offset;
  const limit = table.offset + table.size;
  let end = start;
  while (end < limit && r.bytes[end] !== 0) end++;
  return decoder.decode(r.bytes.subarray(start, end));
}

// Parse an ELF file. `file` names it in error messages.
export function parseElf(bytes: Uint8Array, file: string): ElfFile {
  if (!isElf(bytes)) throw invalid(file, 'not an ELF file (no \\x7fELF magic)');
  if (bytes.length < 52) throw invalid(file, 'truncated ELF header');
  const cls = bytes[4];
  const data = bytes[5];
  if (cls !== 1 && cls !== 2) throw invalid(file, `unknown ELF class ${cls} (expected 1 for ELF32 or 2 for ELF64)`);
  if (data !== 1 && data !== 2) throw invalid(file, `unknown ELF data encoding ${data} (expected 1 little or 2 big endian)`);
  const wide = cls === 2;
  const r = new Reader(bytes, data === 1, wide, file);
  r.check(0, wide ? 64 : 52, 'ELF header');
  const type = r.u16(16);
  const machine = r.u16(18);
  const shoff = r.num(wide ? 40 : 32, 'e_shoff');
  const shentsize = r.u16(wide ? 58 : 46);
  let shnum = r.u16(wide ? 60 : 48);
  let shstrndx = r.u16(wide ? 62 : 50);
  const sections: ElfSection[] = [];
  if (shoff !== 0) {
    const minEnt = wide ? 64 : 40;
    if (shentsize < minEnt) throw invalid(file, `section header entry size ${shentsize} is smaller than ${minEnt}`);
    r.check(shoff, shentsize, 'section header 0');
    // NOTE: with 0xff00 or more sections the real count and string-table index live in section 0.
    if (shnum === 0) shnum = r.num(shoff + (wide ? 32 : 20), 'section count');
    if (shstrndx === SHN_XINDEX) shstrndx = r.u32(shoff + (wide ? 40 : 24));
    r.check(shoff, shnum * shentsize, 'section header table');
    for (let i = 0; i < shnum; i++) {
      const o = shoff + i * shentsize;
      const s: ElfSection = wide
        ? {
            index: i,
            name: String(r.u32(o)),
            type: r.u32(o + 4),
            flags: r.u64(o + 8),
            addr: r.u64(o + 16),
            offset: r.num(o + 24, 'sh_offset'),
            size: r.num(o + 32, 'sh_size'),
            link: r.u32(o + 40),
            info: r.u32(o + 44),
            entsize: r.num(o + 56, 'sh_entsize'),
          }
        : {
            index: i,
            name: String(r.u32(o)),
            type: r.u32(o + 4),
            flags: BigInt(r.u32(o + 8)),
            addr: BigInt(r.u32(o + 12)),
            offset: r.u32(o + 16),
            size: r.u32(o + 20),
            link: r.u32(o + 24),
            info: r.u32(o + 28),
            entsize: r.u32(o + 36),
          };
      if (s.type !== SHT_NOBITS && s.type !== 0) r.check(s.offset, s.size, `section ${i}`);
      sections.push(s);
    }
    const shstr = shstrndx < sections.length && shstrndx !== SHN_UNDEF ? sections[shstrndx] : undefined;
    for (const s of sections) s.name = cString(r, shstr, Number(s.name));
  }
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  const symbols = symtab ? readSymbols(r, symtab, sections) : [];
  return { bits: wide ? 64 : 32, endian: data === 1 ? 'little' : 'big', type, machine, sections, symbols, hasSymtab: symtab !== undefined };
}

function readSymbols(r: Reader, symtab: ElfSection, sections: readonly ElfSection[]): ElfSymbol[] {
  const entsize = symtab.entsize || (r.wide ? 24 : 16);
  if (entsize < (r.wide ? 24 : 16)) throw invalid(r.file, `symbol entry size ${entsize} is too small`);
  const strtab = sections[symtab.link];
  const shndxTable = sections.find((s) => s.type === SHT_SYMTAB_SHNDX && s.link === symtab.index);
  const count = Math.floor(symtab.size / entsize);
  const out: ElfSymbol[] = [];
  for (let i = 1; i < count; i++) {
    const o = symtab.offset + i * entsize;
    let nameOff: number, value: bigint, size: number, info: number, shndx: number;
    if (r.wide) {
      nameOff = r.u32(o);
      info = r.u8(o + 4);
      shndx = r.u16(o + 6);
      value = r.u64(o + 8);
      size = r.num(o + 16, 'st_size');
    } else {
      nameOff = r.u32(o);
      value = BigInt(r.u32(o + 4));
      size = r.u32(o + 8);
      info = r.u8(o + 12);
      shndx = r.u16(o + 14);
    }
    if (shndx === SHN_XINDEX && shndxTable !== undefined && (i + 1) * 4 <= shndxTable.size) {
      shndx = r.u32(shndxTable.offset + i * 4);
    }
    out.push({ name: cString(r, strtab, nameOff), value, size, bind: info >> 4, type: info & 0xf, shndx });
  }
  return out;
}
