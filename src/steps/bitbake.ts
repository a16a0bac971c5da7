// SPDX-License-Identifier: MIT
// Step `bitbake`: run bitbake in build/<profile> with the environment oe-init-build-env would give
// it, stdout as a pipe (so knotty prints every line), each line parsed into typed events. Ctrl-C
// sends SIGINT to the bitbake client (once: graceful, twice: forced) and waits; never SIGTERM
// (the client would die and leave the server building headless, holding bitbake.lock).
import { join, relative } from 'node:path';
import { bitbakeArgs, bitbakeEnv } from '../core/bitbake/invocation.js';
import { createBitbakeParser } from '../core/bitbake/parse.js';
import { recipeNameOf, type BitbakeEvent } from '../core/bitbake/events.js';
import { locateAssignment, type ConfText } from '../core/bitbake/locate.js';
import { applyEvent, emptySummary, failedOnlyOnExpansion, failedTasks, type BuildSummary, type TaskFailure } from '../core/bitbake/state.js';
import { MicroyoctoError } from '../core/errors.js';
import { readTextIfExists } from '../io/files.js';
import { tailFile, waitUntilGone } from '../io/paths.js';
import type { Step, StepIO } from '../pipeline/step.js';
import { awaitTool, formatCommand, startCommand, type RunResult } from '../tools/runner.js';
import type { PipelineContext } from './context.js';

/** Lines of each failed task's log shown up front. */
export const LOG_TAIL_LINES = 20;
/** How long to wait for the server to release bitbake.lock after the client exits (it takes ~1 s). */
export const LOCK_RELEASE_MS = 30_000;

function progressMessage(s: BuildSummary, queued: string | undefined): string {
  if (s.running.length === 0) return queued !== undefined ? `starting ${queued}` : s.total > 0 ? 'waiting for tasks' : 'parsing';
  const shown = s.running.slice(0, 3).join(', ');
  return s.running.length > 3 ? `${shown} (+${s.running.length - 3})` : shown;
}

// What to tell the user (and the event stream) as each event arrives.
function report(e: BitbakeEvent, s: BuildSummary, io: StepIO, ctx: PipelineContext, rel: string, queued: string | undefined): void {
  switch (e.type) {
    case 'task-running':
    case 'task-state':
      io.progress({ current: s.current, total: s.total, message: progressMessage(s, queued) });
      if (e.type === 'task-state' && e.state === 'failed') io.event({ event: 'task-state', pf: e.pf, task: e.task, state: e.state });
      break;
    case 'phase':
      if (!e.done) io.progress({ message: e.phase === 'parsing' ? 'parsing recipes' : e.phase === 'loading-cache' ? 'loading cache' : 'initialising tasks' });
      break;
    case 'parse-complete':
      io.log(`parsed ${e.files} recipes (${e.cached} cached, ${e.parsed} parsed), ${e.errors} errors`);
      io.event({ event: 'parse-complete', ...e, type: undefined });
      break;
    case 'warning':
      io.log(`WARNING: ${e.message}`);
      io.event({ event: 'warning', message: e.message });
      break;
    case 'error':
    case 'task-error':
    case 'nothing-provides':
      io.log(`ERROR: ${e.type === 'task-error' ? `${e.pf} ${e.task}: ${e.message}` : e.message}`);
      io.event({ event: 'error', message: e.type === 'task-error' ? `${e.pf} ${e.task}: ${e.message}` : e.message });
      break;
    case 'failure-log':
      io.log(`log of the failure: ${e.path}`);
      break;
    case 'task-failed':
      io.event({ event: 'task-failed', tid: e.tid, task: e.task, recipeFile: e.recipeFile, exitCode: e.exitCode });
      break;
    case 'tasks-summary':
      io.log(`tasks: ${e.attempted} attempted, ${e.notRerun} did not need to run, ${e.failed} failed`);
      io.event({ event: 'tasks-summary', attempted: e.attempted, notRerun: e.notRerun, failed: e.failed });
      break;
    case 'sstate-summary':
      io.log(`sstate: wanted ${e.wanted}, local ${e.local}, mirrors ${e.mirrors}, missed ${e.missed} (${e.matchPercent}% match)`);
      io.event({ event: 'sstate-summary', ...e, type: undefined });
      break;
    case 'server-reconnect':
      io.log(`another bitbake server is already running in ${rel} (another build, or a resident server): bitbake reconnected to it and runs after it`);
      io.event({ event: 'bitbake-busy', reason: 'reconnected', buildDir: ctx.layout.buildDir });
      break;
    case 'server-busy':
      io.log(`another bitbake is busy in ${rel}: ${e.message}`);
      io.event({ event: 'bitbake-busy', reason: e.message, buildDir: ctx.layout.buildDir });
      break;
    case 'interrupt':
      io.log(e.forced ? 'bitbake: stopping the running tasks now' : 'bitbake: closing down; running tasks finish first');
      break;
    case 'parse-error':
      io.log(`${e.file}:${e.line}: ${e.message}`);
      io.event({ event: 'parse-error', file: e.file, line: e.line, message: e.message });
      break;
    case 'expansion-error':
      io.log(`ERROR: cannot expand ${e.variable ?? e.expression ?? 'a variable'}: ${e.exception}`);
      io.event({ event: 'expansion-error', variable: e.variable ?? null, expression: e.expression ?? null, exception: e.exception, where: e.where });
      break;
    case 'note':
    case 'text':
      if (ctx.options.verbose) io.log(e.type === 'note' ? `NOTE: ${e.message}` : e.line);
      break;
    default:
      break;
  }
}

