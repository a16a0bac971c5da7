#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Full resolve (parse the Kconfig tree + evaluate + write) of x86_64 olddefconfig on allyesconfig, whole
// process: microyocto (cold and warm probe cache) vs the kernel's conf vs kconfiglib (cold, and with the
// probes answered from our cache); and merge + resolve of tinyconfig + the seed fragments vs
// merge_config.sh (with its make alldefconfig step). Medians of BENCH_RUNS (default 7; slow tools 3).
// Needs a Linux 6.1 tree (KSRC=..., or Debian's linux-source-6.1), make and gcc; kconfiglib optional.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/microyocto.js');
const { findKernelTree, makeConfig } = await import(join(ROOT, 'dist/test/conformance/kernel-tree.js'));
const { kconfigEnv } = await import(join(ROOT, 'dist/src/app/kconfig-tree.js'));
const { readKernelVersion } = await import(join(ROOT, 'dist/src/io/kconfig-source.js'));

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SLOW = Number(process.env.BENCH_SLOW_RUNS ?? 3);
const ksrc = findKernelTree(process.env);
if (!ksrc) {
  console.log('kconfig-resolve bench: no kernel tree (set KSRC or apt-get install linux-source-6.1); skipped');
  process.exit(0);
}
const work = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'microyocto-bench-resolve-'));
const confBuild = process.env.CONF_BUILD ?? join(work, 'conf-build');
const conf = join(confBuild, 'scripts/kconfig/conf');
if (!existsSync(conf)) spawnSync('make', ['-s', '-C', ksrc, `O=${confBuild}`, 'ARCH=x86_64', 'defconfig'], { stdio: 'inherit' });
const allyes = makeConfig(ksrc, work, 'x86_64', 'allyesconfig');
const tiny = makeConfig(ksrc, work, 'x86_64', 'tinyconfig');
const dir = join(work, 'run');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'allyes.config'), allyes);
writeFileSync(join(dir, 'tiny.config'), tiny);
const cacheHome = join(work, 'xdg');
const ccText = spawnSync('sh', ['-c', 'LC_ALL=C gcc --version | head -n1'], { encoding: 'utf8' }).stdout.trim().replace(/#/g, '');
const env = { ...kconfigEnv({ arch: 'x86_64', srctree: ksrc, env: process.env, kernelVersion: readKernelVersion(ksrc) }), CC_VERSION_TEXT: ccText, XDG_CACHE_HOME: cacheHome };
delete env.KCONFIG_ALLCONFIG;

function time(cmd, args, runs, opts = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    opts.before?.();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: opts.cwd ?? dir, env: { ...env, ...(opts.env ?? {}) }, stdio: ['ignore', 'ignore', 'pipe'] });
    const t1 = process.hrtime.bigint();
    if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 4).join(' ')} exited ${r.status}: ${r.stderr}`);
    samples.push(Number(t1 - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const rows = [];
const row = (task, tool, v, note = '') => rows.push([task, tool, `${v.toFixed(0)} ms`, note]);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`kernel tree ${ksrc}; load average before: ${load()}`);

const nodeFloor = time(process.execPath, ['-e', ''], RUNS);
row('floor', "node -e ''", nodeFloor);

// the kernel's conf: always runs its probes (one after another)
const confDir = join(work, 'conf-cwd');
mkdirSync(confDir, { recursive: true });
const confRun = time(conf, ['-s', '--olddefconfig', 'Kconfig'], SLOW, { cwd: confDir, before: () => writeFileSync(join(confDir, '.config'), allyes) });
const ref = readFileSync(join(confDir, '.config'), 'utf8');
row('olddefconfig allyesconfig', 'conf --olddefconfig', confRun);

const ours = ['kconfig', 'resolve', '-q', '--kernel-src', ksrc, '--arch', 'x86_64', '--base', 'allyes.config', '-o', 'ours.config'];
const cold = time(process.execPath, [BIN, ...ours, '--fresh-probes'], SLOW);
const coldSame = readFileSync(join(dir, 'ours.config'), 'utf8') === ref;
const warm = time(process.execPath, [BIN, ...ours], RUNS);
const warmSame = readFileSync(join(dir, 'ours.config'), 'utf8') === ref;
row('olddefconfig allyesconfig', 'microyocto resolve, cold (probes run concurrently)', cold, `${(confRun / cold).toFixed(2)}x conf; output ${coldSame ? 'identical' : 'DIFFERENT'}`);
row('olddefconfig allyesconfig', 'microyocto resolve, warm (probe cache)', warm, `${(confRun / warm).toFixed(1)}x conf cold; output ${warmSame ? 'identical' : 'DIFFERENT'}`);

// conf's own work without its probes: the probes alone, run one after another as conf does
const { readdirSync } = await import('node:fs');
const cacheDir = join(cacheHome, 'microyocto/kconfig-probes');
const answers = JSON.parse(readFileSync(join(cacheDir, readdirSync(cacheDir)[0]), 'utf8')).answers;
const probeScript = join(work, 'probes.sh');
writeFileSync(probeScript, Object.keys(answers).map((c) => `( ${c} ) >/dev/null 2>&1\n`).join(''));
const probes = time('sh', [probeScript], SLOW, { cwd: confDir });
row('olddefconfig allyesconfig', `the ${Object.keys(answers).length} probes alone, in sequence`, probes, `conf minus probes ≈ ${(confRun - probes).toFixed(0)} ms (conf with cached probes, estimated)`);

// kconfiglib (Debian python3-kconfiglib) with the 6.1 `modules` shim; warm = probes from our cache file
const klScript = join(work, 'kl.py');
writeFileSync(klScript, [
  'import json, os, sys',
  'import kconfiglib as K',
  'orig = K.Kconfig._tokenize',
  'def tok(self, s):',
  '    t = orig(self, s)',
  '    if len(t) == 2 and t[0] is K._T_MODULES: return [K._T_OPTION, K._T_MODULES, None]',
  '    return t',
  'K.Kconfig._tokenize = tok',
  'if os.environ.get("KL_ANSWERS"):',
  '    answers = json.load(open(os.environ["KL_ANSWERS"]))["answers"]',
  '    def shell(kconf, name, cmd):',
  '        return "\\n".join(answers[cmd].splitlines()).rstrip("\\n").replace("\\n", " ")',
  '    K._shell_fn = shell',
  'k = K.Kconfig("Kconfig", warn_to_stderr=False)',
  'k.load_config(sys.argv[1])',
  'k.write_config(sys.argv[2], header="#\\n# Automatically generated file; DO NOT EDIT.\\n# " + k.mainmenu_text + "\\n#\\n", save_old=False)',
].join('\n'));
// NOTE: Debian's python3-kconfiglib installs for /usr/bin/python3 (a pyenv python3 on PATH lacks it).
const PY = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const hasKl = spawnSync(PY, ['-c', 'import kconfiglib'], { stdio: 'ignore' }).status === 0;
let klWarm;
let klNote = '';
if (hasKl) {
  const klArgs = [klScript, join(dir, 'allyes.config'), join(dir, 'kl.config')];
  time(PY, klArgs, 1, { cwd: dir, env: { srctree: ksrc } });
  if (readFileSync(join(dir, 'kl.config'), 'utf8') !== ref) klNote = ' (its output differs from conf: kconfiglib 14.1 imply rules)';
  const klCold = time(PY, klArgs, SLOW, { cwd: dir, env: { srctree: ksrc } });
  klWarm = time(PY, klArgs, SLOW, { cwd: dir, env: { srctree: ksrc, KL_ANSWERS: join(cacheDir, readdirSync(cacheDir)[0]) } });
  row('olddefconfig allyesconfig', 'kconfiglib (cold)', klCold, `microyocto cold is ${(klCold / cold).toFixed(1)}x faster${klNote}`);
  row('olddefconfig allyesconfig', 'kconfiglib (probes from our cache)', klWarm, `microyocto warm is ${(klWarm / warm).toFixed(1)}x faster`);
} else row('olddefconfig allyesconfig', 'kconfiglib', 0, 'not installed (apt-get install python3-kconfiglib)');

// merge + resolve: tinyconfig + seed fragments, merge_config.sh full mode (make alldefconfig) vs ours
const seedDir = join(ROOT, 'test/fixtures/kconfig/seed');
const seed = ['00-tiny-base', '10-net-off', '11-net-on', '20-console', '30-virtio-block', '40-initramfs'].map((n) => join(seedDir, `${n}.config`));
// NOTE: run in conf's object tree (its generated Makefile forwards to the kernel tree), so that
// merge_config.sh's temporary files and make's output never touch the (read-only) kernel tree.
const mcOut = confBuild;
const mcArgs = [join(ksrc, 'scripts/kconfig/merge_config.sh'), '-O', mcOut, join(dir, 'tiny.config'), ...seed];
const mcEnv = { KCONFIG_CONFIG: '', srctree: '', ARCH: 'x86_64' };
time('sh', mcArgs, 1, { cwd: mcOut, env: mcEnv });
const mc = time('sh', mcArgs, SLOW, { cwd: mcOut, env: mcEnv });
const oursMr = time(process.execPath, [BIN, 'kconfig', 'resolve', '-q', '--kernel-src', ksrc, '--base', 'alldefconfig', 'tiny.config', ...seed, '-o', 'mr.config'], RUNS);
const mrSame = readFileSync(join(mcOut, '.config'), 'utf8') === readFileSync(join(dir, 'mr.config'), 'utf8');
row('merge + resolve tinyconfig + 6 seed', 'merge_config.sh (make alldefconfig)', mc);
row('merge + resolve tinyconfig + 6 seed', 'microyocto resolve --base alldefconfig (warm)', oursMr, `${(mc / oursMr).toFixed(1)}x faster; output ${mrSame ? 'identical' : 'DIFFERENT'}`);

const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(`${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padStart(w[2])}  ${r[3]}`);
console.log(`load average after: ${load()}`);
if (!process.env.BENCH_DIR) rmSync(work, { recursive: true, force: true });
