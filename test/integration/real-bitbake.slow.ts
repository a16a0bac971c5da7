// SPDX-License-Identifier: MIT
// The build pipeline against a real bitbake (not a stand-in): `npm run test:slow` with
// MICROYOCTO_BITBAKE_REPO set to a bitbake git repository with a `2.18` branch, e.g.
//   MICROYOCTO_BITBAKE_REPO=/work/.mirror/openembedded+bitbake/repo npm run test:slow
// The test writes a three-recipe layer for bare bitbake (its own conf/bitbake.conf that includes
// auto.conf then local.conf, as OE-Core's does). Skips cleanly without the repo.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMicroyocto } from '../helpers/cli.js';
import { tempDir, writeFiles } from '../helpers/tmp.js';
import { git } from '../helpers/workspace.js';

const REPO = process.env.MICROYOCTO_BITBAKE_REPO;
const skip = process.env.MICROYOCTO_SLOW !== '1' || REPO === undefined || !existsSync(REPO) ? 'set MICROYOCTO_SLOW=1 and MICROYOCTO_BITBAKE_REPO' : false;
const BIN = new URL('../../../bin/microyocto.cjs', import.meta.url).pathname;

const LAYER: Record<string, string> = {
  'conf/layer.conf': 'BBPATH .= ":${LAYERDIR}"\nBBFILES += "${LAYERDIR}/recipes-*/*/*.bb"\nBBFILE_COLLECTIONS += "micro"\nBBFILE_PATTERN_micro = "^${LAYERDIR}/"\nBBFILE_PRIORITY_micro = "5"\nLAYERSERIES_CORENAMES = "wrynose"\nLAYERSERIES_COMPAT_micro = "wrynose"\n',
  'conf/bitbake.conf': [
    'TMPDIR ?= "${TOPDIR}/tmp"', 'CACHE = "${TMPDIR}/cache"',
    `PN = "\${@bb.parse.vars_from_file(d.getVar('FILE', False),d)[0] or 'x'}"`, `PV = "\${@bb.parse.vars_from_file(d.getVar('FILE', False),d)[1] or '1.0'}"`,
    'PR = "r0"', 'PF = "${PN}-${PV}-${PR}"', 'WORKDIR = "${TMPDIR}/work/${PN}/${PV}"', 'T = "${WORKDIR}/temp"', 'B = "${WORKDIR}/build"',
    'STAMP = "${TMPDIR}/stamps/${PN}/${PV}"', 'BB_SIGNATURE_HANDLER ?= "basichash"', 'BB_NUMBER_THREADS ?= "2"',
    'include conf/site.conf', 'include conf/auto.conf', 'include conf/local.conf', '',
  ].join('\n'),
  'classes/base.bbclass': [
    'SLEEP ??= "0"', 'FAIL ??= ""', 'do_compile[dirs] = "${B}"', 'do_compile() {',
    '    case " ${FAIL} " in *" ${PN} "*) echo "failing ${PN}:do_compile on purpose"; exit 1;; esac',
    '    sleep ${SLEEP}', '}', 'addtask compile', 'do_build[dirs] = "${B}"', 'do_build() {', '    echo built', '}', 'addtask build after do_compile', '',
  ].join('\n'),
  'recipes-core/base/micro-base_1.0.bb': 'DESCRIPTION = "base"\n',
  'recipes-core/extra/micro-extra_2.1.bb': 'DESCRIPTION = "extra"\n',
  'recipes-core/images/image-micro.bb': 'DESCRIPTION = "image"\ndo_build[depends] += "micro-base:do_build micro-extra:do_build"\n',
};

async function realWorkspace(t: import('node:test').TestContext): Promise<{ root: string; env: Record<string, string | undefined>; local: string }> {
  const layer = tempDir(t, 'meta-micro-');
  writeFiles(layer, LAYER);
  git(layer, 'init', '-q', '-b', 'main');
  git(layer, 'add', '-A');
  git(layer, 'commit', '-q', '-m', 'meta-micro');
  const root = tempDir(t, 'real-ws-');
  writeFiles(root, {
    'microyocto.ini': 'manifest = real\nprofile = real\n',
    'configs/manifests/real.ini': `description = real bitbake\nrelease = wrynose\n[repo.bitbake]\nurl = file://${REPO}\nbranch = 2.18\nlayers =\n[repo.meta-micro]\nurl = file://${layer}\nbranch = main\nlayers = .\n`,
    'configs/machines/q.ini': 'description = q\nbitbake-machine = qemux86\nkernel-arch = i386\n',
    'configs/profiles/real.ini': 'description = p\nmanifest = real\nmachine = q\ndistro = nodistro\nimage = image-micro\n[kernel]\nfeatures = proc-min-enable\n',
  });
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  const setup = await runMicroyocto(['setup', '--shallow'], { cwd: root, env });
  assert.equal(setup.code, 0, setup.stderr);
  return { root, env, local: join(root, 'build/real/conf/local.conf') };
}

test('real bitbake: a build succeeds, and a failing task is reported with its log tail (exit 5)', { skip }, async (t) => {
  const ws = await realWorkspace(t);
  const ok = await runMicroyocto(['build'], { cwd: ws.root, env: ws.env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /tasks: 6 attempted, 0 did not need to run, 0 failed/);
  appendFileSync(ws.local, 'FAIL = "micro-base micro-extra"\n');
  const failed = await runMicroyocto(['build', '-k'], { cwd: ws.root, env: ws.env });
  assert.equal(failed.code, 5, failed.stderr);
  assert.match(failed.stderr, /BUILD_FAILED {2}bitbake: 2 tasks failed/);
  assert.match(failed.stderr, /\| failing micro-base:do_compile on purpose/);
  assert.match(failed.stderr, /\| failing micro-extra:do_compile on purpose/);
});

test('real bitbake: Ctrl-C to the process group stops the build gracefully and waits for bitbake.lock (exit 130)', { skip }, async (t) => {
  const ws = await realWorkspace(t);
  appendFileSync(ws.local, 'SLEEP = "8"\n');
  const child = spawn(process.execPath, [BIN, 'build', '--only', 'bitbake'], { cwd: ws.root, env: { ...ws.env, NO_COLOR: '1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let sent = false;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!sent && /\d\/6/.test(stderr)) {
      sent = true;
      process.kill(-child.pid!, 'SIGINT');
    }
  });
  assert.equal(await exited, 130, stderr);
  assert.match(stderr, /bitbake: closing down; running tasks finish first/);
  assert.match(stderr, /bitbake exited \(exit code 1\) after finishing its running tasks/);
  assert.ok(!existsSync(join(ws.root, 'build/real/bitbake.lock')), readFileSync(join(ws.root, 'build/real/conf/local.conf'), 'utf8').slice(-40));
});

test('real bitbake: a := in local.conf that cannot be expanded is BITBAKE_PARSE at its line (exit 2), not a failed build', { skip }, async (t) => {
  const ws = await realWorkspace(t);
  const before = existsSync(ws.local) ? readFileSync(ws.local, 'utf8').split('\n').length - 1 : 0;
  appendFileSync(ws.local, 'MICRO_OK = "1"\nMICRO_GREETING := "${@undefined_function(d)}"\n');
  const r = await runMicroyocto(['build'], { cwd: ws.root, env: ws.env });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`BITBAKE_PARSE {2}build/real/conf/local\\.conf:${before + 2}: cannot expand MICRO_GREETING \\(\\$\\{@undefined_function\\(d\\)\\}\\) while reading the configuration: NameError: name 'undefined_function' is not defined`));
  assert.match(r.stderr, /hint: fix the line in local\.conf/);
});
