// SPDX-License-Identifier: MIT
// Write an image to an open target: only the bmap's mapped ranges (each range's checksum checked as
// it is written), or everything when there is no bmap. fsync every 6 MiB like bmaptool, so progress
// shows what reached the device rather than the page cache.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ByteRange } from '../core/flash/bmap.js';
import { byteRanges } from '../core/flash/bmap.js';
import { MicroyoctoError } from '../core/errors.js';
import { startDecompressor, type Decompressor } from '../tools/flash-tools.js';
import type { ResolvedImage } from './image.js';
import { Sink } from './sink.js';

export interface WriteOptions {
  /** Check each range against the bmap checksum while writing. @defaultValue true */
  verify: boolean;
  /** Also hash ranges that have no bmap checksum, for read-back. @defaultValue false */
  hashForReadBack: boolean;
  signal: AbortSignal;
  /** Called with the bytes written so far (mapped bytes, not image bytes). */
  onProgress(done: number): void;
  env: Record<string, string | undefined>;
  /** @defaultValue 6 MiB (bmaptool's fsync watermark for block devices) */
  syncEveryBytes?: number | undefined;
  /** @defaultValue 1 MiB (bmaptool's batch size) */
  chunkBytes?: number | undefined;
  /** Buffers read ahead of the writes. @defaultValue 8 */
  depth?: number | undefined;
  /** Writes in flight at once. @defaultValue 2 */
  parallel?: number | undefined;
}

export interface WrittenRange {
  start: number;
  end: number;
  /** The expected digest (the bmap's, or what was hashed while writing). */
  digest: string | undefined;
}

export interface WriteResult {
  bytesWritten: number;
  ranges: WrittenRange[];
  hashType: string;
}

/** Thrown inside the writer when Ctrl-C arrives; the step turns it into INTERRUPTED. */
export class WriteAborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'WriteAborted';
  }
}

function mismatch(range: ByteRange, blockSize: number, calculated: string): MicroyoctoError {
  const first = Math.floor(range.start / blockSize);
  const last = Math.ceil(range.end / blockSize) - 1;
  return new MicroyoctoError('VERIFY_FAILED', `checksum mismatch for blocks range ${first}-${last}: calculated ${calculated}, should be ${range.checksum}`, {
    hint: 'the image is corrupt or is not the one the bmap describes: rebuild it or download it again',
  });
}

// Write the image; throws VERIFY_FAILED, WriteAborted, or the raw I/O error (the step words them).
export async function writeImage(image: ResolvedImage, handle: FileHandle, options: WriteOptions): Promise<WriteResult> {
  const hashType = image.bmap?.checksumType ?? 'sha256';
  const blockSize = image.bmap?.blockSize ?? 4096;
  const chunk = options.chunkBytes ?? 1 << 20;
  const sink = new Sink(handle, options.syncEveryBytes ?? 6 << 20, options.onProgress, chunk, options.depth ?? 8, options.parallel ?? 2);
  const ranges: ByteRange[] | undefined = image.bmap ? byteRanges(image.bmap) : image.compression === 'none' ? [{ start: 0, end: image.fileSize, checksum: undefined }] : undefined;
  const wantHash = (r: ByteRange | undefined): boolean => (r?.checksum !== undefined && options.verify) || options.hashForReadBack;
  const written: WrittenRange[] = [];
  const finishRange = (r: ByteRange, hash: Hash | undefined): void => {
    const digest = hash?.digest('hex');
    if (r.checksum !== undefined && options.verify && digest !== undefined && digest !== r.checksum) throw mismatch(r, blockSize, digest);
    written.push({ start: r.start, end: r.end, digest: r.checksum ?? digest });
  };
  try {
    if (image.compression === 'none' && ranges) await copyRanges(image.path, ranges, sink, { chunk, hashType, signal: options.signal, wantHash, finishRange });
    else await copyStream(image, ranges, sink, { chunk, hashType, signal: options.signal, wantHash, finishRange }, options, written);
    await sink.finish();
  } catch (error) {
    await sink.drain();
    throw error;
  }
  return { bytesWritten: sink.written, ranges: written, hashType };
}

