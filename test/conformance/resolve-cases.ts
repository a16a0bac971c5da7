// SPDX-License-Identifier: MIT
// Resolve conformance cases (shared by `npm run conformance` and the golden replay test): each case is
// a chain of conf runs; goldens hold the kernel conf's output as a hash plus a gzip'd copy, the
// recorded toolchain probe answers, and our own fragment inputs. No Kconfig file is committed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseKconfig, resolveConfig, type KconfigTree, type ResolveMode } from '../../src/core/kconfig/engine/index.js';
import { resolveFlat } from '../../src/core/kconfig/engine/flat.js';
import { decodeSnapshot, encodeTree } from '../../src/core/kconfig/engine/snapshot.js';
import { mergeFragments } from '../../src/core/kconfig/merge.js';
import { stampedKconfigReader } from '../../src/io/kconfig-source.js';
import { resolveInputs, runPrelude } from '../../src/app/kconfig-resolve.js';

export const RESOLVE_GOLDEN_DIR = new URL('../../../test/fixtures/kconfig-engine/golden/', import.meta.url).pathname;
export const SRCTREE_MARK = '@SRCTREE@';

/** An input file: from the kernel tree, a recorded fragment, or the previous step's output. */
export type InputSpec = { kernel: string } | { blob: string; name: string } | { prev: true };

export interface Step {
  mode: ResolveMode;
  inputs: InputSpec[];
}

export interface ResolveCase {
  name: string;
  arch: string;
  steps: Step[];
  /** sha256 of the final .config the kernel's conf wrote. */
  sha256?: string;
  lines?: number;
  /** sha256 of what conf --savedefconfig wrote for that .config (some cases). */
  savedefconfig?: string;
}

export interface ArchRecord {
  arch: string;
  env: Record<string, string>;
  probes: Record<string, string>;
}

/** `make ARCH=... TARGET` (defconfig, or a *_defconfig), run whole by the kernel's make. */
export interface MakeTargetCase {
  name: string;
  arch: string;
  target: string;
  /** sha256 of the .config make wrote. */
  sha256: string;
  lines: number;
}

