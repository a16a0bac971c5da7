// SPDX-License-Identifier: MIT
// wic: argv for `wic create` and what its output says (the image paths, warnings, errors).

export interface WicCreateOptions {
  wks: string;
  outdir: string;
  /** Cooked mode: `-e IMAGE` (wic asks bitbake for the rootfs, kernel and native sysroot). */
  image?: string | undefined;
  /** Raw mode: `-r`, `-b`, `-k`, `-n`. */
  rootfsDir?: string | undefined;
  bootimgDir?: string | undefined;
  kernelDir?: string | undefined;
  nativeSysroot?: string | undefined;
  /** `-m`: write a .bmap next to the image. @defaultValue true */
  bmap?: boolean | undefined;
}

// `wic create <wks> -e <image> -o <dir> -m` (or the raw-mode directories).
export function wicCreateArgs(o: WicCreateOptions): string[] {
  const args = ['create', o.wks];
  if (o.image !== undefined) args.push('-e', o.image);
  if (o.rootfsDir !== undefined) args.push('-r', o.rootfsDir);
  if (o.bootimgDir !== undefined) args.push('-b', o.bootimgDir);
  if (o.kernelDir !== undefined) args.push('-k', o.kernelDir);
  if (o.nativeSysroot !== undefined) args.push('-n', o.nativeSysroot);
  args.push('-o', o.outdir);
  if (o.bmap !== false) args.push('-m');
  return args;
}

export interface WicOutput {
  images: string[];
  warnings: string[];
  errors: string[];
  /** The `The following build artifacts were used` lines, name → path. */
  artifacts: Record<string, string>;
}

// Read wic's console output (it all goes to stderr).
export function parseWicOutput(text: string): WicOutput {
  const out: WicOutput = { images: [], warnings: [], errors: [], artifacts: {} };
  let block: 'none' | 'images' | 'artifacts' = 'none';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.startsWith('INFO: The new image(s) can be found here:')) {
      block = 'images';
      continue;
    }
    if (line.startsWith('The following build artifacts were used')) {
      block = 'artifacts';
      continue;
    }
    const indented = /^ {2}(\S.*)$/.exec(line);
    if (indented && block === 'images') {
      out.images.push(indented[1] as string);
      continue;
    }
    if (indented && block === 'artifacts') {
      const m = /^(\S+):\s+(.*)$/.exec(indented[1] as string);
      if (m) out.artifacts[m[1] as string] = m[2] as string;
      continue;
    }
    block = 'none';
    if (line.startsWith('WARNING: ')) out.warnings.push(line.slice(9));
    else if (line.startsWith('ERROR: ')) out.errors.push(line.slice(7));
  }
  return out;
}
