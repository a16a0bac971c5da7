// SPDX-License-Identifier: MIT
// `profile show --kernel-src`: the profile's kernel fragments resolved against a kernel tree. On our mini
// Kconfig tree (always), and on a Linux 6.1 tree in $KSRC (skipped without one), where it must agree
// with `kconfig check --kernel-src --invalid` given the same fragments.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMicroyocto } from '../helpers/cli.js';
import { miniKernelTree } from '../helpers/mini-kernel.js';
import { tempDir, writeFiles } from '../helpers/tmp.js';

const PROFILE = 'description = mini\nmanifest = default\nmachine = qemux86\ndistro = poky-micro\nimage = image-micro\n\n[kernel]\nrecipe = linux-yocto-tiny\nfragments[] = mini.cfg\n';
// line 2 asks for INET while line 1 turns NET (its menu) off; line 4 names a symbol the tree lacks
const FRAGMENT = '# CONFIG_NET is not set\nCONFIG_INET=y\nCONFIG_EXPERT=y\nCONFIG_NO_SUCH_THING=y\n# CONFIG_IPV6_HELPER is not set\n';

function workspace(dir: string): { k: string; env: Record<string, string | undefined> } {
  writeFiles(dir, { 'configs/profiles/mini.ini': PROFILE, 'configs/profiles/mini.cfg': FRAGMENT });
  return { k: miniKernelTree(dir), env: { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir } };
}

test('profile show --kernel-src --json lists the values that will not stick, with the reason, and the unknown symbols', async (t) => {
  const dir = tempDir(t);
  const { k, env } = workspace(dir);
  const r = await runMicroyocto(['profile', 'show', 'mini', '--kernel-src', k, '--json'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  const check = JSON.parse(r.stdout).kernelCheck;
  assert.equal(check.arch, 'i386');
  assert.equal(check.base, 'allnoconfig');
  assert.equal(check.requested, 5);
  assert.deepEqual(check.mismatches.map((m: { symbol: string }) => m.symbol), ['INET']);
  const inet = check.mismatches[0];
  assert.equal(inet.line, 2);
  assert.ok(inet.file.endsWith('mini.cfg'));
  assert.equal(inet.feature, undefined);
  assert.match(inet.reason, /NET/);
  // "is not set" for a symbol left out (its menu is off) means n: it sticks
  assert.deepEqual(check.invalid.map((i: { symbol: string; line: number }) => [i.symbol, i.line]), [['NO_SUCH_THING', 4]]);
});

test('profile show --kernel-src prints the check as text, and --strict fails on it', async (t) => {
  const dir = tempDir(t);
  const { k, env } = workspace(dir);
  const text = await runMicroyocto(['profile', 'show', 'mini', '--kernel-src', k], { cwd: dir, env });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /5 requested values: 1 will not stick, 1 symbol not in this kernel/);
  assert.match(text.stdout, /CONFIG_INET=y {3}\[fragment {2}\S*mini\.cfg:2\]\n {6}final: .*\n {6}why: {3}.*NET/);
  assert.match(text.stdout, /CONFIG_NO_SUCH_THING {3}\[fragment {2}\S*mini\.cfg:4\]/);
  const strict = await runMicroyocto(['profile', 'show', 'mini', '--kernel-src', k, '--strict'], { cwd: dir, env });
  assert.equal(strict.code, 3);
  assert.match(strict.stderr, /KCONFIG_MISMATCH/);
});

test('profile show --arch without --kernel-src is a usage error', async (t) => {
  const dir = tempDir(t);
  const r = await runMicroyocto(['profile', 'show', 'just-things', '--arch', 'x86_64'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--kernel-src/);
});

const ksrc = process.env.KSRC && existsSync(join(process.env.KSRC, 'Kconfig')) ? process.env.KSRC : undefined;

test('on Linux 6.1, profile show --kernel-src agrees with kconfig check --kernel-src --invalid on the same fragments', { skip: ksrc ? false : 'needs a Linux 6.1 tree in $KSRC' }, async (t) => {
  const dir = tempDir(t);
  const env = { XDG_CACHE_HOME: join(dir, 'cache'), PATH: process.env.PATH, HOME: dir };
  const shown = await runMicroyocto(['profile', 'show', 'internet-of-pings', '--kernel-src', ksrc!, '--json'], { cwd: dir, env });
  assert.equal(shown.code, 0, shown.stderr);
  const doc = JSON.parse(shown.stdout);
  const files: string[] = [...doc.kernel.features.flatMap((f: { cfg: string[] }) => f.cfg), ...doc.kernel.fragments];
  const checked = await runMicroyocto(['kconfig', 'check', '--kernel-src', ksrc!, '--arch', doc.machine.kernelArch, '--base', 'allnoconfig', '--invalid', '--absent-is-n', '--json', ...files], { cwd: dir, env });
  assert.equal(checked.code, 0, checked.stderr);
  const want = JSON.parse(checked.stdout);
  const k = doc.kernelCheck;
  assert.equal(k.requested, want.requested);
  const invalid = want.invalid.map((i: { symbol: string }) => i.symbol);
  assert.deepEqual(k.invalid.map((i: { symbol: string }) => i.symbol), invalid);
  // profile show lists a symbol the kernel lacks once, as invalid; kconfig check also counts it as absent
  const stuck = want.mismatches.filter((m: { symbol: string }) => !invalid.includes(m.symbol));
  assert.deepEqual(k.mismatches.map((m: { symbol: string; reason: string }) => [m.symbol, m.reason]), stuck.map((m: { symbol: string; reason: string }) => [m.symbol, m.reason]));
  // every entry names the feature whose fragment asked
  for (const m of k.mismatches) assert.ok(doc.kernel.features.some((f: { name: string }) => f.name === m.feature), m.symbol);
});
