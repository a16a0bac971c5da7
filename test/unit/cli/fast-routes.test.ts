// SPDX-License-Identifier: MIT
// The fast path's routes are also what commander registers: same paths, same specs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAST_ROUTES } from '../../../src/cli/fast-routes.js';
import { runMicroyocto } from '../../helpers/cli.js';

test('every fast route loads the spec its path names, and commander registers each one with it', async () => {
  const help = await runMicroyocto(['kconfig', '--help'], { cwd: '.' });
  const listed = new Map([...help.stdout.matchAll(/^ {2}(\S+) .*? {2,}(\S.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  for (const route of FAST_ROUTES) {
    const { spec } = await route.load();
    assert.equal(spec.name, route.path[route.path.length - 1], route.path.join(' '));
    assert.equal(listed.get(spec.name), spec.description, route.path.join(' '));
  }
});
