// SPDX-License-Identifier: MIT
// `flash`: resolve the image, read the machine, plan, confirm, then run the write steps.
import { resolve } from 'node:path';
import { mappedBytes } from '../core/flash/bmap.js';
import { MicroyoctoError } from '../core/errors.js';
import type { FlashPlan } from '../core/flash/plan.js';
import { diskChecks, planFlash } from '../core/flash/plan.js';
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

// The paths whose disk must never be the target: the image, its bmap and manifest, the workspace's build and caches.
async function sourcePaths(image: ResolvedImage | undefined, cwd: string, env: Record<string, string | undefined>): Promise<{ role: string; path: string }[]> {
  const out: { role: string; path: string }[] = [];
  if (image) {
    out.push({ role: 'image', path: image.path });
    if (image.bmapPath) out.push({ role: 'bmap', path: image.bmapPath });
    if (image.manifest) out.push({ role: 'deploy manifest', path: image.manifest.path });
  }
  const dirs: [string, string | undefined][] = [
    ['build dir', resolve(cwd, 'build')],
    ['DL_DIR', env.DL_DIR ?? resolve(cwd, 'downloads')],
    ['SSTATE_DIR', env.SSTATE_DIR ?? resolve(cwd, 'sstate-cache')],
  ];
  for (const [role, path] of dirs) if (path !== undefined && (await pathExists(path))) out.push({ role, path });
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
  const image = options.image !== undefined || options.profile !== undefined ? await resolveImage({ ...options }) : undefined;
  const facts = readFlashFacts(host.roots, await sourcePaths(image, options.cwd, options.env), host.pathDevice);
  return facts.disks.map((disk) => {
    const { checks } = diskChecks(disk, facts, image, { allowInternal: options.allowInternal, allowLoop: options.allowLoop });
    return { disk, checks, eligible: !checks.some((c) => c.status === 'refuse') };
  });
}

// Plan and (unless --dry-run) flash. Throws the first refusal with every other one listed.
export async function runFlash(host: FlashHost, options: FlashOptions, ui: FlashUI): Promise<FlashOutcome> {
  if (options.device === undefined) throw new MicroyoctoError('USAGE', 'which device? microyocto flash DEVICE --image PATH', { hint: 'microyocto flash --list shows the candidates' });
  const image = await resolveImage({ image: options.image, profile: options.profile, bmap: options.bmap, noBmap: options.noBmap, cwd: options.cwd });
  const target = await host.resolveTarget(options.device, options.cwd);
  const facts = readFlashFacts(host.roots, await sourcePaths(image, options.cwd, options.env), host.pathDevice);
  const disk = facts.disks.find((d) => d.majMin === target.majMin);
  const plan = planFlash(target, facts, image, {
    allowInternal: options.allowInternal,
    allowLoop: options.allowLoop,
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
    const extra = plan.confirmations.length > 0 ? ` (${plan.confirmations.join('; ')})` : '';
    const ok = await ui.confirm(`Erase ${plan.identity!.path}${extra} and write ${image.path}? [y/N] `);
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
