#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// CommonJS on purpose: an ES-module entry starts Node's ES-module loader (about 15 ms) before any of our
// code runs. dist/src/bundle/main.cjs is src/main-fast.ts, the hot kconfig commands, bundled into one
// CommonJS file by scripts/bundle-startup.mjs, which also saves V8's code cache for it; any other
// command line goes to the ES modules (dist/src/main.js), as does everything when the bundle is missing
// or older than them (a `tsc` alone).
'use strict';
// Compiler settings first: they apply to what is compiled after them (see v8-flags.cjs).
require('node:v8').setFlagsFromString(require('./v8-flags.cjs'));
const { readFileSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'src');
const bundle = join(dist, 'bundle', 'main.cjs');
const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;

// The bundle's exports, compiled with its code cache when that is as new as the bundle (V8 itself
// rejects a cache from another Node version, and then compiles as usual).
function loadBundle() {
  if (mtime(`${bundle}.cache`) < mtime(bundle)) return require(bundle);
  const Module = require('node:module');
  const vm = require('node:vm');
  const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData: readFileSync(`${bundle}.cache`),
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports;
}

const fast = mtime(bundle) >= mtime(join(dist, 'main.js')) ? loadBundle().runFast() : Promise.resolve(false);
fast.then((done) => done || import('../dist/src/main.js'));
