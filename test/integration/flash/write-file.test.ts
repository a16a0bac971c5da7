// SPDX-License-Identifier: MIT
// The writer end to end, into a regular file standing in for the card (test-only host injection).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createInterrupts } from '../../../src/cli/context.js';
import { byteRanges, parseBmap } from '../../../src/core/flash/bmap.js';
import { runMicroyocto } from '../../helpers/cli.js';
import { fixtureHost } from '../../helpers/flash-host.js';
import { BMAP_FIXTURES, recipe, writeSparseImage } from '../../helpers/sparse-image.js';
import { tempDir } from '../../helpers/tmp.js';

const FILL = 0xee;
const PIN = ['--yes', '--expect-serial', '000000264001'];

function setup(t: TestContext, bmapName: string | null = 'small.bmap'): { dir: string; image: string; target: string; bytes: Buffer } {
  const dir = tempDir(t);
  const image = join(dir, 'small.img');
  writeSparseImage('small', image);
  if (bmapName) writeFileSync(join(dir, 'small.img.bmap'), readFileSync(join(BMAP_FIXTURES, bmapName)));
  const target = join(dir, 'card.bin');
  writeFileSync(target, Buffer.alloc(recipe('small').size + 8192, FILL));
  return { dir, image, target, bytes: readFileSync(image) };
}

// Mapped ranges equal the image; every other byte of the card still has its old content.
function assertSparseCopy(target: string, image: Buffer): void {
  const card = readFileSync(target);
  const expected = Buffer.alloc(card.length, FILL);
  for (const r of byteRanges(parseBmap(readFileSync(join(BMAP_FIXTURES, 'small.bmap'), 'utf8')))) image.copy(expected, r.start, r.start, r.end);
  assert.ok(card.equals(expected), 'the card holds exactly the mapped ranges of the image');
}

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

test('with a bmap only the mapped ranges are written, and the summary says how much', async (t) => {
  const ws = setup(t);
  const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, ...PIN], { cwd: ws.dir, flashHost: fixtureHost('usb-card', { targetFile: ws.target }) });
  assert.equal(run.code, 0, run.stderr);
  assertSparseCopy(ws.target, ws.bytes);
  assert.match(run.stdout, /✔ flashed \/dev\/sdb: wrote 593\.0 KiB of a 4\.0 MiB image in [\d.]+ s \([\d.]+ [KMG]?i?B\/s\)/);
  assert.match(run.stderr, /wrote 593\.0 KiB of 593\.0 KiB/);
});

test('a format 1.3 (SHA1) bmap given with --bmap is honoured', async (t) => {
  const ws = setup(t, null);
  const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--bmap', join(BMAP_FIXTURES, 'small-v1.3.bmap'), ...PIN], { cwd: ws.dir, flashHost: fixtureHost('usb-card', { targetFile: ws.target }) });
  assert.equal(run.code, 0, run.stderr);
  assertSparseCopy(ws.target, ws.bytes);
});

const COMPRESSORS: [string, string, (file: string) => void][] = [
  ['gz', 'node:zlib', (f) => writeFileSync(`${f}.gz`, gzipSync(readFileSync(f)))],
  ['xz', 'xz', (f) => assert.equal(spawnSync('xz', ['-k', '-T1', f]).status, 0)],
  ['zst', 'zstd', (f) => assert.equal(spawnSync('zstd', ['-q', '-k', f]).status, 0)],
];
for (const [ext, tool, compress] of COMPRESSORS) {
  test(`a .${ext} image is decompressed on the fly (${tool}) and its bmap found by stripping the extension`, { skip: tool !== 'node:zlib' && !hasTool(tool) ? `${tool} not installed` : false }, async (t) => {
    const ws = setup(t);
    compress(ws.image);
    const run = await runMicroyocto(['flash', '/dev/sdb', '--image', `${ws.image}.${ext}`, '--read-back', ...PIN], { cwd: ws.dir, flashHost: fixtureHost('usb-card', { targetFile: ws.target }) });
    assert.equal(run.code, 0, run.stderr);
    assertSparseCopy(ws.target, ws.bytes);
    assert.match(run.stderr, /read back 607208 bytes: identical/);
  });
}

test('without a bmap the whole image is copied, with a warning', async (t) => {
  const ws = setup(t, null);
  const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, ...PIN], { cwd: ws.dir, flashHost: fixtureHost('usb-card', { targetFile: ws.target }) });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /warning: no \.bmap found for .*small\.img: every byte of the image will be written/);
  assert.ok(readFileSync(ws.target).subarray(0, ws.bytes.length).equals(ws.bytes));
});

