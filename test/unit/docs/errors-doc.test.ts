// SPDX-License-Identifier: MIT
// docs/errors.md must list every error code with the exit code it really has.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERROR_CODES } from '../../../src/core/errors.js';

const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');

test('every error code is documented with its exit code', () => {
  for (const [code, { exit }] of Object.entries(ERROR_CODES)) {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    assert.ok(row, `docs/errors.md has no row for ${code}`);
    assert.equal(row.split('|')[2]?.trim(), String(exit), `docs/errors.md gives the wrong exit code for ${code}`);
  }
});
