// SPDX-License-Identifier: MIT
// Text output of `microyocto size`: binutils `size`'s Berkeley table (same columns, same bytes), then
// the kernel layout and the plain sizes of non-ELF artifacts.
import type { ArtifactSize } from './artifacts.js';

const pad = (s: string, width: number): string => s.padStart(width);

// The Berkeley table exactly as binutils `size` prints it (size.c print_berkeley_format).
export function formatBerkeley(rows: ReadonlyArray<{ file: string; text: number; data: number; bss: number }>): string {
  if (rows.length === 0) return '';
  let out = '   text\t   data\t    bss\t    dec\t    hex\tfilename\n';
  for (const r of rows) {
    const total = r.text + r.data + r.bss;
    out += `${pad(String(r.text), 7)}\t${pad(String(r.data), 7)}\t${pad(String(r.bss), 7)}\t${pad(String(total), 7)}\t${pad(total.toString(16), 7)}\t${r.file}\n`;
  }
  return out;
}

// Bytes with KiB in parentheses, the way footprint tables are written (1692094 (1652 KiB)).
export function formatBytes(bytes: number): string {
  return `${bytes} (${Math.round(bytes / 1024)} KiB)`;
}

// The whole report: Berkeley table for ELF files, kernel layout lines, then other artifacts.
export function formatSizeReport(artifacts: readonly ArtifactSize[]): string {
  const elves = artifacts.filter((a) => a.elf !== undefined);
  let out = formatBerkeley(elves.map((a) => ({ file: a.file, ...a.elf! })));
  const layout = elves.filter((a) => a.elf!.init !== undefined);
  if (layout.length > 0) {
    out += '\n';
    for (const a of layout) {
      const parts = Object.entries(a.elf!.sections).map(([name, size]) => `${name} ${size}`);
      if (a.elf!.init !== undefined) parts.push(`init ${a.elf!.init}`);
      out += `${a.file}: ${parts.join(', ')}\n`;
    }
  }
  const others = artifacts.filter((a) => a.elf === undefined);
  if (others.length > 0) {
    if (out !== '') out += '\n';
    const width = Math.max(...others.map((a) => a.file.length));
    for (const a of others) out += `${a.file.padEnd(width)}  ${pad(formatBytes(a.bytes), 20)}  ${a.kind}\n`;
  }
  return out;
}
