// SPDX-License-Identifier: MIT
// `npm run conformance:resolve [-- --update] [filter]`: builds the kernel's own conf out of tree, runs
// it and `microyocto`'s engine on the same cases (x86_64, i386, arm64, or CONFORMANCE_ARCHES; × defconfig, all*config,
// tinyconfig, mod2noconfig and its kin, seed and seeded random fragments) and compares the .config byte for byte. With --update
// it records the goldens (hashes, gzip'd outputs, probe answers) that `npm test` replays.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKconfigTree, srcArch } from '../../src/app/kconfig-tree.js';
import { findDefconfig } from '../../src/app/kconfig-resolve.js';
import { readsDotConfig } from '../../src/core/kconfig/engine/resolve.js';
import { makeFragments } from './fragments.js';
import { findKernelTree, makeConfig } from './kernel-tree.js';
import { blobId, resolveMakeTargetOurs, resolveOurs, saveDefconfigOurs, saveResolveGoldens, sha256, SRCTREE_MARK, stepInput, type ArchRecord, type InputSpec, type MakeTargetCase, type ResolveCase, type Step } from './resolve-cases.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const SEED_DIR = join(ROOT, 'test/fixtures/kconfig/seed');
// The goldens' architectures; CONFORMANCE_ARCHES=riscv,arm,... checks others live (not with --update).
const GOLDEN_ARCHES = ['x86_64', 'i386', 'arm64'];
const ARCHES = process.env.CONFORMANCE_ARCHES ? process.env.CONFORMANCE_ARCHES.split(',').filter(Boolean) : GOLDEN_ARCHES;
// Whole `make ARCH=... TARGET` runs, compared with `kconfig resolve --base TARGET`: the defconfig make
// chooses (KBUILD_DEFCONFIG) and the ones it builds from fragments (mips). Goldens: these; live: ARCHES too.
const MAKE_GOLDEN_TARGETS: [arch: string, target: string][] = [
  ['mips', 'defconfig'],
  ['mips', '64r6el_defconfig'],
  ['mips', 'pistachio_defconfig'],
  ['arm', 'defconfig'],
];
const MAKE_TARGETS: [string, string][] = process.env.CONFORMANCE_ARCHES ? ARCHES.map((a) => [a, 'defconfig']) : MAKE_GOLDEN_TARGETS;

// The architecture's default configuration: the one `kconfig resolve --base defconfig` reads (as make
// defconfig does), else its first *_defconfig (mips names a generated one).
async function defconfigFile(ksrc: string, arch: string): Promise<string> {
  const found = await findDefconfig(ksrc, arch, {});
  if (found.file) return found.file.name;
  const dir = `arch/${srcArch(arch)}/configs`;
  const any = existsSync(join(ksrc, dir)) ? readdirSync(join(ksrc, dir)).filter((f) => f.endsWith('_defconfig')).sort()[0] : undefined;
  if (!any) throw new Error(`no default configuration for ${arch} under ${dir}`);
  return `${dir}/${any}`;
}

// An architecture's toolchain environment and probe answers, as our tree loader computes them.
async function archRecord(ksrc: string, arch: string): Promise<ArchRecord> {
  const loaded = await loadKconfigTree({ kernelSrc: ksrc, arch, env: process.env, cwd: ROOT });
  const keep = ['ARCH', 'SRCARCH', 'SUBARCH', 'HEADER_ARCH', 'KERNELVERSION', 'CC', 'LD', 'NM', 'AR', 'OBJCOPY', 'PAHOLE', 'RUSTC', 'BINDGEN', 'CC_VERSION_TEXT', 'HOSTCC', 'HOSTCXX'];
  return {
    arch,
    env: Object.fromEntries(keep.filter((k) => loaded.env[k] !== undefined).map((k) => [k, loaded.env[k]!])),
    probes: Object.fromEntries(Object.entries(loaded.answers).map(([k, v]) => [k.split(ksrc).join(SRCTREE_MARK), v])),
  };
}

