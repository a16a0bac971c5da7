// SPDX-License-Identifier: MIT
// The cold parse's file reader: each Kconfig file's text and its stamp from one open file.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { stampedKconfigReader } from '../../../src/io/kconfig-source.js';
import { tempDir } from '../../helpers/tmp.js';

test('stampedKconfigReader: the text as readFileSync gives it, with the size and mtime stat gives', (t) => {
  const dir = tempDir(t);
  // multi-byte UTF-8 across the first read's 4 KiB and a file larger than any one chunk
  const texts: Record<string, string> = {
    Kconfig: 'source "arch/Kconfig"\n',
    'arch/Kconfig': `config A\n\tbool "µ ${'é'.repeat(3000)}"\n`,
    'big/Kconfig': `${'config X\n\thelp\n\t  ÿ text\n'.repeat(20000)}`,
    'empty/Kconfig': '',
  };
  for (const [name, text] of Object.entries(texts)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  symlinkSync(join(dir, 'arch/Kconfig'), join(dir, 'link'));
  const read = stampedKconfigReader(dir);
  for (const name of [...Object.keys(texts), 'link', './arch/../Kconfig', join(dir, 'big/Kconfig')]) {
    const got = read(name);
    assert.ok(got, name);
    const file = name.startsWith('/') ? name : join(dir, name);
    assert.equal(got.text, readFileSync(file, 'utf8'), `${name}: text`);
    const st = statSync(file);
    assert.deepEqual(got.stamp, { name, size: st.size, mtimeMs: st.mtimeMs }, `${name}: stamp`);
  }
});

test('stampedKconfigReader: a missing file or a folder reads as nothing', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'arch'));
  const read = stampedKconfigReader(dir);
  assert.equal(read('no/such/Kconfig'), undefined);
  assert.equal(read('arch'), undefined);
});
