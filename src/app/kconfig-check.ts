// SPDX-License-Identifier: MIT
// `kconfig check`: did the requested values make it into the final .config?
import { resolve } from 'node:path';
import { checkRequested, type CheckOptions, type CheckResult } from '../core/kconfig/check.js';
import { readTextFileSync } from '../io/files.js';

// Read the final config and the fragments, and compare.
export function runKconfigCheck(finalPath: string, fragmentPaths: readonly string[], options: CheckOptions, cwd = '.'): CheckResult {
  const finalText = readTextFileSync(resolve(cwd, finalPath), 'final config', finalPath);
  const fragments = fragmentPaths.map((f) => ({ name: f, text: readTextFileSync(resolve(cwd, f), 'fragment', f) }));
  return checkRequested(finalText, fragments, options);
}
