// SPDX-License-Identifier: MIT
// `size diff`: bloat-o-meter's comparison of two ELF files.
import { resolve } from 'node:path';
import { parseElf } from '../core/elf/elf-file.js';
import { sizeSortedSymbols, type SizedSymbol } from '../core/elf/symbols.js';
import { MicroyoctoError } from '../core/errors.js';
import { bloatJson, bloatOMeter, formatBloat, type BloatMode, type BloatSection } from '../core/size/bloat-o-meter.js';
import { readBinaryFile } from '../io/files.js';

export interface SizeDiffOutcome {
  sections: BloatSection[];
  text: string;
  json: unknown;
}

async function readSymbols(file: string, cwd: string): Promise<SizedSymbol[]> {
  const elf = parseElf(await readBinaryFile(resolve(cwd, file), 'ELF file'), file);
  if (!elf.hasSymtab) {
    throw new MicroyoctoError('ELF_INVALID', `${file}: no symbol table (the file is stripped)`, { hint: 'compare unstripped files (vmlinux, not a stripped copy)' });
  }
  return sizeSortedSymbols(elf);
}

// Compare the symbols of two ELF files.
export async function runSizeDiff(oldFile: string, newFile: string, mode: BloatMode, cwd: string): Promise<SizeDiffOutcome> {
  const sections = bloatOMeter(await readSymbols(oldFile, cwd), await readSymbols(newFile, cwd), mode);
  return { sections, text: formatBloat(sections), json: bloatJson(sections, mode) };
}
