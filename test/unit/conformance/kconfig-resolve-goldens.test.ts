// SPDX-License-Identifier: MIT
// Replays the resolve conformance cases recorded by `npm run conformance:resolve -- --update`: our
// engine, fed the recorded toolchain probe answers, must write the same .config (sha256) as the
// kernel's conf did. The Kconfig files are not committed (third-party), so this needs a Linux 6.1
// tree in $KSRC and is skipped, saying so, without one.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadResolveGoldens, resolveMakeTargetOurs, resolveOurs, saveDefconfigOurs, sha256 } from '../../conformance/resolve-cases.js';

const goldens = loadResolveGoldens();
const ksrc = process.env.KSRC;
const tree = ksrc && existsSync(join(ksrc, 'Kconfig')) ? ksrc : undefined;

test('the committed resolve goldens cover three architectures and every mode', () => {
  assert.deepEqual([...new Set(goldens.arches.map((a) => a.arch))].sort(), ['arm64', 'i386', 'x86_64']);
  const modes = new Set(goldens.cases.flatMap((c) => c.steps.map((s) => s.mode)));
  for (const m of ['defconfig', 'olddefconfig', 'alldefconfig', 'allnoconfig', 'allyesconfig', 'allmodconfig', 'mod2noconfig', 'yes2modconfig', 'mod2yesconfig']) assert.ok(modes.has(m as never), m);
});

for (const c of goldens.cases) {
  test(`${c.name}: byte-identical to conf (${c.lines} lines)`, { skip: tree ? false : 'needs a Linux 6.1 tree in $KSRC' }, () => {
    const rec = goldens.arches.find((a) => a.arch === c.arch)!;
    const config = resolveOurs(tree!, c, rec, goldens.blobs);
    assert.equal(sha256(config), c.sha256);
    // conf --savedefconfig of that .config, where recorded
    if (c.savedefconfig) assert.equal(sha256(saveDefconfigOurs(tree!, rec, config)), c.savedefconfig, 'savedefconfig');
  });
}

test('the committed goldens minimise some cases of every architecture (savedefconfig)', () => {
  for (const arch of ['x86_64', 'i386', 'arm64']) assert.ok(goldens.cases.filter((c) => c.arch === arch && c.savedefconfig).length >= 4, arch);
});

test('the committed make goldens include defconfigs make builds from fragments (mips, a legacy name too) and one KBUILD_DEFCONFIG names (arm)', () => {
  const targets = goldens.make.cases.map((c) => `${c.arch} ${c.target}`);
  for (const t of ['mips defconfig', 'mips 64r6el_defconfig', 'mips pistachio_defconfig', 'arm defconfig']) assert.ok(targets.includes(t), t);
});

for (const c of goldens.make.cases) {
  test(`${c.name}: kconfig resolve --base ${c.target} writes what make ARCH=${c.arch} ${c.target} wrote (${c.lines} lines)`, { skip: tree ? false : 'needs a Linux 6.1 tree in $KSRC' }, async () => {
    const rec = goldens.make.arches.find((a) => a.arch === c.arch)!;
    assert.equal(sha256(await resolveMakeTargetOurs(tree!, rec, c.target)), c.sha256);
  });
}
