// SPDX-License-Identifier: MIT
// `kconfig merge`: read the files, merge with the core, write the result atomically.
import { resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { MicroyoctoError } from '../core/errors.js';
import { findMalformedLines, parseConfigLine } from '../core/kconfig/config-file.js';
import { mergeFragments, writtenMessage, type MergeResult } from '../core/kconfig/merge.js';
import { isDirectorySync, readTextFileSync, writeFileAtomicSync } from '../io/files.js';
import { assignmentFinder } from './kernels.js';

export interface KconfigMergeOptions {
  base: string;
  fragments: string[];
  /** Output file; default `$KCONFIG_CONFIG`, else `<outputDir>/.config`, else `.config`. */
  output?: string | undefined;
  outputDir?: string | undefined;
  warnRedundant?: boolean;
  builtin?: boolean;
  strict?: boolean;
  prefix?: string | undefined;
  env?: Record<string, string | undefined>;
  /** Relative paths are read from here; messages print them as given. @defaultValue '.' */
  cwd?: string;
  /** The --json document will be wanted (it needs every assignment's origin). @defaultValue false */
  json?: boolean;
}

export interface KconfigMergeOutcome {
  outputPath: string;
  /** stdout as merge_config.sh -m prints it. */
  messages: string;
  result: MergeResult;
  /** Malformed lines; with `json`, every override too. */
  diagnostics: Diagnostic[];
}

function outputPathFor(options: KconfigMergeOptions): string {
  if (options.output) return options.output;
  const env = options.env?.KCONFIG_CONFIG;
  if (env) return env;
  // NOTE: merge_config.sh prints the -O path made absolute (readlink -m).
  return options.outputDir ? resolve(options.cwd ?? '.', options.outputDir, '.config') : '.config';
}

// Merge, then write unless strict mode was violated. Throws with nothing written on bad input.
export async function runKconfigMerge(options: KconfigMergeOptions): Promise<KconfigMergeOutcome> {
  // NOTE: merge_config.sh creates a missing base and stops half-way at a missing fragment;
  // we check every input first and write nothing when one is missing.
  const at = (p: string): string => resolve(options.cwd ?? '.', p);
  if (options.outputDir !== undefined && !isDirectorySync(at(options.outputDir))) {
    throw new MicroyoctoError('FILE_NOT_FOUND', `output directory '${options.outputDir}' does not exist`, { hint: 'create it first, or use -o FILE' });
  }
  const base = { name: options.base, text: readTextFileSync(at(options.base), 'base config', options.base) };
  const fragments = options.fragments.map((f) => ({ name: f, text: readTextFileSync(at(f), 'fragment', f) }));
  const diagnostics: Diagnostic[] = [];
  for (const src of [base, ...fragments]) diagnostics.push(...findMalformedLines(src.text, src.name, options.prefix));
  const result = mergeFragments(base, fragments, {
    warnRedundant: options.warnRedundant,
    builtin: options.builtin,
    strict: options.strict,
    prefix: options.prefix,
    textOnly: options.json !== true,
    findAssignments: options.json === true ? undefined : assignmentFinder(),
  });
  // NOTE: the text output reports the overrides as merge_config.sh's messages; only --json lists them.
  if (options.json) diagnostics.push(...result.diagnostics);
  const outputPath = outputPathFor(options);
  if (result.strictViolated) {
    const messages = result.messages + 'The fragment redefined a value and strict mode had been passed.\n';
    return { outputPath, messages, result, diagnostics };
  }
  writeFileAtomicSync(at(outputPath), result.text);
  return { outputPath, messages: result.messages + writtenMessage(outputPath), result, diagnostics };
}

// The --json document: merged assignments and every override with file:line of both sides.
export function mergeJson(outcome: KconfigMergeOutcome, prefix?: string): unknown {
  const symbols = new Map<string, { name: string; value: string; file: string; line: number }>();
  for (const a of outcome.result.assignments) {
    const parsed = parseConfigLine(a.text, prefix);
    if (parsed === null || typeof parsed === 'string') continue;
    symbols.delete(a.symbol);
    symbols.set(a.symbol, { name: a.symbol, value: parsed.value, file: a.file, line: a.line });
  }
  return {
    output: outcome.outputPath,
    written: !outcome.result.strictViolated,
    symbols: [...symbols.values()],
    overrides: outcome.result.overrides,
    diagnostics: outcome.diagnostics,
  };
}

export function strictError(): MicroyoctoError {
  return new MicroyoctoError('KCONFIG_STRICT', 'a fragment redefined a value and --strict was given; nothing was written', {
    hint: 'drop --strict, or remove the conflicting lines (listed above)',
  });
}
