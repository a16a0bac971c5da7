// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { previewKernelConfig } from '../../../src/app/kernel-preview.js';
import { loadProfile } from '../../../src/profiles/index.js';
import { tempDir, writeFiles } from '../../helpers/tmp.js';

// A kernel-metadata root with crafted features, and a workspace whose profile uses them.
function craft(t: Parameters<typeof tempDir>[0]): { ws: string; kmeta: string } {
  const ws = tempDir(t);
  const f = 'kmeta/features/microyocto';
  writeFiles(ws, {
    [`${f}/tiny-a.scc`]: 'define KFEATURE_DESCRIPTION "a"\nkconf non-hardware tiny-a.cfg\n',
    [`${f}/tiny-a.cfg`]: '# a\nCONFIG_FOO=y\nCONFIG_SAME=y\n',
    [`${f}/tiny-b.scc`]: 'define KFEATURE_DESCRIPTION "b"\n\nkconf non-hardware tiny-b.cfg\n',
    [`${f}/tiny-b.cfg`]: 'CONFIG_SAME=y\n# CONFIG_FOO is not set\nCONFIG_BAR="x"\n',
    [`${f}/tiny-c.scc`]: 'define KFEATURE_DESCRIPTION "c"\ndefine MICROYOCTO_OVERRIDES tiny-b\nkconf non-hardware tiny-c.cfg\n',
    [`${f}/tiny-c.cfg`]: 'CONFIG_BAR="y"\n',
    'configs/profiles/crafted.ini': 'machine = qemux86\n[kernel]\nfeatures = tiny-a tiny-b tiny-c\nfragments = mine.cfg\n',
    'configs/profiles/mine.cfg': '\nCONFIG_FOO=m\n',
  });
  return { ws, kmeta: join(ws, 'kmeta') };
}

test('conflicts between crafted features name both files and lines; declared overrides are intended', async (t) => {
  const { ws, kmeta } = craft(t);
  const options = { workspaceDir: ws, kmetaDirs: [kmeta] };
  const profile = await loadProfile('crafted', options);
  const preview = await previewKernelConfig(profile, options);
  const conflicts = preview.conflicts.map((c) => [
    c.symbol,
    `${c.previous.feature ?? '-'} ${c.previous.file}:${c.previous.line}`,
    `${c.next.feature ?? '-'} ${c.next.file}:${c.next.line}`,
    c.intended,
  ]);
  const mine = join(ws, 'configs/profiles/mine.cfg');
  assert.deepEqual(conflicts, [
    ['FOO', 'tiny-a features/microyocto/tiny-a.cfg:2', 'tiny-b features/microyocto/tiny-b.cfg:2', false],
    ['BAR', 'tiny-b features/microyocto/tiny-b.cfg:3', 'tiny-c features/microyocto/tiny-c.cfg:1', true],
    ['FOO', 'tiny-b features/microyocto/tiny-b.cfg:2', `- ${mine}:2`, false],
  ]);
  assert.deepEqual(preview.redundant.map((r) => r.symbol), ['SAME']);
  assert.equal(preview.mergedText, 'CONFIG_SAME=y\nCONFIG_BAR="y"\nCONFIG_FOO=m\n');
  const warnings = preview.diagnostics.filter((d) => d.code === 'feature-conflict');
  assert.equal(warnings.length, 2);
  assert.equal(preview.diagnostics.filter((d) => d.code === 'intended-override').length, 1);
});

test('a feature whose .scc names a missing .cfg is reported at the kconf line', async (t) => {
  const ws = tempDir(t);
  writeFiles(ws, { 'kmeta/features/microyocto/broken.scc': 'define KFEATURE_DESCRIPTION "x"\nkconf non-hardware nope.cfg\n' });
  await assert.rejects(loadProfile('internet-of-things', { workspaceDir: ws, kmetaDirs: [join(ws, 'kmeta')] }), (error: Error & { diagnostics?: Array<{ code: string; line?: number }> }) => {
    const missing = error.diagnostics?.find((d) => d.code === 'missing-fragment');
    assert.equal(missing?.line, 2);
    assert.ok(error.diagnostics?.some((d) => d.code === 'unknown-feature'), 'the built-in features are not in this kmeta root');
    return true;
  });
});

test('the built-in internet-of-pings has no unintended conflicts and turns INET off but PACKET on', async () => {
  const profile = await loadProfile('internet-of-pings');
  const preview = await previewKernelConfig(profile);
  assert.deepEqual(preview.conflicts.filter((c) => !c.intended), []);
  const value = (s: string): string | undefined => preview.symbols.find((x) => x.symbol === s)?.value;
  assert.equal(value('INET'), 'n');
  assert.equal(value('PACKET'), 'y');
  assert.equal(value('PROC_FS_MIN'), 'y');
  const procMin = preview.features.find((f) => f.name === 'proc-min-enable');
  assert.match(procMin?.only2014 ?? '', /linux-yocto-micro/);
  assert.equal(procMin?.path2014, 'cfg/proc-min-enable.scc');
  assert.equal(preview.features.find((f) => f.name === 'ipv6-disable')?.only2014, undefined);
});
