import fastDiff from 'fast-diff';

/**
 * The list diff of two revisions: which old and new segments are the same sentence in the same order.
 * Keys are segment texts' identities (segment ids without the occurrence number), so repeated
 * sentences — the article's photo captions — are equal keys and are matched by position.
 *
 * 1. Common prefix and suffix of the key lists are matched outright.
 * 2. Keys present on one side only can never be matched and are dropped (a completely rewritten
 *    document leaves nothing to diff).
 * 3. Patience anchoring: keys unique on both sides, longest increasing subsequence of their
 *    positions. Between anchors the same again, recursively (as git's patience diff), so paragraph
 *    moves come out as the smaller set of moved sentences.
 * 4. A stretch with no unique key left is diffed by fast-diff, each distinct key mapped to one UTF-16
 *    code unit (private-use area first). Stretches too large for it (`maxListDiff`) stay unmatched;
 *    the caller still pairs equal keys there as moves, so nothing is lost but order information.
 */

export interface SequenceOptions {
  /** Largest (old + new) length of a stretch without unique keys handed to fast-diff. */
  readonly maxListDiff?: number;
}

export const DEFAULT_MAX_LIST_DIFF = 4000;

/** Returns `newOf[o]` = the new index matched to old index `o` in order, or -1. Monotone. */
export function matchInOrder(oldKeys: readonly string[], newKeys: readonly string[], options: SequenceOptions = {}): Int32Array {
  const maxListDiff = options.maxListDiff ?? DEFAULT_MAX_LIST_DIFF;
  const newOf = new Int32Array(oldKeys.length).fill(-1);
  let lo = 0;
  let oHi = oldKeys.length;
  let nHi = newKeys.length;
  while (lo < oHi && lo < nHi && oldKeys[lo] === newKeys[lo]) {
    newOf[lo] = lo;
    lo++;
  }
  while (oHi > lo && nHi > lo && oldKeys[oHi - 1] === newKeys[nHi - 1]) {
    oHi--;
    nHi--;
    newOf[oHi] = nHi;
  }
  // Only keys on both sides can match.
  const inNew = new Set<string>();
  for (let j = lo; j < nHi; j++) inNew.add(newKeys[j]!);
  const inOld = new Set<string>();
  const oldIdx: number[] = [];
  for (let i = lo; i < oHi; i++) {
    const k = oldKeys[i]!;
    inOld.add(k);
    if (inNew.has(k)) oldIdx.push(i);
  }
  const newIdx: number[] = [];
  for (let j = lo; j < nHi; j++) if (inOld.has(newKeys[j]!)) newIdx.push(j);
  const a = oldIdx.map((i) => oldKeys[i]!);
  const b = newIdx.map((j) => newKeys[j]!);
  const pairs: Array<[number, number]> = [];
  patience(a, b, 0, a.length, 0, b.length, pairs, maxListDiff);
  for (const [x, y] of pairs) newOf[oldIdx[x]!] = newIdx[y]!;
  return newOf;
}

/** Matches a[aLo,aHi) with b[bLo,bHi) and appends in-order pairs (indices into a and b). */
function patience(a: readonly string[], b: readonly string[], aLo: number, aHi: number, bLo: number, bHi: number, out: Array<[number, number]>, maxListDiff: number): void {
  // Common prefix and suffix of the stretch.
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) out.push([aLo++, bLo++]);
  const tail: Array<[number, number]> = [];
  while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) tail.push([--aHi, --bHi]);
  if (aLo < aHi && bLo < bHi) {
    const anchors = uniqueAnchors(a, b, aLo, aHi, bLo, bHi);
    if (anchors.length > 0) {
      let pa = aLo;
      let pb = bLo;
      for (const [x, y] of anchors) {
        patience(a, b, pa, x, pb, y, out, maxListDiff);
        out.push([x, y]);
        pa = x + 1;
        pb = y + 1;
      }
      patience(a, b, pa, aHi, pb, bHi, out, maxListDiff);
    } else if (aHi - aLo + (bHi - bLo) <= maxListDiff) {
      listDiff(a, b, aLo, aHi, bLo, bHi, out);
    }
  }
  for (let k = tail.length - 1; k >= 0; k--) out.push(tail[k]!);
}

/** Keys occurring exactly once in both stretches, as the longest increasing run of (a, b) positions. */
function uniqueAnchors(a: readonly string[], b: readonly string[], aLo: number, aHi: number, bLo: number, bHi: number): Array<[number, number]> {
  const countA = new Map<string, number>();
  for (let i = aLo; i < aHi; i++) countA.set(a[i]!, (countA.get(a[i]!) ?? 0) + 1);
  const posB = new Map<string, number>();
  const countB = new Map<string, number>();
  for (let j = bLo; j < bHi; j++) {
    const k = b[j]!;
    countB.set(k, (countB.get(k) ?? 0) + 1);
    posB.set(k, j);
  }
  const candidates: Array<[number, number]> = [];
  for (let i = aLo; i < aHi; i++) {
    const k = a[i]!;
    if (countA.get(k) === 1 && countB.get(k) === 1) candidates.push([i, posB.get(k)!]);
  }
  return longestIncreasing(candidates);
}

/** Longest subsequence with increasing second component (first is already increasing). O(n log n). */
export function longestIncreasing(items: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const tails: number[] = []; // index into items of the smallest tail of each length
  const prev = new Int32Array(items.length).fill(-1);
  for (let i = 0; i < items.length; i++) {
    const v = items[i]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[tails[mid]!]![1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: Array<[number, number]> = [];
  let k = tails.length > 0 ? tails[tails.length - 1]! : -1;
  while (k >= 0) {
    out.push([items[k]![0], items[k]![1]]);
    k = prev[k]!;
  }
  return out.reverse();
}

/** Code units for keys: the private-use area first, then the rest of the BMP without surrogates. */
function codeUnit(n: number): number {
  if (n < 0x1900) return 0xe000 + n; // U+E000–U+F8FF
  n -= 0x1900;
  if (n < 0xd800) return n; // U+0000–U+D7FF
  n -= 0xd800;
  return 0xf900 + n; // U+F900–U+FFFF
}
const MAX_CODES = 0x1900 + 0xd800 + (0x10000 - 0xf900);

/** fast-diff over the stretch, one code unit per distinct key; equal runs become pairs. */
function listDiff(a: readonly string[], b: readonly string[], aLo: number, aHi: number, bLo: number, bHi: number, out: Array<[number, number]>): void {
  const codes = new Map<string, string>();
  const encode = (k: string): string | undefined => {
    let c = codes.get(k);
    if (c === undefined) {
      if (codes.size >= MAX_CODES) return undefined;
      c = String.fromCharCode(codeUnit(codes.size));
      codes.set(k, c);
    }
    return c;
  };
  let sa = '';
  let sb = '';
  for (let i = aLo; i < aHi; i++) {
    const c = encode(a[i]!);
    if (c === undefined) return;
    sa += c;
  }
  for (let j = bLo; j < bHi; j++) {
    const c = encode(b[j]!);
    if (c === undefined) return;
    sb += c;
  }
  let x = aLo;
  let y = bLo;
  for (const [op, text] of fastDiff(sa, sb)) {
    if (op === 0) for (let k = 0; k < text.length; k++) out.push([x++, y++]);
    else if (op === -1) x += text.length;
    else y += text.length;
  }
}
