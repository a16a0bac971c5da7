// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOf, scanIni } from '../../../src/profiles/ini-scan.js';

test('the pre-scan maps keys and sections to lines and flags what ini would swallow', () => {
  const text = ['; comment', 'a = 1', '', '[kernel]', 'features[] = x', 'features[] = y', 'recipe = r', 'recipe = s', 'bare', '[broken', '[vars]', 'M = file://.* http://h/PATH;downloadfilename=PATH', 'Q = "a;b"', 'C = v ; a comment', '[kernel]'].join('\r\n');
  const scan = scanIni(text, 'f.ini');
  assert.equal(lineOf(scan, '', 'a'), 2);
  assert.equal(lineOf(scan, 'kernel', 'features'), 5);
  assert.equal(lineOf(scan, 'vars', 'Q'), 13);
  assert.equal(lineOf(scan, 'vars'), 11);
  assert.deepEqual(
    scan.diagnostics.map((d) => `${d.line}:${d.severity}:${d.code}`),
    ['8:error:duplicate-key', '9:error:malformed-line', '10:error:malformed-line', '12:warning:value-cut', '15:error:duplicate-section'],
  );
});
