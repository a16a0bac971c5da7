// SPDX-License-Identifier: MIT
// Sizes as people write them in profiles (`766k`, `8M`, `1.5 MiB`) and as reports print them.

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

export const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/;

// Bytes for a size string; k/M/G are binary (1024), as the kernel's "kB" and Yocto's KiB sizes are.
// Undefined when the text is not a size.
export function parseSize(text: string): number | undefined {
  const m = SIZE_PATTERN.exec(text);
  if (!m) return undefined;
  const factor = UNITS[m[2]!.toLowerCase()];
  if (factor === undefined) return undefined;
  const bytes = Number(m[1]) * factor;
  return Number.isFinite(bytes) ? Math.round(bytes) : undefined;
}

// A size for people: bytes below 1 KiB, else kB (KiB, the kernel's unit) with up to one decimal.
export function formatSize(bytes: number): string {
  if (Math.abs(bytes) < 1024) return `${bytes} B`;
  if (Math.abs(bytes) < 1024 * 1024) return `${trim(bytes / 1024)} kB`;
  return `${trim(bytes / 1024 / 1024)} MB`;
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
