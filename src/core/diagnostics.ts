// SPDX-License-Identifier: MIT
// Diagnostics are data: the core returns them, the CLI prints them. Warnings never throw.

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable kebab-case kind, e.g. `malformed-line`, `override`, `redundant`. */
  code: string;
  file?: string | undefined;
  line?: number | undefined;
  message: string;
}

// Render a diagnostic the way compilers and the kernel's conf do: `file:line: warning: message`.
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file === undefined ? '' : d.line === undefined ? `${d.file}: ` : `${d.file}:${d.line}: `;
  return `${where}${d.severity}: ${d.message}`;
}

// True when any diagnostic is an error (or a warning, with strict).
export function hasProblems(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}
