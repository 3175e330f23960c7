/**
 * The fuzzy index: padded character q-grams of folded sources (bigrams for CJK, 4-grams otherwise), with
 * length filtering, a count filter and a bounded bit-parallel edit distance. Pure; the index is plain
 * typed arrays (see `MemoryIndex`).
 *
 * The exact search: for a query key a and a unit key b with similarity 1 − d/max(|a|,|b|) ≥ t,
 *   - |b| lies in [t·|a|, |a|/t]                                       (length filter)
 *   - a and b have max(|a|,|b|) + q − 1 padded q-grams each, and one   (count filter, multiset counts)
 *     edit touches at most q of them, so they share at least
 *     max(|a|,|b|) + q − 1 − q·d gram occurrences
 *   - lev(a, b) ≤ d is then checked exactly.                           (verification)
 * Every step is a lower bound on the edit distance, so nothing a linear scan finds is missed.
 *
 * Latin-script text at low thresholds: at 75% a 70-character sentence may lose every 4-gram it has to
 * its 17 allowed edits, so the count filter proves nothing and an exact search would verify most of
 * the memory. So when the length window holds more than EXACT_WINDOW units and the count filter asks
 * for less than half of the query's grams (thresholds below ~88%), a unit must instead share at least
 * one in RARE_SHARE of the query's RARE_GRAMS rarest 4-grams (rarity measured inside the length
 * window; below 75% fewer: down to one at 50%) before it is verified. A unit that is really 75%
 * similar keeps most of its rare 4-grams unless the edits hit the rare words, so recall stays high
 * (measured against a linear scan in tests/bench/memory.bench.mjs and tested on a generated corpus in
 * tests/memory/index.test.ts), while a few hundred units are verified instead of most of the memory.
 * CJK sources (bigrams, whose count filter stays strong) and `exact: true` always take the exact search.
 * Posting lists hold positions in key-length order, so a length window is one slice of each list.
 */
import type { Lang } from '../model.js';
import type { MemoryIndex } from './shapes.js';
import { editDistance, foldKey, looseKey } from './text.js';
import { primaryLanguage, sameLanguage } from '../text/lang.js';
import { fnv1a32, gram2Code, gram4Code, slotHash } from '../text/hash.js';

/** What the index needs of each unit, in id order. */
export interface IndexInput {
  readonly source: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
}

/** The exact-match hash of a source (saved in the binary cache, so frozen); named hash32 in the memory module. */
export { fnv1a32 as hash32 } from '../text/hash.js';

const BOUNDARY = 0;

type GramSize = 2 | 4;

/**
 * Gram size per source language: bigrams for Chinese, Japanese and Korean, where one character
 * carries a lot; 4-grams elsewhere, where shorter grams of an alphabet are too common to select with.
 */
function gramSize(sourceLang: Lang): GramSize {
  // Frozen at exactly these three, not writesCjk: the index is saved in the binary cache (index-v2.bin)
  // and reused while the shards are unchanged, not when this code changes, so a wider set would mix sizes.
  return BIGRAM_LANGUAGES.has(primaryLanguage(sourceLang)) ? 2 : 4;
}

const BIGRAM_LANGUAGES: ReadonlySet<string> = new Set(['ja', 'zh', 'ko']);

/** Latin-script queries whose length window holds more units than this may take the rare-gram filter. */
export const EXACT_WINDOW = 2_000;
/** The rare-gram filter: a unit must hold at least 1/RARE_SHARE of the query's RARE_GRAMS rarest 4-grams. */
const RARE_GRAMS = 20;
const RARE_SHARE = 5;

/**
 * Calls fn with the code of each padded q-gram of keys[from, to) (q − 1 boundary marks at each end,
 * so a text of n characters has n + q − 1 grams). Bigram codes are exact; 4-gram codes are hashed
 * to 32 bits (a collision only adds a candidate, which verification then drops).
 */
