// SPDX-License-Identifier: MIT
// The confirmation: identity shown, default No, and the identity re-checked right before the open.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runMicroyocto } from '../../helpers/cli.js';
import { fixtureHost } from '../../helpers/flash-host.js';
import { BMAP_FIXTURES, writeSparseImage } from '../../helpers/sparse-image.js';
import { tempDir } from '../../helpers/tmp.js';

function setup(t: TestContext): { dir: string; image: string; target: string } {
  const dir = tempDir(t);
  const image = join(dir, 'small.img');
  writeSparseImage('small', image);
  writeFileSync(join(dir, 'small.img.bmap'), readFileSync(join(BMAP_FIXTURES, 'small.bmap')));
  const target = join(dir, 'card.bin');
  writeFileSync(target, Buffer.alloc(16));
  return { dir, image, target };
}

for (const [answer, written] of [['y', true], ['yes', true], ['', false], ['n', false], ['sure', false]] as const) {
  test(`answering '${answer}' to the confirmation ${written ? 'flashes' : 'writes nothing'}`, async (t) => {
    const ws = setup(t);
    const host = fixtureHost('usb-card', { targetFile: ws.target });
    let shown = '';
    const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--json'], {
      cwd: ws.dir,
      flashHost: host,
      isTTY: true,
      prompt: async (q) => {
        shown = q;
        return answer;
      },
    });
    assert.match(shown, /^Erase \/dev\/sdb and write .*small\.img\? \[y\/N\] $/);
    assert.equal(run.code, written ? 0 : 7, run.stdout + run.stderr);
    // The identity block went to stderr before the question.
    assert.match(run.stderr, /device {5}\/dev\/sdb \(8:16\)\n {2}by-id {6}\/dev\/disk\/by-id\/usb-Generic_STORAGE_DEVICE_000000264001-0:0\n {2}model {6}Generic STORAGE DEVICE\n {2}serial {5}000000264001\n {2}size {7}14\.8 GiB \(15931539456 bytes\)\n {2}transport {2}usb\n {2}partition {2}sdb1 "boot"\n {2}partition {2}sdb2 "rootfs"/);
    assert.deepEqual(host.opened, written ? [ws.target] : []);
  });
}

test('a card swapped between the confirmation and the write is caught before the device is opened', async (t) => {
  const ws = setup(t);
  const host = fixtureHost('usb-card', { targetFile: ws.target });
  // The "replug": another machine description (a different card at the same /dev/sdb) after the answer.
  const swapped = fixtureHost('usb-ssd', { targetFile: ws.target });
  const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--json'], {
    cwd: ws.dir,
    flashHost: host,
    isTTY: true,
    prompt: async () => {
      host.roots = swapped.roots;
      return 'y';
    },
  });
  assert.equal(run.code, 7);
  assert.match(run.stdout, /DEVICE_CHANGED/);
  assert.match(run.stdout, /\/dev\/sdb changed since it was confirmed \(model was STORAGE DEVICE, now Portable SSD T5\); nothing was written/);
  assert.deepEqual(host.opened, []);
});
