// SPDX-License-Identifier: MIT
// Writing bitbake assignments in the syntax of the manifest's release: `VAR_append_x += "..."`
// up to hardknott, `VAR:append:x = " ..."` from honister (3.4) on (migration-3.4.rst).
import { usesColonOverrides, type ReleaseName } from './model.js';

// A bitbake double-quoted value: backslashes and double quotes escaped.
export function quoteBitbake(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

// `NAME = "value"` (or another operator: `?=`, `??=`, `+=`).
export function assignment(name: string, value: string, operator = '='): string {
  return `${name} ${operator} ${quoteBitbake(value)}`;
}

// The variable name with an override for this release: `VAR:machine` or `VAR_machine`.
export function overrideVariable(release: ReleaseName, variable: string, ...overrides: string[]): string {
  const sep = usesColonOverrides(release) ? ':' : '_';
  return [variable, ...overrides].join(sep);
}

// Append words to a variable (optionally only for an override such as a machine), in the release's syntax.
// Old: `KERNEL_FEATURES_append_galileo += "a b"` (the talk's form); new: `KERNEL_FEATURES:append:galileo = " a b"`.
export function appendAssignment(release: ReleaseName, variable: string, words: readonly string[], override?: string): string {
  const name = overrideVariable(release, variable, 'append', ...(override === undefined ? [] : [override]));
  // NOTE: `:append` adds no space, so the value starts with one; the old `_append ... +=` form
  // gets its space from `+=`.
  return usesColonOverrides(release) ? assignment(name, ` ${words.join(' ')}`) : assignment(name, words.join(' '), '+=');
}

export interface KernelFeatureEntry {
  /** The KERNEL_FEATURES entry inside meta-microyocto's kernel metadata (features/microyocto/x.scc). */
  kernelFeature: string;
  /** The entry in the 2014 linux-yocto-micro meta branch (cfg/x.scc), if the feature existed then. */
  path2014?: string | undefined;
}

export interface KernelFeaturesConfOptions {
  release: ReleaseName;
  /** MACHINE, for the machine override of the old form. */
  machine: string;
  /** True when the manifest has meta-microyocto (its bbappend reads MICROYOCTO_KERNEL_FEATURES). */
  hasMicroyoctoLayer: boolean;
  features: readonly KernelFeatureEntry[];
}

// The conf lines that select a profile's kernel features: MICROYOCTO_KERNEL_FEATURES for our layer,
// else a KERNEL_FEATURES append for the machine with the 2014 paths (galileo-daisy).
export function kernelFeaturesConf(options: KernelFeaturesConfOptions): string[] {
  if (options.hasMicroyoctoLayer) {
    return [assignment('MICROYOCTO_KERNEL_FEATURES', options.features.map((f) => f.kernelFeature).join(' '))];
  }
  const words = options.features.map((f) => f.path2014 ?? f.kernelFeature);
  return words.length === 0 ? [] : [appendAssignment(options.release, 'KERNEL_FEATURES', words, options.machine)];
}
