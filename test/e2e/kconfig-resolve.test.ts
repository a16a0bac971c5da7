// SPDX-License-Identifier: MIT
// `microyocto kconfig resolve` end to end on our mini Kconfig tree: real `sh` probes, probe cache in a
// temporary XDG_CACHE_HOME, output compared with what the kernel's conf wrote.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runMicroyocto } from '../helpers/cli.js';
import { miniKernelTree } from '../helpers/mini-kernel.js';
import { tempDir } from '../helpers/tmp.js';

const FIX = new URL('../../../test/fixtures/kconfig-engine/', import.meta.url).pathname;

test('resolve --base alldefconfig writes what conf writes, and caches the probes', async (t) => {
  const dir = tempDir(t);
  const k = miniKernelTree(dir);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const first = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, '--base', 'alldefconfig', '-o', 'out.config'], { cwd: dir, env });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(readFileSync(join(dir, 'out.config'), 'utf8'), readFileSync(join(FIX, 'mini-expected/alldefconfig--.config'), 'utf8'));
  assert.match(first.stderr, /4 toolchain probes run/);
  const cacheDir = join(dir, 'cache/microyocto/kconfig-probes');
  assert.equal(readdirSync(cacheDir).length, 1);
  const second = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, '--base', 'alldefconfig', '-o', 'out.config'], { cwd: dir, env });
  assert.match(second.stderr, /0 toolchain probes run, 4 answers cached/);
  // the second run restored the saved parse: same bytes
  assert.equal(readFileSync(join(dir, 'out.config'), 'utf8'), readFileSync(join(FIX, 'mini-expected/alldefconfig--.config'), 'utf8'));
  assert.equal(readdirSync(join(dir, 'cache/microyocto/kconfig-trees')).length, 1);
});

test('a changed Kconfig file is noticed: the saved parse is not used', async (t) => {
  const dir = tempDir(t);
  const k = miniKernelTree(dir);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const args = ['kconfig', 'resolve', '--kernel-src', k, '--base', 'alldefconfig', '-o', 'out.config'];
  assert.equal((await runMicroyocto(args, { cwd: dir, env })).code, 0);
  const sub = join(k, 'sub/Kconfig');
  writeFileSync(sub, readFileSync(sub, 'utf8').replace('default 40', 'default 13') + '\n');
  assert.equal((await runMicroyocto(args, { cwd: dir, env })).code, 0);
  assert.match(readFileSync(join(dir, 'out.config'), 'utf8'), /^CONFIG_SUB_COUNT=13$/m);
});

test('resolve with fragments uses them as KCONFIG_ALLCONFIG (merged like merge_config.sh)', async (t) => {
  const dir = tempDir(t);
  const k = miniKernelTree(dir);
  cpSync(join(FIX, 'mini-frag2.config'), join(dir, 'frag2.config'));
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const r = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, '--base', 'allnoconfig', 'frag2.config', '-o', 'out.config'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(dir, 'out.config'), 'utf8'), readFileSync(join(FIX, 'mini-expected/allnoconfig-frag2.config'), 'utf8'));
});

test('a broken Kconfig fails with file:line and writes nothing', async (t) => {
  const dir = tempDir(t);
  const k = miniKernelTree(dir);
  writeFileSync(join(k, 'sub/Kconfig'), 'config X\n\tbool "x"\n\tdepends on (Y\n');
  const r = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, '-o', 'out.config'], { cwd: dir, env: { XDG_CACHE_HOME: join(dir, 'c'), PATH: process.env.PATH } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /sub\/Kconfig:3: syntax error/);
  assert.equal(existsSync(join(dir, 'out.config')), false);
});

test('a folder that is not a kernel tree is refused with a hint', async (t) => {
  const dir = tempDir(t);
  const r = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', dir], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a kernel source tree/);
});

