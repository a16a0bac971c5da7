// SPDX-License-Identifier: MIT
// A copy of the mini Kconfig tree (test/fixtures/kconfig-engine/mini) made into a "kernel source tree"
// (a top Makefile with the version), for the engine's command tests.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MINI = new URL('../../../test/fixtures/kconfig-engine/mini', import.meta.url).pathname;

// Copy the mini tree to <dir>/linux and return that path.
export function miniKernelTree(dir: string): string {
  const k = join(dir, 'linux');
  cpSync(MINI, k, { recursive: true });
  writeFileSync(join(k, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 192\nEXTRAVERSION =\n');
  return k;
}
