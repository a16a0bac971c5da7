// SPDX-License-Identifier: MIT
// `trace report`: recognise a kernel memory printout and rank what it holds — call chains by bytes and
// by count for hist triggers, caches for slabinfo, regions for a memory layout.
import type { Diagnostic } from '../diagnostics.js';
import { MicroyoctoError } from '../errors.js';
import { looksLikeHist, parseHist, type HistEntry, type Histogram } from './hist.js';
import { looksLikeLayout, looksLikeSlabinfo, parseLayout, parseSlabinfo, type MemoryRegion, type SlabCache } from './kmem.js';

export type TraceReport =
  | { kind: 'hist'; histograms: HistogramReport[]; diagnostics: Diagnostic[] }
  | { kind: 'slabinfo'; caches: SlabCache[]; diagnostics: Diagnostic[] }
  | { kind: 'layout'; regions: MemoryRegion[]; diagnostics: Diagnostic[] };

export interface RankedEntry {
  rank: number;
  /** The key as one line: call chain functions joined by " < ", other keys as name=value. */
  label: string;
  entry: HistEntry;
  bytes: number | undefined;
  count: number | undefined;
}

export interface HistogramReport {
  histogram: Histogram;
  /** The value ranked as bytes (bytes_alloc, else bytes_req, else another value), if any. */
  bytesField: string | undefined;
  /** hitcount or count. */
  countField: string | undefined;
  sums: Record<string, number>;
  byBytes: RankedEntry[];
  byCount: RankedEntry[];
}

export interface ReportOptions {
  /** How many entries each ranking keeps. @defaultValue 10 */
  top?: number;
  /** Rank bytes by this value instead of bytes_alloc/bytes_req. */
  by?: string | undefined;
}

const COUNT_FIELDS = ['hitcount', 'count'];

// A frame `__kmalloc+0xb6/0x1a0` without its offset.
function frameFunction(frame: string): string {
  return frame.replace(/\+0x[0-9a-f]+\/0x[0-9a-f]+$/i, '').replace(/^\[<[0-9a-f]+>\]\s*/i, '');
}

// One line for an entry's key.
export function entryLabel(entry: HistEntry): string {
  return entry.keys
    .map((k) => (k.frames ? k.frames.map(frameFunction).join(' < ') : `${k.name}=${k.value.replace(/\s+/g, ' ')}`))
    .join(', ');
}

function rankHistogram(h: Histogram, options: ReportOptions): HistogramReport {
  const top = options.top ?? 10;
  const fields = new Set(h.entries.flatMap((e) => Object.keys(e.vals)));
  const countField = COUNT_FIELDS.find((f) => fields.has(f));
  let bytesField = options.by ?? ['bytes_alloc', 'bytes_req'].find((f) => fields.has(f)) ?? [...fields].find((f) => !COUNT_FIELDS.includes(f));
  if (bytesField !== undefined && !fields.has(bytesField)) bytesField = undefined;
  const sums: Record<string, number> = {};
  for (const e of h.entries) for (const [k, v] of Object.entries(e.vals)) sums[k] = (sums[k] ?? 0) + v;
  const ranked = (field: string | undefined): RankedEntry[] => {
    if (field === undefined) return [];
    return h.entries
      .map((entry, i) => ({ entry, i }))
      .sort((a, b) => (b.entry.vals[field] ?? 0) - (a.entry.vals[field] ?? 0) || a.i - b.i)
      .slice(0, top)
      .map(({ entry }, i) => ({
        rank: i + 1,
        label: entryLabel(entry),
        entry,
        bytes: bytesField === undefined ? undefined : entry.vals[bytesField],
        count: countField === undefined ? undefined : entry.vals[countField],
      }));
  };
  return { histogram: h, bytesField, countField, sums, byBytes: ranked(bytesField), byCount: ranked(countField) };
}

// Recognise the format of `text` and build its report.
export function buildTraceReport(text: string, file: string, options: ReportOptions = {}): TraceReport {
  if (looksLikeSlabinfo(text)) {
    const { caches, diagnostics } = parseSlabinfo(text, file);
    return { kind: 'slabinfo', caches, diagnostics };
  }
  if (looksLikeHist(text)) {
    const { histograms, diagnostics } = parseHist(text, file);
    if (options.by !== undefined && !histograms.some((h) => h.entries.some((e) => options.by! in e.vals))) {
      throw new MicroyoctoError('USAGE', `${file}: no histogram has a value named '${options.by}'`, { hint: 'values are the names before ":" after vals: (or after the key braces)' });
    }
    return { kind: 'hist', histograms: histograms.map((h) => rankHistogram(h, options)), diagnostics };
  }
  if (looksLikeLayout(text)) return { kind: 'layout', regions: parseLayout(text), diagnostics: [] };
  throw new MicroyoctoError('TRACE_FORMAT', `${file}: not a format trace report knows`, {
    hint: 'give /proc/virt_kmem (or a boot log memory layout), /proc/slabinfo, or a hist trigger file (cat .../trigger or .../hist)',
  });
}
