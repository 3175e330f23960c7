/**
 * The project's hand-written non-cryptographic hashes, in one place. Each is pinned by
 * tests/text/hash.test.ts: segment ids, memory checksums, the saved fuzzy index (index-v2.bin) and
 * baseline fingerprints depend on their exact values, so a change here is a format change.
 *
 * The bodies are written for hot loops (segment ids, index builds): plain loops over UTF-16 code
 * units, no per-character calls or allocation.
 *
 * One fused copy lives elsewhere on purpose: src/segment/id.ts `fastLanes` computes `hash64Lanes`
 * while it checks that the text is already normalised (one pass instead of two); the pinned ids in the
 * test tie the two together.
 */

/** 64-bit hash of a string as 16 hex digits (cyrb53-style, two independent lanes). */
export function hash64(text: string): string {
  const [h1, h2] = hash64Lanes(text);
  return hex8(h1) + hex8(h2);
}

/** The two finished 32-bit lanes of `hash64` (unsigned): two multiply-xorshift lanes over UTF-16 code units. */
export function hash64Lanes(text: string): readonly [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish(h1, h2);
}

function finish(a: number, b: number): readonly [number, number] {
  const h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  const h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** Char codes of the hex digits 0-9a-f. */
const DIGITS = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/** A 32-bit number as 8 lowercase hex digits. */
export function hex8(n: number): string {
  return String.fromCharCode(
    DIGITS[n >>> 28]!,
    DIGITS[(n >>> 24) & 15]!,
    DIGITS[(n >>> 20) & 15]!,
    DIGITS[(n >>> 16) & 15]!,
    DIGITS[(n >>> 12) & 15]!,
    DIGITS[(n >>> 8) & 15]!,
    DIGITS[(n >>> 4) & 15]!,
    DIGITS[n & 15]!,
  );
}

/** 12 hex digits: all 32 bits of `a`, then the top 16 bits of `b` (one flat string, no concatenation). */
export function hex12(a: number, b: number): string {
  return String.fromCharCode(
    DIGITS[a >>> 28]!,
    DIGITS[(a >>> 24) & 15]!,
    DIGITS[(a >>> 20) & 15]!,
    DIGITS[(a >>> 16) & 15]!,
    DIGITS[(a >>> 12) & 15]!,
    DIGITS[(a >>> 8) & 15]!,
    DIGITS[(a >>> 4) & 15]!,
    DIGITS[a & 15]!,
    DIGITS[b >>> 28]!,
    DIGITS[(b >>> 24) & 15]!,
    DIGITS[(b >>> 20) & 15]!,
    DIGITS[(b >>> 16) & 15]!,
  );
}

/**
 * A cheap fingerprint of a text for grouping equal texts without hashing every character: its length
 * and nine characters spread over it. Equal texts have equal fingerprints; different texts usually
 * differ (whoever groups by it still compares the texts that share one). A small non-negative integer,
 * so a Map keyed by it never reads the strings.
 */
export function textFingerprint(text: string): number {
  const n = text.length;
  let h = Math.imul(n, 0x9e3779b1);
  if (n === 0) return h >>> 2;
  // The first characters and the last ones (where sentences that share a template differ), and the middle.
  const at = (i: number): number => text.charCodeAt(i < n ? i : n - 1);
  h = Math.imul(h ^ at(0), 0x85ebca6b);
  h = Math.imul(h ^ at(1), 0xc2b2ae35);
  h = Math.imul(h ^ at(2), 0x27d4eb2f);
  h = Math.imul(h ^ at(3), 0x165667b1);
  h = Math.imul(h ^ at(n >> 2), 0x85ebca6b);
  h = Math.imul(h ^ at(n >> 1), 0xc2b2ae35);
  h = Math.imul(h ^ at((3 * n) >> 2), 0x27d4eb2f);
  h = Math.imul(h ^ text.charCodeAt(n > 1 ? n - 2 : 0), 0x165667b1);
  h = Math.imul(h ^ text.charCodeAt(n - 1), 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 2;
}

/** 32-bit FNV-1a over UTF-16 code units (unsigned). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * FNV-1a one code unit at a time, for callers that hash a run while they scan it (the glossary's word
 * index). Signed 32-bit values: starting from FNV1A_SEED and stepping over a string's code units gives
 * `fnv1a32(string) | 0`.
 */
export const FNV1A_SEED = 0x811c9dc5 | 0;
export const fnv1aStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

/**
 * The 32-bit code of the 4-gram a b c d (UTF-16 code units; 0 is the boundary mark) in the fuzzy index.
 * Not order-free: each position has its own offset and multiplier.
 */
export function gram4Code(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 7, 0x85ebca77) ^ Math.imul(c + 13, 0xc2b2ae3d) ^ Math.imul(d + 29, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

/** The exact 32-bit code of the bigram a b (UTF-16 code units; 0 is the boundary mark) in the fuzzy index. */
export function gram2Code(a: number, b: number): number {
  return ((a << 16) | b) >>> 0;
}

/** The home slot of a 32-bit code in an open-addressing table of mask + 1 (a power of two) slots. */
export function slotHash(code: number, mask: number): number {
  return (Math.imul(code, 0x9e3779b1) >>> 0) & mask;
}
