// SPDX-License-Identifier: MIT
// `trace report`: read a kernel memory printout and rank what it holds.
import { resolve } from 'node:path';
import { buildTraceReport, type ReportOptions, type TraceReport } from '../core/trace/report.js';
import { readTextFile } from '../io/files.js';

// Read FILE and build its report.
export async function runTraceReport(file: string, cwd: string, options: ReportOptions): Promise<TraceReport> {
  return buildTraceReport(await readTextFile(resolve(cwd, file), 'trace file'), file, options);
}
