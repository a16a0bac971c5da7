// SPDX-License-Identifier: MIT
// The hot kconfig commands without commander: what the start-up bundle runs (src/main-fast.ts).
import { matchFastPath } from './fast-path.js';
import { FAST_ROUTES } from './fast-routes.js';
import { runSession, type RunCliDeps } from './session.js';

// The exit code of a plain call of a fast command; undefined (nothing printed, nothing run, no session
// made) for any other command line, which the full CLI then takes with its own messages.
export async function runFastCli(argv: readonly string[], deps: RunCliDeps): Promise<number | undefined> {
  const fast = await matchFastPath(argv, FAST_ROUTES);
  return fast && runSession(argv, deps, fast);
}
