#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// kconfig fast core vs the kernel's own tools, whole process and in-process, side by side.
// Needs a Linux 6.1 tree (KSRC=..., or Debian's linux-source-6.1) and a built dist/ (npm run bench does it).
// Runs: BENCH_RUNS (fast tools, default 15) and BENCH_SLOW_RUNS (merge_config.sh, default 3).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/microyocto.cjs');
const { findKernelTree, makeConfig } = await import(join(ROOT, 'dist/test/conformance/kernel-tree.js'));
const { makeFragments } = await import(join(ROOT, 'dist/test/conformance/fragments.js'));

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 3);

const ksrc = findKernelTree(process.env);
if (!ksrc) {
  console.log('kconfig bench: no kernel tree (set KSRC or apt-get install linux-source-6.1); skipped');
  process.exit(0);
}
const work = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'microyocto-bench-'));
const allyes = makeConfig(ksrc, work, 'x86_64', 'allyesconfig');
const allmod = makeConfig(ksrc, work, 'x86_64', 'allmodconfig');
const tiny = makeConfig(ksrc, work, 'x86_64', 'tinyconfig');
const dir = join(work, 'inputs');
mkdirSync(join(dir, 'f10'), { recursive: true });
mkdirSync(join(dir, 'f100'), { recursive: true });
mkdirSync(join(dir, 'seed'), { recursive: true });
writeFileSync(join(dir, 'allyes.config'), allyes);
writeFileSync(join(dir, 'allmod.config'), allmod);
writeFileSync(join(dir, 'tiny.config'), tiny);
const write = (sub, texts) => texts.map((t, i) => {
  const p = join(dir, sub, `${String(i).padStart(3, '0')}.config`);
  writeFileSync(p, t);
  return p;
});
const f10 = write('f10', makeFragments(allyes, { seed: 42, fragments: 10, lines: 200, pool: 1000, deviate: 0.3, edges: false }));
const f100 = write('f100', makeFragments(allyes, { seed: 4242, fragments: 100, lines: 50, pool: 2000, deviate: 0.3, edges: false }));
const seedDir = join(ROOT, 'test/fixtures/kconfig/seed');
const seed = ['00-tiny-base', '10-net-off', '11-net-on', '20-console', '30-virtio-block', '40-initramfs'].map((n) => join(seedDir, `${n}.config`));

