// SPDX-License-Identifier: MIT
// Conformance of `size` and `size diff` with binutils and the kernel's scripts/bloat-o-meter on real
// kernels. Needs KSRC (a kernel tree, for scripts/bloat-o-meter) and MICROYOCTO_VMLINUX (vmlinux files,
// ':'-separated); skips cleanly without them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseElf } from '../../src/core/elf/elf-file.js';
import { berkeleySizes, sizeSortedSymbols } from '../../src/core/elf/symbols.js';
import { bloatOMeter, formatBloat, type BloatMode } from '../../src/core/size/bloat-o-meter.js';
import { formatBerkeley } from '../../src/core/size/format-size.js';

const MODES: Array<[BloatMode, string[]]> = [
  ['all', []],
  ['categories', ['-c']],
  ['data', ['-d']],
  ['text', ['-t']],
];

// Run the suite; returns the number of failures (0 when skipped).
export function runFootprintConformance(env: Record<string, string | undefined>, log: (line: string) => void): number {
  const ksrc = env.KSRC ?? env.MICROYOCTO_KSRC;
  const files = (env.MICROYOCTO_VMLINUX ?? '').split(':').filter((f) => f !== '' && existsSync(f));
  const script = ksrc ? join(ksrc, 'scripts', 'bloat-o-meter') : undefined;
  if (script === undefined || !existsSync(script) || files.length === 0) {
    log('footprint: skipped (set KSRC=<kernel tree> and MICROYOCTO_VMLINUX=<vmlinux>[:<vmlinux>...])');
    return 0;
  }
  let failures = 0;
  const check = (what: string, ours: string, theirs: string): void => {
    if (ours === theirs) log(`ok    ${what}`);
    else {
      failures++;
      const a = ours.split('\n');
      const b = theirs.split('\n');
      const i = a.findIndex((l, k) => l !== b[k]);
      log(`FAIL  ${what}: first difference at line ${i + 1}\n  ours:   ${a[i]}\n  theirs: ${b[i]}`);
    }
  };
  const symbols = new Map<string, ReturnType<typeof sizeSortedSymbols>>();
  for (const f of files) {
    const elf = parseElf(readFileSync(f), f);
    check(`size ${f}`, formatBerkeley([{ file: f, ...berkeleySizes(elf) }]), execFileSync('size', [f], { encoding: 'utf8' }));
    const ours = sizeSortedSymbols(elf);
    symbols.set(f, ours);
    const nm = execFileSync('nm', ['--size-sort', f], { encoding: 'latin1', maxBuffer: 1 << 30 })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [size, type, name] = l.split(' ');
        return `${parseInt(size!, 16)} ${type} ${name}`;
      })
      .sort()
      .join('\n');
    check(`nm --size-sort ${f} (${ours.length} symbols)`, ours.map((s) => `${s.size} ${s.type} ${s.name}`).sort().join('\n'), nm);
  }
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < files.length; i++) pairs.push([files[i]!, files[i + 1]!], [files[i + 1]!, files[i]!]);
  for (const [a, b] of pairs) {
    for (const [mode, flags] of MODES) {
      const theirs = execFileSync('python3', [script, ...flags, a, b], { encoding: 'utf8', maxBuffer: 1 << 30 });
      check(`bloat-o-meter ${flags.join(' ') || '(all)'} ${a} ${b}`, formatBloat(bloatOMeter(symbols.get(a)!, symbols.get(b)!, mode)), theirs);
    }
  }
  return failures;
}
