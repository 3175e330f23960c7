/**
 * The storage shapes of a loaded translation memory: the fuzzy index as typed arrays and the
 * `Memory` view over it (built by src/memory/view.ts, searched by src/memory/fuzzy-index.ts and
 * lookup.ts). They describe how a memory is held for lookups, not what it means, so they live here
 * rather than in the domain model (src/model.ts).
 */
import type { ExportRecord, Lang, TranslationUnit } from '../model.js';

/**
 * The fuzzy index of a memory as plain typed arrays (so it can be written to and mapped back from the
 * derived cache without rebuilding). Built by `buildIndex` in src/memory/fuzzy-index.ts.
 *
 * Units are ordered by the length of their folded source ("position" order); every posting list holds
 * positions in ascending order, so a length window is one contiguous slice of each list.
 */
export interface MemoryIndex {
  /** Folded sources (see `foldKey`), UTF-16 code units, concatenated in position order. */
  readonly keys: Uint16Array;
  /** keyStart[p]..keyStart[p+1] is the key of position p (length n + 1). */
  readonly keyStart: Uint32Array;
  /** Unit number (index into the memory's id order) at each position. */
  readonly unitAt: Uint32Array;
  /** lengthStart[L] = first position whose key length is ≥ L (length maxLength + 2). */
  readonly lengthStart: Uint32Array;
  /** Sorted distinct q-gram codes (bigrams: c1 << 16 | c2; 4-grams: a 32-bit hash) and their posting lists. */
  readonly gramCodes: Uint32Array;
  readonly gramStart: Uint32Array;
  readonly postings: Uint32Array;
  /** 32-bit hashes of exact sources (NFC) and of whitespace/punctuation-free keys, sorted, with unit numbers. */
  readonly exactHash: Uint32Array;
  readonly exactUnit: Uint32Array;
  readonly looseHash: Uint32Array;
  readonly looseUnit: Uint32Array;
  /** Language-pair number of each unit (index into `pairs`), in id order. */
  readonly pairOf: Uint16Array;
  readonly pairs: readonly (readonly [source: Lang, target: Lang])[];
}

/**
 * A translation memory ready for lookups. Units are decoded on demand (a large store is mapped from its
 * binary cache without materialising every record), so read them through `unit(i)`, i in [0, size).
 */
export interface Memory {
  readonly size: number;
  unit(index: number): TranslationUnit;
  /** The id of unit i without decoding the whole record. */
  id(index: number): string;
  readonly exports: readonly ExportRecord[];
  readonly index: MemoryIndex;
  /**
   * Units added or replaced since `index` was built (a memory loaded from a cache that predates a few
   * changed shards), searched beside it. `size`/`unit(i)` list the visible units only; the indexes
   * number units base first, then the overlay's (see MemoryOverlay).
   */
  readonly overlay?: MemoryOverlay;
}

export interface MemoryOverlay {
  /** The index of the added or replaced units; its unit n is index number (base size + n). */
  readonly index: MemoryIndex;
  /** Base unit numbers whose records were replaced or removed since: skipped by every search. */
  readonly hidden: Uint8Array;
  /** The unit with an index number (base or overlay, hidden ones included). */
  unitAt(n: number): TranslationUnit;
}