// Uncompressed source: read only the mapped ranges (positional reads into the sink's buffers).
// NOTE: the reads are synchronous on purpose. The image is read at most one chunk at a time (mostly
// from the page cache, ~20 µs for 64 KiB) while the writes run on libuv's thread pool; an async read
// cost a thread-pool round trip per range (~100 µs), which dominated images of many small ranges.
// The sink's pool bounds how far reading runs ahead: once every buffer is queued, buffer() waits for
// a write to finish, and the event loop runs.
async function copyRanges(path: string, ranges: ByteRange[], sink: Sink, how: CopyHow): Promise<void> {
  const { chunk, hashType, signal, wantHash, finishRange } = how;
  const src = await open(path, 'r');
  try {
    for (const r of ranges) {
      const hash = wantHash(r) ? createHash(hashType) : undefined;
      for (let pos = r.start; pos < r.end; ) {
        if (signal.aborted) throw new WriteAborted();
        const buf = await sink.buffer();
        const len = Math.min(chunk, r.end - pos);
        const bytesRead = readSync(src.fd, buf, 0, len, pos);
        if (bytesRead === 0) throw new MicroyoctoError('IMAGE_INVALID', `${path} ended at byte ${pos}, before the end of the mapped range`, { hint: 'the image is truncated' });
        hash?.update(buf.subarray(0, bytesRead));
        sink.submit(buf, bytesRead, pos);
        pos += bytesRead;
      }
      finishRange(r, hash);
    }
  } finally {
    await src.close();
  }
}

interface CopyHow {
  chunk: number;
  hashType: string;
  signal: AbortSignal;
  wantHash(r: ByteRange): boolean;
  finishRange(r: ByteRange, h: Hash | undefined): void;
}

async function openSource(image: ResolvedImage, options: WriteOptions): Promise<{ stream: Readable; tool: Decompressor | undefined }> {
  const file = createReadStream(image.path, { highWaterMark: 1 << 20 });
  if (image.compression === 'none') return { stream: file, tool: undefined };
  if (image.compression === 'gz') return { stream: file.pipe(createGunzip({ chunkSize: 1 << 20 })), tool: undefined };
  file.destroy();
  const tool = await startDecompressor(image.compression, image.path, options.env, options.signal);
  return { stream: tool.stdout, tool };
}

// Compressed source: decompress on the fly, keep the mapped parts, stage them into large writes.
async function copyStream(image: ResolvedImage, ranges: ByteRange[] | undefined, sink: Sink, how: CopyHow, options: WriteOptions, written: WrittenRange[]): Promise<void> {
  const { chunk, hashType, wantHash, finishRange } = how;
  const { stream, tool } = await openSource(image, options);
  let current: Buffer | undefined;
  let stagedAt = 0;
  let staged = 0;
  const flush = async (): Promise<void> => {
    if (staged === 0 || current === undefined) return;
    sink.submit(current, staged, stagedAt);
    current = undefined;
    staged = 0;
  };
  const stage = async (data: Buffer, at: number): Promise<void> => {
    let off = 0;
    while (off < data.length) {
      if (staged > 0 && stagedAt + staged !== at + off) await flush();
      if (staged === 0) stagedAt = at + off;
      current ??= await sink.buffer();
      const n = Math.min(chunk - staged, data.length - off);
      data.copy(current, staged, off, off + n);
      staged += n;
      off += n;
      if (staged === chunk) await flush();
    }
  };
  // Without a bmap the whole stream is one range whose end is known only at the end.
  const all: ByteRange = { start: 0, end: Number.MAX_SAFE_INTEGER, checksum: undefined };
  const list = ranges ?? [all];
  let index = 0;
  let hash: Hash | undefined = list[0] && wantHash(list[0]) ? createHash(hashType) : undefined;
  let pos = 0;
  try {
    for await (const piece of stream) {
      if (options.signal.aborted) throw new WriteAborted();
      const data = piece as Buffer;
      let off = 0;
      while (off < data.length && index < list.length) {
        const r = list[index]!;
        const at = pos + off;
        if (at < r.start) {
          off += Math.min(r.start - at, data.length - off);
          continue;
        }
        const n = Math.min(r.end - at, data.length - off);
        const part = data.subarray(off, off + n);
        hash?.update(part);
        await stage(part, at);
        off += n;
        if (at + n === r.end) {
          finishRange(r, hash);
          index++;
          hash = list[index] && wantHash(list[index]!) ? createHash(hashType) : undefined;
        }
      }
      pos += data.length;
    }
    await flush();
    await tool?.done();
  } catch (error) {
    tool?.kill();
    stream.destroy();
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new MicroyoctoError('IMAGE_INVALID', `${image.path} is not a valid gzip stream (${(error as Error).message})`, { hint: 'the download or copy is truncated or damaged: fetch or rebuild it', cause: error });
    }
    throw error;
  }
  if (ranges === undefined) written.push({ start: 0, end: pos, digest: hash?.digest('hex') }); else if (index < list.length) {
    throw new MicroyoctoError('IMAGE_INVALID', `${image.path} decompressed to ${pos} bytes, shorter than the ${image.bmap?.imageSize ?? '?'} bytes its bmap describes`, { hint: 'the archive is truncated or is not the image the bmap belongs to' });
  }
}