function forEachGram(keys: Uint16Array, from: number, to: number, q: GramSize, fn: (code: number) => void): void {
  if (q === 2) {
    let prev = BOUNDARY;
    for (let i = from; i < to; i++) {
      const c = keys[i]!;
      fn(gram2Code(prev, c));
      prev = c;
    }
    fn(gram2Code(prev, BOUNDARY));
    return;
  }
  let a = BOUNDARY;
  let b = BOUNDARY;
  let c = BOUNDARY;
  for (let i = from; i <= to + 2; i++) {
    const d = i < to ? keys[i]! : BOUNDARY;
    fn(gram4Code(a, b, c, d));
    a = b;
    b = c;
    c = d;
  }
}

/** Open-addressing table from 32-bit codes to slots (typed arrays: the 1M-unit build does ~40M probes). */
class CodeTable {
  keys: Uint32Array;
  used: Uint8Array;
  size = 0;
  mask: number;
  constructor(capacity: number) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
  }
  slot(code: number, insert: boolean): number {
    let i = slotHash(code, this.mask);
    for (;;) {
      if (!this.used[i]) {
        if (!insert) return -1;
        this.used[i] = 1;
        this.keys[i] = code;
        this.size++;
        return i;
      }
      if (this.keys[i] === code) return i;
      i = (i + 1) & this.mask;
    }
  }
}

/** Builds the index for units given in id order. */
export function buildIndex(units: readonly IndexInput[]): MemoryIndex {
  const at = (i: number) => units[i]!;
  const n = units.length;
  const folded: string[] = new Array(n);
  const exactHashes = new Float64Array(n);
  const looseHashes = new Float64Array(n);
  const pairOf = new Uint16Array(n);
  const pairs: Array<readonly [Lang, Lang]> = [];
  const pairIndex = new Map<string, number>();
  let maxLength = 0;
  let total = 0;
  const packable = n < 2 ** 21;
  for (let u = 0; u < n; u++) {
    const unit = at(u);
    const nfc = unit.source.normalize('NFC');
    const key = foldKey(nfc);
    folded[u] = key;
    if (key.length > maxLength) maxLength = key.length;
    total += key.length;
    exactHashes[u] = packable ? fnv1a32(nfc) * 2 ** 21 + u : fnv1a32(nfc);
    looseHashes[u] = packable ? fnv1a32(looseKey(nfc)) * 2 ** 21 + u : fnv1a32(looseKey(nfc));
    const pk = `${unit.sourceLang}\u0000${unit.targetLang}`;
    let pi = pairIndex.get(pk);
    if (pi === undefined) {
      pi = pairs.length;
      pairIndex.set(pk, pi);
      pairs.push([unit.sourceLang, unit.targetLang]);
    }
    pairOf[u] = pi;
  }
  // Positions in key-length order (counting sort, stable in id order).
  const lengthStart = new Uint32Array(maxLength + 2);
  for (let u = 0; u < n; u++) lengthStart[folded[u]!.length + 1]!++;
  for (let L = 1; L < lengthStart.length; L++) lengthStart[L]! += lengthStart[L - 1]!;
  const fill = lengthStart.slice();
  const unitAt = new Uint32Array(n);
  for (let u = 0; u < n; u++) unitAt[fill[folded[u]!.length]!++] = u;
  const keys = new Uint16Array(total);
  const keyStart = new Uint32Array(n + 1);
  let off = 0;
  for (let p = 0; p < n; p++) {
    keyStart[p] = off;
    const key = folded[unitAt[p]!]!;
    for (let i = 0; i < key.length; i++) keys[off + i] = key.charCodeAt(i);
    off += key.length;
  }
  keyStart[n] = off;
  folded.length = 0;

  // Gram postings: count, place, fill (two passes over the keys). A gram occurring twice in a unit
  // is listed twice, so counts are multiset counts (the stronger form of the count filter).
  const table = new CodeTable(Math.min(total + n, 1 << 24));
  let counts = new Uint32Array(table.keys.length);
  let postingCount = 0;
  const pairGram = pairs.map(([source]) => gramSize(source));
  for (let p = 0; p < n; p++) {
    forEachGram(keys, keyStart[p]!, keyStart[p + 1]!, pairGram[pairOf[unitAt[p]!]!]!, (code) => {
      const s = table.slot(code, true);
      counts[s]!++;
      postingCount++;
    });
  }
  // Distinct codes sorted as a typed array (millions of 4-grams: no comparator, no boxed numbers).
  const gramCodes = new Uint32Array(table.size);
  for (let s = 0, g = 0; s < table.keys.length; s++) if (table.used[s]) gramCodes[g++] = table.keys[s]!;
  gramCodes.sort();
  const gramStart = new Uint32Array(gramCodes.length + 1);
  const next = new Uint32Array(table.keys.length);
  let acc = 0;
  for (let g = 0; g < gramCodes.length; g++) {
    const s = table.slot(gramCodes[g]!, false);
    gramStart[g] = acc;
    next[s] = acc;
    acc += counts[s]!;
  }
  gramStart[gramCodes.length] = acc;
  const postings = new Uint32Array(postingCount);
  for (let p = 0; p < n; p++) {
    forEachGram(keys, keyStart[p]!, keyStart[p + 1]!, pairGram[pairOf[unitAt[p]!]!]!, (code) => {
      postings[next[table.slot(code, false)]!++] = p;
    });
  }
  counts = new Uint32Array(0);

  const [exactHash, exactUnit] = sortedPairs(exactHashes, packable);
  const [looseHash, looseUnit] = sortedPairs(looseHashes, packable);
  return { keys, keyStart, unitAt, lengthStart, gramCodes, gramStart, postings, exactHash, exactUnit, looseHash, looseUnit, pairOf, pairs };
}

