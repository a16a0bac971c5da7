// SPDX-License-Identifier: MIT
// One INI file through the stages: pre-scan (lines), ini.parse (values), zod (shape); every problem
// becomes a Diagnostic naming file:line. Nothing here throws for bad input.
import { parse as parseIni } from 'ini';
import { z } from 'zod';
import type { Diagnostic } from '../core/diagnostics.js';
import { nearestName } from '../core/names.js';
import { lineOf, scanIni, type IniScan } from './ini-scan.js';

export interface ReadIniResult<T> {
  /** The validated raw object; undefined when there were errors. */
  value: T | undefined;
  /**
   * The content with the invalid parts removed and validated again: lets later rules (features,
   * fragments, extends) report their problems too, so one run shows every problem.
   */
  partial: T | undefined;
  /** What ini.parse returned (unvalidated), to read `extends` from a file that has other errors. */
  parsed: Record<string, unknown>;
  scan: IniScan;
  diagnostics: Diagnostic[];
}

// The line that best matches a zod issue path: the key in its section, else the section header.
export function lineForPath(scan: IniScan, path: readonly PropertyKey[]): number | undefined {
  const parts = path.map(String);
  for (let i = parts.length - 1; i >= 0; i--) {
    const line = lineOf(scan, parts.slice(0, i).join('.'), parts[i]);
    if (line !== undefined && scan.keys.some((k) => k.line === line)) return line;
  }
  return parts.length > 0 ? scan.sections.get(parts.join('.')) || undefined : undefined;
}

// The keys a strict object at `path` accepts (for "did you mean").
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: z.ZodType = schema;
  for (const p of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(p)] ?? z.never();
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else return [];
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

// Strip optional wrappers.
export function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  while (cur instanceof z.ZodOptional) cur = cur.unwrap() as z.ZodType;
  return cur;
}

function sectionLabel(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'at the top' : `in [${path.map(String).join('.')}]`;
}

// Turn zod issues into diagnostics with lines.
export function issuesToDiagnostics(issues: readonly z.core.$ZodIssue[], scan: IniScan, schema: z.ZodType): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, issue.path);
      for (const key of issue.keys) {
        const near = nearestName(key, known);
        const line = lineForPath(scan, [...issue.path, key]);
        const isSection = line === undefined || scan.sections.get([...issue.path, key].map(String).join('.')) === line;
        out.push({
          severity: 'error',
          code: 'unknown-key',
          file: scan.file,
          line,
          message:
            `unknown ${isSection ? 'section' : 'key'} '${key}' ${sectionLabel(issue.path)}` +
            (near ? ` (did you mean '${near}'?)` : known.length > 0 ? ` (known: ${known.join(', ')})` : ''),
        });
      }
      continue;
    }
    const where = issue.path.map(String).join('.');
    const raw = scan.keys.find((k) => k.line === lineForPath(scan, issue.path))?.raw;
    const got = raw !== undefined && issue.path.length > 0 && issue.code !== 'invalid_key' ? `, got '${raw}'` : '';
    const missing = issue.code === 'invalid_type' && raw === undefined && !scan.keys.some((k) => k.line === lineForPath(scan, issue.path));
    out.push({
      severity: 'error',
      code: missing ? 'missing-key' : 'bad-value',
      file: scan.file,
      line: lineForPath(scan, issue.path),
      message: missing ? `${where} is required (${issue.message})` : `${where || 'file'}: ${issue.message}${got}`,
    });
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

// Read one INI text against a schema.
export function readIni<T>(text: string, file: string, schema: z.ZodType<T>): ReadIniResult<T> {
  const scan = scanIni(text, file);
  const diagnostics = [...scan.diagnostics];
  const parsed = parseIni(text) as Record<string, unknown>;
  const result = schema.safeParse(parsed);
  let partial: T | undefined = result.success ? result.data : undefined;
  if (!result.success) {
    // NOTE: the scan already explains its lines (malformed, duplicate); don't say it twice.
    const scanned = new Set(scan.diagnostics.map((d) => d.line));
    diagnostics.push(...issuesToDiagnostics(result.error.issues, scan, schema).filter((d) => d.line === undefined || !scanned.has(d.line)));
    let pruned: unknown = structuredClone({ ...parsed });
    let issues = result.error.issues;
    for (let round = 0; round < 3 && partial === undefined; round++) {
      pruned = prune(pruned, issues);
      const again = schema.safeParse(pruned);
      if (again.success) partial = again.data;
      else issues = again.error.issues;
    }
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const failed = diagnostics.some((d) => d.severity === 'error');
  return { value: failed || !result.success ? undefined : result.data, partial, parsed, scan, diagnostics };
}

// Remove what each issue points at (the unknown keys, or the bad value).
function prune(value: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const root = value as Record<string, unknown>;
  for (const issue of issues) {
    let parent: Record<string, unknown> | undefined = root;
    const path = issue.code === 'unrecognized_keys' ? issue.path : issue.path.slice(0, -1);
    for (const p of path) parent = parent?.[String(p)] as Record<string, unknown> | undefined;
    if (parent === undefined || typeof parent !== 'object') continue;
    if (issue.code === 'unrecognized_keys') for (const k of issue.keys) delete parent[k];
    else if (issue.path.length > 0) delete parent[String(issue.path[issue.path.length - 1])];
  }
  return root;
}

// Split a list value (string of words or `key[]` array) into its words.
export function listValue(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = Array.isArray(value) ? value : [value];
  return parts.flatMap((p) => p.split(/\s+/)).filter((w) => w !== '');
}
