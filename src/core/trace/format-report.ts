// SPDX-License-Identifier: MIT
// Text and JSON for `trace report`.
import type { HistogramReport, RankedEntry, TraceReport } from './report.js';

const kb = (bytes: number): string => `${Math.floor(bytes / 1024)} kB`;

function formatRanking(title: string, rows: readonly RankedEntry[], r: HistogramReport, primary: 'bytes' | 'count'): string {
  if (rows.length === 0) return '';
  const total = primary === 'bytes' ? r.sums[r.bytesField!] ?? 0 : r.sums[r.countField!] ?? 0;
  let out = `${title}\n`;
  const bytesHead = r.bytesField ?? 'bytes';
  const countHead = r.countField ?? 'count';
  const bytesCol = (v: string): string => (r.bytesField === undefined ? '' : `  ${v.padStart(12)}`);
  out += `  ${'#'.padStart(3)}${bytesCol(bytesHead)}  ${countHead.padStart(9)}  ${'share'.padStart(6)}  key\n`;
  for (const e of rows) {
    const value = primary === 'bytes' ? e.bytes ?? 0 : e.count ?? 0;
    const share = total > 0 ? `${((value * 100) / total).toFixed(1)}%` : '-';
    out += `  ${String(e.rank).padStart(3)}${bytesCol(e.bytes === undefined ? '-' : String(e.bytes))}  ${(e.count === undefined ? '-' : String(e.count)).padStart(9)}  ${share.padStart(6)}  ${e.label}\n`;
  }
  return out;
}

function formatHistogram(r: HistogramReport, index: number, count: number): string {
  const h = r.histogram;
  let out = count > 1 ? `histogram ${index + 1} of ${count}` : 'histogram';
  if (h.title) out += `: ${h.title}`;
  out += '\n';
  const totals = h.totals ? `; Totals: Hits ${h.totals.hits ?? '-'}, Entries ${h.totals.entries ?? '-'}, Dropped ${h.totals.dropped ?? '-'}` : '';
  out += `  ${h.entries.length} entries listed${totals}\n`;
  const sums = Object.entries(r.sums).map(([k, v]) => `${k} ${v}`);
  if (sums.length > 0) out += `  sum of listed entries: ${sums.join(', ')}\n`;
  const n = Math.max(r.byBytes.length, r.byCount.length);
  out += formatRanking(`top ${n} by ${r.bytesField ?? 'bytes'}:`, r.byBytes, r, 'bytes');
  out += formatRanking(`top ${n} by ${r.countField ?? 'count'}:`, r.byCount, r, 'count');
  return out;
}

// The human report (not a stable format: use --json in scripts).
export function formatTraceReport(report: TraceReport, top = 10): string {
  if (report.kind === 'hist') {
    if (report.histograms.length === 0) return 'no histogram entries\n';
    return report.histograms.map((r, i) => formatHistogram(r, i, report.histograms.length)).join('\n');
  }
  if (report.kind === 'slabinfo') {
    const total = report.caches.reduce((s, c) => s + c.bytes, 0);
    const active = report.caches.reduce((s, c) => s + c.activeBytes, 0);
    let out = `slabinfo: ${report.caches.length} caches, ${total} bytes in slabs (${kb(total)}), ${active} bytes in active objects (${kb(active)})\n`;
    const table = (title: string, rows: typeof report.caches): string => {
      let t = `${title}\n  ${'cache'.padEnd(24)} ${'slab bytes'.padStart(10)} ${'active B'.padStart(10)} ${'objs'.padStart(7)} ${'size'.padStart(6)}\n`;
      for (const c of rows) t += `  ${c.name.padEnd(24)} ${String(c.bytes).padStart(10)} ${String(c.activeBytes).padStart(10)} ${String(c.activeObjs).padStart(7)} ${String(c.objSize).padStart(6)}\n`;
      return t;
    };
    out += table(`top ${Math.min(top, report.caches.length)} caches by slab memory:`, [...report.caches].sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1)).slice(0, top));
    out += table(`top ${Math.min(top, report.caches.length)} caches by active objects:`, [...report.caches].sort((a, b) => b.activeObjs - a.activeObjs || (a.name < b.name ? -1 : 1)).slice(0, top));
    return out;
  }
  let out = 'kernel memory layout:\n';
  for (const r of report.regions) {
    const printed = r.printedKb === undefined ? '' : r.printedKb === Math.floor(r.bytes / 1024) ? '' : `  (printed ${r.printedKb} kB)`;
    out += `  ${r.name.padStart(8)}  0x${r.start.toString(16)} - 0x${r.end.toString(16)}  ${String(r.bytes).padStart(10)} bytes  ${kb(r.bytes).padStart(9)}${printed}\n`;
  }
  const named = (n: string): number | undefined => report.regions.find((r) => r.name === n)?.bytes;
  const parts = ['.text', '.data', '.init'].filter((n) => named(n) !== undefined).map((n) => `${n} ${named(n)}`);
  if (parts.length > 0) out += `kernel image: ${parts.join(', ')} bytes\n`;
  return out;
}

// The --json document.
export function traceReportJson(report: TraceReport): unknown {
  if (report.kind === 'hist') {
    return {
      kind: 'hist',
      histograms: report.histograms.map((r) => ({
        title: r.histogram.title ?? null,
        totals: r.histogram.totals ?? null,
        entries: r.histogram.entries.length,
        bytesField: r.bytesField ?? null,
        countField: r.countField ?? null,
        sums: r.sums,
        byBytes: r.byBytes.map(rankedJson),
        byCount: r.byCount.map(rankedJson),
      })),
    };
  }
  if (report.kind === 'slabinfo') return { kind: 'slabinfo', caches: report.caches };
  return { kind: 'layout', regions: report.regions.map((r) => ({ ...r, start: `0x${r.start.toString(16)}`, end: `0x${r.end.toString(16)}` })) };
}

function rankedJson(e: RankedEntry): unknown {
  return { rank: e.rank, keys: e.entry.keys, vals: e.entry.vals, line: e.entry.line };
}
