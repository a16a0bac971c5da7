// SPDX-License-Identifier: MIT
// Step `read-back` (with --read-back): drop the page cache, read the written ranges back, compare.
import type { FlashSession } from '../flash/session.js';
import { readBack } from '../flash/read-back.js';
import type { Step } from '../pipeline/step.js';
import { blockdev } from '../tools/flash-tools.js';
import { MicroyoctoError } from '../core/errors.js';
import { WriteAborted } from '../flash/writer.js';
import { byteProgress, failedWhileWriting } from './write-image.js';

export const readBackStep: Step<FlashSession> = {
  id: 'read-back',
  title: 'Read back and compare',
  skipReason: (s) => (s.readBack ? undefined : 'not asked for (--read-back)'),
  async run(session, io) {
    const written = session.written!;
    const path = session.host.writePath(session.disk.devPath);
    // BLKFLSBUF: without it the comparison would read the page cache, not the card.
    if (session.host.isBlockDevice) {
      const r = await blockdev('flushbufs', path, session.env);
      if (r === undefined || r.failed) io.log('warning: could not flush the page cache (blockdev --flushbufs); the read-back may come from memory');
    }
    const total = written.ranges.reduce((n, r) => n + (r.digest === undefined ? 0 : r.end - r.start), 0);
    const progress = byteProgress(io, total, 'read back');
    try {
      const done = await readBack(path, written, io.signal, (d) => progress(d));
      progress(done, true);
    } catch (error) {
      // NOTE: the write itself completed and was fsynced; only a real difference makes the card suspect.
      if (error instanceof WriteAborted) {
        throw new MicroyoctoError('INTERRUPTED', `interrupted during the read-back: ${session.disk.devPath} was written completely but not verified`, { hint: 'run microyocto flash again with --read-back to verify it' });
      }
      throw failedWhileWriting(error, session.disk.devPath);
    }
    io.log(`read back ${total} bytes: identical`);
  },
};
