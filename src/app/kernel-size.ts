// SPDX-License-Identifier: MIT
// `kernel size`: the kernel-only fast loop. Each variant (a profile, or NAME=fragments) is merged,
// configured from allnoconfig and built out of tree in its own cache folder, then measured; with
// attribution, each feature is measured by building without it in a folder seeded from the full build.
import { basename, join, resolve } from 'node:path';
import { MicroyoctoError } from '../core/errors.js';
import type { MergeSource } from '../core/kconfig/merge.js';
import type { Profile } from '../core/model.js';
import { attributionOf, type Attribution, type VariantSizes } from '../core/size/kernel-table.js';
import { pathExists, readTextFile } from '../io/files.js';
import { runSteps, type RunStepsOptions } from '../pipeline/run-steps.js';
import type { KernelSizeContext, KernelVariant } from '../steps/kernel-context.js';
import { kernelBuildStep } from '../steps/kernel-build.js';
import { kernelConfigureStep } from '../steps/kernel-configure.js';
import { kernelMeasureStep } from '../steps/kernel-measure.js';
import { kernelMergeFragmentsStep } from '../steps/kernel-merge-fragments.js';
import { runCommand, toolFailed } from '../tools/runner.js';

export const KERNEL_SIZE_STEPS = [kernelMergeFragmentsStep, kernelConfigureStep, kernelBuildStep, kernelMeasureStep];

/** A variant with its fragments grouped: a base that always stays, and features attribution removes one at a time. */
export interface VariantSpec extends KernelVariant {
  features: Array<{ name: string; fragments: MergeSource[] }>;
}

export interface KernelSizeOptions {
  kernelSrc: string;
  arch: string;
  jobs: number;
  image: boolean;
  attribute: boolean;
  /** Cache folder root; each variant builds in `<buildRoot>/<name>-<arch>`. */
  buildRoot: string;
  variants: VariantSpec[];
  env: Record<string, string | undefined>;
  steps: Omit<RunStepsOptions, 'skip' | 'only'>;
  /** Attribute only these features (names as --attribute prints them); all when undefined. */
  features?: readonly string[] | undefined;
  /** Called after each variant is measured (the CLI prints as results arrive). */
  onResult?: ((r: VariantSizes) => void) | undefined;
}

export interface KernelSizeOutcome {
  results: VariantSizes[];
  attribution: Attribution[];
}

// `--variant NAME=A.cfg,B.cfg`: the first fragment is the base, each later one a feature.
export async function variantFromSpec(spec: string, cwd: string): Promise<VariantSpec> {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new MicroyoctoError('USAGE', `--variant ${spec}: expected NAME=FRAGMENT[,FRAGMENT...]`, { hint: '--variant things=micro.cfg,things.cfg' });
  }
  const name = spec.slice(0, eq);
  if (!/^[\w.+-]+$/.test(name)) throw new MicroyoctoError('USAGE', `--variant ${spec}: the name may only hold letters, digits, '.', '_', '+', '-'`);
  const files = spec.slice(eq + 1).split(',').filter((f) => f !== '');
  const sources = await Promise.all(files.map(async (f) => ({ name: f, text: await readTextFile(resolve(cwd, f), 'kernel fragment') })));
  return { name, fragments: sources, features: sources.slice(1).map((s) => ({ name: basename(s.name), fragments: [s] })) };
}

// A profile's kernel: its own .cfg fragments are the base, each feature's fragments a feature.
export async function variantFromProfile(profile: Profile, resolveFeature: (feature: string, profile: Profile) => Promise<string[]>): Promise<VariantSpec> {
  const read = async (f: string): Promise<MergeSource> => ({ name: f, text: await readTextFile(f, 'kernel fragment') });
  const features = [];
  for (const feature of profile.kernel.features) features.push({ name: feature, fragments: await Promise.all((await resolveFeature(feature, profile)).map(read)) });
  const base = await Promise.all(profile.kernel.fragments.map(read));
  return { name: profile.name, fragments: [...features.flatMap((f) => f.fragments), ...base], features };
}

