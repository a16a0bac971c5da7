// SPDX-License-Identifier: MIT
// `npm run conformance [-- --update] [filter]`: run the kernel's merge_config.sh, diffconfig and
// merge_config's check on real configs and seeded fragment sets, compare microyocto byte for byte,
// and with --update record the results as the goldens `npm test` replays without a kernel tree.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFragments } from './fragments.js';
import { findKernelTree, makeConfig } from './kernel-tree.js';
import { runFootprintConformance } from './footprint.js';
import { GOLDEN_DIR, type GoldenCase, saveGoldens } from './golden.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/microyocto.cjs');
const SEED_DIR = join(ROOT, 'test/fixtures/kconfig/seed');

interface Case {
  name: string;
  kind: GoldenCase['kind'];
  files: Record<string, string>;
  args: string[];
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): { stdout: string; status: number | null } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  return { stdout: r.stdout, status: r.status };
}

function buildCases(ksrc: string, work: string): Case[] {
  const cfg = (arch: string, target: string): string => makeConfig(ksrc, work, arch, target);
  const seed = Object.fromEntries(readdirSync(SEED_DIR).sort().map((f) => [f, readFileSync(join(SEED_DIR, f), 'utf8')]));
  const frags = (source: string, prefix: string, o: Parameters<typeof makeFragments>[1]): Record<string, string> =>
    Object.fromEntries(makeFragments(source, o).map((t, i) => [`${prefix}-${String(i).padStart(2, '0')}.config`, t]));
  const merge = (name: string, base: string, fragments: Record<string, string>, flags: string[] = []): Case => ({
    name,
    kind: 'merge',
    files: { 'base.config': base, ...fragments },
    args: [...flags, 'base.config', ...Object.keys(fragments)],
  });
  const cases: Case[] = [];
  const tiny = cfg('x86_64', 'tinyconfig');
  const allno = cfg('x86_64', 'allnoconfig');
  const def64 = cfg('x86_64', 'defconfig');
  const def32 = cfg('i386', 'defconfig');
  const allyes = cfg('x86_64', 'allyesconfig');
  const allmod = cfg('x86_64', 'allmodconfig');
  cases.push(merge('merge-tiny-seed', tiny, seed));
  cases.push(merge('merge-tiny-seed-r', tiny, seed, ['-r']));
  cases.push(merge('merge-allno-edges', allno, frags(def64, 'edge', { seed: 7, fragments: 6, lines: 60, pool: 120, deviate: 0.3, edges: true })));
  cases.push(merge('merge-def64-conflicts', def64, frags(def64, 'c', { seed: 11, fragments: 8, lines: 80, pool: 150, deviate: 0.4, edges: false }), ['-r']));
  cases.push(merge('merge-def32-builtin', def32, frags(allmod, 'm', { seed: 13, fragments: 5, lines: 60, pool: 100, deviate: 0.3, edges: true }), ['-y']));
  cases.push(merge('merge-allyes-10x200', allyes, frags(allyes, 'f', { seed: 42, fragments: 10, lines: 200, pool: 1000, deviate: 0.3, edges: false })));
  const pairs: Array<[string, string, string, string]> = [
    ['allyes', allyes, 'allmod', allmod],
    ['def64', def64, 'tiny', tiny],
    ['def32', def32, 'def64', def64],
    ['allno', allno, 'tiny', tiny],
  ];
  for (const [an, a, bn, b] of pairs) {
    for (const m of [[], ['-m']]) {
      cases.push({ name: `diff-${an}-${bn}${m.length ? '-m' : ''}`, kind: 'diff', files: { 'a.config': a, 'b.config': b }, args: [...m, 'a.config', 'b.config'] });
    }
  }
  const edgy = makeFragments(def64, { seed: 5, fragments: 1, lines: 300, pool: 300, deviate: 0.2, edges: true })[0]!;
  cases.push({ name: 'diff-edges', kind: 'diff', files: { 'a.config': def64, 'b.config': edgy }, args: ['a.config', 'b.config'] });
  // Names diffconfig accepts that sort differently as text lines or as UTF-16 units: a tab, a space, a
  // control character, a letter beyond the BMP and one just below it (U+FF21), a prefix of another name.
  const odd = (extra: string[]): string => `${extra.join('\n')}\n`;
  cases.push({
    name: 'diff-odd-names',
    kind: 'diff',
    files: {
      'a.config': tiny + odd(['CONFIG_ODD\tTAB=y', 'CONFIG_ODD SPACE=y', '# CONFIG_ODD NOT is not set', 'CONFIG_\u{1F600}=y', 'CONFIG_\uFF21=y', 'CONFIG_ODD=y', 'CONFIG_ODD_LONGER=m']),
      'b.config': def64 + odd(['CONFIG_ODD\u0001CTL=m', 'CONFIG_\u{1F601}=m', 'CONFIG_\uFF22=m', 'CONFIG_ODD=m']),
    },
    args: ['a.config', 'b.config'],
  });
  cases.push({ name: 'check-tiny-seed', kind: 'check', files: { 'base.config': tiny, ...seed }, args: ['base.config', ...Object.keys(seed)] });
  cases.push({
    name: 'check-allno-frags',
    kind: 'check',
    files: { 'base.config': allno, ...frags(def64, 'k', { seed: 17, fragments: 4, lines: 40, pool: 100, deviate: 0.3, edges: false }) },
    args: [],
  });
  const last = cases[cases.length - 1]!;
  last.args = Object.keys(last.files);
  return cases;
}

