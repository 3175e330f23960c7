import type { SegmentId } from '../model.js';
import { isSpaceCode } from './chars.js';
import { NFC_UNSAFE } from './nfc.js';
import { hash64Lanes as lanes, hex12 } from '../text/hash.js';

/** Kept here too: segment ids are documented as hash64-based, and callers import it from the segment module. */
export { hash64 } from '../text/hash.js';

/**
 * Segment id scheme (documented in the README, "Segment ids"):
 *
 *   id = base(text)                 first occurrence of the text in a document
 *   id = base(text) + "." + N       N-th occurrence (N ≥ 2) of the same normalised text
 *   base(text) = first 48 bits of hash64(normalise(text)), as 12 lowercase hex digits
 *
 * normalise = NFC, every whitespace run collapsed to one space, trimmed. So "A  b" and "A b" share an
 * id, and so do a precomposed "é" and "e" + U+0301. hash64 is a 64-bit non-cryptographic hash (two
 * 32-bit multiply-xorshift lanes over UTF-16 code units, cyrb53-style). 12 hex digits are a valid XML
 * NMTOKEN and short enough to read in a CAT tool. The id never depends on position, so an unchanged
 * sentence keeps it when others are edited, inserted or moved (only the N of a repeated sentence can
 * change, when an earlier copy of it is added or removed).
 *
 * Collisions: two different normalised texts with the same 48-bit base in one document are improbable
 * (≈ n²/2⁴⁹: 2·10⁻⁷ for 10,000 distinct sentences) but detected. The first text keeps the base, the
 * other gets `base~2` (then `~3`…), so ids stay unique and stable for the first text; the collision is
 * reported in `SegmentResult.collisions`.
 */
