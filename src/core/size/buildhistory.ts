// SPDX-License-Identifier: MIT
// The rootfs by package: buildhistory's installed-package-sizes.txt (`<size>\tKiB\t<package>`, sorted
// by size; older releases wrote `<size>\tKiB <package>`).
import type { Diagnostic } from '../diagnostics.js';

export interface PackageSize {
  name: string;
  /** Installed size in KiB, as buildhistory records it (PKGSIZE). */
  kib: number;
}

// Parse installed-package-sizes.txt; malformed lines are warnings and skipped.
export function parseInstalledPackageSizes(text: string, file: string): { packages: PackageSize[]; diagnostics: Diagnostic[] } {
  const packages: PackageSize[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^\s*(\d+)\s+KiB\s+(\S+)\s*$/.exec(line);
    if (!m) {
      diagnostics.push({ severity: 'warning', code: 'buildhistory-line', file, line: i + 1, message: `expected '<size> KiB <package>', skipped: ${line.slice(0, 60)}` });
      return;
    }
    packages.push({ name: m[2]!, kib: Number(m[1]) });
  });
  packages.sort((a, b) => b.kib - a.kib || (a.name < b.name ? -1 : 1));
  return { packages, diagnostics };
}

// The biggest packages and the total, for the size report.
export function formatPackages(file: string, packages: readonly PackageSize[], top = 10): string {
  const total = packages.reduce((s, p) => s + p.kib, 0);
  let out = `rootfs by package (${file}): ${packages.length} packages, ${total} KiB installed\n`;
  for (const p of packages.slice(0, top)) {
    out += `  ${String(p.kib).padStart(8)} KiB  ${total > 0 ? `${((p.kib * 100) / total).toFixed(1)}%`.padStart(6) : ''}  ${p.name}\n`;
  }
  if (packages.length > top) out += `  ... ${packages.length - top} more\n`;
  return out;
}
