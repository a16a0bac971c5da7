// SPDX-License-Identifier: MIT
// The one place loaders turn collected diagnostics into a PROFILE_INVALID error.
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { MicroyoctoError } from '../core/errors.js';

/** A PROFILE_INVALID error that also carries every diagnostic (for --json and tests). */
export class ProfileInvalidError extends MicroyoctoError {
  readonly diagnostics: Diagnostic[];
  constructor(what: string, diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const lines = errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n');
    super('PROFILE_INVALID', `${what} is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${lines}`, {
      hint: 'every key is described in docs/profiles.md; `microyocto profile validate` checks files',
    });
    this.diagnostics = diagnostics;
  }
}

// Throw when any diagnostic is an error; otherwise hand the rest (warnings) to the sink.
export function throwIfErrors(diagnostics: Diagnostic[], what: string, sink: Diagnostic[] | undefined): void {
  if (diagnostics.some((d) => d.severity === 'error')) throw new ProfileInvalidError(what, diagnostics);
  sink?.push(...diagnostics);
}
