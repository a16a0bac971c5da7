// SPDX-License-Identifier: MIT
// Step `wic`: `wic create <wks> -e <image> -o build/<profile>/wic -m`; the image path is taken from
// wic's own output (`INFO: The new image(s) can be found here:`), with its .bmap when written.
import { isAbsolute, join, relative } from 'node:path';
import { bitbakeEnv } from '../core/bitbake/invocation.js';
import { MicroyoctoError } from '../core/errors.js';
import { layerFolders } from '../core/workspace/build-config.js';
import { parseWicOutput, wicCreateArgs } from '../core/wic.js';
import { pathExists } from '../io/files.js';
import type { Step } from '../pipeline/step.js';
import { awaitTool, formatCommand, startCommand, type RunResult } from '../tools/runner.js';
import type { PipelineContext } from './context.js';

// Find the kickstart file: absolute, or relative to a layer (or its wic/ folder); else a canned name.
export async function resolveWks(wks: string, layers: readonly string[]): Promise<string> {
  if (isAbsolute(wks)) return wks;
  for (const layer of layers) {
    for (const candidate of [join(layer, wks), join(layer, 'wic', wks)]) if (await pathExists(candidate)) return candidate;
  }
  return wks;
}

export const wicStep: Step<PipelineContext> = {
  id: 'wic',
  title: 'Create the disk image with wic',
  skipReason(ctx) {
    return ctx.machine?.wks === undefined ? `machine ${ctx.machine?.name ?? '?'} has no wks file` : undefined;
  },
  async run(ctx, io) {
    const started = Date.now();
    const wks = await resolveWks(ctx.machine?.wks as string, layerFolders(ctx.manifest, ctx.layout.layersDir));
    const image = ctx.options.targets[0] ?? ctx.profile?.image;
    if (image === undefined) throw new MicroyoctoError('USAGE', 'no image to put on the disk: give --target or a profile');
    const outdir = join(ctx.layout.buildDir, 'wic');
    const args = wicCreateArgs({ wks, image, outdir, bmap: true });
    const env = bitbakeEnv({ caller: ctx.env, buildDir: ctx.layout.buildDir, layersDir: ctx.layout.layersDir, manifest: ctx.manifest, offline: ctx.options.offline });
    if (ctx.options.dryRun) {
      ctx.plan.push({ kind: 'command', step: 'wic', cwd: ctx.layout.buildDir, command: 'wic', args, env });
      return;
    }
    const rel = relative(ctx.layout.root, ctx.layout.buildDir);
    io.log(`${rel}$ ${formatCommand('wic', args)}`);
    const child = startCommand('wic', args, {
      cwd: ctx.layout.buildDir,
      env,
      ownProcessGroup: true,
      onLine: (line) => {
        if (line.startsWith('WARNING: ') || line.startsWith('ERROR: ') || line.startsWith('INFO: ') || ctx.options.verbose) io.log(line);
      },
    });
    const unsubscribe = io.onInterrupt(() => void child.kill('SIGINT'));
    let result: RunResult;
    try {
      result = await awaitTool(child, {
        message: 'wic was not found (OE-Core scripts/ or wic-native on PATH)',
        hint: 'before Yocto 6.0 wic is in openembedded-core/scripts (run `microyocto setup`); since then build wic-native or install wic',
      });
    } finally {
      unsubscribe();
      ctx.results.durations.wic = Date.now() - started;
    }
    if (io.signal.aborted) throw new MicroyoctoError('INTERRUPTED', 'image creation interrupted: wic stopped');
    const out = parseWicOutput(`${result.stderr}\n${result.stdout}`);
    if (result.exitCode !== 0 || out.images.length === 0) {
      const detail = out.errors.length > 0 ? out.errors.map((e) => `  ERROR: ${e}`) : (result.stderr || result.stdout).split('\n').slice(-20).map((l) => `  ${l}`);
      throw new MicroyoctoError('IMAGE_FAILED', `wic ${result.exitCode === 0 ? 'printed no image path' : `failed with exit code ${result.exitCode ?? result.signal}`}\n${detail.join('\n')}\n${rel}$ ${result.command}`, {
        hint: `check the kickstart file ${wks} and that ${image} was built (microyocto build)`,
      });
    }
    ctx.results.images = [];
    for (const path of out.images) {
      const bmap = (await pathExists(`${path}.bmap`)) ? `${path}.bmap` : undefined;
      ctx.results.images.push({ path, bmap });
      io.event({ event: 'image', path, bmap: bmap ?? null });
      io.log(`image: ${path}${bmap === undefined ? '' : ' (+ .bmap)'}`);
    }
  },
};
