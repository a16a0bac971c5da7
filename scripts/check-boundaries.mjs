#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Keeps the architecture of docs/architecture.md visible: a pure core and one home per dependency.
// Fails (exit 1) naming file:line for every import that crosses a boundary.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const SRC = join(ROOT, 'src');

// Which top folder of src/ may import a package. A package not listed may be imported anywhere
// outside src/core.
const HOMES = {
  commander: ['cli'],
  chalk: ['ui'],
  listr2: ['pipeline'],
  execa: ['tools'],
  'simple-git': ['tools'],
  ini: ['profiles'],
  zod: ['profiles'],
  'node:fs': ['io', 'flash'],
  // createRequire is how io/node-fs.ts loads node:fs without the ESM facade's cost.
  'node:module': ['io'],
  'node:fs/promises': ['io', 'flash'],
  'node:child_process': ['tools'],
};
// src/core may import only itself and these side-effect-free node modules.
const CORE_ALLOWED = new Set(['node:crypto', 'node:path', 'node:path/posix', 'node:util', 'node:buffer']);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const problems = [];
const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
for (const file of walk(SRC)) {
  const rel = relative(SRC, file).split(sep).join('/');
  const top = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (top !== 'process-io.ts' && /(^|[^.\w])process\./.test(line) && !line.trimStart().startsWith('//')) {
      problems.push(`src/${rel}:${i + 1}: only process-io.ts may touch process (pass what you need in)`);
    }
    for (const m of line.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      const where = `src/${rel}:${i + 1}`;
      if (line.trimStart().startsWith('import type') || /^\s*import\s+type\s/.test(line)) continue;
      if (top === 'core') {
        if (spec.startsWith('.')) {
          const target = join(file, '..', spec);
          if (!target.startsWith(join(SRC, 'core'))) problems.push(`${where}: src/core must stay pure but imports ${spec}`);
        } else if (!CORE_ALLOWED.has(spec)) problems.push(`${where}: src/core must stay pure but imports ${spec}`);
        continue;
      }
      if (top !== 'process-io.ts' && (spec === 'process' || spec === 'node:process')) problems.push(`${where}: only process-io.ts may touch process`);
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.startsWith('node:') ? spec : spec.split('/')[0];
      const homes = HOMES[pkg];
      if (homes && !homes.some((h) => rel === h || rel.startsWith(h + '/'))) {
        problems.push(`${where}: ${pkg} belongs in src/${homes[0]}/ (one home per dependency)`);
      }
    }
  });
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} boundary problem(s); see docs/architecture.md`);
  process.exit(1);
}
console.log('boundaries: ok');
