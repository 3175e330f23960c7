/**
 * `Memory` values: built from content (index built now) or mapped from the derived binary cache (index
 * and records as they were; each unit decoded when asked for). Pure: bytes in, bytes out.
 *
 * Cache layout (little-endian; all sections 8-byte aligned):
 *   "KIOKUIDX" | u32 version | u32 header length | u32 CRC-32 of everything after byte 24 | u32 0 |
 *   header JSON | sections…
 * header: {fingerprint, count, exports: [export lines], pairs, sections: {name: [offset, byteLength]}}
 * sections: lines (UTF-8 record lines joined by "\n"), lineStart (u32, count + 1), and the typed arrays
 * of `MemoryIndex`.
 *
 * The cache is derived and may be damaged or planted (a pull request can commit `.cache/`): a file
 * that fails its checksum, has another version or does not decode is not a cache (undefined: the
 * store rebuilds it from the shards), never an error. The CRC catches any accidental change (one
 * byte, a torn write, shifted offsets); it is no defence against a file crafted to pass it, which
 * must also carry the shards' fingerprint (size, mtime in ns and inode of every shard) to be used.
 */
import { crc32 } from 'node:zlib';
import type { ExportRecord, Lang, MemoryContent, TranslationUnit } from '../model.js';
import type { Memory, MemoryIndex } from './shapes.js';
import { decodeExportLine, decodeUnitLine, encodeExport, encodeUnit } from './codec.js';
import { buildIndex } from './fuzzy-index.js';

/** 4: the checksum (caches of version 3 and older, in index-v1.bin, are ignored). */
export const CACHE_VERSION = 4;
const MAGIC = 'KIOKUIDX';
/** Magic, version, header length, checksum, a zero word: the checksum covers everything after it. */
const HEAD_BYTES = 24;

export function memoryFromContent(content: MemoryContent, index: MemoryIndex = buildIndex(content.units)): Memory {
  const units = content.units;
  return {
    size: units.length,
    unit: (i) => units[i]!,
    id: (i) => units[i]!.id,
    exports: content.exports,
    index,
  };
}

const INDEX_ARRAYS = [
  'keys',
  'keyStart',
  'unitAt',
  'lengthStart',
  'gramCodes',
  'gramStart',
  'postings',
  'exactHash',
  'exactUnit',
  'looseHash',
  'looseUnit',
  'pairOf',
] as const;
type ArrayName = (typeof INDEX_ARRAYS)[number];

/** The cache file for a memory built from content, tagged with the store fingerprint it belongs to. */
export function encodeCache(content: MemoryContent, index: MemoryIndex, fingerprint: string): Uint8Array {
  return Buffer.concat(encodeCacheParts(content, index, fingerprint));
}

/**
 * The cache file as consecutive pieces (header, then each section padded to 8 bytes), for writing
 * without assembling a second copy of a large memory in one buffer.
 */
