// SPDX-License-Identifier: MIT
// Read the written ranges back from the target and compare their digests (Etcher's "Validating").
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { MicroyoctoError } from '../core/errors.js';
import type { WriteResult } from './writer.js';
import { WriteAborted } from './writer.js';

// Read back every written range; throws VERIFY_FAILED at the first difference.
export async function readBack(path: string, written: WriteResult, signal: AbortSignal, onProgress: (done: number) => void, chunk = 4 << 20): Promise<number> {
  const fh = await open(path, 'r');
  const buf = Buffer.allocUnsafe(chunk);
  let done = 0;
  try {
    for (const r of written.ranges) {
      if (r.digest === undefined) continue;
      const hash = createHash(written.hashType);
      for (let pos = r.start; pos < r.end; ) {
        if (signal.aborted) throw new WriteAborted();
        const { bytesRead } = await fh.read(buf, 0, Math.min(chunk, r.end - pos), pos);
        if (bytesRead === 0) throw new MicroyoctoError('VERIFY_FAILED', `${path} ended at byte ${pos} while reading back`);
        hash.update(buf.subarray(0, bytesRead));
        pos += bytesRead;
        done += bytesRead;
        onProgress(done);
      }
      const digest = hash.digest('hex');
      if (digest !== r.digest) {
        throw new MicroyoctoError('VERIFY_FAILED', `read-back of ${path} bytes ${r.start}-${r.end - 1} gives ${written.hashType} ${digest}, expected ${r.digest}`, {
          hint: 'the card did not keep what was written (a fake-capacity or failing card?); try another card',
        });
      }
    }
  } finally {
    await fh.close();
  }
  return done;
}
