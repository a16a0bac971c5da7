// SPDX-License-Identifier: MIT
// The file side of the toolchain probe runner (src/tools/shell-probes.ts): a private temporary folder
// holding each probe's stdout, the file `done` to which the runner appends the id of each finished probe,
// and the FIFO `alive` that the runner and its jobs hold open while they live.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeSpool } from '../tools/shell-probes.js';
import { fs } from './node-fs.js';

// A new spool folder under the system temporary folder.
export function createProbeSpool(): ProbeSpool {
  const dir = fs.mkdtempSync(join(tmpdir(), 'microyocto-probes-'));
  let done: number | undefined;
  let alive: number | undefined;
  let offset = 0;
  const buf = Buffer.allocUnsafe(4096);
  const open = (name: string, flags: number): number | undefined => {
    try {
      return fs.openSync(join(dir, name), flags);
    } catch {
      return undefined;
    }
  };
  return {
    dir,
    readDone() {
      done ??= open('done', fs.constants.O_RDONLY);
      if (done === undefined) return '';
      let text = '';
      for (;;) {
        // NOTE: a regular file read at our own offset: at its end it returns 0, cheaply (no EAGAIN).
        const n = fs.readSync(done, buf, 0, buf.length, offset);
        if (n === 0) return text;
        offset += n;
        text += buf.toString('latin1', 0, n);
      }
    },
    hasWriters() {
      // NOTE: non-blocking, so opening a FIFO never waits for a writer and reading never blocks.
      alive ??= open('alive', fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      if (alive === undefined) return false;
      try {
        return fs.readSync(alive, buf, 0, 1, null) > 0;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return true;
        throw e;
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
      for (const fd of [done, alive]) if (fd !== undefined) fs.closeSync(fd);
      done = alive = undefined;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
