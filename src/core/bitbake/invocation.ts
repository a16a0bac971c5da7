// SPDX-License-Identifier: MIT
// How bitbake is run: argv (data, tested on its own) and the environment oe-init-build-env would
// give it, with a minimal passthrough like kas's: nothing of the caller's leaks in (an exported
// MACHINE or DISTRO would silently override the profile), only what a build needs.
import { join } from 'node:path';
import type { Manifest, ReleaseName } from '../model.js';
import { passthroughVar } from '../workspace/build-config.js';

export interface BitbakeArgsOptions {
  targets: string[];
  /** `-k`: keep going after a failure. */
  keepGoing?: boolean | undefined;
  /** `-c TASK`. */
  task?: string | undefined;
  /** `-n`: bitbake's own dry run (no tasks executed). */
  dryRun?: boolean | undefined;
}

// `bitbake [-k] [-n] [-c task] target…`
export function bitbakeArgs(opts: BitbakeArgsOptions): string[] {
  return [
    ...(opts.keepGoing === true ? ['-k'] : []),
    ...(opts.dryRun === true ? ['-n'] : []),
    ...(opts.task === undefined ? [] : ['-c', opts.task]),
    ...opts.targets,
  ];
}

/** What oe-buildenv-internal exports as BB_ENV_PASSTHROUGH_ADDITIONS (OE-Core, kirkstone to wrynose). */
export const OE_PASSTHROUGH = [
  'MACHINE', 'DISTRO', 'TCMODE', 'TCLIBC', 'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'FTPS_PROXY', 'ftps_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy', 'SSH_AGENT_PID', 'SSH_AUTH_SOCK',
  'BB_SRCREV_POLICY', 'SDKMACHINE', 'BB_NUMBER_THREADS', 'BB_NO_NETWORK', 'PARALLEL_MAKE', 'GIT_PROXY_COMMAND',
  'SOCKS5_PASSWD', 'SOCKS5_USER', 'SCREENDIR', 'STAMPS_DIR', 'BBPATH_EXTRA', 'BB_SETSCENE_ENFORCE', 'BB_LOGCONFIG',
];

/** Taken from the caller's environment (kas passes proxies, the ssh agent and the job sizes; we add the basics of a login). */
export const HOST_PASSTHROUGH = [
  'HOME', 'USER', 'LOGNAME', 'SHELL', 'TZ', 'TERM',
  'http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY',
  'SSH_AUTH_SOCK', 'SSH_AGENT_PID', 'GIT_PROXY_COMMAND', 'BB_NUMBER_THREADS', 'PARALLEL_MAKE',
];

export interface BitbakeEnvOptions {
  caller: Readonly<Record<string, string | undefined>>;
  buildDir: string;
  layersDir: string;
  manifest: Manifest;
  /** Sets BB_NO_NETWORK=1. */
  offline?: boolean | undefined;
}

export interface BitbakeTools {
  /** `<bitbake>/bin`, put first on PATH. */
  bitbakeBin: string | undefined;
  /** `<oe-core>/scripts` (wic, oe-* tools), put on PATH. */
  scripts: string | undefined;
}

// Where bitbake and OE's scripts are in the manifest's repos: a `bitbake` repo, or the bitbake/ of
// a combined repo (poky) next to the `meta` layer, which also holds scripts/.
export function locateTools(manifest: Manifest, layersDir: string): BitbakeTools {
  const core = manifest.repos.find((r) => r.builtin !== true && r.layers.includes('meta'));
  const bb = manifest.repos.find((r) => r.name === 'bitbake');
  return {
    bitbakeBin: bb !== undefined ? join(layersDir, bb.name, 'bin') : core !== undefined ? join(layersDir, core.name, 'bitbake', 'bin') : undefined,
    scripts: core === undefined ? undefined : join(layersDir, core.name, 'scripts'),
  };
}

// The environment bitbake (and wic) run with: what `source oe-init-build-env <build>` sets up.
export function bitbakeEnv(opts: BitbakeEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of HOST_PASSTHROUGH) {
    const v = opts.caller[name];
    if (v !== undefined && v !== '') env[name] = v;
  }
  const tools = locateTools(opts.manifest, opts.layersDir);
  env.PATH = [tools.scripts, tools.bitbakeBin, opts.caller.PATH ?? '/usr/local/bin:/usr/bin:/bin'].filter((p) => p !== undefined).join(':');
  env.BUILDDIR = opts.buildDir;
  // NOTE: bitbake refuses to start without a UTF-8 locale (see the captures' README); kas sets the same.
  env.LANG = 'en_US.UTF-8';
  env.LC_ALL = 'en_US.UTF-8';
  // NOTE: Python block-buffers stdout on a pipe: without this, knotty's lines (and "Keyboard
  // Interrupt, closing down...") reach us seconds late, and live progress lags behind the build.
  env.PYTHONUNBUFFERED = '1';
  if (opts.offline === true) env.BB_NO_NETWORK = '1';
  env[passthroughVar(opts.manifest.release as ReleaseName)] = OE_PASSTHROUGH.join(' ');
  return env;
}
