// SPDX-License-Identifier: MIT
// Run the kernel's make for a step: progress from kbuild's lines, SIGTERM on Ctrl-C (make then stops
// its jobs and deletes half-written targets), a TOOL_FAILED error with the tail of the log on failure.
import { MicroyoctoError } from '../core/errors.js';
import type { StepIO } from '../pipeline/step.js';
import { kbuildProgress } from '../tools/make.js';
import { startCommand, toolFailed } from '../tools/runner.js';
import type { KernelSizeContext } from './kernel-context.js';

// Run make with the given argv; returns how many kbuild progress lines it printed.
export async function runMake(args: readonly string[], ctx: KernelSizeContext, io: StepIO): Promise<number> {
  let count = 0;
  const running = startCommand('make', args, {
    env: { PATH: ctx.env.PATH, HOME: ctx.env.HOME, LANG: 'C', LC_ALL: 'C' },
    onLine: (line) => {
      const p = kbuildProgress(line);
      if (p !== undefined) {
        count++;
        io.progress({ current: count, message: p });
      } else if (/error|warning:/i.test(line)) io.log(line);
    },
  });
  const stop = io.onInterrupt(() => running.kill('SIGTERM'));
  try {
    const result = await running.result;
    if (io.signal.aborted) {
      throw new MicroyoctoError('INTERRUPTED', `make stopped in ${ctx.buildDir}`, { hint: 'the build folder is kept: the next run continues where this one stopped' });
    }
    if (result.exitCode !== 0) throw toolFailed(result);
  } finally {
    stop();
  }
  return count;
}
