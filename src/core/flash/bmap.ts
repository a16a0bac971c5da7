// SPDX-License-Identifier: MIT
// The bmaptool block map (.bmap XML, format 1.x and 2.x): parse it, check its own checksum, list ranges.
import { createHash, getHashes } from 'node:crypto';
import { MicroyoctoError } from '../errors.js';

export interface BmapRange {
  /** First and last block, inclusive (bmap numbering). */
  first: number;
  last: number;
  /** Hex checksum of the range's bytes, when the bmap has one. */
  checksum: string | undefined;
}

export interface Bmap {
  version: string;
  imageSize: number;
  blockSize: number;
  blocksCount: number;
  mappedBlocksCount: number;
  /** `sha256` (2.x), `sha1` (1.3), or undefined (1.0-1.2: no checksums). */
  checksumType: string | undefined;
  /** The bmap file's own checksum as written in it, when present. */
  fileChecksum: string | undefined;
  ranges: BmapRange[];
}

/** The byte span of a range inside the image (the last block may be short). */
export interface ByteRange {
  start: number;
  end: number;
  checksum: string | undefined;
}

// NOTE: bmaptool (BmapCopy._parse_bmap) accepts every major version up to 2; 1.4 is 2.0 released by mistake.
const SUPPORTED_MAJOR = 2;

