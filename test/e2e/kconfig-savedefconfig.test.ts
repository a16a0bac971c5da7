// SPDX-License-Identifier: MIT
// `microyocto kconfig savedefconfig` end to end on our mini Kconfig tree: byte-identical to what the kernel's
// `conf --savedefconfig` (Linux 6.1) wrote for the same .config (mini-savedefconfig/*.config,
// recorded with conf built out of tree), giving that .config back through `make NAME_defconfig`, and
// failing cleanly on bad input. On the kernel's own tree the KSRC goldens check it (kconfig-resolve-goldens).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMicroyocto } from '../helpers/cli.js';
import { miniKernelTree } from '../helpers/mini-kernel.js';
import { tempDir } from '../helpers/tmp.js';

const FIX = new URL('../../../test/fixtures/kconfig-engine/', import.meta.url).pathname;
const settings = (text: string): string[] => text.split('\n').filter((l) => /^(CONFIG_\w+=|# CONFIG_\w+ is not set)/.test(l));

test('savedefconfig: the minimal defconfig gives the same .config back through make NAME_defconfig', async (t) => {
  const dir = tempDir(t);
  const k = miniKernelTree(dir);
  mkdirSync(join(k, 'arch/x86/configs'), { recursive: true });
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const run = (args: string[]) => runMicroyocto(['kconfig', ...args], { cwd: dir, env });
  for (const f of ['mini-frag1.config', 'mini-frag2.config']) writeFileSync(join(dir, f), readFileSync(join(FIX, f), 'utf8'));
  const cases = [
    ['alldefconfig', 'mini-frag1.config', 'alldefconfig-frag1'],
    ['alldefconfig', 'mini-frag2.config', 'alldefconfig-frag2'],
    ['allyesconfig', '', 'allyesconfig--'],
    ['allmodconfig', '', 'allmodconfig--'],
    ['allnoconfig', 'mini-frag1.config', 'allnoconfig-frag1'],
  ] as const;
  for (const [base, frag, expected] of cases) {
    const name = expected.replace(/-+$/, '').replace(/-/g, '_');
    const r = await run(['resolve', '--kernel-src', k, '--base', base, ...(frag ? [frag] : []), '-o', `${name}.config`]);
    assert.equal(r.code, 0, r.stderr);
    const s = await run(['savedefconfig', '--kernel-src', k, '--config', `${name}.config`, '-o', `${name}_defconfig`]);
    assert.equal(s.code, 0, s.stderr);
    const config = readFileSync(join(dir, `${name}.config`), 'utf8');
    const min = readFileSync(join(dir, `${name}_defconfig`), 'utf8');
    assert.equal(min, readFileSync(join(FIX, `mini-savedefconfig/${expected}.config`), 'utf8'), `${name}: what conf --savedefconfig wrote`);
    assert.ok(settings(min).length < settings(config).length, `${name}: fewer settings than the .config`);
    assert.deepEqual(min.split('\n').filter(Boolean), settings(min), `${name}: settings only, no header`);
    // CRC is only ever selected (no prompt): never the user's to set
    assert.doesNotMatch(min, /CONFIG_CRC\b/);
    writeFileSync(join(k, 'arch/x86/configs', `${name}_defconfig`), min);
    const back = await run(['resolve', '--kernel-src', k, '--base', `${name}_defconfig`, '-o', `${name}.back.config`]);
    assert.equal(back.code, 0, back.stderr);
    assert.equal(readFileSync(join(dir, `${name}.back.config`), 'utf8'), config, `${name}: round trip`);
  }
});

test('savedefconfig keeps what differs from the defaults, leaves a default choice member out, and reports with --json', async (t) => {
  const dir = tempDir(t);
  const k = miniKernelTree(dir);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const run = (args: string[]) => runMicroyocto(['kconfig', ...args], { cwd: dir, env });
  assert.equal((await run(['resolve', '--kernel-src', k, '--base', 'alldefconfig', '-o', '.config'])).code, 0);
  // the defaults alone keep one line: SUB_COUNT's default (40) is outside its range (1..17), so its value
  // (17) differs from it; conf compares with the default as written, not as the range limits it
  assert.equal((await run(['savedefconfig', '--kernel-src', k])).code, 0);
  assert.equal(readFileSync(join(dir, 'defconfig'), 'utf8'), 'CONFIG_SUB_COUNT=17\n');
  writeFileSync(join(dir, 'mine.cfg'), 'CONFIG_EXPERT=y\nCONFIG_LOG_SHIFT=20\nCONFIG_COMP_ZSTD=y\n');
  assert.equal((await run(['resolve', '--kernel-src', k, '--base', 'alldefconfig', 'mine.cfg', '-o', '.config'])).code, 0);
  const said = await run(['--json', 'savedefconfig', '--kernel-src', k, '-o', 'mine_defconfig']);
  assert.equal(said.code, 0, said.stderr);
  const doc = JSON.parse(said.stdout) as { output: string; lines: { config: number; defconfig: number } };
  assert.equal(doc.output, 'mine_defconfig');
  const min = readFileSync(join(dir, 'mine_defconfig'), 'utf8');
  assert.equal(doc.lines.defconfig, settings(min).length);
  assert.equal(doc.lines.config, settings(readFileSync(join(dir, '.config'), 'utf8')).length);
  // (the expected texts below are what conf --savedefconfig wrote for the same .config files)
  // a member other than the choice's default is kept, and no other member is written
  assert.equal(min, 'CONFIG_EXPERT=y\nCONFIG_LOG_SHIFT=20\nCONFIG_COMP_ZSTD=y\nCONFIG_SUB_COUNT=20\n');
  // the default member at y (XZ, the default when EXPERT is y) is left out
  writeFileSync(join(dir, 'xz.cfg'), 'CONFIG_EXPERT=y\nCONFIG_COMP_XZ=y\n');
  assert.equal((await run(['resolve', '--kernel-src', k, '--base', 'alldefconfig', 'xz.cfg', '-o', '.config'])).code, 0);
  assert.match(readFileSync(join(dir, '.config'), 'utf8'), /^CONFIG_COMP_XZ=y$/m);
  assert.equal((await run(['savedefconfig', '--kernel-src', k, '-o', 'xz_defconfig'])).code, 0);
  assert.equal(readFileSync(join(dir, 'xz_defconfig'), 'utf8'), 'CONFIG_EXPERT=y\nCONFIG_SUB_COUNT=17\n');
});

test('savedefconfig without a .config fails naming it, and writes nothing', async (t) => {
  const dir = tempDir(t);
  const k = miniKernelTree(dir);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const r = await runMicroyocto(['kconfig', 'savedefconfig', '--kernel-src', k, '--config', 'nope.config'], { cwd: dir, env });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /FILE_NOT_FOUND .*nope\.config/);
  assert.equal(existsSync(join(dir, 'defconfig')), false);
});
