// SPDX-License-Identifier: MIT
// The file side of the toolchain probe runner (src/tools/shell-probes.ts): a private temporary folder
// holding each probe's stdout, and the FIFO on which the runner names each probe that has finished.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fs } from './node-fs.js';

export interface ProbeSpool {
  /** The folder (the runner makes the FIFOs `done` and `slots` in it). */
  readonly dir: string;
  /**
   * What the runner wrote on `done` since the last call, without waiting: `eof` is true when no process
   * holds `done` open for writing (the runner has not opened it yet, or it and all its jobs are gone).
   */
  readDone(): { text: string; eof: boolean };
  /** The stdout of job `id`, as written by the runner; undefined when it left none. */
  readOutput(id: number): string | undefined;
  /** Close the FIFO and delete the folder (safe to call twice). */
  remove(): void;
}

// A new spool folder under the system temporary folder.
export function createProbeSpool(): ProbeSpool {
  const dir = fs.mkdtempSync(join(tmpdir(), 'microyocto-probes-'));
  let fd: number | undefined;
  const buf = Buffer.allocUnsafe(4096);
  return {
    dir,
    readDone() {
      if (fd === undefined) {
        try {
          // NOTE: non-blocking, so opening never waits for a writer and reading never blocks the thread.
          fd = fs.openSync(join(dir, 'done'), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
        } catch {
          return { text: '', eof: true };
        }
      }
      let text = '';
      for (;;) {
        let n: number;
        try {
          n = fs.readSync(fd, buf, 0, buf.length, null);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return { text, eof: false };
          throw e;
        }
        if (n === 0) return { text, eof: true };
        text += buf.toString('latin1', 0, n);
      }
    },
    readOutput(id) {
      try {
        return fs.readFileSync(join(dir, String(id)), 'utf8');
      } catch {
        return undefined;
      }
    },
    remove() {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
