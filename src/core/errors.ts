// SPDX-License-Identifier: MIT
// The only error vocabulary the rest of the code may throw. Every code is listed in docs/errors.md.

// Exit codes tell the kind of failure apart: 2 input/configuration, 3 a check failed, 4 fetch,
// 5 build, 6 image, 7 flash, 8 busy (another build holds the build directory: retry later), 130 interrupted
// (1 is a bug in microyocto, 0 success).
export const ERROR_CODES = {
  USAGE: { exit: 2, what: 'the command line is wrong (unknown option, missing argument)' },
  FILE_NOT_FOUND: { exit: 2, what: 'an input file does not exist or cannot be read' },
  FILE_WRITE: { exit: 2, what: 'an output file could not be written' },
  KCONFIG_PARSE: { exit: 2, what: 'a .config or fragment could not be used (strict mode turns warnings into this)' },
  KCONFIG_STRICT: { exit: 3, what: 'a fragment redefined a value and --strict was given' },
  KCONFIG_UNKNOWN_SYMBOL: { exit: 2, what: 'kconfig why: the symbol is not defined by this kernel tree' },
  KCONFIG_MISMATCH: { exit: 3, what: 'kconfig check --strict found requested values missing from the final .config' },
  PROFILE_INVALID: { exit: 2, what: 'a profile, machine, manifest or project file is malformed' },
  PROFILE_NOT_FOUND: { exit: 2, what: 'no profile, machine or manifest of that name exists' },
  CONFIG_INVALID: { exit: 2, what: 'the workspace configuration is inconsistent' },
  BITBAKE_PARSE: { exit: 2, what: 'bitbake could not parse or expand the configuration or a recipe (ParseError, ExpansionError)' },
  FETCH_FAILED: { exit: 4, what: 'cloning or updating a layer repository failed' },
  LOCK_MISMATCH: { exit: 4, what: 'microyocto.lock and the manifest disagree' },
  TOOL_NOT_FOUND: { exit: 2, what: 'an external tool (bitbake, wic, git, bmaptool, make) is not installed or not on PATH' },
  TOOL_FAILED: { exit: 5, what: 'an external tool ran and failed' },
  BUILD_FAILED: { exit: 5, what: 'bitbake ran and one or more tasks failed' },
  BUILD_BUSY: { exit: 8, what: 'another bitbake is already running in this build directory' },
  IMAGE_FAILED: { exit: 6, what: 'wic could not create the image' },
  DEVICE_UNSAFE: { exit: 7, what: 'the flash target failed a safety check and nothing was written' },
  DEVICE_NOT_FOUND: { exit: 7, what: 'the flash target does not exist or is not a block device' },
  PERMISSION_DENIED: { exit: 7, what: 'the operation needs privileges the user does not have' },
  VERIFY_FAILED: { exit: 7, what: 'what was written does not match the image or its bmap checksums' },
  DEVICE_READ_ONLY: { exit: 7, what: 'the flash target is read-only (a locked SD card)' },
  DEVICE_TOO_SMALL: { exit: 7, what: 'the image does not fit the flash target' },
  DEVICE_BUSY: { exit: 7, what: 'the flash target is mounted, held by LVM/dm-crypt/md, or opened exclusively by something else' },
  DEVICE_CHANGED: { exit: 7, what: 'the flash target is not the device that was pinned or confirmed (replugged, or a different card)' },
  DEVICE_WRITE_FAILED: { exit: 7, what: 'writing the flash target failed part-way; the device is in an undefined state' },
  FLASH_NOT_CONFIRMED: { exit: 7, what: 'flashing was not confirmed (answered no, or no --yes and identity pin without a terminal)' },
  BMAP_INVALID: { exit: 6, what: 'a .bmap file is malformed, of an unknown version, or fails its own checksum' },
  IMAGE_INVALID: { exit: 6, what: 'the image to flash is missing, unreadable, or does not match its deploy manifest' },
  BUDGET_EXCEEDED: { exit: 3, what: 'a size budget of the profile was exceeded' },
  ELF_INVALID: { exit: 2, what: 'a file is not a readable ELF binary' },
  TRACE_FORMAT: { exit: 2, what: 'trace report does not recognise the file (virt_kmem, slabinfo, hist trigger)' },
  INTERRUPTED: { exit: 130, what: 'the user pressed Ctrl-C (or the process got SIGTERM)' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface MicroyoctoErrorOptions {
  hint?: string | undefined;
  cause?: unknown;
  /** Override the exit code the error code implies. */
  exitCode?: number | undefined;
}

// A problem the user can fix. Printed without a stack trace; exit code from ERROR_CODES.
export class MicroyoctoError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options: MicroyoctoErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'MicroyoctoError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ERROR_CODES[code].exit;
  }
}

// A bug in microyocto. Printed with a stack trace and "please report"; exit code 1.
export class InternalError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'InternalError';
  }
}

// True for errors the user can fix (as opposed to bugs).
export function isMicroyoctoError(error: unknown): error is MicroyoctoError {
  return error instanceof MicroyoctoError;
}
