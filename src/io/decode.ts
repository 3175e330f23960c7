import type { Result } from '../model.js';
import { err, ok } from '../model.js';

/** Encodings kioku decodes when asked explicitly with `--encoding`. */
export const EXPLICIT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'shift_jis', 'euc-jp'] as const;
export type Encoding = (typeof EXPLICIT_ENCODINGS)[number];

export interface Decoded {
  readonly text: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
}

export interface DecodeOptions {
  /** Decode with this encoding instead of detecting it (still refuses undecodable bytes). */
  readonly encoding?: Encoding;
  /** File name for error messages. */
  readonly file?: string;
}

/**
 * Turns file bytes into text. UTF-8 (BOM optional) and UTF-16 with a BOM are accepted; anything else is
 * refused with an error naming what the bytes look like (Shift_JIS, EUC-JP, UTF-16 without BOM,
 * binary) and the byte offset of the first bad byte, unless `encoding` says how to read it.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): Result<Decoded> {
  const file = options.file;
  if (options.encoding !== undefined && options.encoding !== 'utf-8') {
    return decodeWith(bytes, options.encoding, file);
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8(bytes.subarray(3), true, file);
  }
  if (options.encoding === undefined && bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith(bytes.subarray(2), 'utf-16le', file, true);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith(bytes.subarray(2), 'utf-16be', file, true);
  }
  return decodeUtf8(bytes, false, file);
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array, bom: boolean, file: string | undefined): Result<Decoded> {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const guess = looksLikeUtf16(bytes) ? 'UTF-16 without a byte-order mark' : 'binary data (a NUL byte)';
    return err({
      code: 'encoding',
      message: `not UTF-8 text: found ${guess} at byte ${nul + (bom ? 3 : 0)}`,
      file,
      hint: guess.startsWith('UTF-16') ? 'save the file as UTF-8, or as UTF-16 with a BOM' : 'give a text file',
    });
  }
  try {
    return ok({ text: fatalUtf8.decode(bytes), encoding: 'utf-8', bom });
  } catch {
    if (!bom && looksLikeUtf16(bytes)) {
      return err({
        code: 'encoding',
        message: `not UTF-8 text: found UTF-16 without a byte-order mark at byte ${firstInvalidUtf8(bytes)}`,
        file,
        hint: 'save the file as UTF-8, or as UTF-16 with a BOM',
      });
    }
    const offset = firstInvalidUtf8(bytes) + (bom ? 3 : 0);
    const guess = guessLegacyEncoding(bytes);
    return err({
      code: 'encoding',
      message: guess
        ? `not UTF-8 text: the bytes look like ${guess.name} (first invalid UTF-8 byte at offset ${offset})`
        : `invalid UTF-8 at byte offset ${offset}`,
      file,
      hint: guess ? `convert it to UTF-8, or pass --encoding ${guess.id}` : 'save the file as UTF-8',
    });
  }
}

function decodeWith(bytes: Uint8Array, encoding: Encoding, file: string | undefined, bom = false): Result<Decoded> {
  // Offsets in messages count from the start of the file, the BOM included.
  const skipped = bom ? 2 : 0;
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    const nul = text.indexOf('\0');
    if (nul !== -1) {
      // In UTF-16 every code unit is two bytes, so the text offset gives the byte offset exactly.
      const at = utf16 ? ` at byte ${skipped + nul * 2}` : '';
      return err({ code: 'encoding', message: `not ${encoding} text: it decodes to NUL characters${at} (binary data?)`, file });
    }
    return ok({ text, encoding, bom });
  } catch {
    const bad = utf16 ? invalidUtf16(bytes, encoding === 'utf-16le') : firstUndecodable(bytes, encoding);
    return err({
      code: 'encoding',
      message: `the bytes are not valid ${encoding}: ${bad.what} at byte offset ${skipped + bad.offset}`,
      file,
      hint: 'check the --encoding value',
    });
  }
}

/** Where UTF-16 breaks (only called on the error path): a lone surrogate, or an odd last byte. */
function invalidUtf16(bytes: Uint8Array, littleEndian: boolean): { offset: number; what: string } {
  const units = bytes.length >> 1;
  const unit = (i: number) => (littleEndian ? bytes[2 * i]! | (bytes[2 * i + 1]! << 8) : (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  for (let i = 0; i < units; i++) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < units ? unit(i + 1) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { offset: 2 * i, what: `a lone high surrogate U+${u.toString(16).toUpperCase()}` };
    }
    if (u >= 0xdc00 && u <= 0xdfff) return { offset: 2 * i, what: `a lone low surrogate U+${u.toString(16).toUpperCase()}` };
  }
  if (bytes.length % 2 === 1) return { offset: bytes.length - 1, what: 'an odd number of bytes, half a character' };
  return { offset: bytes.length, what: 'an undecodable sequence' };
}

