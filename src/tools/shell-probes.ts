// SPDX-License-Identifier: MIT
// Runs Kconfig `$(shell,...)` commands (toolchain probes) as conf does (`/bin/sh -c`, the answer is the raw
// stdout whatever the exit status, stderr discarded), several at a time, through one small shell.
//
// NOTE: node:child_process directly rather than the execa runner: these are ~90 tiny commands whose raw
// stdout is the answer. Each fork from Node copies the page tables of its whole heap: 90 spawns cost
// 0.6-0.8 s from a process holding a parsed Kconfig tree, against ~0.1 s from a shell. So one `/bin/sh`
// (the runner) is started while the heap is small, reads jobs on stdin and forks every probe itself.
// The parse is synchronous, so waiting for an answer must be too: the runner appends the ids of finished
// jobs to a file, read with short sleeps in between (see ProbeSpool).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface ProbeOptions {
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * The file side of the runner, made by src/io/probe-spool.ts: a private temporary folder holding each
 * probe's stdout, the file `done` to which the runner appends the id of each finished probe, and the FIFO
 * `alive` that the runner and its jobs hold open while they live.
 */
export interface ProbeSpool {
  /** The folder. */
  readonly dir: string;
  /** What was appended to `done` since the last call ('' when nothing, or no file yet). Never waits. */
  readDone(): string;
  /** Whether a process holds `alive` open for writing (false too before the runner opened it). Never waits. */
  hasWriters(): boolean;
  /** The stdout of job `id`, as written by the runner; undefined when it left none. */
  readOutput(id: number): string | undefined;
  /** Close what is open and delete the folder (safe to call twice). */
  remove(): void;
}

export interface ProbeRunnerOptions extends ProbeOptions {
  /** Makes the spool folder; called when the first probe starts. */
  spool: () => ProbeSpool;
  /** How many probes run at once. @defaultValue 8 */
  slots?: number;
  /** How long to wait for a runner that says nothing before running probes without it. @defaultValue 5000 ms */
  startTimeoutMs?: number;
}

