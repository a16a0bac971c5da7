// SPDX-License-Identifier: MIT
// The kernel's memory-layout printouts (/proc/virt_kmem on the 2014 micro kernel, the boot log's
// "virtual kernel memory layout:" on i386) and /proc/slabinfo (version 2.1).
import type { Diagnostic } from '../diagnostics.js';

export interface MemoryRegion {
  name: string;
  start: bigint;
  end: bigint;
  /** end - start. */
  bytes: number;
  /** The kB figure the kernel printed ((end - start) >> 10). */
  printedKb: number | undefined;
  line: number;
}

const REGION = /^\s*(?:\[[\s\d.]+\]\s*)?([.\w]+)\s*:\s*0x([0-9a-fA-F]+)\s*-\s*0x([0-9a-fA-F]+)\s*(?:\(\s*(\d+)\s*([kKMG])B\))?/;

// True when the text holds a memory layout.
export function looksLikeLayout(text: string): boolean {
  return /virtual kernel memory layout/.test(text) || text.split('\n').some((l) => REGION.test(l));
}

// Every `name : 0xstart - 0xend (N kB)` line.
export function parseLayout(text: string): MemoryRegion[] {
  const out: MemoryRegion[] = [];
  text.split('\n').forEach((l, i) => {
    const m = REGION.exec(l);
    if (!m) return;
    const start = BigInt(`0x${m[2]}`);
    const end = BigInt(`0x${m[3]}`);
    const scale = m[5] === 'M' ? 1024 : m[5] === 'G' ? 1024 * 1024 : 1;
    out.push({ name: m[1]!, start, end, bytes: Number(end - start), printedKb: m[4] === undefined ? undefined : Number(m[4]) * scale, line: i + 1 });
  });
  return out;
}

export interface SlabCache {
  name: string;
  activeObjs: number;
  numObjs: number;
  objSize: number;
  objPerSlab: number;
  pagesPerSlab: number;
  activeSlabs: number;
  numSlabs: number;
  /** numSlabs * pagesPerSlab * page size: what the cache holds. */
  bytes: number;
  /** activeObjs * objSize: what is in use. */
  activeBytes: number;
  line: number;
}

// True for /proc/slabinfo text.
export function looksLikeSlabinfo(text: string): boolean {
  return /^slabinfo - version:/m.test(text) || /^# name\s+<active_objs>/m.test(text);
}

// Parse /proc/slabinfo (2.x: `name active num size perslab pages : tunables ... : slabdata active num avail`).
export function parseSlabinfo(text: string, file: string, pageSize = 4096): { caches: SlabCache[]; diagnostics: Diagnostic[] } {
  const caches: SlabCache[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.trim();
    if (l === '' || l.startsWith('#') || l.startsWith('slabinfo -')) return;
    const [head, , slabdata] = l.split(':').map((s) => s.trim());
    const h = head?.split(/\s+/) ?? [];
    const s = slabdata?.replace(/^slabdata\s+/, '').split(/\s+/).map(Number) ?? [];
    const nums = h.slice(1).map(Number);
    if (h.length < 6 || nums.some((n) => !Number.isFinite(n))) {
      diagnostics.push({ severity: 'warning', code: 'trace-line', file, line: i + 1, message: `not a slabinfo line, skipped: ${l.slice(0, 60)}` });
      return;
    }
    const [activeObjs, numObjs, objSize, objPerSlab, pagesPerSlab] = nums as [number, number, number, number, number];
    const activeSlabs = s[0] ?? 0;
    const numSlabs = s[1] ?? 0;
    caches.push({
      name: h[0]!,
      activeObjs,
      numObjs,
      objSize,
      objPerSlab,
      pagesPerSlab,
      activeSlabs,
      numSlabs,
      bytes: numSlabs * pagesPerSlab * pageSize,
      activeBytes: activeObjs * objSize,
      line: i + 1,
    });
  });
  return { caches, diagnostics };
}
