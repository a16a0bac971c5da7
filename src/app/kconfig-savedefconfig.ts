// SPDX-License-Identifier: MIT
// `kconfig savedefconfig`: what `make savedefconfig` writes: the .config read as olddefconfig reads it, then
// only the values that differ from what the Kconfig tree would choose by itself (conf --savedefconfig).
import { resolve as resolvePath } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { parseConfig } from '../core/kconfig/config-file.js';
import { readWarnings } from '../core/kconfig/engine/confdata.js';
import { resolveConfig } from '../core/kconfig/engine/index.js';
import { readTextFileSync, writeFileAtomic } from '../io/files.js';
import { loadKconfigTree, type LoadedTree } from './kconfig-tree.js';

export interface KconfigSaveDefconfigOptions {
  kernelSrc: string;
  arch?: string | undefined;
  /** @defaultValue '.config' */
  config?: string | undefined;
  /** @defaultValue 'defconfig' */
  output?: string | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface KconfigSaveDefconfigOutcome {
  outputPath: string;
  text: string;
  /** How many lines the .config had that set a symbol, and how many the defconfig kept. */
  lines: { config: number; defconfig: number };
  loaded: LoadedTree;
  diagnostics: Diagnostic[];
}

// Read the .config, write the minimal defconfig (atomically; nothing is written when anything fails).
export async function runKconfigSaveDefconfig(options: KconfigSaveDefconfigOptions): Promise<KconfigSaveDefconfigOutcome> {
  const configPath = options.config ?? '.config';
  const text = readTextFileSync(resolvePath(options.cwd, configPath), 'config', configPath);
  const loaded = await loadKconfigTree(options);
  const result = resolveConfig(loaded.tree, { mode: 'olddefconfig', input: { name: configPath, text }, write: 'savedefconfig', origins: false });
  const outputPath = options.output ?? 'defconfig';
  await writeFileAtomic(resolvePath(options.cwd, outputPath), result.text);
  const settings = (t: string, file: string): number => parseConfig(t, file).entries.length;
  const lines = { config: settings(text, configPath), defconfig: settings(result.text, outputPath) };
  return { outputPath, text: result.text, lines, loaded, diagnostics: readWarnings(result.warnings) };
}
