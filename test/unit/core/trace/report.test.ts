// SPDX-License-Identifier: MIT
// `trace report` on the talk's printouts and on crafted mainline hist-trigger output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseHist } from '../../../../src/core/trace/hist.js';
import { parseLayout, parseSlabinfo } from '../../../../src/core/trace/kmem.js';
import { buildTraceReport } from '../../../../src/core/trace/report.js';
import { runMicroyocto } from '../../../helpers/cli.js';
import { FIXTURES, tempDir, writeFiles } from '../../../helpers/tmp.js';

const DIR = join(FIXTURES, 'trace');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

test("the talk's /proc/virt_kmem gives .text/.data/.init in bytes, matching its kB figures", () => {
  const regions = parseLayout(read('virt_kmem-things.txt'));
  assert.deepEqual(regions.map((r) => [r.name, r.bytes, r.printedKb]), [
    ['.init', 0x26000, 152],
    ['.data', 0x30140, 192],
    ['.text', 0xbfb00, 766],
  ]);
  for (const r of regions) assert.equal(Math.floor(r.bytes / 1024), r.printedKb);
});

test("the talk's stacktrace hash trigger: two call chains, frames in order, vals and Totals", () => {
  const { histograms, diagnostics } = parseHist(read('kmalloc-stacktrace.txt'), 'kmalloc-stacktrace.txt');
  assert.deepEqual(diagnostics, []);
  assert.equal(histograms.length, 1);
  const h = histograms[0]!;
  assert.deepEqual(h.totals, { hits: 11502, entries: 2550, dropped: 0 });
  assert.equal(h.entries.length, 2);
  assert.deepEqual(h.entries[0]!.keys[0]!.frames?.slice(0, 2), ['__kmalloc+0xb6/0x1a0', '__proc_create+0x67/0xb0']);
  assert.equal(h.entries[0]!.keys[0]!.frames?.length, 8);
  assert.deepEqual(h.entries[1]!.vals, { count: 414, bytes_req: 89424, bytes_alloc: 105984 });
});

test('an early-trigger dump with two Totals blocks is two histograms', () => {
  const report = buildTraceReport(read('early-hashtrigger.txt'), 'early');
  assert.equal(report.kind, 'hist');
  if (report.kind !== 'hist') return;
  assert.equal(report.histograms.length, 2);
  assert.equal(report.histograms[0]!.histogram.title, 'hash:unlimited Early kmem:kmalloc events:');
  assert.deepEqual(report.histograms[1]!.histogram.totals, { hits: 77, entries: 15, dropped: 0 });
  // Ranked by bytes the __kmalloc chain leads; by count the proc inode chain does.
  assert.match(report.histograms[0]!.byBytes[0]!.label, /^__kmalloc < alloc_large_system_hash/);
  assert.match(report.histograms[0]!.byCount[0]!.label, /^kmem_cache_alloc < proc_alloc_inode/);
  assert.equal(report.histograms[1]!.bytesField, 'bytes_alloc');
});

test('mainline hist output with several keys and values ranks by bytes_alloc and by hitcount', () => {
  const report = buildTraceReport(read('hist-mainline-multikey.txt'), 'multikey', { top: 2 });
  assert.equal(report.kind, 'hist');
  if (report.kind !== 'hist') return;
  const r = report.histograms[0]!;
  assert.match(r.histogram.title ?? '', /^hist:keys=common_pid\.execname,call_site\.sym:vals=hitcount/);
  assert.equal(r.countField, 'hitcount');
  assert.deepEqual(r.sums, { hitcount: 117, bytes_req: 62560, bytes_alloc: 106752 });
  assert.equal(r.byBytes.length, 2);
  assert.deepEqual(r.byBytes[0]!.entry.keys.map((k) => [k.name, k.value]), [
    ['common_pid', 'httpd           [       230]'],
    ['call_site', '[c124c0d8] __alloc_skb'],
  ]);
  assert.equal(r.byBytes[1]!.bytes, 5120);
  assert.equal(r.byCount[1]!.count, 12);
});

test('mainline { stacktrace: ... } blocks; --by picks another value', () => {
  const report = buildTraceReport(read('hist-mainline-stacktrace.txt'), 'st', { by: 'bytes_req' });
  if (report.kind !== 'hist') return assert.fail('not hist');
  const r = report.histograms[0]!;
  assert.equal(r.bytesField, 'bytes_req');
  assert.equal(r.histogram.entries.length, 3);
  assert.equal(r.histogram.entries[0]!.keys[0]!.frames?.length, 7);
  assert.equal(r.byBytes[0]!.bytes, 1679360);
  assert.equal(r.byBytes[0]!.label, 'kmem_cache_alloc < getname_flags < do_sys_openat2 < __ia32_sys_open');
});

test("the talk's one-line syscall histogram has keys and a count but no bytes", () => {
  const report = buildTraceReport(read('syscalls.txt'), 'syscalls');
  if (report.kind !== 'hist') return assert.fail('not hist');
  const r = report.histograms[0]!;
  assert.equal(r.histogram.entries.length, 7);
  assert.equal(r.bytesField, undefined);
  assert.equal(r.byCount[0]!.label, 'pid=nhttpd[590], id=sys_close');
});

test('slabinfo caches are sized from slabs and pages', () => {
  const { caches, diagnostics } = parseSlabinfo(read('slabinfo.txt'), 'slabinfo');
  assert.deepEqual(diagnostics, []);
  const inode = caches.find((c) => c.name === 'inode_cache')!;
  assert.equal(inode.bytes, 30 * 2 * 4096);
  assert.equal(inode.activeBytes, 612 * 384);
});

test('trace report --json on a hist file, and a clear error on an unknown file', async (t) => {
  const run = await runMicroyocto(['--json', 'trace', 'report', 'kmalloc-stacktrace.txt'], { cwd: DIR });
  assert.equal(run.code, 0);
  const doc = JSON.parse(run.stdout) as { kind: string; histograms: Array<{ byBytes: Array<{ vals: Record<string, number> }> }> };
  assert.equal(doc.kind, 'hist');
  assert.equal(doc.histograms[0]!.byBytes[0]!.vals.bytes_alloc, 105984);
  const dir = tempDir(t);
  writeFiles(dir, { 'random.txt': 'hello world\n' });
  const bad = await runMicroyocto(['trace', 'report', 'random.txt'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /TRACE_FORMAT.*random\.txt: not a format/);
});

test('a damaged line in a hist file is reported with file:line and skipped', () => {
  const text = read('kmalloc-stacktrace.txt').replace('key: stacktrace:\n    kmem', 'garbage here\nkey: stacktrace:\n    kmem');
  const { histograms, diagnostics } = parseHist(text, 'k.txt');
  assert.equal(histograms[0]!.entries.length, 2);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.line, 11);
});
