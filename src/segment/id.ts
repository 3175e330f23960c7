import type { SegmentId } from '../model.js';

/**
 * Segment id scheme (documented in README "Segment ids"):
 *
 *   id = hex48(hash64(normalise(text)))            first occurrence in a document
 *   id = hex48(hash64(normalise(text))) + "." + N  N-th occurrence (N ≥ 2) of the same normalised text
 *
 * normalise = NFC, every whitespace run collapsed to one space, trimmed. The hash is a 64-bit
 * non-cryptographic hash (two 32-bit multiply-xorshift lanes over UTF-16 code units) cut to 48 bits,
 * i.e. 12 lowercase hex digits: a valid XML NMTOKEN and short enough to read in a CAT tool. Two
 * different texts colliding on 48 bits in one document is improbable (≈ n²/2⁴⁹, 2·10⁻⁷ for 10,000
 * segments) but detected: `assignIds` reports it and disambiguates with a `~N` suffix so ids stay
 * unique.
 */
export function normaliseForId(text: string): string {
  const nfc = text.normalize('NFC');
  // Fast path: most sentences have no whitespace run to collapse and nothing to trim.
  if (!/\s\s|^\s|\s$|[\t\n\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(nfc)) return nfc;
  return nfc.replace(/\s+/g, ' ').trim();
}

/** 64-bit hash of a string as 16 hex digits (cyrb53-style, two independent lanes). */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** The occurrence-free part of a segment id. */
export function baseId(text: string): SegmentId {
  return hash64(normaliseForId(text)).slice(0, 12);
}

export interface IdCollision {
  readonly id: SegmentId;
  readonly texts: readonly [string, string];
}

/**
 * Gives every text its id: base hash plus an occurrence number for repeats. Returns the ids in input
 * order and any hash collisions found (different normalised texts with the same base id).
 */
export function assignIds(texts: readonly string[]): { ids: SegmentId[]; collisions: IdCollision[] } {
  const seen = new Map<string, { norm: string; count: number }>();
  const collisions: IdCollision[] = [];
  const ids: SegmentId[] = [];
  for (const text of texts) {
    const norm = normaliseForId(text);
    let id = hash64(norm).slice(0, 12);
    let entry = seen.get(id);
    if (entry && entry.norm !== norm) {
      // A true collision: find the disambiguated slot that belongs to this text.
      collisions.push({ id, texts: [entry.norm, norm] });
      let k = 2;
      for (;;) {
        const alt = `${id}~${k}`;
        const altEntry = seen.get(alt);
        if (!altEntry || altEntry.norm === norm) {
          id = alt;
          entry = altEntry;
          break;
        }
        k++;
      }
    }
    if (entry) {
      entry.count++;
      ids.push(`${id}.${entry.count}`);
    } else {
      seen.set(id, { norm, count: 1 });
      ids.push(id);
    }
  }
  return { ids, collisions };
}
