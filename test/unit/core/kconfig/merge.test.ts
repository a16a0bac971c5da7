// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeFragments } from '../../../../src/core/kconfig/merge.js';

const base = { name: 'base', text: 'CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C="x"\n' };

test('a later fragment that sets a different value is reported as a redefinition and wins', () => {
  const r = mergeFragments(base, [{ name: 'f1', text: 'CONFIG_B=y\n' }]);
  assert.equal(r.text, 'CONFIG_A=y\nCONFIG_C="x"\n\nCONFIG_B=y\n');
  assert.equal(
    r.messages,
    'Using base as base\nMerging f1\nValue of CONFIG_B is redefined by fragment f1:\nPrevious value: # CONFIG_B is not set\nNew value: CONFIG_B=y\n\n',
  );
  assert.deepEqual(
    r.overrides.map((o) => [o.symbol, o.kind, o.previous[0]?.line, o.next[0]?.file, o.next[0]?.line]),
    [['B', 'redefined', 2, 'f1', 1]],
  );
});

test('a repeated value is silent unless redundant reporting is on', () => {
  const quiet = mergeFragments(base, [{ name: 'f', text: 'CONFIG_A=y\n' }]);
  assert.equal(quiet.messages, 'Using base as base\nMerging f\n');
  const loud = mergeFragments(base, [{ name: 'f', text: 'CONFIG_A=y\n' }], { warnRedundant: true });
  assert.equal(loud.messages, 'Using base as base\nMerging f\nValue of CONFIG_A is redundant by fragment f:\n');
});

test('a string value that mentions another symbol is kept, unlike merge_config.sh', () => {
  const r = mergeFragments({ name: 'b', text: 'CONFIG_CMDLINE="CONFIG_A=1"\nCONFIG_A=y\n' }, [{ name: 'f', text: 'CONFIG_A=n\n' }]);
  assert.equal(r.text, 'CONFIG_CMDLINE="CONFIG_A=1"\n\nCONFIG_A=n\n');
});

test('with builtin, y is not demoted to m and the fragment line is dropped', () => {
  const r = mergeFragments(base, [{ name: 'f', text: 'CONFIG_A=m\nCONFIG_D=y\n' }], { builtin: true });
  assert.equal(r.text, base.text + '\nCONFIG_D=y\n');
  assert.match(r.messages, /Previous value: CONFIG_A=y\nNew value: CONFIG_A=m\n-y passed, will not demote y to m\n\n/);
});

test('an unterminated last line is completed before the next fragment is appended', () => {
  const r = mergeFragments({ name: 'b', text: 'CONFIG_A=y' }, [{ name: 'f', text: 'CONFIG_B=y' }]);
  assert.equal(r.text, 'CONFIG_A=y\nCONFIG_B=y');
});

test('strict mode marks a redefinition as a violation', () => {
  assert.equal(mergeFragments(base, [{ name: 'f', text: 'CONFIG_A=m\n' }], { strict: true }).strictViolated, true);
  assert.equal(mergeFragments(base, [{ name: 'f', text: 'CONFIG_A=y\n' }], { strict: true }).strictViolated, false);
});

test("messages are echoed as dash's echo does: spaces collapsed, escapes, trailing space, a value set twice", () => {
  // The same files give this output from Linux 6.1's merge_config.sh -m under dash (checked by hand).
  const base = { name: 'base.config', text: 'CONFIG_A="x  y"\nCONFIG_B=y\nCONFIG_B=m\nCONFIG_C=y \n' };
  const r = mergeFragments(base, [{ name: 'f.config', text: 'CONFIG_A="z\\tq"\nCONFIG_B=n\nCONFIG_C=m\n' }]);
  assert.equal(
    r.messages,
    'Using base.config as base\nMerging f.config\n' +
      'Value of CONFIG_A is redefined by fragment f.config:\nPrevious value: CONFIG_A="x y"\nNew value: CONFIG_A="z\tq"\n\n' +
      'Value of CONFIG_B is redefined by fragment f.config:\nPrevious value: CONFIG_B=y CONFIG_B=m\nNew value: CONFIG_B=n\n\n' +
      'Value of CONFIG_C is redefined by fragment f.config:\nPrevious value: CONFIG_C=y\nNew value: CONFIG_C=m\n\n',
  );
  // each case alone (the plain echo is right for none of them)
  const alone = (baseText: string, frag: string): string => mergeFragments({ name: 'b', text: baseText }, [{ name: 'f', text: frag }]).messages;
  assert.match(alone('CONFIG_A=y\n', 'CONFIG_A="a\\\\b"\n'), /New value: CONFIG_A="a\\b"\n/);
  assert.match(alone('CONFIG_A=y \n', 'CONFIG_A=m\n'), /Previous value: CONFIG_A=y\n/);
  assert.match(alone('CONFIG_A=y\nCONFIG_A=m\n', 'CONFIG_A=n\n'), /Previous value: CONFIG_A=y CONFIG_A=m\n/);
});
