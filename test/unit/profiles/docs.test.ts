// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sortFeaturesForDocs } from '../../../src/app/profile-list.js';
import { renderProfileDocs } from '../../../src/profiles/docs.js';
import { loadFeatureCatalog } from '../../../src/profiles/index.js';
import { PROFILE_SCHEMA } from '../../../src/profiles/schema.js';

test('docs/profiles.md is what `npm run docs:profiles` generates from the schemas', async () => {
  const catalog = await loadFeatureCatalog({});
  const expected = renderProfileDocs(sortFeaturesForDocs([...catalog.features.values()]));
  const committed = readFileSync(new URL('../../../../docs/profiles.md', import.meta.url), 'utf8');
  assert.ok(committed === expected, 'docs/profiles.md is stale: run `npm run docs:profiles` and commit it');
});

test('every profile key has a description that reaches the docs', async () => {
  const doc = renderProfileDocs([]);
  for (const key of Object.keys(PROFILE_SCHEMA.shape)) assert.match(doc, new RegExp(`\`(\\[)?${key}`), key);
  for (const key of ['features:append', 'features:remove', 'kernel-text', 'bitbake-machine', 'release', 'sstate-mirrors', 'layers']) assert.ok(doc.includes(`\`${key}\``), key);
});
