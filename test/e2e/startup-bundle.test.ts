// SPDX-License-Identifier: MIT
// bin/microyocto.cjs: the hot kconfig commands run from the CommonJS start-up bundle and behave exactly as
// the in-process CLI does; every other command line goes to the ES modules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMicroyocto } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/tmp.js';

const BIN = new URL('../../../bin/microyocto.cjs', import.meta.url).pathname;
const BUNDLE = new URL('../../../dist/src/bundle/main.cjs', import.meta.url).pathname;

// Run the binary; a preload reports on stderr's last line whether the bundle ran (compiled with its code
// cache, which V8 accepted, or plainly required).
function spawnBin(argv: string[], cwd: string): { code: number; stdout: string; stderr: string; bundled: string } {
  const probe = join(cwd, '.probe.cjs');
  writeFileSync(
    probe,
    `const vm = require('node:vm'); const Script = vm.Script; let how = 'no';
vm.Script = class extends Script { constructor(code, options) { super(code, options); if (options && options.filename === ${JSON.stringify(BUNDLE)}) how = this.cachedDataRejected === false ? 'cached' : 'compiled'; } };
process.on('exit', () => require('node:fs').writeSync(2, '\\nBUNDLED=' + (how === 'no' && ${JSON.stringify(BUNDLE)} in require.cache ? 'required' : how) + '\\n'));
`,
  );
  const r = spawnSync(process.execPath, ['-r', probe, BIN, ...argv], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  const m = /\nBUNDLED=(\w+)\n$/.exec(r.stderr);
  assert.ok(m, `no probe line in: ${r.stderr}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.slice(0, m.index), bundled: m[1]! };
}

const FILES = {
  'a.config': '# comment\nCONFIG_A=y\nCONFIG_B="x y"\n# CONFIG_C is not set\nCONFIG_D=0x10\nCONFIG_E=y\n',
  'b.config': 'CONFIG_A=m\nCONFIG_B="x y"\nCONFIG_C=y\nCONFIG_F=y\nbogus line\n',
  'frag.config': 'CONFIG_A=m\n# CONFIG_E is not set\nCONFIG_G=y\n',
};

const FAST_CASES: string[][] = [
  ['kconfig', 'diff', 'a.config', 'b.config'],
  ['kconfig', 'diff', '-m', 'a.config', 'b.config'],
  ['--json', 'kconfig', 'diff', 'a.config', 'b.config'],
  ['kconfig', 'merge', '-o', 'out.config', 'a.config', 'frag.config'],
  ['-q', 'kconfig', 'merge', '-r', '-o', 'out2.config', 'a.config', 'frag.config'],
  ['--json', 'kconfig', 'merge', '-o', 'out3.config', 'a.config', 'frag.config'],
  ['kconfig', 'check', '--final', 'b.config', 'frag.config'],
  ['kconfig', 'check', '--strict', '--final', 'b.config', 'frag.config'],
  ['kconfig', 'diff', 'a.config', 'missing.config'],
  ['kconfig', 'check', '--kernel-src', 'no-such-tree', '--final', 'b.config', 'frag.config'],
];

test('the kconfig commands run from the start-up bundle (with its code cache) with the in-process CLI output, stderr and exit code', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, FILES);
  const codes = new Set<number>();
  for (const argv of FAST_CASES) {
    const spawned = spawnBin(argv, dir);
    codes.add(spawned.code);
    const inProcess = await runMicroyocto(argv, { cwd: dir, env: { PATH: process.env.PATH } });
    const what = argv.join(' ');
    assert.equal(spawned.bundled, 'cached', `${what}: the bundle ran, compiled with its code cache`);
    assert.equal(spawned.code, inProcess.code, `${what}: exit code (${spawned.stderr})`);
    assert.equal(spawned.stdout, inProcess.stdout, `${what}: stdout`);
    assert.equal(spawned.stderr, inProcess.stderr, `${what}: stderr`);
  }
  // the exit codes cover success, a failed check and user errors
  assert.deepEqual([...codes].sort(), [0, 2, 3]);
});

test('other command lines go to the ES modules, with commander messages and exit codes', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, FILES);
  for (const argv of [['--version'], ['frobnicate'], ['kconfig', 'diff', '--bogus', 'a.config'], ['profile', 'show', 'no-such-profile'], ['kconfig', 'diff', '--help']]) {
    const spawned = spawnBin(argv, dir);
    const inProcess = await runMicroyocto(argv, { cwd: dir, env: { PATH: process.env.PATH } });
    assert.equal(spawned.code, inProcess.code, `${argv.join(' ')}: exit code (${spawned.stderr})`);
    assert.equal(spawned.stdout, inProcess.stdout, `${argv.join(' ')}: stdout`);
    assert.equal(spawned.stderr, inProcess.stderr, `${argv.join(' ')}: stderr`);
  }
});

test('the bundle holds no commander program (the build refuses one)', () => {
  const text = readFileSync(BUNDLE, 'utf8');
  assert.match(text, /runFast/);
  assert.doesNotMatch(text, /COMMAND_FACTORIES/);
  assert.doesNotMatch(text, /require\("commander"\)/);
});

test('a bundle older than the ES modules is not used (after a tsc alone), nor a missing one', (t) => {
  // A package layout of stand-ins: each entry point says which one ran.
  const root = tempDir(t);
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist/src/bundle'), { recursive: true });
  copyFileSync(BIN, join(root, 'bin/microyocto.cjs'));
  copyFileSync(join(BIN, '../v8-flags.cjs'), join(root, 'bin/v8-flags.cjs'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  writeFileSync(join(root, 'dist/src/main.js'), "import { writeSync } from 'node:fs';\nwriteSync(1, 'modules\\n');\n");
  const bundle = join(root, 'dist/src/bundle/main.cjs');
  writeFileSync(bundle, "exports.runFast = async () => { require('node:fs').writeSync(1, 'bundle\\n'); return process.argv[2] === 'fast'; };\n");
  const run = (arg: string): string => spawnSync(process.execPath, [join(root, 'bin/microyocto.cjs'), arg], { encoding: 'utf8' }).stdout;
  const at = (file: string, seconds: number): void => utimesSync(file, seconds, seconds);
  at(join(root, 'dist/src/main.js'), 1_000_000);
  at(bundle, 2_000_000);
  assert.equal(run('fast'), 'bundle\n');
  assert.equal(run('other'), 'bundle\nmodules\n');
  at(bundle, 500_000);
  assert.equal(run('fast'), 'modules\n');
  rmSync(bundle);
  assert.equal(run('fast'), 'modules\n');
});