function bad(file: string, message: string, line?: number): MicroyoctoError {
  return new MicroyoctoError('BMAP_INVALID', `${file}${line === undefined ? '' : `:${line}`}: ${message}`, {
    hint: 'regenerate it with `bmaptool create -o IMAGE.bmap IMAGE`, or flash without it (--no-bmap)',
  });
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// lineOf for increasing indexes, each newline counted once (restarts if asked for an earlier index).
function lineCounter(text: string): (index: number) => number {
  let at = 0;
  let line = 1;
  return (index) => {
    if (index < at) {
      at = 0;
      line = 1;
    }
    for (; at < index && at < text.length; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}

function element(text: string, file: string, name: string, required: true): { value: string; line: number };
function element(text: string, file: string, name: string, required: false): { value: string; line: number } | undefined;
function element(text: string, file: string, name: string, required: boolean): { value: string; line: number } | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(text);
  if (!m) {
    if (required) throw bad(file, `<${name}> is missing`);
    return undefined;
  }
  return { value: (m[1] ?? '').trim(), line: lineOf(text, m.index) };
}

function integer(text: string, file: string, name: string): number {
  const { value, line } = element(text, file, name, true);
  if (!/^\d+$/.test(value)) throw bad(file, `<${name}> is '${value}', expected a whole number`, line);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw bad(file, `<${name}> ${value} is too large`, line);
  return n;
}

// Parse a .bmap file's text (comments ignored). Throws BMAP_INVALID naming file:line.
export function parseBmap(raw: string, file = 'bmap'): Bmap {
  const text = raw.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const root = /<bmap\s+version\s*=\s*["']([^"']+)["']\s*>/.exec(text);
  if (!root) throw bad(file, 'no <bmap version="..."> element: this is not a bmap file');
  const version = root[1] ?? '';
  const vm = /^(\d+)\.(\d+)$/.exec(version);
  if (!vm) throw bad(file, `bmap version '${version}' is not MAJOR.MINOR`, lineOf(text, root.index));
  const major = Number(vm[1]);
  const minor = Number(vm[2]);
  if (major > SUPPORTED_MAJOR) throw bad(file, `bmap format version ${version} is newer than the ${SUPPORTED_MAJOR}.x this microyocto reads`);
  const imageSize = integer(text, file, 'ImageSize');
  const blockSize = integer(text, file, 'BlockSize');
  const blocksCount = integer(text, file, 'BlocksCount');
  const mappedBlocksCount = integer(text, file, 'MappedBlocksCount');
  if (blockSize === 0) throw bad(file, '<BlockSize> is 0');
  if (blocksCount !== Math.ceil(imageSize / blockSize)) {
    throw bad(file, `inconsistent bmap: ImageSize ${imageSize} is not BlocksCount ${blocksCount} blocks of ${blockSize} bytes`);
  }
  // Format 2.0 (and the mistaken 1.4) name the checksum type; 1.3 used SHA1 only; older had none.
  let checksumType: string | undefined;
  let attr: string | undefined;
  let fileTag: string | undefined;
  if (major > 1 || (major === 1 && minor === 4)) {
    checksumType = element(text, file, 'ChecksumType', true).value.toLowerCase();
    attr = 'chksum';
    fileTag = 'BmapFileChecksum';
  } else if (minor === 3) {
    checksumType = 'sha1';
    attr = 'sha1';
    fileTag = 'BmapFileSHA1';
  }
  if (checksumType !== undefined && !getHashes().includes(checksumType)) {
    throw bad(file, `checksum type '${checksumType}' is not supported by this Node.js`);
  }
  const fileChecksum = fileTag === undefined ? undefined : element(text, file, fileTag, false)?.value;
  const map = /<BlockMap>([\s\S]*?)<\/BlockMap>/.exec(text);
  if (!map) throw bad(file, '<BlockMap> is missing');
  const ranges: BmapRange[] = [];
  const rangeRe = /<Range\b([^>]*)>([^<]*)<\/Range>/g;
  const offset = map.index + map[0].indexOf(map[1] ?? '');
  let mapped = 0;
  let previousLast = -1;
  const checksumRe = attr === undefined ? undefined : new RegExp(`\\b${attr}\\s*=\\s*["']([0-9a-fA-F]+)["']`);
  // NOTE: line numbers only matter for an error; counting newlines from the start for every range made
  // parsing quadratic in the number of ranges (seconds for a big image's bmap).
  const lines = lineCounter(text);
  for (const m of (map[1] ?? '').matchAll(rangeRe)) {
    const line = (): number => lines(offset + (m.index ?? 0));
    const span = (m[2] ?? '').trim();
    const sm = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(span);
    if (!sm) throw bad(file, `range '${span}' is not FIRST-LAST`, line());
    const first = Number(sm[1]);
    const last = sm[2] === undefined ? first : Number(sm[2]);
    if (first > last) throw bad(file, `bad range (first > last): '${span}'`, line());
    if (last >= blocksCount) throw bad(file, `range '${span}' ends past the image's ${blocksCount} blocks`, line());
    if (first <= previousLast) throw bad(file, `range '${span}' overlaps or is out of order`, line());
    previousLast = last;
    const am = checksumRe === undefined ? null : checksumRe.exec(m[1] ?? '');
    ranges.push({ first, last, checksum: am?.[1]?.toLowerCase() });
    mapped += last - first + 1;
  }
  if (mapped !== mappedBlocksCount) {
    throw bad(file, `<MappedBlocksCount> says ${mappedBlocksCount} blocks but the ranges map ${mapped}`);
  }
  return { version, imageSize, blockSize, blocksCount, mappedBlocksCount, checksumType, fileChecksum, ranges };
}

// Check the bmap's own checksum: computed with the stored value replaced by ASCII zeros (BmapCopy).
export function verifyBmapFileChecksum(raw: Uint8Array, bmap: Bmap, file = 'bmap'): void {
  if (bmap.checksumType === undefined || bmap.fileChecksum === undefined) return;
  const buf = Buffer.from(raw);
  const stored = Buffer.from(bmap.fileChecksum, 'latin1');
  const at = buf.indexOf(stored);
  if (at < 0) throw bad(file, 'the bmap file checksum could not be located in the file');
  const copy = Buffer.from(buf);
  copy.fill(0x30, at, at + stored.length);
  const calculated = createHash(bmap.checksumType).update(copy).digest('hex');
  if (calculated !== bmap.fileChecksum.toLowerCase()) {
    throw new MicroyoctoError('BMAP_INVALID', `${file}: checksum mismatch for the bmap file: calculated ${calculated}, should be ${bmap.fileChecksum}`, {
      hint: 'the bmap was edited or damaged; regenerate it with `bmaptool create`',
    });
  }
}

// The byte spans to write, in order; the last block is cut at ImageSize.
export function byteRanges(bmap: Bmap): ByteRange[] {
  return bmap.ranges.map((r) => ({
    start: r.first * bmap.blockSize,
    end: Math.min((r.last + 1) * bmap.blockSize, bmap.imageSize),
    checksum: r.checksum,
  }));
}

// Bytes the bmap maps (what a sparse write actually transfers).
export function mappedBytes(bmap: Bmap): number {
  return byteRanges(bmap).reduce((n, r) => n + (r.end - r.start), 0);
}

// The candidate bmap paths for an image, in bmaptool's order: IMAGE.bmap, then one extension stripped at a time.
export function bmapCandidates(imagePath: string): string[] {
  const slash = imagePath.lastIndexOf('/');
  const dir = imagePath.slice(0, slash + 1);
  let name = imagePath.slice(slash + 1);
  const out = [`${dir}${name}.bmap`];
  for (;;) {
    const dot = name.lastIndexOf('.');
    if (dot <= 0) break;
    name = name.slice(0, dot);
    out.push(`${dir}${name}.bmap`);
  }
  return out;
}
