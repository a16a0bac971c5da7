#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Write docs/profiles.md from the schemas and the kernel feature metadata (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { renderProfileDocs } from '../dist/src/profiles/docs.js';
import { loadFeatureCatalog } from '../dist/src/profiles/index.js';
import { sortFeaturesForDocs } from '../dist/src/app/profile-list.js';

const catalog = await loadFeatureCatalog({});
const target = new URL('../docs/profiles.md', import.meta.url);
writeFileSync(target, renderProfileDocs(sortFeaturesForDocs([...catalog.features.values()])));
console.log(`wrote ${target.pathname}`);