export interface ResolveGoldens {
  kernelVersion: string;
  arches: ArchRecord[];
  cases: ResolveCase[];
  blobs: Map<string, string>;
  /** make-target cases, with the probe answers of their architectures (not among `arches`). */
  make: { arches: ArchRecord[]; cases: MakeTargetCase[] };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// The merged input of a step (merge_config.sh -m semantics), or undefined when it has none.
export function stepInput(ksrc: string, step: Step, prev: string | undefined, blobs: Map<string, string>): { name: string; text: string } | undefined {
  const files = step.inputs.map((i) => {
    if ('kernel' in i) return { name: i.kernel, text: readFileSync(join(ksrc, i.kernel), 'utf8') };
    if ('prev' in i) return { name: 'previous.config', text: prev ?? '' };
    return { name: i.name, text: blobs.get(i.blob)! };
  });
  if (files.length === 0) return undefined;
  if (files.length === 1) return files[0];
  return { name: 'merged.config', text: mergeFragments(files[0]!, files.slice(1)).text };
}

// The tree of an architecture parsed with its recorded probe answers (srctree written as SRCTREE_MARK).
function parseRecorded(ksrc: string, rec: ArchRecord): KconfigTree {
  const env: Record<string, string> = { ...rec.env, srctree: ksrc };
  const answers = new Map(Object.entries(rec.probes).map(([k, v]) => [k.split(SRCTREE_MARK).join(ksrc), v]));
  const readStamped = stampedKconfigReader(ksrc);
  const read = (name: string): string | undefined => readStamped(name)?.text;
  const outcome = parseKconfig({ read, env: (n) => env[n], shell: (cmd) => answers.get(cmd) });
  if (!outcome.complete) throw new Error(`no recorded answer for probe(s): ${outcome.missing.slice(0, 3).join(' | ')}`);
  return outcome.tree;
}

// `kconfig resolve --base TARGET` on the recorded answers: the runs the app plans for make's target (the
// defconfig file make reads, or the chain of a generated one), each by the flat evaluator.
export async function resolveMakeTargetOurs(ksrc: string, rec: ArchRecord, target: string): Promise<string> {
  const blob = decodeSnapshot<null>(encodeTree(parseRecorded(ksrc, rec), null)!)!;
  const flat = blob.flat();
  const run = (mode: ResolveMode, input: { name: string; text: string } | undefined): string => resolveFlat(flat, { mode, input }).text;
  const planned = await resolveInputs({ kernelSrc: ksrc, arch: rec.arch, base: target, fragments: [], env: {}, cwd: ksrc }, ksrc, rec.arch);
  const inputs = await runPrelude(planned, run);
  return run(inputs.mode, inputs.input);
}

// Our `kconfig savedefconfig` of a .config, on the tree parsed with the recorded answers.
export function saveDefconfigOurs(ksrc: string, rec: ArchRecord, config: string): string {
  return resolveConfig(parseRecorded(ksrc, rec), { mode: 'olddefconfig', input: { name: '.config', text: config }, write: 'savedefconfig', origins: false }).text;
}

// Our engine on a case, with probe answers from `probes` (srctree written as SRCTREE_MARK).
export function resolveOurs(ksrc: string, c: ResolveCase, rec: ArchRecord, blobs: Map<string, string>): string {
  let prev: string | undefined;
  for (const step of c.steps) {
    const tree = parseRecorded(ksrc, rec);
    const input = stepInput(ksrc, step, prev, blobs);
    // `kconfig resolve` evaluates the tree as its snapshot blob holds it (flat.ts); the object evaluator,
    // on the parsed tree and on the tree restored from the blob (why, check), must give the same bytes.
    const blob = decodeSnapshot<null>(encodeTree(tree, null)!)!;
    prev = resolveFlat(blob.flat(), { mode: step.mode, input }).text;
    const parsed = resolveConfig(tree, { mode: step.mode, input }).text;
    const restored = resolveConfig(blob.tree(tree.files), { mode: step.mode, input }).text;
    if (parsed !== prev) throw new Error(`${c.name}: the object evaluator resolves differently from the flat one`);
    if (restored !== prev) throw new Error(`${c.name}: the tree restored from its snapshot resolves differently from the parsed tree`);
  }
  return prev ?? '';
}

export function saveResolveGoldens(g: ResolveGoldens, outputs: Map<string, string>): void {
  mkdirSync(join(RESOLVE_GOLDEN_DIR, 'blobs'), { recursive: true });
  mkdirSync(join(RESOLVE_GOLDEN_DIR, 'expected'), { recursive: true });
  for (const [id, text] of g.blobs) writeFileSync(join(RESOLVE_GOLDEN_DIR, 'blobs', `${id}.gz`), gzipSync(text, { level: 9 }));
  // the kernel's own output, kept compressed for diagnosing a failure without a kernel tree
  for (const [name, text] of outputs) writeFileSync(join(RESOLVE_GOLDEN_DIR, 'expected', `${name}.config.gz`), gzipSync(text, { level: 9 }));
  const manifest = { kernelVersion: g.kernelVersion, arches: g.arches, cases: g.cases, blobs: [...g.blobs.keys()], make: g.make };
  writeFileSync(join(RESOLVE_GOLDEN_DIR, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
}

export function loadResolveGoldens(): ResolveGoldens {
  const m = JSON.parse(readFileSync(join(RESOLVE_GOLDEN_DIR, 'manifest.json'), 'utf8')) as Omit<ResolveGoldens, 'blobs'> & { blobs: string[] };
  const blobs = new Map(m.blobs.map((id) => [id, gunzipSync(readFileSync(join(RESOLVE_GOLDEN_DIR, 'blobs', `${id}.gz`))).toString('utf8')]));
  return { kernelVersion: m.kernelVersion, arches: m.arches, cases: m.cases, blobs, make: m.make ?? { arches: [], cases: [] } };
}

export function blobId(text: string): string {
  return sha256(text).slice(0, 16);
}
