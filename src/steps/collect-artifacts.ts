// SPDX-License-Identifier: MIT
// Step `collect-artifacts`: move the disk image(s) into deploy/<profile>/ and write manifest.json:
// images with size and sha256, profile, machine, every repo's commit, kernel features, the bitbake
// summary and step durations. `microyocto flash --profile P` reads `images[0]` from it.
import { basename, join, relative } from 'node:path';
import { redactUrl } from '../core/redact.js';
import { kernelFeatureEntries } from '../core/workspace/build-config.js';
import { budgetMeasures, checkBudget } from '../core/size/budget.js';
import { findDeployArtifacts, measureFiles, profileArtifactDirs } from '../io/artifacts.js';
import { writeFileAtomic } from '../io/files.js';
import { hashFile, moveFile } from '../io/paths.js';
import type { Step } from '../pipeline/step.js';
import { resolveRef } from '../tools/git.js';
import type { PipelineContext } from './context.js';

export const DEPLOY_MANIFEST = 'manifest.json';

export interface DeployManifestImage {
  /** Relative to the folder of manifest.json. */
  path: string;
  bmap?: string | undefined;
  size: number;
  sha256: string;
}

export const collectArtifactsStep: Step<PipelineContext> = {
  id: 'collect-artifacts',
  title: 'Collect artifacts',
  async run(ctx, io) {
    const deploy = ctx.layout.deployDir;
    const file = join(deploy, DEPLOY_MANIFEST);
    if (ctx.options.dryRun) {
      ctx.plan.push({ kind: 'note', step: 'collect-artifacts', message: `would move the images into ${deploy} and write ${file}` });
      return;
    }
    const images: DeployManifestImage[] = [];
    for (const [i, img] of ctx.results.images.entries()) {
      io.progress({ current: i + 1, total: ctx.results.images.length, message: basename(img.path) });
      const target = join(deploy, basename(img.path));
      if (img.path !== target) await moveFile(img.path, target);
      let bmap: string | undefined;
      if (img.bmap !== undefined) {
        bmap = join(deploy, basename(img.bmap));
        if (img.bmap !== bmap) await moveFile(img.bmap, bmap);
      }
      const { size, sha256 } = await hashFile(target);
      images.push({ path: relative(deploy, target), bmap: bmap === undefined ? undefined : relative(deploy, bmap), size, sha256 });
      ctx.results.images[i] = { path: target, bmap };
    }
    const repos = [];
    for (const repo of ctx.manifest.repos) {
      const known = ctx.results.repos.find((r) => r.name === repo.name && r.commit !== '');
      const commit = repo.builtin === true ? undefined : known?.commit ?? (await resolveRef(join(ctx.layout.layersDir, repo.name), 'HEAD', { env: ctx.env }));
      repos.push({ name: repo.name, url: redactUrl(repo.url), branch: repo.branch, commit: commit ?? null, builtin: repo.builtin === true });
    }
    // What the build weighs (kernel text/data/bss from the ELF, image sizes) and the profile's budgets.
    const sizes = ctx.profile === undefined ? [] : await measureFiles(await findDeployArtifacts(await profileArtifactDirs(ctx.layout.root, ctx.profile.name), deploy), deploy);
    const budget = ctx.profile === undefined ? null : checkBudget(ctx.profile.budget, budgetMeasures(sizes));
    const s = ctx.results.bitbake;
    const manifest = {
      schema: 1,
      createdAt: new Date().toISOString(),
      profile: ctx.profile?.name ?? null,
      machine: ctx.machine?.name ?? null,
      bitbakeMachine: ctx.machine?.bitbakeMachine ?? null,
      distro: ctx.profile?.distro ?? null,
      image: ctx.options.targets[0] ?? ctx.profile?.image ?? null,
      manifest: { name: ctx.manifest.name, release: ctx.manifest.release },
      images,
      sizes,
      budget,
      repos,
      kernel: ctx.profile === undefined ? null : {
        recipe: ctx.profile.kernel.recipe,
        features: ctx.profile.kernel.features,
        kernelFeatures: kernelFeatureEntries(ctx.profile.kernel.features),
        fragments: ctx.profile.kernel.fragments,
      },
      bitbake: s === undefined ? null : {
        tasks: s.tasks ?? null,
        sstate: s.sstate ?? null,
        parse: s.parse ?? null,
        warnings: s.warnings,
        buildConfig: s.buildConfig,
      },
      durationsMs: ctx.results.durations,
    };
    await writeFileAtomic(file, JSON.stringify(manifest, null, 2) + '\n');
    ctx.results.manifestPath = file;
    io.log(`wrote ${relative(ctx.layout.root, file)} (${images.length} image${images.length === 1 ? '' : 's'})`);
    io.event({ event: 'artifacts', manifest: file, images });
  },
};