async function describeFailure(f: TaskFailure, root: string): Promise<{ lines: string[]; tail: string[] }> {
  const tail = (f.log === undefined ? undefined : await tailFile(f.log, LOG_TAIL_LINES)) ?? f.logData.slice(-LOG_TAIL_LINES);
  const name = f.pf === undefined ? f.tid ?? f.task : `${f.pf} ${f.task}`;
  const recipe = f.tid?.replace(/^(?:virtual:[^:]+:|mc:[^:]+:)+/, '');
  const shown = recipe === undefined ? undefined : relative(root, recipe).startsWith('..') ? recipe : relative(root, recipe);
  const lines = [`  ${name}${shown !== undefined && f.pf !== undefined ? `  (${shown})` : ''}`];
  if (f.message !== undefined) lines.push(`    ${f.message}`);
  if (f.log !== undefined) lines.push(`    log: ${f.log}`);
  if (tail.length > 0) lines.push(`    last ${tail.length} lines of the log:`, ...tail.map((l) => `    | ${l}`));
  return { lines, tail };
}

// The conf files bitbake reads for this build (bitbake.conf includes site.conf, auto.conf, local.conf).
async function buildConfFiles(ctx: PipelineContext): Promise<ConfText[]> {
  const out: ConfText[] = [];
  for (const name of ['bblayers.conf', 'site.conf', 'auto.conf', 'local.conf']) {
    const path = join(ctx.layout.buildDir, 'conf', name);
    const text = await readTextIfExists(path);
    if (text !== undefined) out.push({ path: shownPath(ctx.layout.root, path), text });
  }
  return out;
}

function shownPath(root: string, path: string): string {
  const r = relative(root, path);
  return r.startsWith('..') ? path : r;
}

function fixHint(file: string): string {
  if (file.endsWith('local.conf')) return 'fix the line in local.conf (it is yours; microyocto does not rewrite it), then build again';
  if (file.endsWith('auto.conf') || file.endsWith('bblayers.conf')) return "microyocto writes this file from the profile: fix the profile's [vars] (microyocto profile show), then build again";
  return 'fix the line, then build again';
}

// A ParseError or ExpansionError: the user's metadata, so exit 2 naming file:line where we can.
async function metadataFailure(s: BuildSummary, ctx: PipelineContext, cmd: string): Promise<MicroyoctoError | undefined> {
  if (s.parseErrors.length > 0) {
    const first = s.parseErrors[0]!;
    return new MicroyoctoError('BITBAKE_PARSE', `${shownPath(ctx.layout.root, first.file)}:${first.line}: ${first.message}\n${cmd}`, { hint: fixHint(first.file) });
  }
  const x = s.expansionErrors[0];
  if (x === undefined || (x.where.kind === 'task' && !failedOnlyOnExpansion(s))) return undefined;
  const what = x.variable === undefined ? `the expression ${x.expression ?? '?'}` : `${x.variable}${x.expression === undefined ? '' : ` (${x.expression})`}`;
  const during = x.where.kind === 'recipe' ? ` while parsing ${shownPath(ctx.layout.root, x.where.recipe)}` : x.where.kind === 'task' ? ` in ${x.where.pf} ${x.where.task}` : ' while reading the configuration';
  const chain = x.chain.length > 1 ? `; dependency chain: ${x.chain.join(' -> ')}` : '';
  const found = x.variable === undefined ? undefined : locateAssignment(await buildConfFiles(ctx), x.variable, x.expression);
  const message = `cannot expand ${what}${during}: ${x.exception}${chain}`;
  if (found) return new MicroyoctoError('BITBAKE_PARSE', `${found.file}:${found.line}: ${message}\n  ${found.assignment}\n${cmd}`, { hint: fixHint(found.file) });
  const target = ctx.options.targets[0] ?? ctx.profile?.image ?? 'TARGET';
  return new MicroyoctoError('BITBAKE_PARSE', `${message}\n${cmd}`, {
    hint: `${x.variable ?? 'the variable'} is not set in ${shownPath(ctx.layout.root, join(ctx.layout.buildDir, 'conf'))}/*.conf; \`bitbake -e ${target}\` (in ${shownPath(ctx.layout.root, ctx.layout.buildDir)}) shows the file and line of each assignment`,
  });
}

