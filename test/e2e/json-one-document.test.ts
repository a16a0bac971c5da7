// SPDX-License-Identifier: MIT
// With --json every single-document command prints exactly one JSON document on stdout, also when a
// check fails after the result was computed (size --check, kconfig check/merge --strict): the failure
// is the document's `error` member, and the exit code still says what failed.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runMicroyocto } from '../helpers/cli.js';
import { writeKernelArtifacts } from '../helpers/kernel-artifacts.js';
import { tempDir, writeFiles } from '../helpers/tmp.js';

// Parses stdout as exactly one JSON document (JSON.parse fails on two concatenated ones).
function oneDocument(stdout: string): Record<string, unknown> {
  const value: unknown = JSON.parse(stdout);
  assert.equal(typeof value, 'object');
  return value as Record<string, unknown>;
}

function budgetWorkspace(dir: string, kernelTextBudget: number): void {
  mkdirSync(join(dir, 'configs', 'profiles'), { recursive: true });
  writeFileSync(join(dir, 'configs', 'profiles', 'tight.ini'), `description = a tight budget\nextends = just-things\n\n[budget]\nkernel-text = ${kernelTextBudget}\nkernel-image = 8M\n`);
  writeKernelArtifacts(join(dir, 'deploy', 'tight'));
}

test('size --json --check over budget: one document with the measurement, the verdict and the error; exit 3', async (t) => {
  const dir = tempDir(t);
  budgetWorkspace(dir, 100);
  const r = await runMicroyocto(['size', '--json', '--profile', 'tight', '--check'], { cwd: dir });
  assert.equal(r.code, 3, r.stderr);
  const doc = oneDocument(r.stdout);
  assert.equal(doc.profile, 'tight');
  assert.deepEqual((doc.artifacts as Array<{ file: string }>).map((a) => a.file).sort(), ['deploy/tight/bzImage', 'deploy/tight/vmlinux']);
  assert.deepEqual(doc.verdict, { status: 'exceeded', exceeded: ['kernelText'], enforced: true });
  const error = doc.error as { code: string; exitCode: number; message: string };
  assert.equal(error.code, 'BUDGET_EXCEEDED');
  assert.equal(error.exitCode, 3);
  assert.match(error.message, /^budget tight\.kernelText exceeded: deploy\/tight\/vmlinux is 438 bytes, budget 100/);
  assert.equal(r.stderr, '');
});

test('size --json --check within budget: one document, verdict ok, no error, exit 0', async (t) => {
  const dir = tempDir(t);
  budgetWorkspace(dir, 100000);
  const r = await runMicroyocto(['size', '--json', '--profile', 'tight', '--check'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const doc = oneDocument(r.stdout);
  assert.deepEqual(doc.verdict, { status: 'ok', exceeded: [], enforced: true });
  assert.equal(doc.error, undefined);
});

test('size --json without --check reports an exceeded budget in the verdict but exits 0', async (t) => {
  const dir = tempDir(t);
  budgetWorkspace(dir, 100);
  const r = await runMicroyocto(['size', '--json', '--profile', 'tight'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(oneDocument(r.stdout).verdict, { status: 'exceeded', exceeded: ['kernelText'], enforced: false });
});

test('kconfig check --json --strict with a mismatch: one document with mismatches and the error; exit 3', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { final: 'CONFIG_A=y\n# CONFIG_B is not set\n', f1: 'CONFIG_A=y\nCONFIG_B=y\n' });
  const r = await runMicroyocto(['kconfig', 'check', '--json', '--strict', '--final', 'final', 'f1'], { cwd: dir });
  assert.equal(r.code, 3);
  const doc = oneDocument(r.stdout);
  assert.equal((doc.mismatches as unknown[]).length, 1);
  assert.equal((doc.error as { code: string }).code, 'KCONFIG_MISMATCH');
});

test('kconfig merge --json --strict with a redefinition: one document with the merge and the error; exit 3', async (t) => {
  const dir = tempDir(t);
  writeFiles(dir, { 'base.config': 'CONFIG_A=y\n', 'f.config': 'CONFIG_A=m\n' });
  const r = await runMicroyocto(['kconfig', 'merge', '--json', '-s', '-o', 'out.config', 'base.config', 'f.config'], { cwd: dir });
  assert.equal(r.code, 3);
  const doc = oneDocument(r.stdout);
  assert.equal((doc.error as { code: string }).code, 'KCONFIG_STRICT');
});

test('an error before any result is still one JSON document (the error record)', async (t) => {
  const r = await runMicroyocto(['size', '--json', 'missing-vmlinux'], { cwd: tempDir(t) });
  assert.equal(r.code, 2);
  assert.equal((oneDocument(r.stdout).error as { code: string }).code, 'FILE_NOT_FOUND');
});