export function encodeCacheParts(content: MemoryContent, index: MemoryIndex, fingerprint: string): Uint8Array[] {
  // Each record encoded once, straight into 16 MiB chunks (a million lines kept as strings at once
  // would cost more than the whole cache), written one after the other; lineStart holds byte offsets.
  const n = content.units.length;
  const lineStart = new Uint32Array(n + 1);
  const chunks: Buffer[] = [];
  let chunk = Buffer.allocUnsafe(0);
  let used = 0;
  let off = 0;
  for (let i = 0; i < n; i++) {
    const line = encodeUnit(content.units[i]!);
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    if (used + bytes > chunk.length) {
      if (used > 0) chunks.push(chunk.subarray(0, used));
      chunk = Buffer.allocUnsafe(Math.max(1 << 24, bytes));
      used = 0;
    }
    used += chunk.write(line, used, 'utf8');
    chunk[used++] = 0x0a;
    lineStart[i] = off;
    off += bytes;
  }
  if (used > 0) chunks.push(chunk.subarray(0, used));
  lineStart[n] = off;
  const parts: Array<[string, Uint8Array[]]> = [
    ['lines', chunks],
    ['lineStart', [bytesOf(lineStart)]],
  ];
  for (const name of INDEX_ARRAYS) parts.push([name, [bytesOf(index[name])]]);
  const sections: Record<string, [number, number]> = {};
  let pos = 0;
  for (const [name, pieces] of parts) {
    const length = pieces.reduce((sum, b) => sum + b.length, 0);
    sections[name] = [pos, length];
    pos += align8(length);
  }
  const header = Buffer.from(
    JSON.stringify({ fingerprint, count: content.units.length, exports: content.exports.map(encodeExport), pairs: index.pairs, sections }),
    'utf8',
  );
  const bodyStart = align8(HEAD_BYTES + header.length);
  const head = new Uint8Array(bodyStart);
  head.set(Buffer.from(MAGIC, 'latin1'), 0);
  const dv = new DataView(head.buffer);
  dv.setUint32(8, CACHE_VERSION, true);
  dv.setUint32(12, header.length, true);
  head.set(header, HEAD_BYTES);
  const out: Uint8Array[] = [head];
  for (const [name, pieces] of parts) {
    out.push(...pieces);
    const length = sections[name]![1];
    if (align8(length) > length) out.push(new Uint8Array(align8(length) - length));
  }
  let sum = crc32(head.subarray(HEAD_BYTES));
  for (let i = 1; i < out.length; i++) sum = crc32(out[i]!, sum);
  dv.setUint32(16, sum, true);
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

function bytesOf(a: Uint8Array | Uint16Array | Uint32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * Maps a cache file back to a Memory without copying its arrays. Returns undefined when the bytes are
 * not a cache of this version for `fingerprint` (the caller rebuilds it).
 */
export function memoryFromCache(bytes: Uint8Array, fingerprint: string): Memory | undefined {
  const cached = staleMemoryFromCache(bytes);
  return cached && cached.fingerprint === fingerprint ? cached.memory : undefined;
}

/**
 * A base memory with the units added or replaced since its index was built: `hidden` marks the base
 * units whose records changed (or left); `added` are indexed now (a few shards' worth, so this is
 * cheap) and searched beside the base index. Visible units: the base's that are not hidden, then the
 * added ones.
 */
export function withOverlay(base: Memory, hidden: Uint8Array, added: readonly TranslationUnit[], exports: readonly ExportRecord[]): Memory {
  const nb = base.size;
  let hiddenCount = 0;
  for (let i = 0; i < nb; i++) hiddenCount += hidden[i]! ? 1 : 0;
  const visible = new Uint32Array(nb - hiddenCount + added.length);
  let v = 0;
  for (let i = 0; i < nb; i++) if (!hidden[i]) visible[v++] = i;
  for (let j = 0; j < added.length; j++) visible[v++] = nb + j;
  const unitAt = (n: number): TranslationUnit => (n < nb ? base.unit(n) : added[n - nb]!);
  return {
    size: visible.length,
    unit: (i) => unitAt(visible[i]!),
    id: (i) => {
      const n = visible[i]!;
      return n < nb ? base.id(n) : added[n - nb]!.id;
    },
    exports,
    index: base.index,
    overlay: { index: buildIndex(added), hidden, unitAt },
  };
}

/** The language pairs of a memory's units (base and overlay). */
export function memoryPairs(memory: Memory): Array<readonly [Lang, Lang]> {
  const seen = new Map<string, readonly [Lang, Lang]>();
  for (const p of [...memory.index.pairs, ...(memory.overlay?.index.pairs ?? [])]) seen.set(`${p[0]}\u0000${p[1]}`, p);
  return [...seen.values()];
}

/** A cache file mapped back whatever shards it was built from, with their fingerprint; undefined when it is not a sound cache of this version. */
export function staleMemoryFromCache(bytes: Uint8Array): { memory: Memory; fingerprint: string } | undefined {
  try {
    return mapCache(bytes);
  } catch {
    // A header of the wrong shape, a view out of bounds: not a cache.
    return undefined;
  }
}

interface CacheHeader {
  fingerprint: string;
  count: number;
  exports: string[];
  pairs: Array<[string, string]>;
  sections: Record<string, [number, number]>;
}

function isHeader(h: unknown): h is CacheHeader {
  if (typeof h !== 'object' || h === null) return false;
  const o = h as Record<string, unknown>;
  return (
    typeof o.fingerprint === 'string' &&
    Number.isSafeInteger(o.count) &&
    (o.count as number) >= 0 &&
    Array.isArray(o.exports) &&
    o.exports.every((e) => typeof e === 'string') &&
    Array.isArray(o.pairs) &&
    o.pairs.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string') &&
    typeof o.sections === 'object' &&
    o.sections !== null &&
    Object.values(o.sections).every(
      (s) => Array.isArray(s) && s.length === 2 && Number.isSafeInteger(s[0]) && Number.isSafeInteger(s[1]) && s[0] >= 0 && s[1] >= 0,
    )
  );
}

function mapCache(bytes: Uint8Array): { memory: Memory; fingerprint: string } | undefined {
  if (bytes.length < HEAD_BYTES || Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1') !== MAGIC) return undefined;
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(8, true) !== CACHE_VERSION || dv.getUint32(20, true) !== 0) return undefined;
  const headerLength = dv.getUint32(12, true);
  if (HEAD_BYTES + headerLength > bytes.length) return undefined;
  if (crc32(bytes.subarray(HEAD_BYTES)) !== dv.getUint32(16, true)) return undefined;
  const header: unknown = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + HEAD_BYTES, headerLength).toString('utf8'));
  if (!isHeader(header)) return undefined;
  const bodyStart = align8(HEAD_BYTES + headerLength);
  const view = <T>(name: string, make: (buf: ArrayBuffer, off: number, len: number) => T, size: number): T | undefined => {
    const s = header.sections[name];
    if (!s || s[1] % size !== 0 || (bodyStart + s[0]) % size !== 0 || bodyStart + s[0] + s[1] > bytes.length) return undefined;
    return make(bytes.buffer as ArrayBuffer, bytes.byteOffset + bodyStart + s[0], s[1] / size);
  };
  const u8 = (b: ArrayBuffer, o: number, l: number) => new Uint8Array(b, o, l);
  const u16 = (b: ArrayBuffer, o: number, l: number) => new Uint16Array(b, o, l);
  const u32 = (b: ArrayBuffer, o: number, l: number) => new Uint32Array(b, o, l);
  const lines = view('lines', u8, 1);
  const lineStart = view('lineStart', u32, 4);
  const arrays: Partial<Record<ArrayName, Uint16Array | Uint32Array>> = {};
  for (const name of INDEX_ARRAYS) {
    const wide = name !== 'keys' && name !== 'pairOf';
    const a = wide ? view(name, u32, 4) : view(name, u16, 2);
    if (!a) return undefined;
    arrays[name] = a;
  }
  const count = header.count;
  if (!lines || !lineStart || lineStart.length !== count + 1 || lineStart[count] !== lines.length) return undefined;
  // Each record line holds at least `{"id":"<16 hex>"…}\n`: offsets that say otherwise are not ours.
  for (let i = 0; i < count; i++) if (lineStart[i + 1]! - lineStart[i]! < 25) return undefined;
  const pairOf = arrays.pairOf!;
  if (pairOf.length !== count) return undefined;
  for (let i = 0; i < count; i++) if (pairOf[i]! >= header.pairs.length) return undefined;
  const exports: ExportRecord[] = [];
  for (const line of header.exports) {
    const d = decodeExportLine(line);
    if (!d.ok) return undefined;
    exports.push(d.value);
  }
  const index = { ...(arrays as Record<ArrayName, never>), pairs: header.pairs } as MemoryIndex;
  const buf = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
  const lineOf = (i: number) => buf.toString('utf8', lineStart[i]!, lineStart[i + 1]! - 1);
  const memory: Memory = {
    size: count,
    unit: (i: number): TranslationUnit => {
      const d = decodeUnitLine(lineOf(i));
      // The cache passed its checksum and was written from checked records: only a file crafted to
      // pass the checksum and the fingerprint gets here.
      if (!d.ok) throw new Error(`the memory cache is damaged at record ${i}; delete memory/.cache and retry`);
      return d.value;
    },
    id: (i: number) => buf.toString('latin1', lineStart[i]! + 7, lineStart[i]! + 23),
    exports,
    index,
  };
  return { memory, fingerprint: header.fingerprint };
}
