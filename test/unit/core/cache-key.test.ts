// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheKey } from '../../../src/core/cache-key.js';

test('cacheKey: 24 hex digits, the same for the same text', () => {
  const k = cacheKey('{"cc":"gcc","ld":"ld"}');
  assert.match(k, /^[0-9a-f]{24}$/);
  assert.equal(cacheKey('{"cc":"gcc","ld":"ld"}'), k);
});

test('cacheKey: texts that differ in one character, their order or their length get different keys', () => {
  const texts = ['', 'a', 'b', 'ab', 'ba', 'aa', 'a\0', '["kconfig-tree-4","/src","x86_64"]', '["kconfig-tree-4","/src","x86_65"]', '["kconfig-tree-5","/src","x86_64"]'];
  for (let i = 0; i < 200; i++) texts.push(`gcc:${i}`);
  const keys = new Set(texts.map(cacheKey));
  assert.equal(keys.size, texts.length);
});

test('cacheKey: every 8-digit part of the key changes with the input', () => {
  const a = cacheKey('/usr/bin/gcc:1234:1700000000');
  const b = cacheKey('/usr/bin/gcc:1234:1700000001');
  for (let i = 0; i < 24; i += 8) assert.notEqual(a.slice(i, i + 8), b.slice(i, i + 8));
});