// The mini tree (with `kconfig` lines appended to its Kconfig), `files` written, and `resolve --base alldefconfig
// FRAGMENTS -o out.config` run; `run` runs microyocto there.
async function resolvedMini(t: TestContext, files: Record<string, string>, fragments: string[], kconfig = '') {
  const dir = tempDir(t);
  const k = miniKernelTree(dir);
  if (kconfig) appendFileSync(join(k, 'Kconfig'), kconfig);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const run = (args: string[]) => runMicroyocto(args.map((a) => (a === '@K' ? k : a)), { cwd: dir, env });
  const res = await run(['kconfig', 'resolve', '--kernel-src', '@K', '--base', 'alldefconfig', ...fragments, '-o', 'out.config']);
  assert.equal(res.code, 0, res.stderr);
  return { run };
}

test('why explains a value and the reason a request did not stick', async (t) => {
  const { run } = await resolvedMini(t, { 'req.cfg': '# CONFIG_NET is not set\nCONFIG_INET=y\n' }, ['req.cfg']);
  const r = await run(['kconfig', 'why', 'CONFIG_INET', '--kernel-src', '@K', '--config', 'out.config', 'req.cfg']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^CONFIG_INET=n {2}\(not written to \.config\)$/m);
  assert.match(r.stdout, /defined at: Kconfig:\d+/);
  assert.match(r.stdout, /depends on: NET \[=n\] {2}=> n/);
  assert.match(r.stdout, /requested y \(req\.cfg:2\) but it is n: depends on NET \[=n\] which is n, set by req\.cfg:1/);
  const crc = await run(['kconfig', 'why', 'CRC', '--kernel-src', '@K', '--config', 'out.config']);
  assert.match(crc.stdout, /prompt: none/);
  assert.match(crc.stdout, /selected by \(inactive\): 2 more: .*INET \[=n\] && NET \[=n\]/);
  const unknown = await run(['kconfig', 'why', 'NOPE', '--kernel-src', '@K', '--config', 'out.config']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /KCONFIG_UNKNOWN_SYMBOL/);
});

test('why on a string behind an unmet dependency: the value quoted, the dependency named', async (t) => {
  const netName = '\nconfig NET_NAME\n\tstring "Network name"\n\tdepends on NET\n\tdefault "eth"\n';
  const { run } = await resolvedMini(t, { 'req.cfg': '# CONFIG_NET is not set\nCONFIG_NET_NAME="lab \\"1\\""\n' }, ['req.cfg'], netName);
  const r = await run(['kconfig', 'why', 'NET_NAME', '--kernel-src', '@K', '--config', 'out.config', 'req.cfg']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^CONFIG_NET_NAME="" {2}\(not written to \.config\)$/m);
  assert.match(r.stdout, /requested "lab \\"1\\"" \(req\.cfg:2\) but it is "": depends on NET \[=n\] which is n, set by req\.cfg:1$/m);
});

test('why on a choice member: its dependency is met, and a request for another member loses to the chosen one', async (t) => {
  const { run } = await resolvedMini(t, { 'xz.cfg': 'CONFIG_COMP_XZ=y\n', 'gzip.cfg': 'CONFIG_COMP_GZIP=y\n' }, ['xz.cfg']);
  const xz = await run(['kconfig', 'why', 'COMP_XZ', '--kernel-src', '@K', '--config', 'out.config']);
  assert.match(xz.stdout, /^CONFIG_COMP_XZ=y$/m);
  assert.match(xz.stdout, /depends on: <choice> \[=y\] {2}=> y/);
  const gzip = await run(['kconfig', 'why', 'COMP_GZIP', '--kernel-src', '@K', '--config', 'out.config', 'gzip.cfg']);
  assert.match(gzip.stdout, /depends on: <choice> \[=y\] {2}=> y/);
  assert.match(gzip.stdout, /requested y \(gzip\.cfg:1\) but it is n: another member of its choice is selected: COMP_XZ/);
});

