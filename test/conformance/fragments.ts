// SPDX-License-Identifier: MIT
// Seeded fragment sets for conformance: overlapping and conflicting symbols, and the grammar's edges.
import { parseConfig } from '../../src/core/kconfig/config-file.js';

// mulberry32: a small, good-enough seeded PRNG (deterministic fragment sets across machines).
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FragmentSetOptions {
  seed: number;
  fragments: number;
  lines: number;
  /** How many distinct symbols to draw from (smaller = more overlap). */
  pool: number;
  /** Share of lines whose value differs from the source config. */
  deviate: number;
  /** Sprinkle CRLF, trailing blanks, missing final newlines, duplicates, comments and blank lines. */
  edges: boolean;
}

function deviateValue(value: string, r: () => number): string {
  if (value === 'y') return r() < 0.5 ? 'n' : 'm';
  if (value === 'm') return r() < 0.5 ? 'y' : 'n';
  if (value === 'n') return 'y';
  if (/^0x[0-9a-f]+$/i.test(value)) return '0x' + (parseInt(value, 16) ^ (1 << Math.floor(r() * 8))).toString(16);
  if (/^-?\d+$/.test(value)) return String(Number(value) + 1 + Math.floor(r() * 100));
  if (value.startsWith('"')) return `"micro${Math.floor(r() * 1000)} value"`;
  return value;
}

// Build fragment texts from the symbols of `source` (a .config text).
export function makeFragments(source: string, o: FragmentSetOptions): string[] {
  const r = rng(o.seed);
  const entries = parseConfig(source, 'source').entries;
  const pool: typeof entries = [];
  const used = new Set<number>();
  while (pool.length < Math.min(o.pool, entries.length)) {
    const i = Math.floor(r() * entries.length);
    if (used.has(i)) continue;
    used.add(i);
    pool.push(entries[i]!);
  }
  const out: string[] = [];
  for (let f = 0; f < o.fragments; f++) {
    const lines: string[] = [];
    if (o.edges && r() < 0.5) lines.push(`# fragment ${f}: generated`, '');
    for (let l = 0; l < o.lines; l++) {
      const e = pool[Math.floor(r() * pool.length)]!;
      const value = r() < o.deviate ? deviateValue(e.value, r) : e.value;
      let line = value === 'n' ? `# CONFIG_${e.name} is not set` : `CONFIG_${e.name}=${value}`;
      if (o.edges) {
        const x = r();
        if (x < 0.02) line += '  ';
        else if (x < 0.03) lines.push('');
        else if (x < 0.04) lines.push('# a comment line');
        else if (x < 0.05 && lines.length > 0) lines.push(lines[lines.length - 1]!);
      }
      lines.push(line);
    }
    let text = lines.join('\n') + '\n';
    if (o.edges) {
      const y = r();
      if (y < 0.2) text = text.replace(/\n/g, '\r\n');
      else if (y < 0.4) text = text.slice(0, -1);
    }
    out.push(text);
  }
  return out;
}
