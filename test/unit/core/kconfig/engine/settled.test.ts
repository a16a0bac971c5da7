// SPDX-License-Identifier: MIT
// olddefconfig on a config that changes nothing: conf recomputes every symbol before writing; we skip that
// when the first pass read no symbol mid-computation, and must write the same bytes either way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLoadedConfig, readConfigValues, writeConfig } from '../../../../../src/core/kconfig/engine/confdata.js';
import { parseKconfig, type KconfigTree } from '../../../../../src/core/kconfig/engine/index.js';

function tree(text: string): KconfigTree {
  const o = parseKconfig({ read: (n) => (n === 'Kconfig' ? text : undefined), env: () => undefined, shell: () => '' });
  assert.ok(o.complete);
  return o.tree;
}

// Load and check a config as olddefconfig does; then write, with the second pass skipped or forced.
function olddefconfig(t: KconfigTree, config: string, forceRecompute: boolean): { text: string; settled: boolean } {
  const ev = t.ev;
  ev.changed = false;
  const r = readConfigValues(ev, 'in', config);
  checkLoadedConfig(ev, r.warnings.length);
  const settled = ev.settled;
  if (forceRecompute) ev.settled = false;
  return { text: writeConfig(ev, t.root), settled };
}

const PLAIN = `mainmenu "t"
config A
	bool "a"
	default y
config B
	tristate "b"
	depends on A
choice
	prompt "pick"
	default C2
config C1
	bool "c1"
config C2
	bool "c2"
	depends on A
endchoice
config N
	int "n"
	range 1 10
	default 4
`;

test('a loop-free tree settles in one pass, and skipping the recomputation writes the same bytes', () => {
  const config = 'CONFIG_A=y\n# CONFIG_B is not set\n# CONFIG_C1 is not set\nCONFIG_C2=y\nCONFIG_N=4\n';
  const skipped = olddefconfig(tree(PLAIN), config, false);
  const full = olddefconfig(tree(PLAIN), config, true);
  assert.equal(skipped.settled, true);
  assert.equal(skipped.text, full.text);
  assert.match(skipped.text, /^CONFIG_C2=y$/m);
});

test('a dependency loop is noticed: the pass is not settled, so writing recomputes as conf does', () => {
  const loop = `mainmenu "t"
config A
	bool "a"
	depends on B
	default y
config B
	bool "b"
	depends on A
	default y
`;
  const r = olddefconfig(tree(loop), '', false);
  assert.equal(r.settled, false);
});