test('check --kernel-src predicts mismatches with reasons and lists invalid symbols', async (t) => {
  const dir = tempDir(t);
  const k = miniKernelTree(dir);
  writeFileSync(join(dir, 'req.cfg'), '# CONFIG_NET is not set\nCONFIG_INET=y\nCONFIG_BOGUS=y\nCONFIG_EXPERT=y\n');
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const r = await runMicroyocto(['kconfig', 'check', '--kernel-src', k, '--invalid', 'req.cfg'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Value requested for CONFIG_INET not in final \.config\nRequested value: {2}CONFIG_INET=y\nActual value: {5}\nReason: {11}depends on NET \[=n\] which is n, set by req\.cfg:1\n/);
  assert.doesNotMatch(r.stdout, /CONFIG_EXPERT not in final/);
  assert.match(r.stdout, /req\.cfg:3: CONFIG_BOGUS is not defined by this kernel/);
  const strict = await runMicroyocto(['kconfig', 'check', '--kernel-src', k, '--strict', 'req.cfg'], { cwd: dir, env });
  assert.equal(strict.code, 3);
  // a value the base file set is named by its line in that file, not in the merged text
  writeFileSync(join(dir, 'base.config'), '# padding\nCONFIG_EXPERT=y\n\n# CONFIG_NET is not set\n');
  writeFileSync(join(dir, 'inet.cfg'), 'CONFIG_INET=y\n');
  const onBase = await runMicroyocto(['kconfig', 'check', '--kernel-src', k, '--base', 'base.config', 'inet.cfg'], { cwd: dir, env });
  assert.equal(onBase.code, 0, onBase.stderr);
  assert.match(onBase.stdout, /Reason: {11}depends on NET \[=n\] which is n, set by base\.config:4\n/);
});

test('--base defconfig starts from the file the arch Makefile names (KBUILD_DEFCONFIG), as make defconfig does', async (t) => {
  const dir = tempDir(t);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const frag = readFileSync(join(FIX, 'mini-frag1.config'), 'utf8');
  // the usual name, which needs no Makefile
  const plain = miniKernelTree(join(dir, 'a'));
  mkdirSync(join(plain, 'arch/x86/configs'), { recursive: true });
  writeFileSync(join(plain, 'arch/x86/configs/x86_64_defconfig'), frag);
  // a board name chosen by the arch Makefile, behind a condition on ARCH
  const named = miniKernelTree(join(dir, 'b'));
  mkdirSync(join(named, 'arch/x86/configs'), { recursive: true });
  writeFileSync(join(named, 'arch/x86/configs/board_defconfig'), frag);
  writeFileSync(join(named, 'arch/x86/configs/x86_64_defconfig'), 'CONFIG_NOT_THIS_ONE=y\n');
  writeFileSync(join(named, 'arch/x86/Makefile'), 'KBUILD_CFLAGS += $(call cc-option,-mfoo)\nifeq ($(ARCH),x86_64)\nKBUILD_DEFCONFIG := board_defconfig\nelse\nKBUILD_DEFCONFIG := other_defconfig\nendif\n');
  const a = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', plain, '--base', 'defconfig', '-o', 'a.config'], { cwd: dir, env });
  assert.equal(a.code, 0, a.stderr);
  const b = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', named, '--base', 'defconfig', '-o', 'b.config'], { cwd: dir, env });
  assert.equal(b.code, 0, b.stderr);
  assert.equal(readFileSync(join(dir, 'b.config'), 'utf8'), readFileSync(join(dir, 'a.config'), 'utf8'));
  // (the fragment matters: starting from nothing gives another file)
  assert.notEqual(readFileSync(join(dir, 'a.config'), 'utf8'), readFileSync(join(FIX, 'mini-expected/alldefconfig--.config'), 'utf8'));
  // a name make would build as a target (no such file): refused, saying so
  writeFileSync(join(named, 'arch/x86/Makefile'), 'KBUILD_DEFCONFIG := generated_defconfig\n');
  rmSync(join(named, 'arch/x86/configs/x86_64_defconfig'));
  const c = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', named, '--base', 'defconfig', '-o', 'c.config'], { cwd: dir, env });
  assert.equal(c.code, 2);
  assert.match(c.stderr, /no default configuration for x86_64/);
  assert.match(c.stderr, /arch\/x86\/Makefile names generated_defconfig, which make builds as a target/);
  assert.equal(existsSync(join(dir, 'c.config')), false);
});

test('--base defconfig builds a generated defconfig as make does (mips generic: fragments, a reference, the boards that fit)', async (t) => {
  const dir = tempDir(t);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const k = miniKernelTree(dir);
  const gen = join(k, 'arch/x86/configs/generic');
  mkdirSync(gen, { recursive: true });
  writeFileSync(join(k, 'arch/x86/Makefile'), readFileSync(join(FIX, 'generic-defconfig.mk'), 'utf8'));
  const files: Record<string, string> = {
    'generic_defconfig': '# CONFIG_EXPERT is not set\nCONFIG_LOG_SHIFT=14\n',
    'generic/32r2.config': 'CONFIG_EXPERT=y\n',
    'generic/el.config': 'CONFIG_LOCALVERSION="-el"\n',
    'generic/eb.config': 'CONFIG_LOCALVERSION="-eb"\n',
    'generic/64r6.config': 'CONFIG_LOG_SHIFT=20\n',
    // fits 32r2 (EXPERT is y in its reference), not 64r6
    'generic/board-alpha.config': '# require CONFIG_EXPERT=y\nCONFIG_COMP_ZSTD=y\n',
    // never fits (the reference has no such line)
    'generic/board-beta.config': '# require CONFIG_NOT_A_SYMBOL=y\nCONFIG_LOG_SHIFT=13\n',
    // fits only where EXPERT is not y
    'generic/board-gamma.config': '# require CONFIG_EXPERT=n\nCONFIG_TC_BOOL=y\n',
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(k, 'arch/x86/configs', name), text);
    writeFileSync(join(dir, name.replace('generic/', '')), text);
  }
  writeFileSync(join(dir, 'mine.config'), 'CONFIG_SUB_COUNT=17\n');
  const run = async (args: string[], extra: Record<string, string> = {}): Promise<string> => {
    const r = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, ...args], { cwd: dir, env: { ...env, ...extra } });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return readFileSync(join(dir, args[args.length - 1]!), 'utf8');
  };
  // the same steps by hand: the reference, then the fitting boards merged onto the unresolved fragments
  const reference = await run(['--base', 'generic_defconfig', '32r2.config', 'el.config', '-o', 'ref.config']);
  assert.match(reference, /^CONFIG_EXPERT=y$/m);
  const byHand = await run(['--base', 'generic_defconfig', '32r2.config', 'el.config', 'board-alpha.config', '-o', 'hand.config']);
  const withBeta = await run(['--base', 'generic_defconfig', '32r2.config', 'el.config', 'board-alpha.config', 'board-beta.config', '-o', 'beta.config']);
  assert.notEqual(withBeta, byHand, 'an unfit board would change the result');
  assert.equal(await run(['--base', 'defconfig', '-o', 'def.config']), byHand);
  assert.equal(await run(['--base', '32r2el_defconfig', '-o', 'named.config']), byHand, 'make 32r2el_defconfig is what defconfig builds');
  // 64r6 big endian: EXPERT stays n, so gamma fits and alpha does not
  const big = await run(['--base', 'generic_defconfig', '64r6.config', 'eb.config', 'board-gamma.config', '-o', 'big-hand.config']);
  assert.equal(await run(['--base', '64r6_defconfig', '-o', 'big.config']), big);
  // a legacy wrapper: its target with its own BOARDS, which win over the environment's
  assert.equal(await run(['--base', 'board_defconfig', '-o', 'legacy.config'], { BOARDS: 'beta' }), byHand);
  // BOARDS from the environment: only those (a missing one is skipped, as the script does)
  const noBoards = await run(['--base', 'generic_defconfig', '32r2.config', 'el.config', '-o', 'none.config']);
  assert.equal(await run(['--base', 'defconfig', '-o', 'boards.config'], { BOARDS: 'beta nosuch' }), noBoards);
  // fragments go on top of the result, resolved once more
  const handThenMine = await run(['--base', 'hand.config', 'mine.config', '-o', 'hand-mine.config']);
  assert.equal(await run(['--base', 'defconfig', 'mine.config', '-o', 'def-mine.config']), handThenMine);
  const said = await runMicroyocto(['--json', 'kconfig', 'resolve', '--kernel-src', k, '--base', 'defconfig', '-o', 'json.config'], { cwd: dir, env });
  assert.equal((JSON.parse(said.stdout) as { mode: string }).mode, 'defconfig');
  // a *_defconfig that is neither a file here nor in the tree
  const bad = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, '--base', 'nosuch_defconfig', '-o', 'bad.config'], { cwd: dir, env });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /nosuch_defconfig is neither a file here nor a default configuration of x86_64/);
  assert.match(bad.stderr, /arch\/x86\/configs\/nosuch_defconfig/);
  assert.equal(existsSync(join(dir, 'bad.config')), false);
  // a tree without one of the fragments: that file is named
  rmSync(join(gen, 'el.config'));
  const partial = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, '--base', 'defconfig', '-o', 'partial.config'], { cwd: dir, env });
  assert.equal(partial.code, 2);
  assert.match(partial.stderr, /32r2el_defconfig is built from arch\/x86\/configs\/generic\/el\.config, which is not in the tree/);
  assert.equal(existsSync(join(dir, 'partial.config')), false);
});

