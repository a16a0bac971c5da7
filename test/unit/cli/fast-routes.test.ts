// SPDX-License-Identifier: MIT
// The fast path's lazy routes and commander's FAST_COMMANDS must name the same commands, specs and actions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAST_COMMANDS } from '../../../src/cli/fast-commands.js';
import { FAST_ROUTES } from '../../../src/cli/fast-routes.js';

test('every fast route loads exactly the spec and action commander registers for that path', async () => {
  assert.deepEqual(
    FAST_ROUTES.map((r) => r.path.join(' ')),
    FAST_COMMANDS.map((c) => c.path.join(' ')),
  );
  for (const route of FAST_ROUTES) {
    const loaded = await route.load();
    const registered = FAST_COMMANDS.find((c) => c.path.join(' ') === route.path.join(' '))!;
    assert.equal(loaded.spec, registered.spec, route.path.join(' '));
    assert.equal(loaded.action, registered.action, route.path.join(' '));
  }
});
