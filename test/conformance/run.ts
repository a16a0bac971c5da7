// SPDX-License-Identifier: MIT
// `npm run conformance`: compare microyocto with the reference tools on real inputs, when present.
// Each suite skips cleanly when its inputs (a kernel tree, kernels) are missing.
import { runFootprintConformance } from './footprint.js';

const log = (line: string): void => void process.stdout.write(line + '\n');
let failures = 0;
failures += runFootprintConformance(process.env, log);
process.exitCode = failures > 0 ? 1 : 0;
