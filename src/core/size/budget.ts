// SPDX-License-Identifier: MIT
// Size budgets: which artifact measures which SizeBudget key, and which budgets a build exceeds.
import type { SizeBudget } from '../model.js';
import type { ArtifactSize } from './artifacts.js';

export type BudgetKey = keyof SizeBudget;

/** Every budget key, in report order, with what it measures. */
export const BUDGET_KEYS: ReadonlyArray<readonly [BudgetKey, string]> = [
  ['kernelText', 'kernel text (size text)'],
  ['kernelData', 'kernel data (size data)'],
  ['kernelBss', 'kernel bss (size bss)'],
  ['kernelImage', 'kernel image (bzImage)'],
  ['rootfs', 'root file system'],
  ['image', 'disk image'],
];

export interface BudgetMeasure {
  key: BudgetKey;
  actual: number;
  /** The artifact it was measured on. */
  file: string;
}

export interface BudgetLine {
  key: BudgetKey;
  limit: number;
  actual: number | undefined;
  file: string | undefined;
  status: 'ok' | 'exceeded' | 'not-measured';
}

const ROOTFS_KINDS = new Set(['cpio', 'gzip', 'xz', 'zstd', 'lz4', 'ext4', 'squashfs']);

function isDiskImage(a: ArtifactSize): boolean {
  return a.kind === 'disk' || /\.(wic|direct|hddimg)(\.|$)/.test(a.file);
}

// What each budget key measures among the artifacts (first matching artifact wins).
export function budgetMeasures(artifacts: readonly ArtifactSize[]): BudgetMeasure[] {
  const out: BudgetMeasure[] = [];
  const kernel = artifacts.find((a) => a.elf !== undefined);
  if (kernel?.elf) {
    out.push({ key: 'kernelText', actual: kernel.elf.text, file: kernel.file });
    out.push({ key: 'kernelData', actual: kernel.elf.data, file: kernel.file });
    out.push({ key: 'kernelBss', actual: kernel.elf.bss, file: kernel.file });
  }
  const image = artifacts.find((a) => a.kind === 'bzImage');
  if (image) out.push({ key: 'kernelImage', actual: image.bytes, file: image.file });
  const disk = artifacts.find(isDiskImage);
  if (disk) out.push({ key: 'image', actual: disk.bytes, file: disk.file });
  const rootfs = artifacts.find((a) => !isDiskImage(a) && ROOTFS_KINDS.has(a.kind));
  if (rootfs) out.push({ key: 'rootfs', actual: rootfs.bytes, file: rootfs.file });
  return out;
}

// Compare measures with a budget: one line per budget key that has a limit.
export function checkBudget(budget: SizeBudget, measures: readonly BudgetMeasure[]): BudgetLine[] {
  const lines: BudgetLine[] = [];
  for (const [key] of BUDGET_KEYS) {
    const limit = budget[key];
    if (limit === undefined) continue;
    const m = measures.find((x) => x.key === key);
    const status = m === undefined ? 'not-measured' : m.actual > limit ? 'exceeded' : 'ok';
    lines.push({ key, limit, actual: m?.actual, file: m?.file, status });
  }
  return lines;
}

// The one line CI prints for an exceeded budget.
export function formatExceeded(profile: string, line: BudgetLine): string {
  const over = (line.actual ?? 0) - line.limit;
  return `budget ${profile}.${line.key} exceeded: ${line.file} is ${line.actual} bytes, budget ${line.limit} (+${over} bytes, +${((over * 100) / line.limit).toFixed(1)}%)`;
}

// All budget lines, for the human report.
export function formatBudget(profile: string, lines: readonly BudgetLine[]): string {
  let out = '';
  for (const l of lines) {
    const what = BUDGET_KEYS.find(([k]) => k === l.key)![1];
    if (l.status === 'not-measured') out += `  ${l.key.padEnd(12)} ${'-'.padStart(10)} / ${String(l.limit).padStart(10)}  not measured (${what}: no artifact found)\n`;
    else out += `  ${l.key.padEnd(12)} ${String(l.actual).padStart(10)} / ${String(l.limit).padStart(10)}  ${l.status === 'ok' ? 'ok' : 'EXCEEDED'}  ${l.file}\n`;
  }
  return out === '' ? `profile ${profile} has no [budget]\n` : `budget of ${profile}:\n${out}`;
}