async function buildVariant(variant: KernelVariant, buildDir: string, o: KernelSizeOptions, knownBuilds?: readonly VariantSizes[]): Promise<VariantSizes> {
  const ctx: KernelSizeContext = { variant, kernelSrc: o.kernelSrc, buildDir, arch: o.arch, jobs: o.jobs, image: o.image, env: o.env, knownBuilds };
  if (o.steps.mode === 'lines' || o.steps.mode === 'tty') o.steps.writeErr(`${variant.name}: ${buildDir}\n`);
  const reports = await runSteps(KERNEL_SIZE_STEPS, ctx, o.steps);
  const seconds = Math.round(reports.reduce((sum, r) => sum + r.durationMs, 0) / 100) / 10;
  const result: VariantSizes = {
    name: variant.name,
    buildDir,
    fragments: variant.fragments.map((f) => f.name),
    sizes: ctx.sizes!,
    bzImage: ctx.bzImageBytes,
    dropped: ctx.dropped ?? [],
    seconds,
    configText: ctx.configText,
    sameAs: ctx.sameAs?.name,
  };
  o.onResult?.(result);
  return result;
}

// Seed an attribution folder from the full build so make only redoes what the feature touches.
async function seedBuildDir(from: string, to: string): Promise<void> {
  if ((await pathExists(to)) || !(await pathExists(join(from, 'vmlinux')))) return;
  const r = await runCommand('cp', ['-a', '--', from, to]);
  if (r.exitCode !== 0) throw toolFailed(r);
}

// Check the kernel tree before spending minutes on it.
export async function checkKernelSrc(dir: string): Promise<void> {
  if (!(await pathExists(join(dir, 'Makefile'))) || !(await pathExists(join(dir, 'scripts', 'kconfig')))) {
    throw new MicroyoctoError('FILE_NOT_FOUND', `--kernel-src ${dir} is not a kernel source tree (no Makefile or scripts/kconfig)`, {
      hint: 'unpack one, e.g. tar xf /usr/src/linux-source-6.1.tar.xz',
    });
  }
  if ((await pathExists(join(dir, '.config'))) || (await pathExists(join(dir, 'include', 'config')))) {
    throw new MicroyoctoError('CONFIG_INVALID', `--kernel-src ${dir} has been configured in place (.config or include/config exists)`, {
      hint: "out-of-tree builds need a clean tree: run 'make mrproper' in it (or in a copy)",
    });
  }
}

// Build and measure every variant, then (with attribute) each variant without each of its features.
export async function runKernelSize(o: KernelSizeOptions): Promise<KernelSizeOutcome> {
  if (o.features !== undefined) {
    const known = new Set(o.variants.flatMap((v) => v.features.map((f) => f.name)));
    const unknown = o.features.filter((f) => !known.has(f));
    if (unknown.length > 0) throw new MicroyoctoError('USAGE', `--features: ${unknown.join(', ')} is not a feature of the variants`, { hint: `features are: ${[...known].join(', ') || '(none)'}` });
  }
  if (o.variants.length === 0) throw new MicroyoctoError('USAGE', 'kernel size needs --profile or --variant', { hint: 'microyocto kernel size --kernel-src DIR --variant things=micro.cfg,things.cfg' });
  await checkKernelSrc(o.kernelSrc);
  const dirOf = (name: string): string => join(o.buildRoot, `${name}-${o.arch}`);
  const results: VariantSizes[] = [];
  for (const v of o.variants) results.push(await buildVariant(v, dirOf(v.name), o));
  const attribution: Attribution[] = [];
  if (o.attribute) {
    for (const [i, v] of o.variants.entries()) {
      const only = o.features === undefined ? v.features : v.features.filter((f) => o.features!.includes(f.name));
      for (const feature of only) {
        const dropped = new Set(feature.fragments);
        const without: KernelVariant = { name: `${v.name}-without-${feature.name}`, fragments: v.fragments.filter((f) => !dropped.has(f)) };
        const dir = dirOf(without.name);
        await seedBuildDir(dirOf(v.name), dir);
        const built = await buildVariant(without, dir, o, [...results, ...attribution.map((a) => a.without)]);
        attribution.push(attributionOf(results[i]!, feature.name, built));
      }
    }
  }
  return { results, attribution };
}