function run(cmd, args, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'ignore'] });
  const t1 = process.hrtime.bigint();
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} exited ${r.status}`);
  return Number(t1 - t0) / 1e6;
}

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

// Median wall time of `runs` runs of one command.
function time(cmd, args, runs, env = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(run(cmd, args, env));
  return median(samples);
}

// Medians of several commands run in turn (a busy moment of the machine hits all of them alike),
// so ratios between them are fair even when absolute times drift.
function timeAll(cmds, runs) {
  const samples = cmds.map(() => []);
  for (let i = 0; i < runs; i++) cmds.forEach(([cmd, args, env], j) => samples[j].push(run(cmd, args, env)));
  return samples.map(median);
}

const ms = (v) => `${v.toFixed(1)} ms`;
const rows = [];
const row = (task, tool, median, note = '') => rows.push([task, tool, ms(median), note]);

const mergeConfig = join(ksrc, 'scripts/kconfig/merge_config.sh');
const diffconfig = join(ksrc, 'scripts/diffconfig');

const NODE_FLOOR = [process.execPath, ['-e', '']];
// NOTE: the system Python, not whatever `python3` is first on PATH: a pyenv shim is a shell script that
// adds ~100 ms to every run, which would flatter us. PYTHON=... overrides.
const PY = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const [nodeFloor, pyFloor] = timeAll([NODE_FLOOR, [PY, ['-c', '']]], RUNS * 2);
row('floor', "node -e ''", nodeFloor);
row('floor', `${PY} -c ''`, pyFloor);

const results = {};
for (const [name, base, frags] of [['tinyconfig + 6 seed', 'tiny.config', seed], ['allyesconfig + 10x200', 'allyes.config', f10], ['allyesconfig + 100x50', 'allyes.config', f100]]) {
  const [ours, floor] = timeAll([[process.execPath, [BIN, 'kconfig', 'merge', '-o', 'ours.config', base, ...frags]], NODE_FLOOR], RUNS);
  const ref = time('sh', [mergeConfig, '-m', base, ...frags], SLOW_RUNS, { KCONFIG_CONFIG: 'ref.config' });
  const same = readFileSync(join(dir, 'ours.config'), 'utf8') === readFileSync(join(dir, 'ref.config'), 'utf8');
  row(`merge ${name}`, 'merge_config.sh -m', ref);
  row(`merge ${name}`, 'microyocto kconfig merge', ours, `${(ref / ours).toFixed(0)}x faster; ${(ours / floor).toFixed(2)}x node start-up (${ms(floor)} alongside); output ${same ? 'identical' : 'DIFFERENT'}`);
  results[name] = { ours, ref, floor };
}

const [diffOurs, diffFloor, diffRef, diffPyFloor] = timeAll(
  [[process.execPath, [BIN, 'kconfig', 'diff', 'allyes.config', 'allmod.config']], NODE_FLOOR, [PY, [diffconfig, 'allyes.config', 'allmod.config']], [PY, ['-c', '']]],
  RUNS * 2,
);
row('diff allyes vs allmod', 'scripts/diffconfig', diffRef, `${ms(diffRef - diffPyFloor)} beyond Python start-up`);
row('diff allyes vs allmod', 'microyocto kconfig diff', diffOurs, `${(diffOurs / diffFloor).toFixed(2)}x node start-up (${ms(diffFloor)} alongside); ${(diffRef / diffOurs).toFixed(2)}x diffconfig`);

// diffconfig's own work, timed inside Python (its start-up and imports excluded), median of 15 runs.
const pyWork = spawnSync(PY, ['-c', [
  'import contextlib, io, runpy, sys, time',
  `sys.argv = ['diffconfig', 'allyes.config', 'allmod.config']`,
  'ts = []',
  'for _ in range(15):',
  '    t = time.perf_counter()',
  '    with contextlib.redirect_stdout(io.StringIO()):',
  `        runpy.run_path(${JSON.stringify(diffconfig)}, run_name='__main__')`,
  '    ts.append(time.perf_counter() - t)',
  'print(sorted(ts)[len(ts) // 2] * 1000)',
].join('\n')], { cwd: dir, encoding: 'utf8' });
const diffconfigWork = Number(pyWork.stdout.trim());
if (!(diffconfigWork > 0)) throw new Error(`timing diffconfig in Python failed: ${pyWork.stderr}`);

// In-process: the work itself, without start-up.
const { readPairForDiff, formatPairText } = await import(join(ROOT, 'dist/src/core/kconfig/diff.js'));
const { mergeFragments } = await import(join(ROOT, 'dist/src/core/kconfig/merge.js'));
function inProcess(fn, runs = 51) {
  fn();
  const s = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    s.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  s.sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
// What `kconfig diff A B` does between reading the files and writing stdout: the WebAssembly kernel
// (and, for -m, --json and input it leaves, the JavaScript reader).
const { createDiffKernel } = await import(join(ROOT, 'dist/src/core/kconfig/diff-kernel.js'));
const kernel = createDiffKernel(readFileSync(join(ROOT, 'dist/wasm/diffconfig.wasm')));
const [allyesBytes, allmodBytes] = [Buffer.from(allyes), Buffer.from(allmod)];
const diffWork = inProcess(() => kernel.diff(allyesBytes, allmodBytes));
const diffJsWork = inProcess(() => formatPairText(readPairForDiff(allyes, 'a', allmod, 'b')));
row('diff work (in-process)', 'diffconfig read + diff + print, timed in Python', diffconfigWork);
row('diff work (in-process)', 'WebAssembly kernel (kconfig diff)', diffWork, `${(diffconfigWork / diffWork).toFixed(1)}x faster than diffconfig's`);
row('diff work (in-process)', 'JavaScript reader (-m, --json, the rest)', diffJsWork, `${(diffconfigWork / diffJsWork).toFixed(1)}x faster than diffconfig's`);
const f10Texts = f10.map((p) => ({ name: p, text: readFileSync(p, 'utf8') }));
const mergeWork = inProcess(() => mergeFragments({ name: 'allyes', text: allyes }, f10Texts), 21);
row('merge work (in-process)', 'mergeFragments allyes + 10x200', mergeWork);

const width = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i])).join('  '));
const f10r = results['allyesconfig + 10x200'];
console.log('\ntargets (issue 2):');
console.log(`  merge >= 150x merge_config.sh -m on allyes+10x200: ${(f10r.ref / f10r.ours).toFixed(0)}x`);
console.log(`  whole-process merge <= 1.6x node start-up: ${(f10r.ours / f10r.floor).toFixed(2)}x`);
console.log(`  whole-process diff <= 1.3x node start-up: ${(diffOurs / diffFloor).toFixed(2)}x`);
console.log(`  diff work >= 3x diffconfig's work beyond start-up: ${(diffconfigWork / diffWork).toFixed(1)}x`);
console.log(`(machine load at end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
