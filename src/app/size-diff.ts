// SPDX-License-Identifier: MIT
// `size diff`: bloat-o-meter's comparison of two ELF files.
import { join, resolve } from 'node:path';
import { parseElf } from '../core/elf/elf-file.js';
import { sizeSortedSymbols, type SizedSymbol } from '../core/elf/symbols.js';
import { MicroyoctoError } from '../core/errors.js';
import { bloatJson, bloatOMeter, formatBloat, type BloatMode, type BloatSection } from '../core/size/bloat-o-meter.js';
import { isDirectory, pathExists, readBinaryFile } from '../io/files.js';

export interface SizeDiffOutcome {
  sections: BloatSection[];
  text: string;
  json: unknown;
}

// A build folder (a kernel O= folder, or one holding vmlinux) stands for its vmlinux.
async function elfPath(file: string, cwd: string): Promise<string> {
  const abs = resolve(cwd, file);
  if (!(await isDirectory(abs))) return abs;
  if (await pathExists(join(abs, 'vmlinux'))) return join(abs, 'vmlinux');
  throw new MicroyoctoError('FILE_NOT_FOUND', `${file} is a folder without a vmlinux`, { hint: 'give a vmlinux (or any ELF file), or a kernel build folder' });
}

async function readSymbols(file: string, cwd: string): Promise<SizedSymbol[]> {
  const elf = parseElf(await readBinaryFile(await elfPath(file, cwd), 'ELF file'), file);
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