export function normaliseForId(text: string): string {
  const nfc = text.normalize('NFC');
  // Fast path: most sentences have no whitespace run to collapse and nothing to trim.
  if (!/\s\s|^\s|\s$|[\t\n\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(nfc)) return nfc;
  return nfc.replace(/\s+/g, ' ').trim();
}

/**
 * `normaliseForId` as its definition says, without the shortcut, for the tests only (not part of the
 * library): tests/segment/id-reference.test.ts checks that both, and the default assigner's one-pass
 * `fastLanes`, give the same answers.
 */
export function referenceNormaliseForId(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The 48-bit base id of an already normalised text. */
export function baseIdOfNormalised(normalised: string): SegmentId {
  const [h1, h2] = lanes(normalised);
  return hex12(h1, h2);
}

/** The occurrence-free part of a segment id. */
export function baseId(text: string): SegmentId {
  return baseIdOfNormalised(normaliseForId(text));
}

/** Code units (from U+0300) that NFC may change or that are whitespace: the fast path gives up on them. */
const NOT_FAST: Uint8Array = (() => {
  const t = NFC_UNSAFE.slice();
  for (let c = 0x300; c < 0x10000; c++) if (isSpaceCode(c)) t[c] = 1;
  return t;
})();

/**
 * The two hash lanes of `text` when it is already normalised (NFC, no whitespace to collapse or trim),
 * written to `out`; false otherwise. One pass that hashes while checking, so the common case never
 * calls `normalize`: a fused copy of `hash64Lanes` (src/text/hash.ts), which must give the same lanes.
 */
function fastLanes(text: string, out: Uint32Array): boolean {
  const n = text.length;
  if (n === 0 || isSpaceCode(text.charCodeAt(0)) || isSpaceCode(text.charCodeAt(n - 1))) return false;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300) {
      if (NOT_FAST[c] !== 0) return false;
      prevSpace = false;
    } else if (c <= 0x20 || c === 0xa0) {
      // Only a single ASCII space between words is already normalised.
      if (c !== 0x20 || prevSpace) return false;
      prevSpace = true;
    } else {
      prevSpace = false;
    }
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  out[0] = a;
  out[1] = b;
  return true;
}

export interface IdCollision {
  readonly id: SegmentId;
  readonly texts: readonly [string, string];
}

/** Hash from normalised text to a base id; injectable so tests can force a collision. */
export type IdHash = (normalised: string) => SegmentId;

export interface IdAssigner {
  /** The id of the next segment text, in document order. */
  next(text: string): SegmentId;
  /** Collisions found so far. */
  readonly collisions: IdCollision[];
}

/**
 * Gives texts their ids one by one, in document order: base hash plus an occurrence number for repeats,
 * with hash collisions detected and disambiguated. Holds only per-document state.
 */
export function idAssigner(hash?: IdHash): IdAssigner {
  return hash === undefined ? chainedAssigner() : customAssigner(hash);
}

/** The two 32-bit hash lanes of a normalised text (injectable so tests can force a 48-bit collision). */
export type IdLanes = (normalised: string) => readonly [number, number];

/**
 * The default hash: slots are chained by the first 32 hash bits, so a repeated sentence costs a hash and
 * a lookup (no hex string, no string-keyed map), and two texts sharing all 48 bits are found in the
 * same chain.
 */
export function chainedAssigner(lanesOf?: IdLanes): IdAssigner {
  const byPrefix = new Map<number, Slot>();
  const collisions: IdCollision[] = [];
  const lanesOut = new Uint32Array(2);
  return {
    collisions,
    next(text: string): SegmentId {
      let norm = text;
      if (lanesOf !== undefined || !fastLanes(text, lanesOut)) {
        norm = normaliseForId(text);
        const [a, b] = (lanesOf ?? lanes)(norm);
        lanesOut[0] = a;
        lanesOut[1] = b;
      }
      const key = lanesOut[0]! | 0;
      const lo = lanesOut[1]! >>> 16;
      const head = byPrefix.get(key);
      let clashes = 0;
      let oldest: Slot | undefined;
      for (let s = head; s !== undefined; s = s.next) {
        if (s.lo !== lo) continue;
        if (s.norm === norm) return occurrence(s);
        clashes++;
        oldest = s; // the chain runs newest first, so the last one seen took the base id
      }
      const base = hex12(lanesOut[0]!, lanesOut[1]!);
      // A true collision: the first text keeps the base id, the k-th different one gets base~k.
      if (oldest !== undefined) collisions.push({ id: base, texts: [oldest.norm, norm] });
      const slot: Slot = { id: clashes === 0 ? base : `${base}~${clashes + 1}`, norm, count: 0, lo, next: head };
      byPrefix.set(key, slot);
      return occurrence(slot);
    },
  };
}

/** An injected hash (tests force collisions with one): slots by base id string. */
function customAssigner(hash: IdHash): IdAssigner {
  const seen = new Map<string, Slot>();
  const collisions: IdCollision[] = [];
  return {
    collisions,
    next(text: string): SegmentId {
      const norm = normaliseForId(text);
      const base = hash(norm);
      let id = base;
      let slot = seen.get(id);
      if (slot !== undefined && slot.norm !== norm) {
        const first = slot.norm;
        for (let k = 2; ; k++) {
          id = `${base}~${k}`;
          slot = seen.get(id);
          if (slot === undefined) collisions.push({ id: base, texts: [first, norm] });
          if (slot === undefined || slot.norm === norm) break;
        }
      }
      if (slot === undefined) {
        slot = { id, norm, count: 0, lo: 0, next: undefined };
        seen.set(id, slot);
      }
      return occurrence(slot);
    },
  };
}

interface Slot {
  /** The id of the first occurrence (the base id, or base~k after a collision). */
  readonly id: SegmentId;
  readonly norm: string;
  count: number;
  /** Bits 32–47 of the hash and the next slot with the same first 32 bits (default hash only). */
  lo: number;
  next: Slot | undefined;
}

function occurrence(slot: Slot): SegmentId {
  slot.count++;
  return slot.count === 1 ? slot.id : `${slot.id}.${slot.count}`;
}

/**
 * Gives every text its id (see `idAssigner`). Returns the ids in input order and any hash collisions
 * found (different normalised texts with the same base id).
 */
export function assignIds(texts: readonly string[], hash?: IdHash): { ids: SegmentId[]; collisions: IdCollision[] } {
  const assigner = idAssigner(hash);
  const ids = texts.map((t) => assigner.next(t));
  return { ids, collisions: assigner.collisions };
}
