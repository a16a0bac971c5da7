// SPDX-License-Identifier: MIT
// Step `write-image`: re-check the device, open it exclusively, write (sparse with a bmap), fsync.
import { mappedBytes } from '../core/flash/bmap.js';
import { MicroyoctoError } from '../core/errors.js';
import { progressMessage } from '../core/flash/format.js';
import type { FlashSession } from '../flash/session.js';
import { recheckIdentity, undefinedState, UNDEFINED_STATE_HINT } from '../flash/session.js';
import { WriteAborted, writeImage } from '../flash/writer.js';
import type { StepIO, Step } from '../pipeline/step.js';
import { blockdev } from '../tools/flash-tools.js';

// Progress at most 5 times a second, with throughput and ETA.
export function byteProgress(io: StepIO, total: number | undefined, verb: string): (done: number, final?: boolean) => void {
  const started = Date.now();
  let last = 0;
  return (done, final = false) => {
    const now = Date.now();
    if (!final && now - last < 200) return;
    last = now;
    io.progress({ current: done, total: total ?? done, unit: 'bytes', message: `${verb} ${progressMessage(done, total, now - started)}` });
  };
}

// Word a failure after the device was opened: it is now in an undefined state.
export function failedWhileWriting(error: unknown, devPath: string): MicroyoctoError {
  const state = undefinedState(devPath);
  if (error instanceof WriteAborted) return new MicroyoctoError('INTERRUPTED', `interrupted: ${state}`, { hint: UNDEFINED_STATE_HINT });
  if (error instanceof MicroyoctoError) {
    // A tool's message ends with its stderr lines: put the state on a line of its own after them.
    const sep = error.message.includes('\n') ? '\n' : '; ';
    return new MicroyoctoError(error.code, `${error.message}${sep}${state}`, { hint: error.hint ?? UNDEFINED_STATE_HINT, cause: error });
  }
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOSPC' ? 'the image is larger than the device' : code === 'EIO' ? 'I/O error (card removed or failing?)' : (error as Error).message;
  return new MicroyoctoError('DEVICE_WRITE_FAILED', `writing ${devPath} failed: ${why}; ${state}`, { hint: UNDEFINED_STATE_HINT, cause: error });
}

export const writeImageStep: Step<FlashSession> = {
  id: 'write-image',
  title: 'Write the image',
  async run(session, io) {
    const { host, disk, image } = session;
    await recheckIdentity(session);
    const handle = await host.openForWrite(host.writePath(disk.devPath));
    const total = image.bmap ? mappedBytes(image.bmap) : image.expandedSize;
    const progress = byteProgress(io, total, 'wrote');
    try {
      session.written = await writeImage(image, handle, {
        verify: session.verify,
        hashForReadBack: session.readBack,
        signal: io.signal,
        onProgress: (done) => progress(done),
        env: session.env,
      });
      progress(session.written.bytesWritten, true);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw failedWhileWriting(error, disk.devPath);
    }
    await handle.close();
    io.log(`wrote ${session.written.bytesWritten} bytes to ${disk.devPath}; image ${image.path}${image.manifest ? ` sha256 ${image.manifest.sha256}` : ''}; device ${disk.devPath} serial ${disk.serial ?? '(none)'} size ${disk.sizeBytes}`);
    // NOTE: BLKRRPART so the kernel sees the new partition table (best effort: loop devices without partscan refuse).
    if (host.isBlockDevice && disk.partitionScan) await blockdev('rereadpt', disk.devPath, session.env);
  },
};
