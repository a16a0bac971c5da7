// SPDX-License-Identifier: MIT
// The writer with several writes in flight, into regular files: every mapped range lands where it
// belongs whatever order the writes complete in, and a failing write ends the copy without hanging.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { byteRanges, parseBmap } from '../../../src/core/flash/bmap.js';
import { resolveImage } from '../../../src/flash/image.js';
import { writeImage } from '../../../src/flash/writer.js';
import { BMAP_FIXTURES, recipe, writeSparseImage } from '../../helpers/sparse-image.js';
import { tempDir } from '../../helpers/tmp.js';

const FILL = 0x5c;

function options(parallel: number): Parameters<typeof writeImage>[2] {
  return { verify: true, hashForReadBack: true, signal: new AbortController().signal, onProgress() {}, env: {}, chunkBytes: 4096, depth: 3, parallel };
}

for (const parallel of [1, 4]) {
  test(`with ${parallel} write(s) in flight and 4 KiB chunks the target holds exactly the mapped ranges`, async (t) => {
    const dir = tempDir(t);
    const imagePath = join(dir, 'small.img');
    writeSparseImage('small', imagePath);
    writeFileSync(`${imagePath}.bmap`, readFileSync(join(BMAP_FIXTURES, 'small.bmap')));
    const target = join(dir, 'card.bin');
    writeFileSync(target, Buffer.alloc(recipe('small').size, FILL));
    const image = await resolveImage({ image: imagePath, cwd: dir });
    const handle = await open(target, 'r+');
    const progress: number[] = [];
    const result = await writeImage(image, handle, { ...options(parallel), onProgress: (n) => progress.push(n) });
    await handle.close();
    const bytes = readFileSync(imagePath);
    const expected = Buffer.alloc(bytes.length, FILL);
    const ranges = byteRanges(parseBmap(readFileSync(join(BMAP_FIXTURES, 'small.bmap'), 'utf8')));
    for (const r of ranges) bytes.copy(expected, r.start, r.start, r.end);
    assert.ok(readFileSync(target).equals(expected));
    const mapped = ranges.reduce((n, r) => n + r.end - r.start, 0);
    assert.equal(result.bytesWritten, mapped);
    assert.equal(progress.at(-1), mapped, 'progress ends at every mapped byte');
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
  });
}

test('a target that cannot be written fails the copy with the I/O error instead of hanging', async (t) => {
  const dir = tempDir(t);
  const imagePath = join(dir, 'small.img');
  writeSparseImage('small', imagePath);
  writeFileSync(`${imagePath}.bmap`, readFileSync(join(BMAP_FIXTURES, 'small.bmap')));
  const target = join(dir, 'card.bin');
  writeFileSync(target, Buffer.alloc(16));
  const image = await resolveImage({ image: imagePath, cwd: dir });
  const readOnly = await open(target, 'r');
  t.after(() => readOnly.close());
  await assert.rejects(writeImage(image, readOnly, options(4)), (e: NodeJS.ErrnoException) => e.code === 'EBADF');
});
