// SPDX-License-Identifier: MIT
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendAssignment, kernelFeaturesConf, overrideVariable, quoteBitbake } from '../../../src/core/bitbake-syntax.js';

test('daisy-era metadata gets the talk form, honister and later the colon form', () => {
  assert.equal(appendAssignment('daisy', 'KERNEL_FEATURES', ['cfg/proc-min-enable.scc'], 'galileo'), 'KERNEL_FEATURES_append_galileo += "cfg/proc-min-enable.scc"');
  assert.equal(appendAssignment('hardknott', 'KERNEL_FEATURES', ['a.scc', 'b.scc'], 'galileo'), 'KERNEL_FEATURES_append_galileo += "a.scc b.scc"');
  assert.equal(appendAssignment('honister', 'KERNEL_FEATURES', ['cfg/proc-min-enable.scc'], 'galileo'), 'KERNEL_FEATURES:append:galileo = " cfg/proc-min-enable.scc"');
  assert.equal(appendAssignment('wrynose', 'SRC_URI', ['file://x.cfg']), 'SRC_URI:append = " file://x.cfg"');
  assert.equal(overrideVariable('daisy', 'COMPATIBLE_MACHINE', 'galileo'), 'COMPATIBLE_MACHINE_galileo');
  assert.equal(quoteBitbake('a "b" \\c'), '"a \\"b\\" \\\\c"');
});

test('kernel features go through MICROYOCTO_KERNEL_FEATURES with our layer, else straight to KERNEL_FEATURES with 2014 paths', () => {
  const features = [{ kernelFeature: 'features/microyocto/lto.scc', path2014: 'features/lto/lto.scc' }, { kernelFeature: 'features/microyocto/new.scc' }];
  assert.deepEqual(kernelFeaturesConf({ release: 'wrynose', machine: 'galileo', hasMicroyoctoLayer: true, features }), ['MICROYOCTO_KERNEL_FEATURES = "features/microyocto/lto.scc features/microyocto/new.scc"']);
  assert.deepEqual(kernelFeaturesConf({ release: 'daisy', machine: 'galileo', hasMicroyoctoLayer: false, features }), ['KERNEL_FEATURES_append_galileo += "features/lto/lto.scc features/microyocto/new.scc"']);
  assert.deepEqual(kernelFeaturesConf({ release: 'daisy', machine: 'galileo', hasMicroyoctoLayer: false, features: [] }), []);
});