test('a corrupted image fails its bmap checksum: exit 7, the device is said to be in an undefined state', async (t) => {
  const ws = setup(t);
  const bytes = readFileSync(ws.image);
  bytes[1048576 + 1000] = bytes[1048576 + 1000]! ^ 0xff;
  writeFileSync(ws.image, bytes);
  const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, ...PIN], { cwd: ws.dir, flashHost: fixtureHost('usb-card', { targetFile: ws.target }) });
  assert.equal(run.code, 7);
  assert.match(run.stderr, /✖ VERIFY_FAILED {2}checksum mismatch for blocks range 256-383: calculated [0-9a-f]{64}, should be 9621ef48[0-9a-f]+; \/dev\/sdb is now in an undefined state/);
  const ok = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--no-verify', ...PIN], { cwd: ws.dir, flashHost: fixtureHost('usb-card', { targetFile: ws.target }) });
  assert.equal(ok.code, 0, ok.stderr);
});

test('--profile flashes the image of deploy/<profile>/manifest.json after checking its sha256', async (t) => {
  const ws = setup(t);
  mkdirSync(join(ws.dir, 'deploy/tiny'), { recursive: true });
  const sha = createHash('sha256').update(ws.bytes).digest('hex');
  const manifest = (sha256: string): string => JSON.stringify({ images: [{ path: '../../small.img', bmap: '../../small.img.bmap', sha256, size: ws.bytes.length }] });
  writeFileSync(join(ws.dir, 'deploy/tiny/manifest.json'), manifest('0'.repeat(64)));
  const host = fixtureHost('usb-card', { targetFile: ws.target });
  const bad = await runMicroyocto(['flash', '/dev/sdb', '--profile', 'tiny', ...PIN], { cwd: ws.dir, flashHost: host });
  assert.equal(bad.code, 6);
  assert.match(bad.stderr, /IMAGE_INVALID .*small\.img has sha256 [0-9a-f]{64} but .*manifest\.json says 0{64}; nothing was written/);
  assert.deepEqual(host.opened, []);
  writeFileSync(join(ws.dir, 'deploy/tiny/manifest.json'), manifest(sha));
  const good = await runMicroyocto(['flash', '/dev/sdb', '--profile', 'tiny', ...PIN], { cwd: ws.dir, flashHost: host });
  assert.equal(good.code, 0, good.stderr);
  assertSparseCopy(ws.target, ws.bytes);
});

test('Ctrl-C during the write stops, flushes, exits 130 and says what state the card is in', async (t) => {
  const ws = setup(t);
  const interrupts = createInterrupts();
  const host = fixtureHost('usb-card', { targetFile: ws.target });
  const open = host.openForWrite;
  host.openForWrite = async (p) => {
    const fh = await open(p);
    interrupts.fire();
    return fh;
  };
  const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, ...PIN], { cwd: ws.dir, flashHost: host, interrupts });
  assert.equal(run.code, 130);
  assert.match(run.stderr, /✖ INTERRUPTED {2}interrupted: \/dev\/sdb is now in an undefined state \(partly written\)/);
  assert.match(run.stderr, /hint: run the same microyocto flash command again/);
});

test('--json streams NDJSON step and byte-progress events and ends with a result event', async (t) => {
  const ws = setup(t);
  const run = await runMicroyocto(['flash', '/dev/sdb', '--image', ws.image, '--json', ...PIN], { cwd: ws.dir, flashHost: fixtureHost('usb-card', { targetFile: ws.target }) });
  assert.equal(run.code, 0, run.stderr);
  const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const progress = events.filter((e) => e.event === 'progress' && e.step === 'write-image');
  assert.equal(progress.at(-1)?.current, 607208);
  assert.equal(progress.at(-1)?.unit, 'bytes');
  assert.deepEqual(events.at(-1)?.event, 'result');
  assert.equal(events.at(-1)?.bytesWritten, 607208);
});

for (const [ext, tool, compress] of COMPRESSORS) {
  test(`a truncated .${ext} image stops the write with a clear error`, { skip: tool !== 'node:zlib' && !hasTool(tool) ? `${tool} not installed` : false }, async (t) => {
    const ws = setup(t);
    compress(ws.image);
    const archive = readFileSync(`${ws.image}.${ext}`);
    writeFileSync(`${ws.image}.${ext}`, archive.subarray(0, Math.floor(archive.length / 2)));
    const run = await runMicroyocto(['flash', '/dev/sdb', '--image', `${ws.image}.${ext}`, ...PIN], { cwd: ws.dir, flashHost: fixtureHost('usb-card', { targetFile: ws.target }) });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, ext === 'gz' ? /✖ IMAGE_INVALID {2}.*small\.img\.gz is not a valid gzip stream/ : /✖ (TOOL_FAILED|IMAGE_INVALID) {2}/);
    assert.match(run.stderr, /\/dev\/sdb is now in an undefined state/);
  });
}
