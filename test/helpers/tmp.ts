// SPDX-License-Identifier: MIT
// Throw-away folders for tests, removed when the test ends.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';

// A new empty folder that is deleted after the test.
export function tempDir(t: TestContext, prefix = 'microyocto-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Write files (path -> content) under a folder.
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

// Where committed fixtures live (tests run from dist/test/..., fixtures stay in test/fixtures).
export const FIXTURES = new URL('../../../test/fixtures/', import.meta.url).pathname;
