#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// CommonJS on purpose: an ES-module entry starts Node's ES-module loader (about 15 ms) before any of our
// code runs. dist/src/bundle/main.cjs is src/main-fast.ts, the hot kconfig commands, bundled into one
// CommonJS file by scripts/bundle-startup.mjs; any other command line goes to the ES modules
// (dist/src/main.js), as does everything when the bundle is missing or older than them (a `tsc` alone).
'use strict';
const { statSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'src');
const bundle = join(dist, 'bundle', 'main.cjs');
const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const fast = mtime(bundle) >= mtime(join(dist, 'main.js')) ? require(bundle).runFast() : Promise.resolve(false);
fast.then((done) => done || import('../dist/src/main.js'));
