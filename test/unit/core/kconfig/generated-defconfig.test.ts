// SPDX-License-Identifier: MIT
// The defconfig targets an arch Makefile generates (mips's gen_generic_defconfigs), and the board fragments'
// `# require` lines as arch/mips/tools/generic-board-config.sh reads them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { boardRequirements, generatedDefconfigTargets, legacyDefconfigs, meetsRequirements } from '../../../../src/core/kconfig/generated-defconfig.js';

const MAKEFILE = readFileSync(new URL('../../../../../test/fixtures/kconfig-engine/generic-defconfig.mk', import.meta.url), 'utf8');
const DEFINE = MAKEFILE.slice(MAKEFILE.indexOf('define'), MAKEFILE.indexOf('endef') + 6);

test('every target of each eval call, named as the macro names them, with its two fragments', () => {
  const t = generatedDefconfigTargets(MAKEFILE);
  assert.equal(t.size, 14);
  assert.deepEqual(t.get('32r2el_defconfig'), ['32r2.config', 'el.config']);
  // big endian has no suffix: $(filter el,eb) is empty
  assert.deepEqual(t.get('64r6_defconfig'), ['64r6.config', 'eb.config']);
  assert.deepEqual(t.get('micro32r2el_defconfig'), ['micro32r2.config', 'el.config']);
  assert.equal(t.has('64r6eb_defconfig'), false);
  assert.equal(t.has('micro32r6_defconfig'), false);
});

test('a macro with another body, or none, defines no target (the reader does not guess)', () => {
  const call = '$(eval $(call gen_generic_defconfigs,32,r2,el))\n';
  assert.equal(generatedDefconfigTargets(call).size, 0);
  const other = DEFINE.replace('$(filter el,$(endian))', '$(endian)');
  assert.equal(generatedDefconfigTargets(other + call).size, 0);
  // whitespace is not a difference
  assert.equal(generatedDefconfigTargets(DEFINE.replace(/ := /, '   :=\t') + call).size, 1);
});

test('requirements: the `# require` lines, from the third field on', () => {
  const text = '# require CONFIG_CPU_MIPS32_R2=y\n#  require CONFIG_NOT_A_REQUIREMENT=y\n# require CONFIG_32BIT=n  \nCONFIG_FOO=y\n# requires CONFIG_BAR=y\n';
  assert.deepEqual(boardRequirements(text), ['CONFIG_CPU_MIPS32_R2=y', 'CONFIG_32BIT=n']);
  assert.deepEqual(boardRequirements('CONFIG_FOO=y\n'), []);
});

test('a board fits when each =y line is in the reference and no =n symbol is y there', () => {
  const ref = '#\n# comment\n#\nCONFIG_32BIT=y\nCONFIG_CPU_MIPS32_R2=y\n# CONFIG_64BIT is not set\nCONFIG_HZ=250\n';
  assert.equal(meetsRequirements([], ref), true);
  assert.equal(meetsRequirements(['CONFIG_32BIT=y', 'CONFIG_CPU_MIPS32_R2=y'], ref), true);
  assert.equal(meetsRequirements(['CONFIG_32BIT=y', 'CONFIG_64BIT=y'], ref), false);
  // a line, not a prefix: CONFIG_32BIT=y does not meet CONFIG_32=y
  assert.equal(meetsRequirements(['CONFIG_32=y'], ref), false);
  assert.equal(meetsRequirements(['CONFIG_64BIT=n'], ref), true);
  assert.equal(meetsRequirements(['CONFIG_32BIT=n'], ref), false);
  // what the script only warns about does not rule a board out
  assert.equal(meetsRequirements(['CONFIG_HZ=250'], ref), true);
});

test('legacy wrappers: a generated target and the BOARDS they set on make\'s command line', () => {
  const legacy = legacyDefconfigs(MAKEFILE);
  assert.deepEqual(legacy.get('board_defconfig'), { target: '32r2el_defconfig', boards: ['alpha'] });
  assert.deepEqual(legacy.get('plain_defconfig'), { target: '64r6_defconfig', boards: undefined });
  // not listed in legacy_defconfigs, or a value of another shape: not a wrapper this reader knows
  assert.equal(legacy.has('stray_defconfig'), false);
  assert.equal(legacy.has('odd_defconfig'), false);
});
