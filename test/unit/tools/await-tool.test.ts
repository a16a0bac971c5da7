// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MicroyoctoError } from '../../../src/core/errors.js';
import { awaitTool, startCommand } from '../../../src/tools/runner.js';

test('a tool that is not installed becomes TOOL_NOT_FOUND saying where it should come from', async () => {
  const child = startCommand('microyocto-no-such-tool', ['--version'], { env: { PATH: '/nonexistent' } });
  await assert.rejects(awaitTool(child, { message: 'frob was not found', hint: 'run microyocto setup' }), (error: unknown) => {
    assert.ok(error instanceof MicroyoctoError);
    assert.equal(error.code, 'TOOL_NOT_FOUND');
    assert.equal(error.message, 'frob was not found');
    assert.equal(error.hint, 'run microyocto setup');
    return true;
  });
});

test('a tool that runs gives its result, a failing exit code included', async () => {
  const r = await awaitTool(startCommand('sh', ['-c', 'echo out; exit 3'], { env: { PATH: '/usr/bin:/bin' } }), { message: 'x', hint: 'y' });
  assert.equal(r.exitCode, 3);
  assert.equal(r.stdout, 'out');
});
