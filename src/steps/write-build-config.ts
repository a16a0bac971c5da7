// SPDX-License-Identifier: MIT
// Step `write-build-config`: build/<profile>/conf/bblayers.conf and auto.conf (managed, written only
// when their text changes, so bitbake's parse cache stays warm) and local.conf (created once from
// templates/local.conf, then never touched: it is the user's).
import { join, relative } from 'node:path';
import { InternalError } from '../core/errors.js';
import { unifiedDiff } from '../core/text-diff.js';
import { planBuildConfig, renderLocalConf } from '../core/workspace/build-config.js';
import { readTextFile, readTextIfExists, writeIfChanged } from '../io/files.js';
import { ensureDir } from '../io/paths.js';
import type { Step } from '../pipeline/step.js';
import { profileKernelFeatures } from '../profiles/index.js';
import type { PipelineContext } from './context.js';

export const writeBuildConfigStep: Step<PipelineContext> = {
  id: 'write-build-config',
  title: 'Write build configuration',
  async run(ctx, io) {
    const { profile, machine, layout } = ctx;
    if (profile === undefined || machine === undefined) throw new InternalError('write-build-config needs a profile and a machine');
    const kernelFeatures = await profileKernelFeatures(profile, { workspaceDir: layout.root });
    const plan = planBuildConfig({ layout, manifest: ctx.manifest, machine, profile, project: ctx.project, kernelFeatures });
    const localPath = join(layout.confDir, 'local.conf');
    const files: Array<{ path: string; text: string; managed: boolean }> = [
      { path: join(layout.confDir, 'bblayers.conf'), text: plan.bblayers, managed: true },
      { path: join(layout.confDir, 'auto.conf'), text: plan.auto, managed: true },
    ];
    const existingLocal = await readTextIfExists(localPath);
    if (existingLocal === undefined) {
      const template = await readTextFile(join(ctx.templatesDir, 'local.conf'), 'local.conf template');
      files.push({ path: localPath, text: renderLocalConf(template, { profile: profile.name, machine: machine.name, release: ctx.manifest.release }), managed: false });
    }
    for (const f of files) {
      const rel = relative(layout.root, f.path);
      const before = await readTextIfExists(f.path);
      if (ctx.options.dryRun) {
        const action = before === undefined ? 'create' : before === f.text ? 'unchanged' : 'update';
        ctx.plan.push({ kind: 'file', step: 'write-build-config', path: f.path, action, diff: unifiedDiff(rel, before, f.text) });
        continue;
      }
      if (await writeIfChanged(f.path, f.text)) {
        ctx.results.configWritten.push(f.path);
        io.log(`${before === undefined ? 'created' : 'updated'} ${rel}`);
        io.event({ event: 'file-written', path: f.path, created: before === undefined });
      } else io.log(`${rel} unchanged`);
    }
    if (existingLocal !== undefined) {
      if (ctx.options.dryRun) ctx.plan.push({ kind: 'file', step: 'write-build-config', path: localPath, action: 'keep', diff: '' });
      else io.log(`${relative(layout.root, localPath)} is yours: left as it is`);
    }
    if (!ctx.options.dryRun) {
      await ensureDir(layout.dlDir);
      await ensureDir(layout.sstateDir);
    }
  },
};
