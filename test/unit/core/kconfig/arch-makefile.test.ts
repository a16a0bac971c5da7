// SPDX-License-Identifier: MIT
// KBUILD_DEFCONFIG and SUBARCH as make derives them for a config target, from Makefiles written the way the
// kernel's arch Makefiles are (conditionals on ARCH and `uname -m`, cc-option lines around, recipes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostSubarch, kbuildDefconfig, umHeaderArch, type ArchMakeVars } from '../../../../src/core/kconfig/arch-makefile.js';

const vars = (arch: string, over: Partial<ArchMakeVars> = {}): ArchMakeVars => ({ ARCH: arch, SRCARCH: arch, SUBARCH: 'x86', machine: 'x86_64', env: {}, ...over });

test('a plain assignment among flags make would compute with the compiler', () => {
  const mk = `# SPDX
KBUILD_CFLAGS\t+= $(call cc-option,-mno-fdpic)
LDFLAGS_vmlinux := -p --no-undefined -X \\
\t--pic-veneer
KBUILD_DEFCONFIG := board_a_defconfig   # the common one
arch-$(CONFIG_CPU_32v7) := -D__LINUX_ARM_ARCH__=7 $(call cc-option,-march=armv7-a)
`;
  assert.equal(kbuildDefconfig(mk, vars('arm')), 'board_a_defconfig');
  assert.equal(kbuildDefconfig('KBUILD_CFLAGS += -pipe\n', vars('riscv')), 'defconfig', 'none set: the kconfig Makefile default');
});

test('conditionals on ARCH and on uname -m, nested, with else', () => {
  const mk = `ifeq ($(ARCH),multi)
  ifeq ($(shell uname -m),x86_64)
        KBUILD_DEFCONFIG := wide_defconfig
  else
        KBUILD_DEFCONFIG := narrow_defconfig
  endif
else
        KBUILD_DEFCONFIG := $(ARCH)_defconfig
endif
`;
  assert.equal(kbuildDefconfig(mk, vars('multi')), 'wide_defconfig');
  assert.equal(kbuildDefconfig(mk, vars('multi', { machine: 'i686' })), 'narrow_defconfig');
  assert.equal(kbuildDefconfig(mk, vars('wide64')), 'wide64_defconfig');
  const chained = `ifeq ($(ARCH), a)
KBUILD_DEFCONFIG = a_defconfig
else ifneq "$(ARCH)" "b"
KBUILD_DEFCONFIG = notb_defconfig
else
KBUILD_DEFCONFIG = b_defconfig
endif
`;
  assert.equal(kbuildDefconfig(chained, vars('a')), 'a_defconfig');
  assert.equal(kbuildDefconfig(chained, vars('c')), 'notb_defconfig');
  assert.equal(kbuildDefconfig(chained, vars('b')), 'b_defconfig');
  assert.equal(kbuildDefconfig('ifdef CROSS_COMPILE\nKBUILD_DEFCONFIG := cross_defconfig\nendif\n', vars('x', { env: { CROSS_COMPILE: 'x-' } })), 'cross_defconfig');
  assert.equal(kbuildDefconfig('ifndef CROSS_COMPILE\nKBUILD_DEFCONFIG := native_defconfig\nendif\n', vars('x')), 'native_defconfig');
});

test('a name built with make functions from a variable set by $(shell uname -m)', () => {
  const mk = `uname := $(shell uname -m)
KBUILD_DEFCONFIG := $(if $(filter pp%,$(uname)),$(uname),pp64)_defconfig
`;
  assert.equal(kbuildDefconfig(mk, vars('pp')), 'pp64_defconfig');
  assert.equal(kbuildDefconfig(mk, vars('pp', { machine: 'pp64le' })), 'pp64le_defconfig');
  assert.equal(kbuildDefconfig('D = $(subst -,_,$(ARCH))_defconfig\nKBUILD_DEFCONFIG = $(strip  $(D) )\n', vars('a-b')), 'a_b_defconfig');
});

test('what needs make this evaluator lacks leaves the answer unknown, only when the answer depends on it', () => {
  const unknownBranch = `ifeq ($(call cc-option,-m64),-m64)
KBUILD_DEFCONFIG := sixty_four_defconfig
endif
`;
  assert.equal(kbuildDefconfig(unknownBranch, vars('x')), undefined);
  assert.equal(kbuildDefconfig('KBUILD_DEFCONFIG := $(call pick,a)\n', vars('x')), undefined);
  // an unknown condition elsewhere, and a variable nobody reads, do not matter
  const elsewhere = `ifeq ($(call cc-option,-m64),-m64)
KBUILD_CFLAGS += -m64
endif
flags := $(call cc-option,-mfoo)
KBUILD_DEFCONFIG := plain_defconfig
`;
  assert.equal(kbuildDefconfig(elsewhere, vars('x')), 'plain_defconfig');
});

test('recipe lines and define blocks are text, not assignments', () => {
  const mk = `KBUILD_DEFCONFIG := real_defconfig
archprepare:
\tKBUILD_DEFCONFIG := not_this
\t$(Q)$(MAKE) $(build)=arch/x/tools
define archhelp
  KBUILD_DEFCONFIG := nor_this
  ifeq ($(ARCH),x)
  endif
endef
`;
  assert.equal(kbuildDefconfig(mk, vars('x')), 'real_defconfig');
});

test('SUBARCH from uname -m as scripts/subarch.include maps it; the headers user-mode Linux takes', () => {
  const cases: [string, string][] = [
    ['x86_64', 'x86'], ['i686', 'x86'], ['aarch64', 'arm64'], ['armv7l', 'arm'], ['ppc64le', 'powerpc'],
    ['s390x', 's390'], ['riscv64', 'riscv'], ['mips64', 'mips'], ['sun4u', 'sparc64'], ['loongarch64', 'loongarch'], ['sh4', 'sh'], ['alpha', 'alpha'],
  ];
  for (const [machine, subarch] of cases) assert.equal(hostSubarch(machine), subarch, machine);
  assert.equal(umHeaderArch('x86'), 'x86');
  assert.equal(umHeaderArch('i386'), 'x86');
  assert.equal(umHeaderArch('arm64'), 'arm64');
});
