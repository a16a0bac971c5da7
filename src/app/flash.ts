// SPDX-License-Identifier: MIT
// `flash`: resolve the image, read the machine, plan, confirm, then run the write steps.
import { dirname, join, resolve } from 'node:path';
import { mappedBytes } from '../core/flash/bmap.js';
import { humanSize } from '../core/flash/format.js';
import { MicroyoctoError } from '../core/errors.js';
import { PROJECT_FILE, workspaceLayout, type WorkspaceLayout } from '../core/workspace/layout.js';
import type { FlashPlan } from '../core/flash/plan.js';
import { diskChecks, planFlash } from '../core/flash/plan.js';
import { partitionTarget } from '../core/flash/partition.js';
import type { ListEntry, PlanSummary } from '../core/flash/report.js';
import type { FlashHost } from '../flash/host.js';
import { resolveImage, type ResolvedImage } from '../flash/image.js';
import { readFlashFacts } from '../flash/machine.js';
import { pathExists } from '../io/files.js';
import type { FlashSession } from '../flash/session.js';
import type { RunStepsOptions } from '../pipeline/run-steps.js';
import { runSteps } from '../pipeline/run-steps.js';
import type { StepReport } from '../pipeline/step.js';
import { checkImageStep } from '../steps/check-image.js';
import { readBackStep } from '../steps/read-back.js';
import { unmountTargetStep } from '../steps/unmount-target.js';
import { writeImageStep } from '../steps/write-image.js';

export const FLASH_STEPS = [checkImageStep, unmountTargetStep, writeImageStep, readBackStep];

