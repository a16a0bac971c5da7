// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bmapCandidates, byteRanges, mappedBytes, parseBmap, verifyBmapFileChecksum } from '../../../../src/core/flash/bmap.js';
import { MicroyoctoError } from '../../../../src/core/errors.js';
import { BMAP_FIXTURES, recipe } from '../../../helpers/sparse-image.js';

const v2 = readFileSync(join(BMAP_FIXTURES, 'small.bmap'));
const v13 = readFileSync(join(BMAP_FIXTURES, 'small-v1.3.bmap'));

test('a bmap written by bmaptool create 3.6 (format 2.0) is parsed with its sha256 ranges', () => {
  const b = parseBmap(v2.toString(), 'small.bmap');
  assert.equal(b.version, '2.0');
  assert.equal(b.checksumType, 'sha256');
  assert.equal(b.imageSize, recipe('small').size);
  assert.deepEqual(b.ranges.map((r) => [r.first, r.last]), [[0, 15], [256, 383], [768, 770], [1023, 1024]]);
  assert.ok(b.ranges.every((r) => /^[0-9a-f]{64}$/.test(r.checksum ?? '')));
  verifyBmapFileChecksum(v2, b, 'small.bmap');
});

test('a format 1.3 bmap uses SHA1 from the sha1 attribute and BmapFileSHA1', () => {
  const b = parseBmap(v13.toString(), 'v13.bmap');
  assert.equal(b.checksumType, 'sha1');
  assert.ok(b.ranges.every((r) => /^[0-9a-f]{40}$/.test(r.checksum ?? '')));
  verifyBmapFileChecksum(v13, b, 'v13.bmap');
});

test('byte ranges cut the last block at ImageSize', () => {
  const b = parseBmap(v2.toString());
  const last = byteRanges(b).at(-1)!;
  assert.equal(last.start, 1023 * 4096);
  assert.equal(last.end, recipe('small').size);
  assert.equal(mappedBytes(b), 148 * 4096 + (recipe('small').size - 1024 * 4096));
});

test('an edited bmap fails its own checksum', () => {
  const edited = Buffer.from(v2.toString().replace('<BlockMap>', '<BlockMap> '));
  assert.throws(() => verifyBmapFileChecksum(edited, parseBmap(edited.toString()), 'x.bmap'), (e: unknown) => e instanceof MicroyoctoError && e.code === 'BMAP_INVALID' && /checksum mismatch for the bmap file/.test(e.message));
});

test('a malformed range is reported with file:line', () => {
  const bad = v2.toString().replace('> 256-383 <', '> 383-256 <');
  assert.throws(() => parseBmap(bad, 'b.bmap'), (e: unknown) => e instanceof MicroyoctoError && /^b\.bmap:\d+: bad range \(first > last\)/.test(e.message));
  const line = bad.split('\n').findIndex((l) => l.includes('383-256')) + 1;
  assert.throws(() => parseBmap(bad, 'b.bmap'), new RegExp(`b\\.bmap:${line}:`));
});

test('every range of a bmap gets its own line in an error, the last one too (lines are counted once, in order)', () => {
  const text = v2.toString();
  const spans = [...text.matchAll(/> (\d+-\d+) </g)].map((m) => m[1]!);
  assert.ok(spans.length >= 3);
  for (const span of spans) {
    const [first, last] = span.split('-');
    const bad = text.replace(`> ${span} <`, `> ${last}-${first} <`);
    const line = bad.split('\n').findIndex((l) => l.includes(`> ${last}-${first} <`)) + 1;
    if (first === last) continue;
    assert.throws(() => parseBmap(bad, 'b.bmap'), new RegExp(`b\\.bmap:${line}: bad range \\(first > last\\)`));
  }
});

test('a future major version and an inconsistent block count are refused', () => {
  assert.throws(() => parseBmap(v2.toString().replace('version="2.0"', 'version="3.0"')), /newer than the 2\.x/);
  assert.throws(() => parseBmap(v2.toString().replace('<BlocksCount> 1025', '<BlocksCount> 1026')), /inconsistent bmap/);
  assert.throws(() => parseBmap('<html></html>'), /not a bmap file/);
});

test('bmap candidates follow bmaptool: IMAGE.bmap, then one extension stripped at a time', () => {
  assert.deepEqual(bmapCandidates('/d/x.wic.zst'), ['/d/x.wic.zst.bmap', '/d/x.wic.bmap', '/d/x.bmap']);
  assert.deepEqual(bmapCandidates('img'), ['img.bmap']);
});
