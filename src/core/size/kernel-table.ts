// SPDX-License-Identifier: MIT
// The kernel-size loop's outputs: the talk's per-profile table, per-feature attribution, dropped symbols.
import { basename } from 'node:path';
import type { CheckMismatch } from '../kconfig/check.js';
import type { ElfSizes } from './artifacts.js';

export interface VariantSizes {
  name: string;
  buildDir: string;
  fragments: string[];
  sizes: ElfSizes;
  bzImage: number | undefined;
  dropped: CheckMismatch[];
  /** Wall time of merge + configure + build + measure. */
  seconds?: number | undefined;
  /** The final .config (not in JSON output). */
  configText?: string | undefined;
  /** The build whose vmlinux was measured because its final .config is the same. */
  sameAs?: string | undefined;
}

export interface Attribution {
  /** The variant the feature was removed from. */
  variant: string;
  feature: string;
  /** with - without, per measure (positive: what the feature costs). */
  cost: { text: number; data: number; bss: number; dotText: number | undefined; bzImage: number | undefined };
  without: VariantSizes;
}

const kib = (n: number): string => `${n} (${Math.round(n / 1024)})`;
const signedKib = (n: number): string => `${n >= 0 ? '+' : ''}${n} (${n >= 0 ? '+' : ''}${Math.round(n / 1024)})`;

// The table of sizes, one row per variant, bytes with KiB in parentheses (Markdown).
export function formatSizeTable(rows: readonly VariantSizes[], arch: string): string {
  const image = rows.some((r) => r.bzImage !== undefined);
  let out = `| profile (${arch}) | text | data | bss | init | .text |${image ? ' bzImage |' : ''} dropped | build |\n`;
  out += `| --- | --- | --- | --- | --- | --- |${image ? ' --- |' : ''} --- | --- |\n`;
  for (const r of rows) {
    const s = r.sizes;
    const dropped = r.dropped.map((d) => d.symbol).join(', ') || '-';
    out += `| ${r.name} | ${kib(s.text)} | ${kib(s.data)} | ${kib(s.bss)} | ${s.init === undefined ? '-' : kib(s.init)} | ${s.sections['.text'] === undefined ? '-' : kib(s.sections['.text'])} |${image ? ` ${r.bzImage === undefined ? '-' : kib(r.bzImage)} |` : ''} ${dropped} | ${r.seconds === undefined ? '-' : `${r.seconds} s`} |\n`;
  }
  return out;
}

// One variant as `key value` lines (the default, non-table output).
export function formatVariant(r: VariantSizes): string {
  const s = r.sizes;
  let out = `${r.name}: text ${s.text}, data ${s.data}, bss ${s.bss}, dec ${s.total}`;
  if (s.init !== undefined) out += `, init ${s.init}`;
  if (s.sections['.text'] !== undefined) out += `, .text ${s.sections['.text']}`;
  if (r.bzImage !== undefined) out += `, bzImage ${r.bzImage}`;
  out += `\n  build folder ${r.buildDir}${r.seconds === undefined ? '' : ` (${r.seconds} s)`}\n  fragments ${r.fragments.map((f) => basename(f)).join(' ')}\n`;
  return out + formatDropped(r);
}

// Requested symbols that did not stick (merge_config.sh's "Value requested ... not in final .config").
export function formatDropped(r: VariantSizes): string {
  if (r.dropped.length === 0) return `  every requested symbol is in the final .config\n`;
  let out = `  requested but not in the final .config:\n`;
  for (const d of r.dropped) {
    const actual = d.actual === '' ? '(not set: dependencies off)' : d.actual;
    out += `    ${basename(d.file)}:${d.line}: ${d.requested} -> ${actual}\n`;
  }
  return out;
}

// What each feature costs: with - without, for every measure.
export function attributionOf(variant: VariantSizes, feature: string, without: VariantSizes): Attribution {
  const a = variant.sizes;
  const b = without.sizes;
  const dot = (s: ElfSizes): number | undefined => s.sections['.text'];
  return {
    variant: variant.name,
    feature,
    without,
    cost: {
      text: a.text - b.text,
      data: a.data - b.data,
      bss: a.bss - b.bss,
      dotText: dot(a) !== undefined && dot(b) !== undefined ? dot(a)! - dot(b)! : undefined,
      bzImage: variant.bzImage !== undefined && without.bzImage !== undefined ? variant.bzImage - without.bzImage : undefined,
    },
  };
}

// Features sorted by text cost, largest first (Markdown table).
export function formatAttribution(rows: readonly Attribution[]): string {
  if (rows.length === 0) return 'no features to attribute (a variant needs at least two fragments or features)\n';
  const sorted = [...rows].sort((x, y) => y.cost.text - x.cost.text || (x.feature < y.feature ? -1 : 1));
  const image = rows.some((r) => r.cost.bzImage !== undefined);
  let out = `| feature | of | text | .text | data | bss |${image ? ' bzImage |' : ''}\n| --- | --- | --- | --- | --- | --- |${image ? ' --- |' : ''}\n`;
  for (const r of sorted) {
    const c = r.cost;
    out += `| ${r.feature} | ${r.variant}${r.without.sameAs ? ` (without = ${r.without.sameAs})` : ''} | ${signedKib(c.text)} | ${c.dotText === undefined ? '-' : signedKib(c.dotText)} | ${signedKib(c.data)} | ${signedKib(c.bss)} |${image ? ` ${c.bzImage === undefined ? '-' : signedKib(c.bzImage)} |` : ''}\n`;
  }
  return out;
}