// Another bitbake holds this build directory: say so, with the pid bitbake.lock names (bitbake's
// server writes `<pid>\n` or `<pid> <host>:<port>\n` into it: lib/bb/server/process.py).
async function busyFailure(s: BuildSummary, ctx: PipelineContext, rel: string, cmd: string): Promise<MicroyoctoError> {
  const lock = await readTextIfExists(join(ctx.layout.buildDir, 'bitbake.lock'));
  const pid = lock === undefined ? undefined : /^\d+/.exec(lock.trim())?.[0];
  const holder = lock === undefined ? 'bitbake.lock is gone now' : pid === undefined ? 'bitbake.lock is held' : `bitbake.lock is held by pid ${pid}`;
  const connect = /^Unable to connect/.test(s.busy ?? '');
  const said = `bitbake said: ${s.busy ?? ''}`;
  const message = connect
    ? `bitbake could not connect to the bitbake server of ${rel} nor start one: another build (or a server still shutting down) is running in that build directory; ${holder}\n${said}\n${cmd}`
    : `another build is running in ${rel}: its bitbake server refused this one; ${holder}\n${said}\n${cmd}`;
  const check = pid === undefined ? '' : ` (ps -p ${pid} shows it)`;
  return new MicroyoctoError('BUILD_BUSY', message, {
    hint: `wait for that build to finish${check}, or stop it with Ctrl-C where it runs, then build again${connect ? `; if no bitbake runs, server start-up failures are in ${rel}/bitbake-cookerdaemon.log` : ''}`,
  });
}

// Turn a failed run into the error that says what failed, where its log is, and the log's end.
async function failure(result: RunResult, s: BuildSummary, ctx: PipelineContext, io: StepIO, rel: string): Promise<MicroyoctoError> {
  const cmd = `${rel}$ ${result.command}`;
  const metadata = await metadataFailure(s, ctx, cmd);
  if (metadata) return metadata;
  if (s.missingLayers.length > 0) {
    return new MicroyoctoError('CONFIG_INVALID', `layer folders do not exist: ${s.missingLayers.join(', ')}\n${cmd}`, { hint: 'run `microyocto setup` to fetch the layers of the manifest' });
  }
  if (s.nothingProvides.length > 0) {
    return new MicroyoctoError('CONFIG_INVALID', `no recipe provides ${s.nothingProvides.map((t) => `'${t}'`).join(', ')}\n${cmd}`, { hint: 'check --target, or the image of the profile and the layers of its manifest' });
  }
  if (s.busy !== undefined) return busyFailure(s, ctx, rel, cmd);
  const failures = failedTasks(s);
  if (failures.length > 0) {
    const parts: string[] = [];
    const described = [];
    for (const f of failures) {
      const d = await describeFailure(f, ctx.layout.root);
      parts.push(...d.lines);
      described.push({ tid: f.tid, pf: f.pf, task: f.task, message: f.message, log: f.log, exitCode: f.exitCode, tail: d.tail });
    }
    io.event({ event: 'build-failed', failures: described, tasks: s.tasks ?? null });
    const count = `${failures.length} task${failures.length === 1 ? '' : 's'} failed`;
    const attempted = s.tasks === undefined ? '' : ` (${s.tasks.attempted} of ${s.total || s.tasks.attempted} tasks attempted)`;
    return new MicroyoctoError('BUILD_FAILED', `bitbake: ${count}${attempted}\n${parts.join('\n')}\n${cmd}`, {
      hint: ctx.options.keepGoing ? 'fix the failed tasks and build again' : 'fix the task and build again (-k keeps going past a failure to find all of them)',
    });
  }
  const reason = result.signal !== undefined ? `was killed with ${result.signal}` : `failed with exit code ${result.exitCode}`;
  const last = s.errors.slice(-10).map((l) => `  ERROR: ${l}`);
  const tail = last.length > 0 ? last : (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-20).map((l) => `  ${l}`);
  return new MicroyoctoError('BUILD_FAILED', `bitbake ${reason}\n${tail.join('\n')}\n${cmd}`);
}

