// SPDX-License-Identifier: MIT
// Default configurations an architecture's Makefile builds from fragments instead of keeping as a file.
// In Linux 6.1 that is mips: KBUILD_DEFCONFIG is 32r2el_defconfig, one of the "generic" targets that
// arch/mips/Makefile makes with its gen_generic_defconfigs macro. Each target merges
// arch/mips/configs/generic_defconfig with two fragments of configs/generic/ (ISA and revision, endianness),
// resolves that (olddefconfig) as a reference, merges on top of the unresolved fragments every board
// fragment whose `# require` lines the reference meets (arch/mips/tools/generic-board-config.sh), and
// resolves the result. This file reads the Makefile's side of it and the boards' requirements; the app
// runs the merges and resolves.

/** The fragments a generated target merges onto generic_defconfig, relative to the generic fragment folder. */
export type GeneratedTargets = Map<string, string[]>;

// The body of `define gen_generic_defconfigs` this reader knows, whitespace-normalised. Another body means
// another rule: the reader then knows no target rather than guess.
const KNOWN_BODY = [
  '$(foreach bits,$(1),$(foreach rev,$(2),$(foreach endian,$(3),',
  'target := $(bits)$(rev)$(filter el,$(endian))_defconfig',
  'generic_defconfigs += $$(target)',
  '$$(target): $(generic_config_dir)/$(bits)$(rev).config',
  '$$(target): $(generic_config_dir)/$(endian).config',
  ')))',
];

const CALL = /^\$\(eval \$\(call gen_generic_defconfigs,([^,()]*),([^,()]*),([^,()]*)\)\)$/;

// The generic defconfig targets of an arch Makefile, each with its two fragments (`32r2.config`,
// `el.config`), in the order make defines them; empty when the Makefile has no such macro, or one with a
// body other than the one known here.
export function generatedDefconfigTargets(makefile: string): GeneratedTargets {
  const lines = makefile.split('\n').map((l) => l.trim());
  const start = lines.indexOf('define gen_generic_defconfigs');
  const end = start < 0 ? -1 : lines.indexOf('endef', start);
  const targets: GeneratedTargets = new Map();
  if (end < 0) return targets;
  const body = lines.slice(start + 1, end).filter((l) => l !== '').map((l) => l.replace(/\s+/g, ' '));
  if (body.join('\n') !== KNOWN_BODY.join('\n')) return targets;
  const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
  for (const line of lines) {
    const m = CALL.exec(line);
    if (!m) continue;
    for (const bits of words(m[1]!)) {
      for (const rev of words(m[2]!)) {
        for (const endian of words(m[3]!)) {
          const target = `${bits}${rev}${endian === 'el' ? 'el' : ''}_defconfig`;
          // NOTE: a target defined twice has both rules' prerequisites, in order (make's $^ drops repeats).
          const prereqs = targets.get(target) ?? [];
          for (const p of [`${bits}${rev}.config`, `${endian}.config`]) if (!prereqs.includes(p)) prereqs.push(p);
          targets.set(target, prereqs);
        }
      }
    }
  }
  return targets;
}

/**
 * A board fragment's requirements, as generic-board-config.sh reads them: each line starting `# require `,
 * from its third space-separated field on, trimmed (`read` without -r also drops backslashes).
 */
export function boardRequirements(text: string): string[] {
  const reqs: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('# require ')) continue;
    const req = line.split(' ').slice(2).join(' ').replace(/\\(.?)/g, '$1').trim();
    reqs.push(req);
  }
  return reqs;
}

// Whether a resolved .config meets a board's requirements: `X=y` needs the line `X=y`; `X=n` needs no line
// `X=y`. Anything else the script only warns about (the board still counts).
// NOTE: the script matches with `grep -E "^REQ$"`; for Kconfig names and values (letters, digits, `_`, `=`)
// that is the same as comparing whole lines, which is what is done here.
export function meetsRequirements(reqs: readonly string[], config: string): boolean {
  if (reqs.length === 0) return true;
  const lines = new Set(config.split('\n'));
  for (const req of reqs) {
    if (req.endsWith('=y') && !lines.has(req)) return false;
    if (req.endsWith('=n') && lines.has(`${req.slice(0, -2)}=y`)) return false;
  }
  return true;
}

/** A legacy defconfig name that runs a generated target with its own boards (`ocelot_defconfig`). */
export interface LegacyDefconfig {
  target: string;
  /** BOARDS as the wrapper sets it on make's command line; undefined when it sets none. */
  boards: string[] | undefined;
}

const LEGACY_NAME = /^legacy_defconfigs\s*\+=\s*(\S+)$/;
const LEGACY_VALUE = /^(\S+)-y\s*:=\s*(\S+_defconfig)((?:\s+BOARDS=\S+)?)$/;

// The legacy wrappers of an arch Makefile (mips: `ocelot_defconfig-y := 32r2el_defconfig BOARDS=ocelot`,
// run by `$(legacy_defconfigs): $(MAKE) -f $(srctree)/Makefile $($@-y)`). A wrapper whose value has any
// other shape is left out.
export function legacyDefconfigs(makefile: string): Map<string, LegacyDefconfig> {
  const lines = makefile.split('\n').map((l) => l.trim());
  const names = new Set(lines.map((l) => LEGACY_NAME.exec(l)?.[1]).filter((n) => n !== undefined));
  const out = new Map<string, LegacyDefconfig>();
  for (const line of lines) {
    const m = LEGACY_VALUE.exec(line);
    if (!m || !names.has(m[1]!)) continue;
    const boards = m[3]!.trim();
    out.set(m[1]!, { target: m[2]!, boards: boards ? [boards.slice('BOARDS='.length)] : undefined });
  }
  return out;
}
