// SPDX-License-Identifier: MIT
// The process's standard output and error, written by file descriptor. Node's process.stdout and
// process.stdin are streams whose creation loads the streams stack (several ms of start-up); the
// hot kconfig commands write to files and pipes, which need none of it. A terminal, or a descriptor
// that would block, gets Node's stream as before.
import { fs } from './node-fs.js';

// The major number of Linux's memory devices (/dev/null, /dev/zero, /dev/full): never terminals.
const MEM_MAJOR = 1;

// True when fd is certainly not a terminal: a file, a pipe, a socket or a memory device. Cheap (one
// fstat), and never creates a stream.
export function certainlyNotATerminal(fd: number): boolean {
  try {
    const st = fs.fstatSync(fd);
    if (!st.isCharacterDevice()) return true;
    return ((st.rdev >> 8) & 0xfff) === MEM_MAJOR;
  } catch {
    return false;
  }
}

// A writer for fd: synchronous writes, falling back to the stream `open()` returns for a terminal or
// when the descriptor is non-blocking and full (EAGAIN). A closed pipe (EPIPE) calls `onBrokenPipe`.
export function fdWriter(fd: number, open: () => NodeJS.WritableStream, onBrokenPipe: () => void): (text: string) => void {
  let stream: NodeJS.WritableStream | undefined = certainlyNotATerminal(fd) ? undefined : open();
  return (text) => {
    if (stream) {
      stream.write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += fs.writeSync(fd, bytes, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') return onBrokenPipe();
        if (code !== 'EAGAIN') throw error;
        stream = open();
        stream.write(bytes.subarray(offset));
        return;
      }
    }
  };
}
