// SPDX-License-Identifier: MIT
// The hot kconfig commands without commander: what the start-up bundle runs (src/main-fast.ts).
import { tryFastPath } from './fast-path.js';
import { FAST_ROUTES } from './fast-routes.js';
import { runSession, type RunCliDeps } from './session.js';

// The exit code of a plain call of a fast command; undefined (nothing printed, nothing run) for any
// other command line, which the full CLI then takes with its own messages.
export function runFastCli(argv: readonly string[], deps: RunCliDeps): Promise<number | undefined> {
  return runSession(argv, deps, (ctx) => tryFastPath(ctx, argv, FAST_ROUTES));
}
