// SPDX-License-Identifier: MIT
// Where in the build's conf files a variable that bitbake could not expand is set. bitbake's
// ExpansionError names the variable and the value but no file or line (`Unable to parse Var
// <MICRO_GREETING[:=]>`, captures 20-22 in test/fixtures/bitbake), so we look for the assignment.
import { scanConfAssignments } from '../workspace/local-conf.js';

export interface ConfText {
  /** The path to show (relative to the workspace when it is inside). */
  path: string;
  text: string;
}

export interface ConfLocation {
  file: string;
  line: number;
  /** The assignment as it is written: `MICRO_GREETING := "${@undefined_function(d)}"`. */
  assignment: string;
}

// The assignment of `variable` (with any `:override` or `_append` suffix) in the files, in bitbake's
// include order; one whose value holds the failing expression wins over one that does not.
export function locateAssignment(files: readonly ConfText[], variable: string, expression: string | undefined): ConfLocation | undefined {
  const found: Array<ConfLocation & { matches: boolean }> = [];
  for (const f of files) {
    for (const a of scanConfAssignments(f.text)) {
      const base = a.name.split(':')[0]!;
      if (base !== variable && a.name !== variable) continue;
      const matches = expression !== undefined && (a.value === expression || a.value.includes(expression) || (a.value !== '' && expression.includes(a.value)));
      const written = f.text.split('\n')[a.line - 1]!.trim();
      found.push({ file: f.path, line: a.line, assignment: written, matches });
    }
  }
  const best = found.find((x) => x.matches) ?? found.at(-1);
  return best === undefined ? undefined : { file: best.file, line: best.line, assignment: best.assignment };
}
