// SPDX-License-Identifier: MIT
// What a build artifact weighs: an ELF kernel's Berkeley text/data/bss plus its init area and main
// sections, or the plain size and kind of a bzImage, cpio archive or file system image.
import { parseElf, type ElfFile } from '../elf/elf-file.js';
import { berkeleySizes, symbolValue, type BerkeleySizes } from '../elf/symbols.js';

export type ArtifactKind = 'elf' | 'bzImage' | 'cpio' | 'gzip' | 'xz' | 'zstd' | 'lz4' | 'ext4' | 'squashfs' | 'disk' | 'other';

export interface ElfSizes extends BerkeleySizes {
  /** text + data + bss, as `size` prints in its dec column. */
  total: number;
  /** `__init_end - __init_begin` (kernel memory freed after boot), when the symbols exist. */
  init?: number | undefined;
  /** Sizes of the kernel's well-known sections that exist in the file (.text, .rodata, .data, .bss, .brk ...). */
  sections: Record<string, number>;
  bits: 32 | 64;
  endian: 'little' | 'big';
}

export interface ArtifactSize {
  /** The path as the user gave it. */
  file: string;
  kind: ArtifactKind;
  /** Size of the file on disk, in bytes. */
  bytes: number;
  elf?: ElfSizes | undefined;
}

/** The sections worth naming in a report (the talk's .text/.data/.init layout plus today's extras). */
export const KERNEL_SECTIONS = ['.text', '.rodata', '.data', '.init.text', '.init.data', '.bss', '.brk'] as const;

// Recognise an artifact from its first bytes (at least 2 KiB give every answer below).
export function sniffKind(head: Uint8Array): ArtifactKind {
  const ascii = (o: number, s: string): boolean => [...s].every((c, i) => head[o + i] === c.charCodeAt(0));
  if (ascii(0, '\x7fELF')) return 'elf';
  if (ascii(0x202, 'HdrS')) return 'bzImage';
  if (ascii(0, '070701') || ascii(0, '070702') || ascii(0, '070707')) return 'cpio';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (ascii(0, '\xfd7zXZ\0')) return 'xz';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head[0] === 0x02 && head[1] === 0x21 && head[2] === 0x4c && head[3] === 0x18) return 'lz4';
  if (ascii(0, 'hsqs')) return 'squashfs';
  if (head[1080] === 0x53 && head[1081] === 0xef) return 'ext4';
  if (head[510] === 0x55 && head[511] === 0xaa) return 'disk';
  return 'other';
}

// Sizes of a parsed ELF file (kernel or not).
export function elfSizes(elf: ElfFile): ElfSizes {
  const b = berkeleySizes(elf);
  const begin = symbolValue(elf, '__init_begin');
  const end = symbolValue(elf, '__init_end');
  const sections: Record<string, number> = {};
  for (const name of KERNEL_SECTIONS) {
    const s = elf.sections.find((x) => x.name === name);
    if (s) sections[name] = s.size;
  }
  return {
    ...b,
    total: b.text + b.data + b.bss,
    init: begin !== undefined && end !== undefined && end >= begin ? Number(end - begin) : undefined,
    sections,
    bits: elf.bits,
    endian: elf.endian,
  };
}

// Measure one artifact from its bytes (the whole file for ELF, at least its head otherwise).
export function measureArtifact(file: string, bytes: Uint8Array, fileSize: number): ArtifactSize {
  const kind = sniffKind(bytes);
  if (kind !== 'elf') return { file, kind, bytes: fileSize };
  return { file, kind, bytes: fileSize, elf: elfSizes(parseElf(bytes, file)) };
}
