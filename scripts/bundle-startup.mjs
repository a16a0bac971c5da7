#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Bundle the CLI's start-up path (dist/src/main-fast.js: the hot kconfig commands without commander)
// into one CommonJS file, dist/src/bundle/main.cjs, which bin/microyocto.cjs runs first.
// Why: Node 20's ES-module loader costs about 15 ms of start-up before the first line of ours runs, and
// each further module a little more; for `kconfig diff` that is a fifth of the whole run. The sources
// stay ES modules; this file is a build artefact of the same code (see docs/architecture.md).
// The commander program must not get in: a command
// line the bundle does not take goes to dist/src/main.js, in its own, separate set of ES modules, so
// no module of ours is ever loaded twice in one run.
import { build } from 'esbuild';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { Script } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'dist/src');
// NOTE: at the depth of dist/src/<dir>/ so that `new URL('../../../package.json', import.meta.url)`
// in the bundled modules points where it does in their own files.
const OUT = join(SRC, 'bundle/main.cjs');

const result = await build({
  entryPoints: [join(SRC, 'main-fast.js')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // NOTE: no import() in the bundle: a script compiled with a code cache has no loader for it. Its one
  // package, chalk (ES module only), is bundled in; none other may be reached (checked below).
  supported: { 'dynamic-import': false },
  // The bundled modules' import.meta.url: this file's URL (same depth, see OUT).
  banner: { js: '"use strict";\nconst __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__bundleUrl' },
  logLevel: 'warning',
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs);
const outside = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path));
if (outside.length > 0) {
  console.error(`bundle-startup: the start-up bundle reaches ${[...new Set(outside)].join(', ')}; it may use only node: modules and what it bundles`);
  process.exit(1);
}
const intruders = inputs.filter((f) => /\/cli\/(run-cli|commands\/index)\.js$/.test(f));
if (intruders.length > 0) {
  console.error(`bundle-startup: ${intruders.join(', ')} got into the start-up bundle; it must stay without commander`);
  process.exit(1);
}
// V8's code cache for the bundle: bin/microyocto.cjs compiles it with this (saves parsing 170 kB at every
// start). V8 rejects a cache made by another Node version or other flags, and the bin uses it only
// when it is as new as the bundle; both are written by this one build, with the bin's V8 flags.
setFlagsFromString(Module.createRequire(import.meta.url)('../bin/v8-flags.cjs'));
const source = readFileSync(OUT, 'utf8');
const cache = new Script(Module.wrap(source), { filename: OUT }).createCachedData();
writeFileSync(`${OUT}.cache.tmp`, cache);
renameSync(`${OUT}.cache.tmp`, `${OUT}.cache`);
if (process.argv.includes('--verbose')) console.log(`${relative(ROOT, OUT)}: ${inputs.length} modules, ${source.length} bytes`);