function buildConf(ksrc: string, work: string): string {
  const dir = process.env.CONF_BUILD ?? join(work, 'conf-build');
  const conf = join(dir, 'scripts/kconfig/conf');
  if (!existsSync(conf)) {
    console.log(`building conf: make O=${dir} ARCH=x86_64 defconfig`);
    const r = spawnSync('make', ['-s', '-C', ksrc, `O=${dir}`, 'ARCH=x86_64', 'defconfig'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building conf failed');
  }
  return conf;
}

// The kernel's conf in a scratch object tree (cwd; srctree: the kernel): `files` written there first, the
// file `output` read back after. KCONFIG_ALLCONFIG is a file written there, when given.
function confIn(conf: string, env: Record<string, string | undefined>, work: string, files: Record<string, string>, args: string[], output: string, allconfig?: string): string {
  const dir = mkdtempSync(join(work, 'conf-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const e: Record<string, string | undefined> = { ...env, KCONFIG_ALLCONFIG: allconfig && join(dir, allconfig) };
  const r = spawnSync(conf, ['-s', ...args, 'Kconfig'], { cwd: dir, env: e as NodeJS.ProcessEnv, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`conf ${args.join(' ')} failed: ${r.stderr}`);
  const out = readFileSync(join(dir, output), 'utf8');
  rmSync(dir, { recursive: true, force: true });
  return out;
}

// The kernel's conf on one step.
function runConf(conf: string, env: Record<string, string | undefined>, step: Step, input: { text: string } | undefined, work: string): string {
  if (readsDotConfig(step.mode)) return confIn(conf, env, work, input ? { '.config': input.text } : {}, [`--${step.mode}`], '.config');
  if (step.mode === 'defconfig') return confIn(conf, env, work, { 'in.defconfig': input?.text ?? '' }, ['--defconfig=in.defconfig'], '.config');
  return confIn(conf, env, work, input ? { allconfig: input.text } : {}, [`--${step.mode}`], '.config', input ? 'allconfig' : undefined);
}

// The kernel's conf --savedefconfig on a .config.
function runSaveDefconfig(conf: string, env: Record<string, string | undefined>, config: string, work: string): string {
  return confIn(conf, env, work, { '.config': config }, ['--savedefconfig=defconfig'], 'defconfig');
}

// The cases whose final .config is also minimised (savedefconfig), conf against ours.
const SAVEDEFCONFIG_CASES = /-(defconfig|allmodconfig|tinyconfig|defconfig-random-olddefconfig|random-allnoconfig)$/;

function casesFor(ksrc: string, arch: string, blobs: Map<string, string>, defFile: string, defconfigText: string): ResolveCase[] {
  const sa = srcArch(arch);
  const blob = (name: string, text: string): InputSpec => {
    const id = blobId(text);
    blobs.set(id, text);
    return { blob: id, name };
  };
  const seed = readdirSync(SEED_DIR).sort().map((f) => blob(f, readFileSync(join(SEED_DIR, f), 'utf8')));
  const tinyArch = `arch/${sa}/configs/tiny.config`;
  const tiny: Step[] = [
    { mode: 'allnoconfig', inputs: [{ kernel: 'kernel/configs/tiny-base.config' }] },
    { mode: 'olddefconfig', inputs: [{ prev: true }, { kernel: 'kernel/configs/tiny.config' }, ...(existsSync(join(ksrc, tinyArch)) ? [{ kernel: tinyArch }] : [])] },
  ];
  const random = makeFragments(defconfigText, { seed: arch.length * 7 + 3, fragments: 4, lines: 80, pool: 240, deviate: 0.35, edges: true }).map((t, i) => blob(`random-${i}.config`, t));
  const c = (name: string, steps: Step[]): ResolveCase => ({ name: `${arch}-${name}`, arch, steps });
  return [
    c('defconfig', [{ mode: 'defconfig', inputs: [{ kernel: defFile }] }]),
    c('defconfig-olddefconfig', [{ mode: 'defconfig', inputs: [{ kernel: defFile }] }, { mode: 'olddefconfig', inputs: [{ prev: true }] }]),
    c('allnoconfig', [{ mode: 'allnoconfig', inputs: [] }]),
    c('alldefconfig', [{ mode: 'alldefconfig', inputs: [] }]),
    c('allyesconfig', [{ mode: 'allyesconfig', inputs: [] }]),
    c('allyesconfig-olddefconfig', [{ mode: 'allyesconfig', inputs: [] }, { mode: 'olddefconfig', inputs: [{ prev: true }] }]),
    c('allmodconfig', [{ mode: 'allmodconfig', inputs: [] }]),
    c('tinyconfig', tiny),
    c('tinyconfig-seed-alldefconfig', [...tiny, { mode: 'alldefconfig', inputs: [{ prev: true }, ...seed] }]),
    c('seed-allnoconfig', [{ mode: 'allnoconfig', inputs: seed }]),
    c('defconfig-seed-olddefconfig', [{ mode: 'defconfig', inputs: [{ kernel: defFile }] }, { mode: 'olddefconfig', inputs: [{ prev: true }, ...seed] }]),
    c('defconfig-random-olddefconfig', [{ mode: 'defconfig', inputs: [{ kernel: defFile }] }, { mode: 'olddefconfig', inputs: [{ prev: true }, ...random] }]),
    c('random-alldefconfig', [{ mode: 'alldefconfig', inputs: random }]),
    c('random-allnoconfig', [{ mode: 'allnoconfig', inputs: random }]),
    c('allmodconfig-mod2noconfig', [{ mode: 'allmodconfig', inputs: [] }, { mode: 'mod2noconfig', inputs: [{ prev: true }] }]),
    c('allyesconfig-yes2modconfig', [{ mode: 'allyesconfig', inputs: [] }, { mode: 'yes2modconfig', inputs: [{ prev: true }] }]),
    c('defconfig-mod2yesconfig', [{ mode: 'defconfig', inputs: [{ kernel: defFile }] }, { mode: 'mod2yesconfig', inputs: [{ prev: true }] }]),
  ];
}

async function main(): Promise<void> {
  const update = process.argv.includes('--update');
  if (update && ARCHES !== GOLDEN_ARCHES) {
    console.error('conformance:resolve: --update records the goldens of x86_64, i386 and arm64 only; unset CONFORMANCE_ARCHES');
    process.exit(2);
  }
  const filter = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '';
  const ksrc = findKernelTree(process.env);
  if (!ksrc) {
    console.log('conformance:resolve: no kernel tree (set KSRC, or apt-get install linux-source-6.1); nothing compared');
    return;
  }
  const work = process.env.CONFORMANCE_DIR ?? mkdtempSync(join(tmpdir(), 'microyocto-resolve-'));
  mkdirSync(work, { recursive: true });
  const conf = buildConf(ksrc, work);
  console.log(`kernel tree: ${ksrc}\nconf: ${conf}`);
  const blobs = new Map<string, string>();
  const cases: ResolveCase[] = [];
  const arches: ArchRecord[] = [];
  const outputs = new Map<string, string>();
  let failed = 0;
  let minimised = 0;
  let kernelVersion = '';
  for (const arch of ARCHES) {
    const rec = await archRecord(ksrc, arch);
    kernelVersion = rec.env.KERNELVERSION!;
    arches.push(rec);
    const confEnv = { ...process.env, ...rec.env, srctree: ksrc };
    const defFile = await defconfigFile(ksrc, arch);
    const defStep: Step = { mode: 'defconfig', inputs: [{ kernel: defFile }] };
    const defconfigText = runConf(conf, confEnv, defStep, stepInput(ksrc, defStep, undefined, blobs), work);
    for (const c of casesFor(ksrc, arch, blobs, defFile, defconfigText)) {
      if (!c.name.includes(filter)) continue;
      let prev: string | undefined;
      for (const step of c.steps) prev = runConf(conf, confEnv, step, stepInput(ksrc, step, prev, blobs), work);
      const expected = prev!;
      const got = resolveOurs(ksrc, c, rec, blobs);
      const same = got === expected;
      if (!same) {
        failed++;
        writeFileSync(join(work, `${c.name}.conf.config`), expected);
        writeFileSync(join(work, `${c.name}.ours.config`), got);
      }
      console.log(`${same ? 'identical' : 'DIFFERENT'}  ${c.name}  (${expected.split('\n').length - 1} lines)${same ? '' : `  see ${work}/${c.name}.{conf,ours}.config`}`);
      let saved: { savedefconfig: string } | undefined;
      if (SAVEDEFCONFIG_CASES.test(c.name)) {
        const min = runSaveDefconfig(conf, confEnv, expected, work);
        const ours = saveDefconfigOurs(ksrc, rec, expected);
        const sameMin = ours === min;
        if (!sameMin) {
          failed++;
          writeFileSync(join(work, `${c.name}.conf.defconfig`), min);
          writeFileSync(join(work, `${c.name}.ours.defconfig`), ours);
        }
        console.log(`${sameMin ? 'identical' : 'DIFFERENT'}  ${c.name} savedefconfig  (${min.split('\n').length - 1} lines)${sameMin ? '' : `  see ${work}/${c.name}.{conf,ours}.defconfig`}`);
        saved = { savedefconfig: sha256(min) };
        minimised++;
      }
      cases.push({ ...c, sha256: sha256(expected), lines: expected.split('\n').length - 1, ...saved });
      outputs.set(c.name, expected);
    }
  }
  const make = { arches: [] as ArchRecord[], cases: [] as MakeTargetCase[] };
  for (const [arch, target] of MAKE_TARGETS) {
    const name = `make-${arch}-${target}`;
    if (!name.includes(filter)) continue;
    const rec = make.arches.find((a) => a.arch === arch) ?? (await archRecord(ksrc, arch));
    if (!make.arches.includes(rec)) make.arches.push(rec);
    const expected = makeConfig(ksrc, work, arch, target);
    const got = await resolveMakeTargetOurs(ksrc, rec, target);
    const same = got === expected;
    if (!same) {
      failed++;
      writeFileSync(join(work, `${name}.make.config`), expected);
      writeFileSync(join(work, `${name}.ours.config`), got);
    }
    console.log(`${same ? 'identical' : 'DIFFERENT'}  ${name}  (${expected.split('\n').length - 1} lines)${same ? '' : `  see ${work}/${name}.{make,ours}.config`}`);
    make.cases.push({ name, arch, target, sha256: sha256(expected), lines: expected.split('\n').length - 1 });
    outputs.set(name, expected);
  }
  if (update) {
    saveResolveGoldens({ kernelVersion, arches, cases, blobs, make }, outputs);
    console.log('goldens written to test/fixtures/kconfig-engine/golden/');
  }
  console.log(`${cases.length + make.cases.length + minimised - failed} identical (${minimised} of them savedefconfig), ${failed} different`);
  if (failed) process.exitCode = 1;
}

await main();
