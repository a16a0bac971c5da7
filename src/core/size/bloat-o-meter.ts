// SPDX-License-Identifier: MIT
// Per-symbol size comparison of two ELF files with the output of the kernel's scripts/bloat-o-meter
// (Linux 6.1), computed from our own reading of the symbol tables instead of `nm --size-sort`.
import type { SizedSymbol } from '../elf/symbols.js';
import { formatFixed } from './exact-fixed.js';

export type BloatMode = 'all' | 'text' | 'data' | 'categories';

/** The (title, nm letters) groups bloat-o-meter prints for each of its modes. */
export const BLOAT_GROUPS: Record<BloatMode, ReadonlyArray<readonly [string, string]>> = {
  all: [['Function', 'tTdDbBrR']],
  text: [['Function', 'tT']],
  data: [['Data', 'dDbBrR']],
  categories: [
    ['Function', 'tT'],
    ['Data', 'dDbB'],
    ['RO Data', 'rR'],
  ],
};

export interface BloatRow {
  name: string;
  old: number | undefined;
  new: number | undefined;
  delta: number;
}

export interface BloatSection {
  title: string;
  add: number;
  remove: number;
  grow: number;
  shrink: number;
  up: number;
  down: number;
  /** Every symbol whose size changed, largest growth first (bloat-o-meter's order). */
  rows: BloatRow[];
  oldTotal: number;
  newTotal: number;
}

const GENERATED_PREFIXES = ['__mod_', '__se_sys', '__se_compat_sys', '__addressable_'];

// Sizes per name for the symbols of the given nm letters, filtered and merged as bloat-o-meter does.
export function symbolSizes(symbols: readonly SizedSymbol[], letters: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const s of symbols) {
    // NOTE: bloat-o-meter drops every nm line containing ':' (meant for "file:" headers), names included.
    if (s.name.includes(':') || s.name === '' || /\s/.test(s.name)) continue;
    if (!letters.includes(s.type)) continue;
    if (GENERATED_PREFIXES.some((p) => s.name.startsWith(p))) continue;
    if (s.name === 'linux_banner' || s.name === 'vermagic') continue;
    // Statics and some optimisations add ".NUMBER" suffixes: merge them under one name.
    const name = s.name.replace(/\.[0-9]+/g, '');
    sizes.set(name, (sizes.get(name) ?? 0) + s.size);
  }
  return sizes;
}

const byDeltaThenName = (a: BloatRow, b: BloatRow): number => b.delta - a.delta || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);

// Compare two name -> size maps (bloat-o-meter's calc()).
export function compareSizes(title: string, old: ReadonlyMap<string, number>, now: ReadonlyMap<string, number>): BloatSection {
  const section: BloatSection = { title, add: 0, remove: 0, grow: 0, shrink: 0, up: 0, down: 0, rows: [], oldTotal: 0, newTotal: 0 };
  for (const [name, size] of old) {
    section.oldTotal += size;
    const next = now.get(name);
    if (next === undefined) {
      section.remove++;
      section.down += size;
      section.rows.push({ name, old: size, new: undefined, delta: -size });
    } else {
      const d = next - size;
      if (d > 0) {
        section.grow++;
        section.up += d;
      } else if (d < 0) {
        section.shrink++;
        section.down -= d;
      }
      section.rows.push({ name, old: size, new: next, delta: d });
    }
  }
  for (const [name, size] of now) {
    section.newTotal += size;
    if (old.has(name)) continue;
    section.add++;
    section.up += size;
    section.rows.push({ name, old: undefined, new: size, delta: size });
  }
  section.rows = section.rows.filter((r) => r.delta !== 0).sort(byDeltaThenName);
  return section;
}

// Every section of a mode, from the two files' size-sorted symbols.
export function bloatOMeter(oldSymbols: readonly SizedSymbol[], newSymbols: readonly SizedSymbol[], mode: BloatMode): BloatSection[] {
  return BLOAT_GROUPS[mode].map(([title, letters]) => compareSizes(title, symbolSizes(oldSymbols, letters), symbolSizes(newSymbols, letters)));
}

const signed = (n: number): string => (n >= 0 ? `+${n}` : String(n));

// One section as bloat-o-meter prints it (print_result()).
export function formatBloatSection(s: BloatSection): string {
  let out = `add/remove: ${s.add}/${s.remove} grow/shrink: ${s.grow}/${s.shrink} up/down: ${s.up}/${-s.down || 0} (${s.up - s.down})\n`;
  out += `${s.title.padEnd(40)} ${'old'.padStart(7)} ${'new'.padStart(7)} ${'delta'.padStart(7)}\n`;
  for (const r of s.rows) {
    out += `${r.name.padEnd(40)} ${(r.old === undefined ? '-' : String(r.old)).padStart(7)} ${(r.new === undefined ? '-' : String(r.new)).padStart(7)} ${signed(r.delta).padStart(7)}\n`;
  }
  const percent = s.oldTotal !== 0 ? ((s.newTotal - s.oldTotal) * 100.0) / s.oldTotal : 0;
  const fixed = formatFixed(percent, 2);
  out += `Total: Before=${s.oldTotal}, After=${s.newTotal}, chg ${fixed.startsWith('-') ? fixed : `+${fixed}`}%\n`;
  return out;
}

// The whole output for a mode.
export function formatBloat(sections: readonly BloatSection[]): string {
  return sections.map(formatBloatSection).join('');
}

// The --json document.
export function bloatJson(sections: readonly BloatSection[], mode: BloatMode): unknown {
  return {
    mode,
    sections: sections.map((s) => ({
      title: s.title,
      add: s.add,
      remove: s.remove,
      grow: s.grow,
      shrink: s.shrink,
      up: s.up,
      down: s.down,
      net: s.up - s.down,
      oldTotal: s.oldTotal,
      newTotal: s.newTotal,
      symbols: s.rows.map((r) => ({ name: r.name, old: r.old ?? null, new: r.new ?? null, delta: r.delta })),
    })),
  };
}
