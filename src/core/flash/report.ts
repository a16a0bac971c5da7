// SPDX-License-Identifier: MIT
// Text for people: the plan with every check, the device identity, the --list table.
import type { DiskFacts } from './machine.js';
import type { DeviceIdentity, FlashCheck, FlashPlan } from './plan.js';
import { humanSize } from './format.js';

const MARK: Record<FlashCheck['status'], string> = { ok: '✔', refuse: '✖', warn: '!', confirm: '?' };

// One line per check: `✔ read-only  writable medium`.
export function formatChecks(checks: readonly FlashCheck[]): string[] {
  const width = Math.max(...checks.map((c) => c.id.length), 0);
  return checks.map((c) => `  ${MARK[c.status]} ${c.id.padEnd(width)}  ${c.message}${c.status === 'refuse' && c.hint ? ` (${c.hint})` : ''}`);
}

// The identity block of the confirmation: path, by-id, vendor/model, serial, size, transport, partitions.
export function formatIdentity(id: DeviceIdentity): string[] {
  const of = id.partitionOf;
  const lines = [
    `  device     ${id.path} (${id.majMin})`,
    ...(of === undefined ? [] : [`  partition  ${of.number === undefined ? 'a partition' : `number ${of.number}`} of ${of.path} (${of.majMin}, ${humanSize(of.sizeBytes)} disk): only the partition is written`]),
    ...id.byId.map((b) => `  by-id      ${b}`),
    `  model      ${[id.vendor, id.model].filter((s) => s !== undefined).join(' ') || '(unknown)'}`,
    `  serial     ${id.serial ?? '(none)'}${id.wwn ? `  wwn ${id.wwn}` : ''}`,
    `  size       ${humanSize(id.sizeBytes)} (${id.sizeBytes} bytes)`,
    `  transport  ${id.transport ?? '(unknown)'}`,
  ];
  for (const p of id.partitions) {
    lines.push(`  partition  ${p.name}${p.label ? ` "${p.label}"` : ''}${p.mountPoints.length > 0 ? ` mounted on ${p.mountPoints.join(', ')}` : ''}`);
  }
  return lines;
}

export interface PlanSummary {
  image: string;
  bmap: string | undefined;
  /** Bytes that will be written. */
  writeBytes: number | undefined;
  expandedSize: number | undefined;
  compression: string;
}

// The whole plan as printed by --dry-run and before the confirmation.
export function formatPlan(plan: FlashPlan, summary: PlanSummary): string {
  const lines: string[] = [];
  lines.push(`image      ${summary.image}${summary.compression !== 'none' ? ` (${summary.compression}, decompressed on the fly)` : ''}`);
  if (summary.bmap) lines.push(`bmap       ${summary.bmap}: writes ${summary.writeBytes === undefined ? '?' : humanSize(summary.writeBytes)} of ${summary.expandedSize === undefined ? '?' : humanSize(summary.expandedSize)}`);
  else lines.push(`bmap       none: the whole image is written${summary.expandedSize === undefined ? '' : ` (${humanSize(summary.expandedSize)})`}`);
  lines.push(`target     ${plan.target.argument}${plan.target.path !== plan.target.argument ? ` -> ${plan.target.path}` : ''}`);
  if (plan.identity) lines.push(...formatIdentity(plan.identity));
  lines.push('checks');
  lines.push(...formatChecks(plan.checks));
  if (plan.unmount.length > 0) lines.push(`unmount    ${plan.unmount.map((u) => u.mountPoint).join(', ')}`);
  lines.push(plan.allowed ? (plan.confirmations.length > 0 ? 'result     allowed after confirmation' : 'result     allowed') : 'result     refused');
  return lines.join('\n') + '\n';
}

export interface ListEntry {
  disk: DiskFacts;
  eligible: boolean;
  checks: FlashCheck[];
}

// The --list table: one device per block, eligible first.
export function formatList(entries: readonly ListEntry[]): string {
  if (entries.length === 0) return 'no block devices found\n';
  const out: string[] = [];
  // Like Etcher's "Show N hidden": loop, ram, zram ... devices that cannot be picked are only counted.
  const hidden = entries.filter((e) => !e.eligible && e.disk.kind !== 'disk');
  const shown = entries.filter((e) => !hidden.includes(e));
  for (const e of [...shown].sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.disk.name.localeCompare(b.disk.name))) {
    const d = e.disk;
    const desc = [d.vendor, d.model].filter((s) => s !== undefined).join(' ') || '(unknown model)';
    out.push(`${e.eligible ? '✔' : '✖'} ${d.devPath}  ${humanSize(d.sizeBytes)}  ${d.transport ?? '-'}  ${desc}${d.serial ? `  serial ${d.serial}` : ''}`);
    for (const b of d.byId) out.push(`    ${b}`);
    for (const p of d.partitions) out.push(`    partition ${p.name}  ${humanSize(p.sizeBytes)}${p.label === undefined ? '' : `  "${p.label}"`}${p.holders.length > 0 ? `  under ${p.holders.join(', ')}` : ''}`);
    const reasons = e.checks.filter((c) => c.status !== 'ok');
    if (reasons.length === 0) out.push('    eligible');
    for (const c of reasons) out.push(`    ${MARK[c.status]} ${c.message}`);
  }
  if (hidden.length > 0) out.push(`(${hidden.length} ${[...new Set(hidden.map((e) => e.disk.kind))].join('/')} device(s) hidden; --json lists them)`);
  return out.join('\n') + '\n';
}
