// SPDX-License-Identifier: MIT
// Where the user's local.conf changes what the profile set in auto.conf. bitbake.conf includes
// site.conf, then auto.conf, then local.conf, so a plain `=` (or `:=`) there wins over ours, while
// `?=` and `??=` there have no effect on a variable auto.conf already set.

export interface ConfAssignment {
  line: number;
  name: string;
  op: string;
  value: string;
}

export type OverrideKind = 'replaces' | 'appends' | 'no-effect';

export interface LocalOverride {
  line: number;
  name: string;
  kind: OverrideKind;
  /** What local.conf says (the assignment as written, without the `export`). */
  local: string;
  /** What the profile set in auto.conf. */
  profile: string;
}

const ASSIGN = /^\s*(?:export\s+)?([A-Za-z0-9_${}/.+~:-]+?)(?:\[[^\]]*\])?\s*(\?\?=|\?=|:=|\+=|=\+|\.=|=\.|=)\s*(.*)$/;

// Read the assignments of a bitbake conf file (continuation lines joined; comments skipped).
export function scanConfAssignments(text: string): ConfAssignment[] {
  const out: ConfAssignment[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i] as string;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + (lines[++i] as string);
    if (/^\s*#/.test(line)) continue;
    const m = ASSIGN.exec(line);
    if (!m) continue;
    const raw = (m[3] as string).trim();
    const value = /^"(.*)"$/.test(raw) || /^'(.*)'$/.test(raw) ? raw.slice(1, -1) : raw;
    out.push({ line: start + 1, name: m[1] as string, op: m[2] as string, value });
  }
  return out;
}

// The local.conf lines that touch a variable auto.conf sets.
export function findLocalOverrides(localConf: string, profileVars: Readonly<Record<string, string>>): LocalOverride[] {
  const out: LocalOverride[] = [];
  for (const a of scanConfAssignments(localConf)) {
    const base = a.name.replace(/[:_](append|prepend|remove)(?:[:_].*)?$/, '');
    const profile = profileVars[a.name] ?? profileVars[base];
    if (profile === undefined) continue;
    const appends = base !== a.name || ['+=', '=+', '.=', '=.'].includes(a.op);
    const kind: OverrideKind = appends ? 'appends' : a.op === '=' || a.op === ':=' ? 'replaces' : 'no-effect';
    out.push({ line: a.line, name: a.name, kind, local: `${a.name} ${a.op} "${a.value}"`, profile });
  }
  return out;
}
