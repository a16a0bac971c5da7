// SPDX-License-Identifier: MIT
// What binutils `nm` and `size` see in an ELF file: BFD's section flags, nm's one-letter symbol types,
// the symbols `nm --size-sort` lists, and `size`'s Berkeley text/data/bss sums.
import {
  SHF_ALLOC,
  SHF_EXECINSTR,
  SHF_WRITE,
  SHN_ABS,
  SHN_COMMON,
  SHN_LORESERVE,
  SHN_UNDEF,
  SHT_NOBITS,
  type ElfFile,
  type ElfSection,
  type ElfSymbol,
} from './elf-file.js';

const STB_LOCAL = 0;
const STB_GLOBAL = 1;
const STB_WEAK = 2;
const STB_GNU_UNIQUE = 10;
const STT_OBJECT = 1;
const STT_SECTION = 3;
const STT_FILE = 4;
const STT_GNU_IFUNC = 10;

export interface SectionKind {
  alloc: boolean;
  code: boolean;
  /** BFD's SEC_DATA: allocated, loaded (has file contents) and not code. */
  data: boolean;
  readonly: boolean;
  hasContents: boolean;
  debugging: boolean;
}

// The BFD flags binutils derives from an ELF section header (bfd/elf.c, _bfd_elf_make_section_from_shdr).
export function sectionKind(s: ElfSection): SectionKind {
  const alloc = (s.flags & BigInt(SHF_ALLOC)) !== 0n;
  const hasContents = s.type !== SHT_NOBITS;
  const code = (s.flags & BigInt(SHF_EXECINSTR)) !== 0n;
  const readonly = (s.flags & BigInt(SHF_WRITE)) === 0n;
  const debugging = !alloc && /^(\.debug|\.gnu\.linkonce\.wi\.|\.zdebug|\.line|\.stab|\.gnu\.debuglto_)/.test(s.name);
  return { alloc, code, data: !code && alloc && hasContents, readonly, hasContents, debugging };
}

// nm's letter for a section (bfd/syms.c decode_section_type).
function sectionLetter(k: SectionKind): string {
  if (k.code) return 't';
  if (k.data) return k.readonly ? 'r' : 'd';
  if (!k.hasContents) return 'b';
  if (k.debugging) return 'N';
  if (k.readonly) return 'n';
  return '?';
}

// The one-letter type `nm` prints for a symbol (bfd/syms.c bfd_decode_symclass on ELF symbols).
export function nmType(sym: ElfSymbol, sections: readonly ElfSection[]): string {
  if (sym.shndx === SHN_COMMON) return 'C';
  if (sym.shndx === SHN_UNDEF) {
    if (sym.bind === STB_WEAK) return sym.type === STT_OBJECT ? 'v' : 'w';
    return 'U';
  }
  if (sym.type === STT_GNU_IFUNC) return 'i';
  if (sym.bind === STB_WEAK) return sym.type === STT_OBJECT ? 'V' : 'W';
  if (sym.bind === STB_GNU_UNIQUE) return 'u';
  if (sym.bind !== STB_GLOBAL && sym.bind !== STB_LOCAL) return '?';
  const section = sym.shndx < SHN_LORESERVE ? sections[sym.shndx] : undefined;
  const c = section === undefined ? 'a' : sectionLetter(sectionKind(section));
  return sym.bind === STB_GLOBAL ? c.toUpperCase() : c;
}

export interface SizedSymbol {
  name: string;
  type: string;
  size: number;
}

// The symbols `nm --size-sort` prints, smallest first.
// nm keeps no debugging (section, file) symbols, no absolute or undefined ones, and none of size 0.
export function sizeSortedSymbols(elf: ElfFile): SizedSymbol[] {
  const out: Array<SizedSymbol & { value: bigint }> = [];
  for (const sym of elf.symbols) {
    if (sym.type === STT_SECTION || sym.type === STT_FILE) continue;
    if (sym.shndx === SHN_UNDEF) continue;
    if (sym.shndx === SHN_ABS || (sym.shndx >= SHN_LORESERVE && sym.shndx !== SHN_COMMON && !isLargeCommon(elf, sym.shndx))) continue;
    if (sym.size === 0) continue;
    if (sym.shndx < SHN_LORESERVE && elf.sections[sym.shndx] === undefined) continue; // BFD: absolute
    // NOTE: since binutils 2.35 ld writes versioned names (`tzname@@GLIBC_2.2.5`) into .symtab itself,
    // and nm 2.40 prints them as they are.
    out.push({ name: sym.name, type: nmType(sym, elf.sections), size: sym.size, value: sym.value });
  }
  // NOTE: nm's final order is by size, then by name (strcoll; byte order in the C locale). Callers that
  // aggregate (bloat-o-meter) do not depend on it.
  out.sort((a, b) => a.size - b.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out.map(({ name, type, size }) => ({ name, type, size }));
}

// x86-64's SHN_X86_64_LCOMMON is a common section too.
function isLargeCommon(elf: ElfFile, shndx: number): boolean {
  return elf.machine === 62 && shndx === 0xff02;
}

export interface BerkeleySizes {
  text: number;
  data: number;
  bss: number;
}

// `size` in its default (Berkeley) format: allocated sections that are code or read-only count as
// text, other allocated sections with contents as data, the rest as bss (binutils size.c).
export function berkeleySizes(elf: ElfFile): BerkeleySizes {
  let text = 0;
  let data = 0;
  let bss = 0;
  for (const s of elf.sections) {
    if (s.type === 0) continue;
    const k = sectionKind(s);
    if (!k.alloc) continue;
    if (k.code || k.readonly) text += s.size;
    else if (k.hasContents) data += s.size;
    else bss += s.size;
  }
  return { text, data, bss };
}

// Find a symbol's address by name (first match), e.g. __init_begin.
export function symbolValue(elf: ElfFile, name: string): bigint | undefined {
  return elf.symbols.find((s) => s.name === name && s.shndx !== SHN_UNDEF)?.value;
}