export interface FlashOptions {
  device?: string | undefined;
  image?: string | undefined;
  profile?: string | undefined;
  bmap?: string | undefined;
  noBmap?: boolean | undefined;
  dryRun?: boolean | undefined;
  yes?: boolean | undefined;
  expectSerial?: string | undefined;
  expectSize?: number | undefined;
  unmount?: boolean | undefined;
  verify?: boolean | undefined;
  readBack?: boolean | undefined;
  allowInternal?: boolean | undefined;
  allowLoop?: boolean | undefined;
  /** Accept a partition as the target (--partition). */
  partition?: boolean | undefined;
  nonInteractive: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface FlashUI {
  /** Show the plan text before the question. */
  show(plan: FlashPlan, summary: PlanSummary): void;
  /** A warning for the user (no bmap: full copy). */
  warn(message: string): void;
  /** Ask one y/N question; default No. */
  confirm(question: string): Promise<boolean>;
  steps: Omit<RunStepsOptions, 'skip' | 'only'>;
}

export type FlashOutcome =
  | { kind: 'dry-run'; plan: FlashPlan; summary: PlanSummary }
  | { kind: 'flashed'; plan: FlashPlan; summary: PlanSummary; reports: StepReport[]; bytesWritten: number; readBack: boolean };

// The workspace around cwd (the nearest folder up holding microyocto.ini, else cwd) and its layout,
// with the cache folders the project file sets (a broken project file falls back to the defaults).
async function workspaceOf(cwd: string, profile: string | undefined): Promise<WorkspaceLayout> {
  let root = resolve(cwd);
  for (let dir = root; ; dir = dirname(dir)) {
    if (await pathExists(join(dir, PROJECT_FILE))) {
      root = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  let caches: Parameters<typeof workspaceLayout>[2];
  if (await pathExists(join(root, PROJECT_FILE))) {
    try {
      const { loadProject } = await import('../profiles/index.js');
      caches = await loadProject(root);
    } catch {
      caches = undefined;
    }
  }
  return workspaceLayout(root, profile ?? '_', caches);
}

// The paths whose disk must never be the target: the image, its bmap and manifest, the workspace's build and caches.
async function sourcePaths(image: ResolvedImage | undefined, layout: WorkspaceLayout, env: Record<string, string | undefined>): Promise<{ role: string; path: string }[]> {
  const out: { role: string; path: string }[] = [];
  if (image) {
    out.push({ role: 'image', path: image.path });
    if (image.bmapPath) out.push({ role: 'bmap', path: image.bmapPath });
    if (image.manifest) out.push({ role: 'deploy manifest', path: image.manifest.path });
  }
  const dirs: [string, string | undefined][] = [
    ['build dir', join(layout.root, 'build')],
    ['layers', layout.layersDir],
    ['DL_DIR', layout.dlDir],
    ['SSTATE_DIR', layout.sstateDir],
    ['DL_DIR', env.DL_DIR],
    ['SSTATE_DIR', env.SSTATE_DIR],
  ];
  for (const [role, path] of dirs) if (path !== undefined && path !== '' && (await pathExists(path))) out.push({ role, path });
  return out;
}

export function summarize(image: ResolvedImage): PlanSummary {
  return {
    image: image.path,
    bmap: image.bmapPath,
    writeBytes: image.bmap ? mappedBytes(image.bmap) : image.expandedSize,
    expandedSize: image.expandedSize,
    compression: image.compression,
  };
}

function refusal(plan: FlashPlan): MicroyoctoError {
  const refused = plan.checks.filter((c) => c.status === 'refuse');
  const first = refused[0]!;
  const more = refused.length > 1 ? `\n${refused.slice(1).map((c) => `  also: ${c.message}`).join('\n')}` : '';
  return new MicroyoctoError(first.code ?? 'DEVICE_UNSAFE', `refusing to flash ${plan.target.argument}: ${first.message}; nothing was written${more}`, {
    hint: first.hint ?? 'microyocto flash --dry-run shows every check',
  });
}

// Every disk with its eligibility (--list); the image, when given, adds the size check.
export async function listFlashTargets(host: FlashHost, options: Pick<FlashOptions, 'image' | 'profile' | 'bmap' | 'noBmap' | 'allowInternal' | 'allowLoop' | 'cwd' | 'env'>): Promise<ListEntry[]> {
  const layout = await workspaceOf(options.cwd, options.profile);
  const image = options.image !== undefined || options.profile !== undefined ? await resolveImage({ ...options, deployDir: layout.deployDir }) : undefined;
  const facts = readFlashFacts(host.roots, await sourcePaths(image, layout, options.env), host.pathDevice);
  return facts.disks.map((disk) => {
    const { checks } = diskChecks(disk, facts, image, { allowInternal: options.allowInternal, allowLoop: options.allowLoop });
    return { disk, checks, eligible: !checks.some((c) => c.status === 'refuse') };
  });
}

// Plan and (unless --dry-run) flash. Throws the first refusal with every other one listed.
export async function runFlash(host: FlashHost, options: FlashOptions, ui: FlashUI): Promise<FlashOutcome> {
  if (options.device === undefined) throw new MicroyoctoError('USAGE', 'which device? microyocto flash DEVICE --image PATH', { hint: 'microyocto flash --list shows the candidates' });
  const layout = await workspaceOf(options.cwd, options.profile);
  const image = await resolveImage({ image: options.image, profile: options.profile, bmap: options.bmap, noBmap: options.noBmap, cwd: options.cwd, deployDir: layout.deployDir });
  const target = await host.resolveTarget(options.device, options.cwd);
  const facts = readFlashFacts(host.roots, await sourcePaths(image, layout, options.env), host.pathDevice);
  const disk = facts.disks.find((d) => d.majMin === target.majMin) ?? (options.partition ? partitionTarget(facts.disks, target.majMin) : undefined);
  const plan = planFlash(target, facts, image, {
    allowInternal: options.allowInternal,
    allowLoop: options.allowLoop,
    partition: options.partition,
    unmount: options.unmount,
    expectSerial: options.expectSerial,
    expectSize: options.expectSize,
    yes: options.yes,
    nonInteractive: options.nonInteractive,
    writable: disk ? await host.canWrite(host.writePath(disk.devPath)) : undefined,
  });
  const summary = summarize(image);
  if (options.dryRun) return { kind: 'dry-run', plan, summary };
  if (!plan.allowed) throw refusal(plan);
  if (!options.yes) {
    ui.show(plan, summary);
    const id = plan.identity!;
    const of = id.partitionOf;
    // The question itself says which disk a partition belongs to: its whole-disk confirmation is not repeated.
    const asked = plan.checks.filter((c) => c.status === 'confirm' && !(of !== undefined && c.id === 'whole-disk')).map((c) => c.message);
    const extra = asked.length > 0 ? ` (${asked.join('; ')})` : '';
    const model = [id.vendor, id.model].filter((x) => x !== undefined).join(' ') || 'unknown model';
    const what = of === undefined ? id.path : `partition ${id.path} (${of.number === undefined ? 'a partition' : `number ${of.number}`} of ${of.path}, ${model}, ${humanSize(of.sizeBytes)} disk; the rest of ${of.path} is left as it is)`;
    const ok = await ui.confirm(`Erase ${what}${extra} and write ${image.path}? [y/N] `);
    if (!ok) throw new MicroyoctoError('FLASH_NOT_CONFIRMED', `not confirmed: nothing was written to ${plan.identity!.path}`);
  }
  const session: FlashSession = {
    host,
    image,
    plan,
    disk: plan.disk!,
    identity: plan.identity!,
    verify: options.verify !== false,
    readBack: options.readBack === true,
    env: options.env,
    cwd: options.cwd,
  };
  if (!image.bmap) ui.warn(`no .bmap found for ${image.path}: every byte of the image will be written (slower; bmaptool refuses without --nobmap)`);
  const reports = await runSteps(FLASH_STEPS, session, ui.steps);
  return { kind: 'flashed', plan, summary, reports, bytesWritten: session.written?.bytesWritten ?? 0, readBack: session.readBack };
}
