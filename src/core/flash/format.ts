// SPDX-License-Identifier: MIT
// Sizes, rates and durations for people (IEC units, like bmaptool and lsblk).

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

// `16.0 MiB`; bytes under 1 KiB print as `512 B`.
export function humanSize(bytes: number): string {
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${bytes} B` : `${v.toFixed(1)} ${UNITS[i]}`;
}

// `45.3 MiB/s`.
export function humanRate(bytesPerSecond: number): string {
  return `${humanSize(Math.round(bytesPerSecond))}/s`;
}

// `1 m 05 s`, `12 s`.
export function humanDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} m`;
}

// Parse `15931539456`, `16G`, `16GiB`, `512M` (binary units; the pin must match the device exactly).
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([kmgtp]?)(?:i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const power = ' kmgtp'.indexOf((m[2] ?? '').toLowerCase() || ' ');
  const n = Number(m[1]) * 1024 ** power;
  return Number.isSafeInteger(n) ? n : undefined;
}

// The progress line: `12.0 MiB of 40.0 MiB · 45.1 MiB/s · ETA 1 s`.
export function progressMessage(done: number, total: number | undefined, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const parts = [total === undefined ? `${humanSize(done)}` : `${humanSize(done)} of ${humanSize(total)}`];
  if (elapsedMs >= 200 && rate > 0) {
    parts.push(humanRate(rate));
    if (total !== undefined && total > done) parts.push(`ETA ${humanDuration((total - done) / rate)}`);
  }
  return parts.join(' · ');
}