// Run the kernel's tool for a case; returns stdout and the output file (merge) or final config (check).
function reference(ksrc: string, c: Case, dir: string): { stdout: string; output?: string } {
  const mergeConfig = join(ksrc, 'scripts/kconfig/merge_config.sh');
  if (c.kind === 'merge') {
    const r = run('sh', [mergeConfig, '-m', ...c.args], dir, { KCONFIG_CONFIG: 'out.config' });
    return { stdout: r.stdout, output: readFileSync(join(dir, 'out.config'), 'utf8') };
  }
  if (c.kind === 'diff') return { stdout: run('python3', [join(ksrc, 'scripts/diffconfig'), ...c.args], dir).stdout };
  const odir = join(dir, 'o');
  mkdirSync(odir, { recursive: true });
  const r = run('sh', [mergeConfig, '-O', odir, ...c.args.map((a) => join(dir, a))], ksrc, { KCONFIG_CONFIG: '', ARCH: 'x86_64' });
  const at = r.stdout.indexOf('Value requested for');
  return { stdout: at < 0 ? '' : r.stdout.slice(at), output: readFileSync(join(odir, '.config'), 'utf8') };
}

function ours(c: Case, dir: string, finalConfig?: string): { stdout: string; output?: string } {
  if (c.kind === 'merge') {
    const r = run(process.execPath, [BIN, 'kconfig', 'merge', '-o', 'ours.config', ...c.args], dir);
    return { stdout: r.stdout.replace('ours.config', 'out.config'), output: readFileSync(join(dir, 'ours.config'), 'utf8') };
  }
  if (c.kind === 'diff') return { stdout: run(process.execPath, [BIN, 'kconfig', 'diff', ...c.args], dir).stdout };
  writeFileSync(join(dir, 'final.config'), finalConfig ?? '');
  return { stdout: run(process.execPath, [BIN, 'kconfig', 'check', '--final', 'final.config', ...c.args], dir).stdout };
}

function main(): void {
  const update = process.argv.includes('--update');
  const filter = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '';
  const ksrc = findKernelTree(process.env);
  // size / size diff against binutils and scripts/bloat-o-meter on MICROYOCTO_VMLINUX files.
  const footprintFailures = filter === '' || filter === 'footprint' ? runFootprintConformance({ ...process.env, KSRC: ksrc ?? process.env.KSRC }, (l) => console.log(l)) : 0;
  if (footprintFailures) process.exitCode = 1;
  if (!ksrc) {
    console.log('conformance: no kernel tree (set KSRC, or apt-get install linux-source-6.1); nothing compared');
    return;
  }
  const work = process.env.CONFORMANCE_DIR ?? mkdtempSync(join(tmpdir(), 'microyocto-conformance-'));
  console.log(`kernel tree: ${ksrc}\nwork: ${work}`);
  const goldens: GoldenCase[] = [];
  let failed = 0;
  for (const c of buildCases(ksrc, work)) {
    if (!c.name.includes(filter)) continue;
    const dir = join(work, 'cases', c.name);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
    const ref = reference(ksrc, c, dir);
    const got = ours(c, dir, ref.output);
    const same = got.stdout === ref.stdout && (c.kind !== 'merge' || got.output === ref.output);
    if (!same) failed++;
    console.log(`${same ? 'identical' : 'DIFFERENT'}  ${c.name}  (${ref.stdout.split('\n').length - 1} lines of output)`);
    goldens.push({ name: c.name, kind: c.kind, args: c.args, files: c.files, stdout: ref.stdout, output: ref.output });
  }
  if (update) {
    saveGoldens(goldens);
    console.log(`goldens written to ${GOLDEN_DIR}`);
  }
  console.log(`${goldens.length - failed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}

main();