function sortedPairs(values: Float64Array, packed: boolean): [Uint32Array, Uint32Array] {
  const n = values.length;
  const hashes = new Uint32Array(n);
  const units = new Uint32Array(n);
  if (packed) {
    values.sort();
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      const h = Math.floor(v / 2 ** 21);
      hashes[i] = h;
      units[i] = v - h * 2 ** 21;
    }
  } else {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
    for (let i = 0; i < n; i++) {
      hashes[i] = values[order[i]!]!;
      units[i] = order[i]!;
    }
  }
  return [hashes, units];
}

/**
 * One counter array per index, reused by every search (and left zeroed): allocating a fresh one per
 * query made the garbage collector pause lookups. Not a cache of results, only of the buffer.
 */
const scratch = new WeakMap<MemoryIndex, Uint16Array>();
function scratchFor(index: MemoryIndex): Uint16Array {
  let counts = scratch.get(index);
  if (!counts) scratch.set(index, (counts = new Uint16Array(index.unitAt.length)));
  return counts;
}

function lowerBound(arr: Uint32Array, value: number, from = 0, to = arr.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Unit numbers whose hashed key equals `hash` (callers verify the text: hashes may collide). */
export function unitsWithHash(hashes: Uint32Array, units: Uint32Array, hash: number): number[] {
  const out: number[] = [];
  for (let i = lowerBound(hashes, hash); i < hashes.length && hashes[i] === hash; i++) out.push(units[i]!);
  return out;
}

/** Language-pair numbers of an index that fit a query (see `pairFits`). */
export function pairFilter(index: MemoryIndex, sourceLang?: Lang, targetLang?: Lang): Uint8Array {
  const ok = new Uint8Array(index.pairs.length);
  index.pairs.forEach(([s, t], i) => {
    ok[i] = pairFits(s, t, sourceLang, targetLang) ? 1 : 0;
  });
  return ok;
}

/** Whether a pair fits a query's languages (sameLanguage: `ja` fits `ja-JP`; an absent one fits any). */
export function pairFits(source: Lang, target: Lang, sourceLang?: Lang, targetLang?: Lang): boolean {
  return (sourceLang === undefined || sameLanguage(source, sourceLang)) && (targetLang === undefined || sameLanguage(target, targetLang));
}

export interface IndexHit {
  readonly unit: number;
  /** Edit distance between the folded keys. */
  readonly distance: number;
  /** 0..1 similarity of the folded keys. */
  readonly similarity: number;
}

export interface SearchOptions {
  /** Always take the exact search, whatever it costs (see the module comment). */
  readonly exact?: boolean;
}

/**
 * Every unit whose folded source is at least `minSimilarity` (0..1) similar to the folded query, with
 * `pairs` (from `pairFilter`) restricting the language pairs. Exact for CJK sources, for small
 * memories and with `exact`; otherwise Latin-script queries may take the rare-gram filter (see the
 * module comment).
 */
export function searchIndex(index: MemoryIndex, query: string, minSimilarity: number, pairs?: Uint8Array, options: SearchOptions = {}): IndexHit[] {
  const key = foldKey(query);
  const la = key.length;
  const hits: IndexHit[] = [];
  if (la === 0) return hits;
  const t = Math.min(1, Math.max(0.01, minSimilarity));
  const qcodes = new Uint16Array(la);
  for (let i = 0; i < la; i++) qcodes[i] = key.charCodeAt(i);
  // One pass per gram size among the allowed language pairs; each pass verifies only its own units.
  const sizes = new Set<GramSize>();
  index.pairs.forEach(([source], i) => {
    if (!pairs || pairs[i]) sizes.add(gramSize(source));
  });
  for (const q of sizes) {
    const allowed = new Uint8Array(index.pairs.length);
    index.pairs.forEach(([source], i) => {
      allowed[i] = (!pairs || pairs[i]) && gramSize(source) === q ? 1 : 0;
    });
    searchWithGrams(index, qcodes, t, q, allowed, hits, options.exact === true || q === 2);
  }
  return hits;
}

function searchWithGrams(index: MemoryIndex, qcodes: Uint16Array, t: number, q: GramSize, pairs: Uint8Array, hits: IndexHit[], exactOnly: boolean): void {
  const la = qcodes.length;
  const maxLen = index.lengthStart.length - 2;
  const minL = Math.max(1, Math.ceil(t * la - 1e-9));
  const maxL = Math.min(maxLen, Math.floor(la / t + 1e-9));
  if (minL > maxL) return;
  const posLo = index.lengthStart[minL]!;
  const posHi = index.lengthStart[maxL + 1]!;
  if (posLo >= posHi) return;
  // Allowed distance and required shared gram occurrences per candidate length.
  const grams = new Map<number, number>();
  forEachGram(qcodes, 0, la, q, (c) => grams.set(c, (grams.get(c) ?? 0) + 1));
  const dmax = new Int32Array(maxL + 1);
  const need = new Int32Array(maxL + 1);
  let minNeed = Infinity;
  for (let L = minL; L <= maxL; L++) {
    dmax[L] = Math.floor((1 - t) * Math.max(la, L) + 1e-9);
    need[L] = Math.max(la, L) + q - 1 - q * dmax[L]!;
    if (need[L]! < minNeed) minNeed = need[L]!;
  }
  // A cheap lower bound first for long queries: the bag distance over 64 character buckets
  // (max of surplus and deficit counts) never exceeds the edit distance.
  const bag = la > 32 ? new Int32Array(64) : undefined;
  if (bag) for (let i = 0; i < la; i++) bag[qcodes[i]! & 63]!++;
  const diff = new Int32Array(64);
  const verify = (p: number, L: number) => {
    const u = index.unitAt[p]!;
    if (!pairs[index.pairOf[u]!]) return;
    const from = index.keyStart[p]!;
    if (bag) {
      diff.set(bag);
      for (let i = from; i < from + L; i++) diff[index.keys[i]! & 63]!--;
      let surplus = 0;
      let deficit = 0;
      for (let k = 0; k < 64; k++) {
        const v = diff[k]!;
        if (v > 0) surplus += v;
        else deficit -= v;
      }
      if (Math.max(surplus, deficit) > dmax[L]!) return;
    }
    const d = editDistance(qcodes, index.keys.subarray(from, from + L), dmax[L]!);
    if (d <= dmax[L]!) hits.push({ unit: u, distance: d, similarity: 1 - d / Math.max(la, L) });
  };
  // Slices of the posting lists inside the length window, smallest first: [start, end, query count].
  const lists: Array<[number, number, number]> = [];
  for (const [code, qc] of grams) {
    const g = lowerBound(index.gramCodes, code);
    if (g >= index.gramCodes.length || index.gramCodes[g] !== code) continue;
    const s = lowerBound(index.postings, posLo, index.gramStart[g]!, index.gramStart[g + 1]!);
    const e = lowerBound(index.postings, posHi, s, index.gramStart[g + 1]!);
    if (e > s) lists.push([s, e, qc]);
  }
  lists.sort((a, b) => a[1] - a[0] - (b[1] - b[0]) || a[0] - b[0]);
  // The count filter is strong when a candidate must share at least half of the query's grams (high
  // thresholds); a small window can simply be verified. Otherwise the rare-gram filter.
  let occurrences = 0;
  for (const qc of grams.values()) occurrences += qc;
  if (!exactOnly && posHi - posLo > EXACT_WINDOW && 2 * minNeed < occurrences) {
    rareGramSearch(index, lists, t, verify);
    return;
  }
  // Lengths for which the count filter proves nothing: every unit of that length is a candidate.
  for (let L = minL; L <= maxL; L++) {
    if (need[L]! > 0) continue;
    for (let p = index.lengthStart[L]!; p < index.lengthStart[L + 1]!; p++) verify(p, L);
  }
  // Prefix filtering: the rarest lists are scanned; once the query occurrences left in the larger
  // lists (`rest`) are fewer than the least count any length needs, a match must already have been
  // seen, so the larger lists are only probed (binary search) for the candidates that can still make
  // it — when that is cheaper than scanning them.
  let rest = 0;
  for (const l of lists) rest += l[2];
  let restLength = 0;
  for (const l of lists) restLength += l[1] - l[0];
  const counts = scratchFor(index);
  const candidates: number[] = [];
  let scannedLists = 0;
  for (; scannedLists < lists.length; scannedLists++) {
    const [s, e, qc] = lists[scannedLists]!;
    if (rest <= minNeed - 1 && e - s >= 256) {
      // Candidates that could still reach the least need: only they would be probed.
      const least = minNeed - rest;
      let strong = 0;
      for (const p of candidates) if (counts[p]! >= least) strong++;
      if (strong * (lists.length - scannedLists) * 24 < restLength) break;
    }
    let prev = -1;
    let run = 0;
    for (let k = s; k < e; k++) {
      const p = index.postings[k]!;
      if (p === prev) {
        if (++run > qc) continue;
      } else {
        prev = p;
        run = 1;
      }
      if (++counts[p]! === 1) candidates.push(p);
    }
    rest -= qc;
    restLength -= e - s;
  }
  const skipped = rest;
  for (const p of candidates) {
    const L = index.keyStart[p + 1]! - index.keyStart[p]!;
    const required = need[L]!;
    if (required <= 0) continue;
    let c = counts[p]!;
    if (c + skipped < required) continue;
    for (let i = scannedLists; i < lists.length && c < required; i++) {
      const [s, e, qc] = lists[i]!;
      let k = lowerBound(index.postings, p, s, e);
      let run = 0;
      while (k < e && index.postings[k] === p && run < qc) {
        run++;
        k++;
      }
      c += run;
    }
    if (c >= required) verify(p, L);
  }
  for (const p of candidates) counts[p] = 0;
}

/**
 * The rare-gram filter (see the module comment): counts, per unit, how many of the query's rarest
 * grams it holds (each at most once) and verifies the units holding at least one in RARE_SHARE.
 */
function rareGramSearch(index: MemoryIndex, lists: ReadonlyArray<readonly [number, number, number]>, t: number, verify: (p: number, L: number) => void): void {
  const picked = Math.min(RARE_GRAMS, lists.length);
  // One in RARE_SHARE from 75%; fewer below (a 50% match keeps few 4-grams: `kioku stats` bands).
  const required = Math.max(1, Math.round(picked * Math.min(1 / RARE_SHARE, (t - 0.5) * 0.8)));
  const counts = scratchFor(index);
  const candidates: number[] = [];
  for (let i = 0; i < picked; i++) {
    const [s, e] = lists[i]!;
    let prev = -1;
    for (let k = s; k < e; k++) {
      const p = index.postings[k]!;
      if (p === prev) continue;
      prev = p;
      const c = ++counts[p]!;
      if (c === required) candidates.push(p);
    }
  }
  for (let i = 0; i < picked; i++) {
    const [s, e] = lists[i]!;
    for (let k = s; k < e; k++) counts[index.postings[k]!] = 0;
  }
  candidates.sort((a, b) => a - b);
  for (const p of candidates) verify(p, index.keyStart[p + 1]! - index.keyStart[p]!);
}
