// SPDX-License-Identifier: MIT
// Stand-ins for a kernel build's deploy artifacts, for the footprint commands.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './tmp.js';

// A bzImage stand-in: `size` bytes with the x86 boot header's "HdrS" magic at 0x202.
export function bzImageBytes(size = 3000): Uint8Array {
  const bz = new Uint8Array(size);
  bz.set([0x48, 0x64, 0x72, 0x53], 0x202);
  return bz;
}

// In `dir` (created): `vmlinux`, the 64-bit fixture object (438 bytes of text), and a 3000-byte `bzImage`.
export function writeKernelArtifacts(dir: string): void {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(FIXTURES, 'footprint', 'new-64.o'), join(dir, 'vmlinux'));
  writeFileSync(join(dir, 'bzImage'), bzImageBytes());
}