/**
 * Where a legacy encoding breaks (only called on the error path). A streaming decoder accepts a prefix
 * unless it holds an invalid sequence (an incomplete one at its end is held back), so a binary search
 * finds the shortest failing prefix (about 26 decodes for 64 MiB); the bad sequence starts after the
 * last complete character before its end, at most a few bytes back.
 */
function firstUndecodable(bytes: Uint8Array, encoding: Encoding): { offset: number; what: string } {
  const decodes = (n: number, stream: boolean) => {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, n), { stream });
      return true;
    } catch {
      return false;
    }
  };
  let end = bytes.length;
  if (decodes(end, true)) {
    // Every sequence is valid: the file ends inside a character.
    let start = end;
    while (start > 0 && end - start < 4 && !decodes(start, false)) start--;
    return { offset: start, what: 'the file ends inside a character' };
  }
  let lo = 0;
  while (lo < end) {
    const mid = (lo + end) >>> 1;
    if (decodes(mid, true)) lo = mid + 1;
    else end = mid;
  }
  let start = end - 1;
  while (start > 0 && end - 1 - start < 3 && !decodes(start, false)) start--;
  return { offset: start, what: 'an invalid byte sequence' };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * kioku's own files (memory shards): strict UTF-8, a leading BOM dropped, nothing guessed. The text,
 * or the byte offset of the first invalid byte (decoded loosely, a bad byte would only surface later
 * as a misleading checksum mismatch).
 */
export function decodeUtf8Strict(bytes: Uint8Array): { readonly text: string } | { readonly invalidAt: number } {
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    return { invalidAt: firstInvalidUtf8(bytes) };
  }
}

/** Byte offset of the first byte that breaks UTF-8 (linear scan; only called on the error path). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  // ASCII-heavy UTF-16 has a NUL in every other byte; Japanese UTF-16 has 0x30 (the high byte of kana
  // and CJK punctuation, U+3000–U+30FF) in every other byte instead, and few NULs.
  const n = Math.min(bytes.length, 4096) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  let evenKana = 0;
  let oddKana = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
    if (bytes[i] === 0x30) evenKana++;
    if (bytes[i + 1] === 0x30) oddKana++;
  }
  const pairs = n / 2;
  if (pairs === 0) return false;
  const skew = (a: number, b: number) => (a / pairs > 0.3 || b / pairs > 0.3) && Math.abs(a - b) / pairs > 0.2;
  return skew(evenNul, oddNul) || skew(evenNul + evenKana, oddNul + oddKana);
}

/** Names Shift_JIS or EUC-JP when the bytes decode cleanly as one of them and contain kana. */
function guessLegacyEncoding(bytes: Uint8Array): { name: string; id: Encoding } | undefined {
  const candidates: Array<{ name: string; id: Encoding }> = [
    { name: 'EUC-JP', id: 'euc-jp' },
    { name: 'Shift_JIS', id: 'shift_jis' },
  ];
  let best: { name: string; id: Encoding; score: number } | undefined;
  for (const c of candidates) {
    try {
      const text = new TextDecoder(c.id, { fatal: true }).decode(bytes.subarray(0, 65536));
      const kana = (text.match(/[\u3041-\u3096\u30a1-\u30fa]/g) ?? []).length;
      const odd = (text.match(/[\uff61-\uff9f\ue000-\uf8ff]/g) ?? []).length; // half-width kana, private use
      const score = kana - 4 * odd;
      if (kana > 0 && (!best || score > best.score)) best = { ...c, score };
    } catch {
      // not this encoding
    }
  }
  return best ? { name: best.name, id: best.id } : undefined;
}
