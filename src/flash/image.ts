// SPDX-License-Identifier: MIT
// Find the image to flash (a path, or deploy/<profile>/manifest.json), its .bmap, its compression.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Bmap } from '../core/flash/bmap.js';
import { bmapCandidates, parseBmap, verifyBmapFileChecksum } from '../core/flash/bmap.js';
import { MicroyoctoError } from '../core/errors.js';
import type { Compression } from '../tools/flash-tools.js';

export interface ImageSpec {
  image?: string | undefined;
  profile?: string | undefined;
  bmap?: string | undefined;
  /** Ignore any .bmap: full copy. */
  noBmap?: boolean | undefined;
  cwd: string;
  /** Where --profile's manifest.json is; default `<cwd>/deploy/<profile>`. */
  deployDir?: string | undefined;
}

export interface ResolvedImage {
  path: string;
  fileSize: number;
  compression: Compression;
  bmapPath: string | undefined;
  bmap: Bmap | undefined;
  /** The size once expanded: bmap ImageSize, or the file size when not compressed. */
  expandedSize: number | undefined;
  /** From the deploy manifest: checked before writing. */
  manifest: { path: string; sha256: string; size: number | undefined } | undefined;
}

/** The minimal deploy manifest shape flash reads (the build pipeline writes more). */
export interface DeployManifest {
  images: { path: string; bmap?: string; sha256: string; size?: number }[];
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

// Compression from the first bytes (not the name): gzip 1f 8b, xz fd 37 7a 58 5a 00, zstd 28 b5 2f fd.
export function compressionOf(head: Uint8Array): Compression {
  const b = Buffer.from(head);
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gz';
  if (b.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (b.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return 'zst';
  return 'none';
}

function imageError(message: string, hint?: string, cause?: unknown): MicroyoctoError {
  return new MicroyoctoError('IMAGE_INVALID', message, { hint, cause });
}

async function readManifest(deployDir: string, profile: string): Promise<{ file: string; manifest: DeployManifest }> {
  const file = resolve(deployDir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new MicroyoctoError('FILE_NOT_FOUND', `no deploy manifest for profile '${profile}': ${file} does not exist`, {
      hint: `build it first (microyocto build --profile ${profile}), or pass --image PATH`,
      cause,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw imageError(`${file}: not valid JSON (${(cause as Error).message})`, 'rebuild to rewrite it', cause);
  }
  const images = (data as { images?: unknown }).images;
  if (!Array.isArray(images) || images.length === 0) throw imageError(`${file}: images: expected a non-empty list`, 'the shape is {"images":[{"path","sha256","size","bmap"?}]}');
  images.forEach((img: unknown, i) => {
    const o = img as Record<string, unknown>;
    if (typeof o?.path !== 'string') throw imageError(`${file}: images.${i}.path: expected a string`);
    if (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(o.sha256)) throw imageError(`${file}: images.${i}.sha256: expected 64 hex digits`);
    if (o.bmap !== undefined && typeof o.bmap !== 'string') throw imageError(`${file}: images.${i}.bmap: expected a string`);
    if (o.size !== undefined && typeof o.size !== 'number') throw imageError(`${file}: images.${i}.size: expected a number`);
  });
  return { file, manifest: { images: images as DeployManifest['images'] } };
}

// Resolve --image / --profile and --bmap into one image with its bmap parsed and checked.
export async function resolveImage(spec: ImageSpec): Promise<ResolvedImage> {
  let path: string;
  let bmapPath = spec.bmap === undefined ? undefined : resolve(spec.cwd, spec.bmap);
  let manifest: ResolvedImage['manifest'];
  if (spec.image !== undefined) path = resolve(spec.cwd, spec.image);
  else if (spec.profile !== undefined) {
    const { file, manifest: m } = await readManifest(spec.deployDir ?? resolve(spec.cwd, 'deploy', spec.profile), spec.profile);
    const entry = m.images[0]!;
    path = resolve(dirname(file), entry.path);
    if (bmapPath === undefined && entry.bmap !== undefined) bmapPath = resolve(dirname(file), entry.bmap);
    manifest = { path: file, sha256: entry.sha256.toLowerCase(), size: entry.size };
  } else throw new MicroyoctoError('USAGE', 'nothing to flash: give --image PATH or --profile NAME');
  let fileSize: number;
  let head = new Uint8Array(6);
  try {
    const st = await stat(path);
    if (!st.isFile()) throw imageError(`image ${path} is not a regular file`);
    fileSize = st.size;
    const fh = await open(path, 'r');
    try {
      const r = await fh.read(Buffer.alloc(6), 0, 6, 0);
      head = r.buffer.subarray(0, r.bytesRead);
    } finally {
      await fh.close();
    }
  } catch (cause) {
    if (cause instanceof MicroyoctoError) throw cause;
    throw new MicroyoctoError('FILE_NOT_FOUND', `image ${path} cannot be read (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, { hint: 'check the path (relative to the current directory)', cause });
  }
  const compression = compressionOf(head);
  if (manifest?.size !== undefined && manifest.size !== fileSize) {
    throw imageError(`${path} has ${fileSize} bytes but ${manifest.path} says ${manifest.size}`, 'the image changed since the build; rebuild or flash it with --image');
  }
  if (spec.noBmap) bmapPath = undefined;
  else if (bmapPath === undefined) {
    for (const candidate of bmapCandidates(path)) {
      if (candidate !== path && (await exists(candidate))) {
        bmapPath = candidate;
        break;
      }
    }
  }
  let bmap: Bmap | undefined;
  if (bmapPath !== undefined) {
    let raw: Buffer;
    try {
      raw = await readFile(bmapPath);
    } catch (cause) {
      throw new MicroyoctoError('FILE_NOT_FOUND', `bmap ${bmapPath} cannot be read`, { cause });
    }
    bmap = parseBmap(raw.toString('utf8'), bmapPath);
    verifyBmapFileChecksum(raw, bmap, bmapPath);
    if (compression === 'none' && bmap.imageSize !== fileSize) {
      throw new MicroyoctoError('BMAP_INVALID', `${bmapPath} describes a ${bmap.imageSize}-byte image but ${path} has ${fileSize} bytes`, { hint: 'the bmap belongs to another image; regenerate it with bmaptool create' });
    }
  }
  const expandedSize = bmap?.imageSize ?? (compression === 'none' ? fileSize : undefined);
  return { path, fileSize, compression, bmapPath, bmap, expandedSize, manifest };
}

// The sha256 of a file, streamed (the deploy manifest's checksum, checked before writing).
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
