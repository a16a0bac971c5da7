// SPDX-License-Identifier: MIT
// The package version, read once from package.json next to dist/.
import { fileURLToPath } from 'node:url';
import { readTextFileSync } from '../io/files.js';

function readVersion(): string {
  try {
    const pkg = JSON.parse(readTextFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)))) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

let cached: string | undefined;

// The package version (read on first use: start-up of the fast commands does not need it).
export function version(): string {
  cached ??= readVersion();
  return cached;
}