// Run one command and wait for it (the fallback when there is no runner).
export function runProbeSync(command: string, options: ProbeOptions): string {
  const r = spawnSync('/bin/sh', ['-c', command], { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', maxBuffer: 1 << 24 });
  return r.stdout ?? '';
}

// The runner: $1 is the spool folder. A job is two lines on stdin (its id, then the command); it runs in the
// background at once, writes its stdout to the file named by its id, and then appends its id to `done`
// (`r` first says the runner is ready, `x` that it could not start). The runner and its jobs hold the FIFO `alive` open: when nobody
// does, they are gone. The caller decides how many jobs run at once (and can put first the one it waits for).
// NOTE: every probe is its own `/bin/sh -c`, so `$$` differs between probes (some make `.tmp_$$`); its stdin
// is /dev/null as under make, and it does not inherit `alive` (a lingering probe must not hold it open).
const RUNNER_SCRIPT = [
  'd=$1',
  'mkfifo "$d/alive" || { echo x >>"$d/done"; exit 1; }',
  'exec 3>>"$d/done" 4<>"$d/alive"',
  'echo r >&3',
  'while IFS= read -r id && IFS= read -r cmd; do',
  '  { /bin/sh -c "$cmd" >"$d/$id" 2>/dev/null </dev/null 3>&- 4>&-; echo "$id" >&3; } &',
  'done',
  'exec 3>&- 4>&-',
  'wait',
  '[ ! -d "$d" ] || rm -rf "$d"',
].join('\n');

const sleeper = new Int32Array(new SharedArrayBuffer(4));

// Block the thread for `ms` milliseconds.
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

interface Job {
  id: number;
  command: string;
  /** Sent to the runner (it is running or done). */
  sent: boolean;
  answer: string | undefined;
}

// Probes started as soon as they are asked for (at most `slots` at a time, the one waited for first),
// answered when finished; `wait` blocks until one is.
export class ShellProbeRunner {
  private child: ChildProcess | undefined;
  private spool: ProbeSpool | undefined;
  private readonly jobs = new Map<string, Job>();
  private readonly byId: Job[] = [];
  private readonly queue: Job[] = [];
  private running = 0;
  private partial = '';
  private ready = false;
  /** Set when the runner cannot be used (it failed to start or died): probes then run one by one. */
  private broken = false;
  private startedAt = 0;
  private readonly slots: number;

  constructor(private readonly options: ProbeRunnerOptions) {
    this.slots = Math.max(1, Math.floor(options.slots ?? 8));
  }

  /** The runner's process id, once it is started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How many commands were asked for. */
  get count(): number {
    return this.jobs.size;
  }

  // Start a command unless it is already started or answered.
  start(command: string): void {
    if (this.jobs.has(command)) return;
    const job: Job = { id: this.byId.length, command, sent: false, answer: undefined };
    this.jobs.set(command, job);
    this.byId.push(job);
    this.queue.push(job);
    this.poll();
  }

  // The answer if the command has finished (without waiting), else undefined.
  peek(command: string): string | undefined {
    const job = this.jobs.get(command);
    if (job?.answer === undefined) this.poll();
    return job?.answer;
  }

  // Take in what finished and start what waits for a slot, without waiting. Cheap: call it often.
  poll(): void {
    this.collect();
    while (this.running < this.slots && this.queue.length > 0) this.send(this.queue.shift()!);
  }

  // The answer, waiting for it (the command starts at once if it was not running yet).
  wait(command: string): string {
    this.start(command);
    const job = this.jobs.get(command)!;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.send(job);
    }
    let pause = 0.2;
    let slept = 0;
    while (job.answer === undefined) {
      if (this.broken || !job.sent) {
        this.collect();
        job.answer ??= runProbeSync(command, this.options);
        break;
      }
      // NOTE: a runner is checked for life now and then (it costs an exception); what it finished before
      // it went is collected after the check.
      const check = slept >= 20;
      const alive = check && this.spool!.hasWriters();
      this.poll();
      if (job.answer !== undefined) break;
      if (check) {
        slept = 0;
        if (!alive && (this.ready || Date.now() - this.startedAt > (this.options.startTimeoutMs ?? 5_000))) this.broken = true;
        continue;
      }
      sleepSync(pause);
      slept += pause;
      pause = Math.min(pause * 1.5, 2);
    }
    return job.answer;
  }

  // Stop the runner (it finishes what it runs, deletes the spool and exits) and delete the spool.
  close(): void {
    this.child?.stdin?.end();
    this.child = undefined;
    this.spool?.remove();
    this.spool = undefined;
  }

  // Hand a job to the runner; without one the job stays unsent (it then runs on its own when waited for).
  private send(job: Job): void {
    // NOTE: a job is two lines; a command with a newline (or a NUL) cannot be sent.
    if (this.broken || /[\n\0]/.test(job.command) || !this.launch()) return;
    job.sent = true;
    this.running++;
    this.child!.stdin!.write(`${job.id}\n${job.command}\n`);
  }

  private launch(): boolean {
    if (this.child) return true;
    try {
      this.spool = this.options.spool();
      const child = spawn('/bin/sh', ['-c', RUNNER_SCRIPT, 'microyocto-probes', this.spool.dir], {
        cwd: this.options.cwd,
        env: this.options.env as NodeJS.ProcessEnv,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      // NOTE: a runner that fails or dies shows as nobody holding `alive` (see wait); these keep the errors quiet.
      child.on('error', () => undefined);
      child.stdin!.on('error', () => undefined);
      this.child = child;
      this.startedAt = Date.now();
      return true;
    } catch {
      this.broken = true;
      return false;
    }
  }

  // Take in the answers of the jobs that finished.
  private collect(): void {
    // NOTE: also once the runner is gone: what it finished before is still answered from its files.
    if (!this.spool) return;
    const text = this.spool.readDone();
    if (!text) return;
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) {
      if (line === 'r' || line === 'x') {
        this.ready = true;
        if (line === 'x') this.broken = true;
        continue;
      }
      const job = this.byId[Number(line)];
      if (!job || job.answer !== undefined) continue;
      this.running--;
      job.answer = this.spool.readOutput(job.id) ?? runProbeSync(job.command, this.options);
    }
  }
}
