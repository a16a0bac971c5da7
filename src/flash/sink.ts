// SPDX-License-Identifier: MIT
// The write side of the flash writer: a pool of buffers, positional writes in flight, fsync watermark.
import type { FileHandle } from 'node:fs/promises';

// Positional writes from a pool of buffers: the reader fills buffers while earlier ones are written
// and fsynced (bmaptool's reader thread + queue of 6 batches, done with libuv's thread pool). Up to
// `parallel` writes are in flight at once: positional writes of different ranges do not depend on
// each other, and the kernel copies two buffers into the page cache (or queues two requests) at once.
export class Sink {
  private readonly free: Buffer[] = [];
  private readonly waiting: ((b: Buffer) => void)[] = [];
  private readonly queued: { buf: Buffer; len: number; position: number }[] = [];
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private failure: unknown;
  private failed = false;
  private sinceSync = 0;
  private syncing: Promise<void> = Promise.resolve();
  written = 0;
  constructor(
    private readonly handle: FileHandle,
    private readonly syncEvery: number,
    private readonly onProgress: (done: number) => void,
    chunk: number,
    depth: number,
    private readonly parallel: number,
  ) {
    for (let i = 0; i < depth; i++) this.free.push(Buffer.allocUnsafe(chunk));
  }

  // A free buffer (waits while all are queued for writing; throws once a write has failed).
  async buffer(): Promise<Buffer> {
    if (this.failed) throw this.failure;
    const b = this.free.pop();
    if (b) return b;
    const next = await new Promise<Buffer>((resolve) => this.waiting.push(resolve));
    if (this.failed) throw this.failure;
    return next;
  }

  private release(buf: Buffer): void {
    const w = this.waiting.shift();
    if (w) w(buf);
    else this.free.push(buf);
  }

  // Queue `len` bytes of `buf` for position `position`; the buffer returns to the pool once written.
  submit(buf: Buffer, len: number, position: number): void {
    this.queued.push({ buf, len, position });
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.parallel && this.queued.length > 0) {
      const job = this.queued.shift()!;
      this.inFlight++;
      void this.writeOne(job.buf, job.len, job.position).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.queued.length === 0) for (const done of this.idle.splice(0)) done();
      });
    }
  }

  private async writeOne(buf: Buffer, len: number, position: number): Promise<void> {
    if (this.failed) return;
    try {
      let off = 0;
      while (off < len) {
        const { bytesWritten } = await this.handle.write(buf, off, len - off, position + off);
        if (bytesWritten === 0) throw Object.assign(new Error('no space left on the device (the image is larger than the target)'), { code: 'ENOSPC' });
        off += bytesWritten;
      }
      this.written += len;
      this.sinceSync += len;
      if (this.sinceSync >= this.syncEvery) {
        this.sinceSync = 0;
        // NOTE: one fsync in flight while the next batch is written: the kernel copies the next
        // 6 MiB into the page cache while the previous batch goes to the card.
        await this.syncing;
        this.syncing = this.handle.sync();
        this.syncing.catch(() => undefined);
      }
      this.onProgress(this.written);
    } catch (error) {
      this.failed = true;
      this.failure = error;
      for (const w of this.waiting.splice(0)) w(buf);
      return;
    }
    this.release(buf);
  }

  // Resolves once nothing is queued or being written.
  private settled(): Promise<void> {
    if (this.inFlight === 0 && this.queued.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  async finish(): Promise<void> {
    await this.settled();
    await this.syncing;
    if (this.failed) throw this.failure;
    await this.handle.sync();
  }

  // After an error or Ctrl-C: let the queued writes end, then flush what we can.
  async drain(): Promise<void> {
    await this.settled();
    await this.syncing.catch(() => undefined);
    await this.handle.sync().catch(() => undefined);
  }
}
