// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseWicOutput, wicCreateArgs } from '../../../src/core/wic.js';
import { FIXTURES } from '../../helpers/tmp.js';

test('the image path is taken from wic\'s own output (real capture, image mode)', () => {
  const out = parseWicOutput(readFileSync(join(FIXTURES, 'wic/02-wic-create-image-mode.stderr'), 'utf8'));
  assert.deepEqual(out.images, ['/home/dev/wic2/out-image/micro-image-202611251719-sda.direct']);
  assert.equal(out.warnings.length, 2);
  assert.equal(out.artifacts.KERNEL_DIR, '/home/dev/micro/build/tmp/deploy/images/qemux86-64');
  assert.deepEqual(out.errors, []);
});

test('wic argv: cooked mode with -e and -m; raw mode with the four folders', () => {
  assert.deepEqual(wicCreateArgs({ wks: 'micro.wks', image: 'image-micro', outdir: '/o' }), ['create', 'micro.wks', '-e', 'image-micro', '-o', '/o', '-m']);
  assert.deepEqual(wicCreateArgs({ wks: 'w', rootfsDir: 'r', bootimgDir: 'b', kernelDir: 'k', nativeSysroot: 'n', outdir: 'o', bmap: false }), ['create', 'w', '-r', 'r', '-b', 'b', '-k', 'k', '-n', 'n', '-o', 'o']);
});
