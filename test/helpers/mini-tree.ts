// SPDX-License-Identifier: MIT
// The engine's small Kconfig tree of our own (test/fixtures/kconfig-engine/mini), parsed with its
// recorded probe answers; files may be replaced or added by name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKconfig, type KconfigTree } from '../../src/core/kconfig/engine/index.js';

const FIX = new URL('../../../test/fixtures/kconfig-engine/', import.meta.url).pathname;
const PROBES = JSON.parse(readFileSync(join(FIX, 'mini-probes.json'), 'utf8')) as Record<string, string>;
const ENV: Record<string, string> = { ARCH: 'x86_64', KERNELVERSION: '6.1.192' };

export function miniTree(files: Record<string, string> = {}): KconfigTree {
  const outcome = parseKconfig({
    read: (n) => files[n] ?? (() => {
      try {
        return readFileSync(join(FIX, 'mini', n), 'utf8');
      } catch {
        return undefined;
      }
    })(),
    env: (n) => ENV[n],
    shell: (c) => PROBES[c],
  });
  assert.ok(outcome.complete, 'every probe of the mini tree is recorded');
  return outcome.tree;
}
