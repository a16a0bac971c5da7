// SPDX-License-Identifier: MIT
// node:fs for the io layer, loaded with require(). In Node 20 an ESM import of node:fs builds a module
// facade that reads every export, and the ReadStream getter loads the whole streams stack: about 5 ms
// of start-up the hot kconfig commands do not need. node:fs/promises (which pulls in readline and
// streams too) is loaded on first use.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const fs = require('node:fs') as typeof import('node:fs');

let promises: typeof import('node:fs/promises') | undefined;

// node:fs/promises, loaded on first use.
export function fsp(): typeof import('node:fs/promises') {
  promises ??= require('node:fs/promises') as typeof import('node:fs/promises');
  return promises;
}