async function announceRunningServer(ctx: PipelineContext, io: StepIO, rel: string): Promise<void> {
  const lock = await readTextIfExists(join(ctx.layout.buildDir, 'bitbake.lock'));
  if (lock === undefined) return;
  const pid = /^\d+/.exec(lock.trim())?.[0];
  io.log(`bitbake.lock in ${rel} is held${pid === undefined ? '' : ` by pid ${pid}`}: another build (or a resident bitbake server) is running there; this build will wait for it`);
  io.event({ event: 'bitbake-busy', reason: 'bitbake.lock held', pid: pid === undefined ? null : Number(pid), buildDir: ctx.layout.buildDir });
}

export const bitbakeStep: Step<PipelineContext> = {
  id: 'bitbake',
  title: 'Build with bitbake',
  async run(ctx, io) {
    const started = Date.now();
    const targets = ctx.options.targets.length > 0 ? ctx.options.targets : ctx.profile === undefined ? [] : [ctx.profile.image];
    if (targets.length === 0) throw new MicroyoctoError('USAGE', 'nothing to build: no --target and no profile image');
    const args = bitbakeArgs({ targets, keepGoing: ctx.options.keepGoing });
    const env = bitbakeEnv({ caller: ctx.env, buildDir: ctx.layout.buildDir, layersDir: ctx.layout.layersDir, manifest: ctx.manifest, offline: ctx.options.offline });
    const rel = relative(ctx.layout.root, ctx.layout.buildDir) || '.';
    if (ctx.options.dryRun) {
      ctx.plan.push({ kind: 'command', step: 'bitbake', cwd: ctx.layout.buildDir, command: 'bitbake', args, env });
      return;
    }
    if (io.signal.aborted) throw new MicroyoctoError('INTERRUPTED', 'interrupted before bitbake started');
    await announceRunningServer(ctx, io, rel);
    io.log(`${rel}$ ${formatCommand('bitbake', args)}`);
    const parser = createBitbakeParser();
    const summary = emptySummary();
    let queued: string | undefined;
    ctx.results.bitbake = summary;
    const child = startCommand('bitbake', args, {
      cwd: ctx.layout.buildDir,
      env,
      ownProcessGroup: true,
      keepLines: 400,
      onLine: (line) => {
        for (const e of parser.push(line)) {
          applyEvent(summary, e);
          if (e.type === 'task-running') queued = `${recipeNameOf(e.recipeFile)}:${e.task}`;
          else if (e.type === 'task-state') queued = undefined;
          report(e, summary, io, ctx, rel, queued);
        }
      },
    });
    let interrupts = 0;
    const unsubscribe = io.onInterrupt((count) => {
      interrupts = count;
      if (count === 1) {
        child.kill('SIGINT');
        io.log('Ctrl-C: asked bitbake to stop (SIGINT). Running tasks finish first; press Ctrl-C again to stop them now.');
        io.event({ event: 'interrupt', count, action: 'graceful' });
      } else if (count === 2) {
        child.kill('SIGINT');
        io.log('second Ctrl-C: asked bitbake to stop its running tasks now (SIGINT again); waiting for it to exit.');
        io.event({ event: 'interrupt', count, action: 'forced' });
      }
    });
    let result: RunResult;
    try {
      result = await awaitTool(child, {
        message: 'bitbake was not found (not in the layers of the manifest nor on PATH)',
        hint: 'run `microyocto setup` to fetch the bitbake repo of the manifest',
      });
    } finally {
      unsubscribe();
      ctx.results.durations.bitbake = Date.now() - started;
    }
    if (interrupts > 0) {
      io.log(`bitbake exited (${result.signal ?? `exit code ${result.exitCode}`}) after ${interrupts === 1 ? 'finishing its running tasks' : 'stopping its running tasks'}`);
      const lockPath = join(ctx.layout.buildDir, 'bitbake.lock');
      if ((await readTextIfExists(lockPath)) !== undefined) {
        io.log('waiting for the bitbake server to shut down and release bitbake.lock');
        const gone = await waitUntilGone(lockPath, LOCK_RELEASE_MS);
        io.log(gone ? 'the bitbake server has shut down' : `bitbake.lock is still held after ${LOCK_RELEASE_MS / 1000} s: the server may still be finishing`);
      }
      io.event({ event: 'interrupted', exitCode: result.exitCode ?? null, forced: interrupts >= 2 });
      throw new MicroyoctoError('INTERRUPTED', `build interrupted: bitbake stopped ${interrupts === 1 ? 'after its running tasks finished' : 'its running tasks'} and exited`, {
        hint: 'run the same command again to continue where it stopped',
      });
    }
    if (result.exitCode === 0 && result.signal === undefined) {
      io.event({ event: 'build-succeeded', tasks: summary.tasks ?? null, warnings: summary.warnings.length });
      return;
    }
    throw await failure(result, summary, ctx, io, rel);
  },
};