test('--base mod2noconfig, yes2modconfig, mod2yesconfig rewrite the .config as make does (conf\'s output on the mini tree)', async (t) => {
  const dir = tempDir(t);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const k = miniKernelTree(dir);
  for (const [start, rewrite] of [['allmodconfig', 'mod2noconfig'], ['allyesconfig', 'yes2modconfig'], ['allmodconfig', 'mod2yesconfig']] as const) {
    const out = `${start}-${rewrite}.config`;
    assert.equal((await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, '--base', start, '-o', out], { cwd: dir, env })).code, 0);
    const before = readFileSync(join(dir, out), 'utf8');
    // like make, it reads the .config it writes
    const r = await runMicroyocto(['--json', 'kconfig', 'resolve', '--kernel-src', k, '--base', rewrite, '-o', out], { cwd: dir, env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { mode: string }).mode, rewrite);
    const after = readFileSync(join(dir, out), 'utf8');
    assert.notEqual(after, before, `${rewrite} changes ${start}`);
    assert.equal(after, readFileSync(join(FIX, 'mini-rewrite', out), 'utf8'), `${rewrite}: what conf --${rewrite} wrote`);
  }
});

test('--base tinyconfig is make tinyconfig: allnoconfig on tiny-base.config, then tiny.config merged and olddefconfig; fragments after it', async (t) => {
  const dir = tempDir(t);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const k = miniKernelTree(dir);
  const run = async (args: string[]): Promise<string> => {
    const r = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, ...args], { cwd: dir, env });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return readFileSync(join(dir, args[args.length - 1]!), 'utf8');
  };
  const missing = await runMicroyocto(['kconfig', 'resolve', '--kernel-src', k, '--base', 'tinyconfig', '-o', 'x.config'], { cwd: dir, env });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no tinyconfig in .*\n.*kernel\/configs\/tiny-base\.config/);
  const frag1 = readFileSync(join(FIX, 'mini-frag1.config'), 'utf8');
  const frag2 = readFileSync(join(FIX, 'mini-frag2.config'), 'utf8');
  mkdirSync(join(k, 'kernel/configs'), { recursive: true });
  writeFileSync(join(k, 'kernel/configs/tiny-base.config'), frag1);
  writeFileSync(join(k, 'kernel/configs/tiny.config'), frag2);
  writeFileSync(join(dir, 'tiny-base.config'), frag1);
  writeFileSync(join(dir, 'tiny.config'), frag2);
  writeFileSync(join(dir, 'mine.config'), 'CONFIG_SUB_COUNT=17\n');
  // the same steps by hand
  await run(['--base', 'allnoconfig', 'tiny-base.config', '-o', 'step1.config']);
  const byHand = await run(['--base', 'step1.config', 'tiny.config', '-o', 'step2.config']);
  const byHandThenMine = await run(['--base', 'step2.config', 'mine.config', '-o', 'step3.config']);
  assert.equal(await run(['--base', 'tinyconfig', '-o', 'tiny-out.config']), byHand);
  const said = await runMicroyocto(['--json', 'kconfig', 'resolve', '--kernel-src', k, '--base', 'tinyconfig', '-o', 'tiny-json.config'], { cwd: dir, env });
  assert.equal((JSON.parse(said.stdout) as { mode: string }).mode, 'tinyconfig', 'reported as the make target, not its last conf run');
  assert.equal(await run(['--base', 'tinyconfig', 'mine.config', '-o', 'tiny-mine.config']), byHandThenMine);
  assert.notEqual(byHandThenMine, byHand, 'the fragment changes the result');
});
