// SPDX-License-Identifier: MIT
// The layer parses with a real bitbake + openembedded-core + meta-yocto (slow: minutes).
// Set MICROYOCTO_BITBAKE_DIR, MICROYOCTO_OECORE_DIR and MICROYOCTO_METAYOCTO_DIR to checkouts of the
// default manifest's release (bitbake 2.18 / wrynose); run as a non-root user with an en_US.UTF-8
// locale (OE-Core's sanity checks). Skipped otherwise.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { showProfile } from '../../src/app/profile-show.js';
import { builtinLayerDir } from '../../src/profiles/index.js';
import { tempDir } from '../helpers/tmp.js';

const env = process.env;
const dirs = { bitbake: env.MICROYOCTO_BITBAKE_DIR, oecore: env.MICROYOCTO_OECORE_DIR, metayocto: env.MICROYOCTO_METAYOCTO_DIR };
const skip =
  dirs.bitbake === undefined || dirs.oecore === undefined || dirs.metayocto === undefined
    ? 'set MICROYOCTO_BITBAKE_DIR, MICROYOCTO_OECORE_DIR and MICROYOCTO_METAYOCTO_DIR'
    : process.getuid?.() === 0
      ? 'OE-Core refuses to run as root'
      : false;

function bitbake(build: string, command: string): { code: number; out: string } {
  const script = `export BITBAKEDIR="$1"; . "$2/oe-init-build-env" "$3" >/dev/null && ${command}`;
  const r = spawnSync('bash', ['-c', script, 'bash', dirs.bitbake!, dirs.oecore!, build], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, cwd: join(build, '..') });
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

test('meta-microyocto parses and image-micro / linux-yocto-tiny take the profile settings', { skip, timeout: 60 * 60 * 1000 }, async (t) => {
  const view = await showProfile('internet-of-pings', { workspaceDir: tempDir(t) });
  const build = join(tempDir(t), 'build');
  mkdirSync(join(build, 'conf'), { recursive: true });
  const layers = [`${dirs.oecore}/meta`, `${dirs.metayocto}/meta-poky`, `${dirs.metayocto}/meta-yocto-bsp`, builtinLayerDir({})];
  writeFileSync(join(build, 'conf/bblayers.conf'), `LCONF_VERSION = "7"\nBBPATH = "\${TOPDIR}"\nBBFILES ?= ""\nBBLAYERS ?= "${layers.join(' ')}"\n`);
  writeFileSync(join(build, 'conf/local.conf'), `MACHINE ??= "${view.machine.bitbakeMachine}"\nDISTRO ?= "${view.profile.distro}"\nBB_NO_NETWORK = "1"\n`);
  writeFileSync(join(build, 'conf/auto.conf'), view.confLines.join('\n') + '\n');

  const parse = bitbake(build, 'bitbake -p');
  assert.equal(parse.code, 0, parse.out);
  assert.match(parse.out, /Parsing of \d+ \.bb files complete .* 0 errors\./);

  const image = bitbake(build, 'bitbake -e image-micro');
  assert.equal(image.code, 0, image.out.slice(-4000));
  assert.match(image.out, /^DISTRO="poky-micro"$/m);
  assert.match(image.out, /^IMAGE_INSTALL=".*busybox-httpd micro-cgi/m);
  assert.match(image.out, /^PREFERRED_PROVIDER_virtual\/kernel="linux-yocto-tiny"$/m);

  const kernel = bitbake(build, 'bitbake -e linux-yocto-tiny');
  assert.equal(kernel.code, 0, kernel.out.slice(-4000));
  assert.match(kernel.out, /^KERNEL_FEATURES=".*features\/microyocto\/inet-disable\.scc .*features\/microyocto\/galileo-bsp\.scc/m);
  assert.match(kernel.out, /^SRC_URI=".*file:\/\/microyocto-kmeta;type=kmeta;destsuffix=microyocto-kmeta/m);
});
