// SPDX-License-Identifier: MIT
// A build whose bitbake stops on the user's metadata (ParseError, ExpansionError) exits 2 with
// BITBAKE_PARSE naming file:line; one refused by another build in the same directory says so with
// the pid in bitbake.lock. The stand-in bitbake replays the real 2.8.1/2.18.0 captures 18, 20-22 and
// the text modelled on bitbake's source in test/fixtures/bitbake/modelled (see each .info).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MicroyoctoError } from '../../../src/core/errors.js';
import { makeWorkspace, runKind, type TestWorkspace } from '../../helpers/workspace.js';

async function setUp(t: import('node:test').TestContext, localConf?: string): Promise<TestWorkspace> {
  const ws = makeWorkspace(t);
  const r = await runKind(ws, 'setup');
  assert.equal(r.error, undefined, String(r.error));
  if (localConf !== undefined) {
    // local.conf is the user's: written before the build, never rewritten by it.
    mkdirSync(join(ws.buildDir, 'conf'), { recursive: true });
    writeFileSync(join(ws.buildDir, 'conf', 'local.conf'), localConf);
  }
  return ws;
}

function userError(error: unknown): MicroyoctoError {
  assert.ok(error instanceof MicroyoctoError, String(error));
  return error;
}

test('a ParseError in local.conf is BITBAKE_PARSE (exit 2) at the file:line bitbake reported', async (t) => {
  const ws = await setUp(t);
  ws.scenario('2.8.1/18-parse-error-localconf');
  const e = userError((await runKind(ws, 'build')).error);
  assert.equal(e.code, 'BITBAKE_PARSE');
  assert.equal(e.exitCode, 2);
  assert.match(e.message, /^build\/tiny\/conf\/local\.conf:11: unparsed line: 'MACHINE = "qemux86-64'\n/);
  assert.match(e.hint ?? '', /local\.conf \(it is yours/);
});

for (const v of ['2.8.1', '2.18.0']) {
  test(`bitbake ${v}: a := in local.conf that cannot be expanded is BITBAKE_PARSE (exit 2) at its line, though bitbake names no file`, async (t) => {
    const ws = await setUp(t, '# mine\nMICRO_SLEEP ?= "0"\nMICRO_GREETING := "${@undefined_function(d)}"\n');
    ws.scenario(`${v}/20-expansion-error-localconf`);
    const r = await runKind(ws, 'build');
    const e = userError(r.error);
    assert.equal(e.code, 'BITBAKE_PARSE');
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /^build\/tiny\/conf\/local\.conf:3: cannot expand MICRO_GREETING \(\$\{@undefined_function\(d\)\}\) while reading the configuration: NameError: name 'undefined_function' is not defined\n {2}MICRO_GREETING := "\$\{@undefined_function\(d\)\}"\n/);
  });

  test(`bitbake ${v}: a task that fails only on an ExpansionError is BITBAKE_PARSE, not BUILD_FAILED`, async (t) => {
    const ws = await setUp(t, 'MICRO_SLEEP = "${@int(\'one\')}"\n');
    ws.scenario(`${v}/21-expansion-error-recipe`);
    const e = userError((await runKind(ws, 'build')).error);
    assert.equal(e.code, 'BITBAKE_PARSE');
    assert.match(e.message, /^build\/tiny\/conf\/local\.conf:1: cannot expand MICRO_SLEEP .* in image-micro-1\.0-r0 do_compile: ValueError: invalid literal for int\(\) with base 10: 'one'/);
  });
}

test('an ExpansionError while parsing a recipe, of a variable no conf file of the build sets, points at bitbake -e', async (t) => {
  const ws = await setUp(t, 'MICRO_SLEEP ?= "0"\n');
  ws.scenario('2.18.0/22-expansion-error-parsing');
  const e = userError((await runKind(ws, 'build')).error);
  assert.equal(e.code, 'BITBAKE_PARSE');
  assert.match(e.message, /^cannot expand PR \(r\$\{@undefined_function\(d\)\}\) while parsing \/home\/dev\/micro\/layers\/meta-micro\/recipes\/image-micro_1\.0\.bb: NameError/);
  assert.match(e.hint ?? '', /PR is not set in build\/tiny\/conf\/\*\.conf; `bitbake -e image-micro` \(in build\/tiny\) shows the file and line/);
});

test("another build's server answering Busy: BUILD_BUSY says another build runs in that directory and the pid in bitbake.lock", async (t) => {
  const ws = await setUp(t);
  ws.scenario('modelled/busy-command');
  mkdirSync(ws.buildDir, { recursive: true });
  // bitbake's server writes "<pid>\n" (or "<pid> <host>:<port>\n") into bitbake.lock: lib/bb/server/process.py:132-134.
  writeFileSync(join(ws.buildDir, 'bitbake.lock'), '4242 localhost:38123\n');
  const r = await runKind(ws, 'build', { only: ['bitbake'] });
  const e = userError(r.error);
  assert.equal(e.code, 'BUILD_BUSY');
  // its own exit code: a CI job retries a busy build directory, it does not report a failed build
  assert.equal(e.exitCode, 8);
  assert.match(e.message, /^another build is running in build\/tiny: its bitbake server refused this one; bitbake\.lock is held by pid 4242\nbitbake said: Busy \(buildTargets in progress\)\n/);
  assert.match(e.hint ?? '', /ps -p 4242/);
  assert.match(r.stderr, /bitbake\.lock in build\/tiny is held by pid 4242/);
});

test('bitbake giving up on connecting (main.py:509) while the lock is held: BUILD_BUSY naming the pid and the daemon log', async (t) => {
  const ws = await setUp(t);
  ws.scenario('modelled/unable-to-connect');
  mkdirSync(ws.buildDir, { recursive: true });
  writeFileSync(join(ws.buildDir, 'bitbake.lock'), '777\n');
  const e = userError((await runKind(ws, 'build', { only: ['bitbake'] })).error);
  assert.equal(e.code, 'BUILD_BUSY');
  assert.match(e.message, /^bitbake could not connect to the bitbake server of build\/tiny nor start one: another build .* is running in that build directory; bitbake\.lock is held by pid 777\nbitbake said: Unable to connect to bitbake server, or start one/);
  assert.match(e.hint ?? '', /build\/tiny\/bitbake-cookerdaemon\.log/);
});
