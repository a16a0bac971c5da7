#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// How fast the bitbake output parser keeps up: a synthetic 3,348-task run (the size of
// core-image-tiny-initramfs on Yocto 6.0) built from the real 2.18.0 success capture's line shapes,
// parsed and folded into a summary. Reference: bitbake itself prints these lines over ~hours; the
// parser must cost nothing next to it. Prints the median of 9 runs (after 5 warm-up runs) and lines per second.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBitbakeOutput } from '../dist/src/core/bitbake/parse.js';
import { summarize } from '../dist/src/core/bitbake/state.js';

const root = join(fileURLToPath(import.meta.url), '../..');
const capture = readFileSync(join(root, 'test/fixtures/bitbake/2.18.0/01-build-success.out'), 'utf8').split('\n');
const head = capture.slice(0, capture.findIndex((l) => l === 'NOTE: Executing Tasks') + 1);
const TOTAL = 3348;
const lines = [...head];
for (let i = 1; i <= TOTAL; i++) {
  const pn = `recipe-${i % 400}`;
  lines.push(`NOTE: Running task ${i} of ${TOTAL} (/w/layers/openembedded-core/meta/recipes-x/${pn}/${pn}_1.0.bb:do_task${i % 13})`);
  lines.push(`NOTE: recipe ${pn}-1.0-r0: task do_task${i % 13}: Started`);
  lines.push(`NOTE: recipe ${pn}-1.0-r0: task do_task${i % 13}: Succeeded`);
}
lines.push(`NOTE: Tasks Summary: Attempted ${TOTAL} tasks of which 0 didn't need to be rerun and all succeeded.`);
const text = lines.join('\n');

const times = [];
let summary;
for (let warm = 0; warm < 5; warm++) summarize(parseBitbakeOutput(text));
for (let run = 0; run < 9; run++) {
  const t0 = process.hrtime.bigint();
  summary = summarize(parseBitbakeOutput(text));
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[4];
if (summary.tasks?.attempted !== TOTAL) throw new Error('parser lost the summary');
console.log(`bitbake parser: ${lines.length} lines (${TOTAL} tasks) in ${median.toFixed(1)} ms median of 9 = ${Math.round(lines.length / (median / 1000)).toLocaleString('en')} lines/s`);
