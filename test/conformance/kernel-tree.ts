// SPDX-License-Identifier: MIT
// Find (or unpack once) a Linux 6.1 tree from Debian's linux-source-6.1, and make real configs out of tree.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// The kernel tree: $KSRC, else the Debian tarball unpacked into the user cache. Undefined if neither.
export function findKernelTree(env: Record<string, string | undefined>): string | undefined {
  if (env.KSRC) return existsSync(join(env.KSRC, 'scripts/kconfig/merge_config.sh')) ? env.KSRC : undefined;
  const tarball = '/usr/src/linux-source-6.1.tar.xz';
  if (!existsSync(tarball)) return undefined;
  const cache = join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'microyocto', 'ksrc');
  const tree = join(cache, 'linux-source-6.1');
  if (!existsSync(join(tree, 'Makefile'))) {
    mkdirSync(cache, { recursive: true });
    console.error(`unpacking ${tarball} into ${cache} (once)`);
    const r = spawnSync('tar', ['-C', cache, '-xf', tarball], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('tar failed');
  }
  return tree;
}

// `make ARCH=<arch> <target>` out of tree; returns the .config text.
export function makeConfig(ksrc: string, work: string, arch: string, target: string): string {
  const out = join(work, `o-${arch}-${target}`);
  mkdirSync(out, { recursive: true });
  if (!existsSync(join(out, '.config')) || !readdirSync(out).includes(`.made-${target}`)) {
    const r = spawnSync('make', ['-s', '-C', ksrc, `O=${out}`, `ARCH=${arch}`, target], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`make ARCH=${arch} ${target} failed:\n${r.stderr}`);
    spawnSync('touch', [join(out, `.made-${target}`)]);
  }
  return readFileSync(join(out, '.config'), 'utf8');
}
