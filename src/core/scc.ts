// SPDX-License-Identifier: MIT
// The Yocto kernel-metadata description language (.scc), read enough to list a feature's config
// fragments and its `define`s (yocto-kernel-tools: scc-cmds/*.cmd, spp for `include`).
import type { Diagnostic } from './diagnostics.js';

export interface SccKconf {
  /** hardware, non-hardware, required, optional ... */
  type: string;
  /** The fragment as written, relative to the .scc's folder. */
  file: string;
  line: number;
}

export interface SccInclude {
  /** The included .scc as written, relative to a kernel-metadata root. */
  path: string;
  /** nocfg, nopatch, inherit ... */
  modifiers: string[];
  line: number;
}

export interface SccFile {
  file: string;
  defines: Record<string, string>;
  kconf: SccKconf[];
  includes: SccInclude[];
  patches: string[];
  /** `branch`, `merge`, `git` and other commands that change sources rather than config. */
  sourceCommands: Array<{ command: string; line: number }>;
  diagnostics: Diagnostic[];
}

const KNOWN = new Set(['define', 'kconf', 'include', 'patch', 'branch', 'merge', 'git', 'mark', 'force', 'kconf_check']);

// Strip one pair of surrounding double quotes.
function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

// Parse a .scc file's text.
export function parseScc(text: string, file: string): SccFile {
  const out: SccFile = { file, defines: {}, kconf: [], includes: [], patches: [], sourceCommands: [], diagnostics: [] };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const n = i + 1;
    if (line === '' || line.startsWith('#')) continue;
    const [command = '', ...args] = line.split(/\s+/);
    if (!KNOWN.has(command)) {
      out.diagnostics.push({ severity: 'warning', code: 'scc-unknown-command', file, line: n, message: `unknown .scc command '${command}'` });
      continue;
    }
    if (command === 'define') {
      const m = /^define\s+(\S+)\s*(.*)$/.exec(line);
      if (m) out.defines[m[1]!] = unquote(m[2]!.trim());
    } else if (command === 'kconf') {
      if (args.length < 2) {
        out.diagnostics.push({ severity: 'error', code: 'scc-malformed', file, line: n, message: `'kconf' needs a type and a fragment (kconf non-hardware foo.cfg)` });
        continue;
      }
      out.kconf.push({ type: args[0]!, file: args[1]!, line: n });
    } else if (command === 'include') {
      if (args.length < 1) {
        out.diagnostics.push({ severity: 'error', code: 'scc-malformed', file, line: n, message: `'include' needs a path` });
        continue;
      }
      out.includes.push({ path: args[0]!, modifiers: args.slice(1), line: n });
    } else if (command === 'patch') out.patches.push(args[0] ?? '');
    else out.sourceCommands.push({ command: line, line: n });
  }
  return out;
}
