// Zip archives (EPUB, DOCX) come from outside: one may claim a billion files or inflate a few
// kilobytes into gigabytes. Every archive is opened here, with caps on entry count and total
// unpacked size checked before anything is inflated, and each entry held to the size it declares
// while it inflates, so a bomb costs a warning, not the process.
import { lazyPackage } from '../lazy.js';
import type * as Fflate from 'fflate';

const fflate = lazyPackage<typeof Fflate>('fflate');

/** More entries than any book or document has; a count past it is a damaged or hostile file. */
export const ZIP_MAX_ENTRIES = 5_000;
/** Unpacked bytes read from one archive: a long novel with its pictures is a fraction of this. */
export const ZIP_MAX_UNPACKED = 200 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** The first entry's name and (stored) data, read from its local header without unpacking anything. */
export function firstEntry(bytes: Uint8Array): { name: string; data: Uint8Array } | undefined {
  if (!isZip(bytes) || bytes.length < 30) return undefined;
  const u16 = (o: number) => bytes[o]! | (bytes[o + 1]! << 8);
  const compressedSize = u16(18) + u16(20) * 65536;
  const nameLength = u16(26);
  const extraLength = u16(28);
  const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength));
  const start = 30 + nameLength + extraLength;
  return { name, data: bytes.subarray(start, Math.min(bytes.length, start + compressedSize)) };
}

/** The names the archive's directory lists, without unpacking anything; undefined if it cannot be listed. */
export function entryNames(bytes: Uint8Array): string[] | undefined {
  try {
    return listEntries(bytes).map((e) => e.name);
  } catch {
    return undefined;
  }
}

class ZipRefused extends Error {}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

/** The central directory: the archive's own list of entries, read without unpacking any. */
function listEntries(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  // The end record sits in the last 22 bytes plus at most a 64 KB comment.
  for (let e = bytes.length - 22; e >= Math.max(0, bytes.length - 22 - 65_535); e--)
    if (view.getUint32(e, true) === 0x06054b50) {
      end = e;
      break;
    }
  if (end < 0) throw new Error('no zip directory at its end');
  const count = view.getUint16(end + 10, true);
  let o = view.getUint32(end + 16, true);
  if (count === 0xffff || o === 0xffffffff) throw new ZipRefused('is a ZIP64 archive, which no book or document needs; not read');
  if (count > ZIP_MAX_ENTRIES) throw new ZipRefused(`has more than ${ZIP_MAX_ENTRIES} entries in its zip archive; not read`);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (o + 46 > bytes.length || view.getUint32(o, true) !== 0x02014b50) throw new Error('its zip directory is cut short');
    const nameLength = view.getUint16(o + 28, true);
    entries.push({
      method: view.getUint16(o + 10, true),
      compressedSize: view.getUint32(o + 20, true),
      size: view.getUint32(o + 24, true),
      headerOffset: view.getUint32(o + 42, true),
      name: new TextDecoder().decode(bytes.subarray(o + 46, o + 46 + nameLength)),
    });
    o += 46 + nameLength + view.getUint16(o + 30, true) + view.getUint16(o + 32, true);
  }
  return entries;
}

/** Inflates in slices and stops as soon as the output passes the declared size: a lying entry costs nothing. */
function inflateCapped(data: Uint8Array, size: number, name: string): Uint8Array {
  const out = new Uint8Array(size);
  let written = 0;
  const inflater = new (fflate().Inflate)((chunk) => {
    if (written + chunk.length > size) throw new ZipRefused(`has an entry (${name.slice(0, 80)}) that unpacks to more than it declares (a zip bomb); not read`);
    out.set(chunk, written);
    written += chunk.length;
  });
  // Small slices: deflate packs up to ~1000 output bytes per input byte, and the check runs per slice.
  const SLICE = 2048;
  for (let i = 0; i < data.length; i += SLICE) inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  if (data.length === 0) inflater.push(data, true);
  return written === size ? out : out.subarray(0, written);
}

/**
 * Unpacks the entries `want` accepts (all by default), with the entry count and the total of the
 * declared sizes checked before anything is inflated, and each entry held to its declared size.
 */
export function unzipCapped(
  bytes: Uint8Array,
  want: (name: string) => boolean = () => true,
): { files: Map<string, Uint8Array> } | { error: string } {
  try {
    const entries = listEntries(bytes).filter((e) => !e.name.endsWith('/') && want(e.name));
    const total = entries.reduce((sum, e) => sum + e.size, 0);
    if (total > ZIP_MAX_UNPACKED)
      throw new ZipRefused(`would unpack to more than ${ZIP_MAX_UNPACKED / 1024 / 1024} MB (a zip bomb or a damaged archive); not read`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const files = new Map<string, Uint8Array>();
    for (const e of entries) {
      const h = e.headerOffset;
      if (h + 30 > bytes.length || view.getUint32(h, true) !== 0x04034b50) throw new Error(`entry ${e.name.slice(0, 80)} is missing`);
      const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
      const data = bytes.subarray(start, start + e.compressedSize);
      if (data.length < e.compressedSize) throw new Error(`entry ${e.name.slice(0, 80)} is cut short`);
      if (e.method === 0) files.set(e.name, data.slice(0, e.size));
      else if (e.method === 8) files.set(e.name, inflateCapped(data, e.size, e.name));
      else throw new ZipRefused(`uses a compression method (${e.method}) books and documents do not; not read`);
    }
    return { files };
  } catch (e) {
    if (e instanceof ZipRefused) return { error: e.message };
    return { error: `is a damaged zip archive (${(e as Error).message.slice(0, 120)})` };
  }
}

/** Entry names are paths inside the archive: "OEBPS/text/../a.xhtml" is "OEBPS/a.xhtml". */
export function resolveEntry(base: string, href: string): string {
  const parts = base.split('/').slice(0, -1);
  let path = href.split("#")[0]!;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray "%" is part of the name.
  }
  for (const seg of path.split("/")) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}
