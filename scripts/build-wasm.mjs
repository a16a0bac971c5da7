#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Compile the AssemblyScript kernels in src/wasm/ to dist/wasm/*.wasm (part of `npm run build`).
// AssemblyScript is a build-time dependency only: the .wasm files are what ships.
import asc from 'assemblyscript/asc';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/wasm');
mkdirSync(OUT, { recursive: true });
for (const file of readdirSync(join(ROOT, 'src/wasm')).filter((f) => f.endsWith('.ts'))) {
  const out = join(OUT, `${basename(file, '.ts')}.wasm`);
  // NOTE: the stub runtime (no GC, no allocator): the kernels manage their own linear memory.
  const { error, stderr } = await asc.main([join('src/wasm', file), '-O3', '--runtime', 'stub', '--noAssert', '-o', out], { stdout: process.stdout, stderr: process.stderr });
  if (error) {
    console.error(`build-wasm: ${file}: ${error.message}\n${stderr.toString()}`);
    process.exit(1);
  }
}
