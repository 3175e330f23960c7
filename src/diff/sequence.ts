import fastDiff from 'fast-diff';

/**
 * The list diff of two revisions: which old and new segments are the same sentence in the same order.
 * Keys are segment texts' identities (segment ids without the occurrence number), so repeated
 * sentences — the article's photo captions — are equal keys and are matched by position.
 *
 * 1. Common prefix and suffix of the key lists (and of every stretch below) are matched outright.
 * 2. Patience anchoring: keys unique on both sides, longest increasing subsequence of their
 *    positions. Between anchors the same again, recursively (as git's patience diff), so paragraph
 *    moves come out as the smaller set of moved sentences.
 * 3. A stretch with no unique key left: keys present on one side only can never match, so a stretch
 *    sharing none (a completely rewritten document) costs nothing; otherwise fast-diff over the
 *    stretch, each distinct key mapped to one UTF-16 code unit (private-use area first). A stretch
 *    too large for it (`maxListDiff`, also tried with the shared keys alone) stays unmatched; the
 *    caller still pairs equal keys there as moves, so only order information is lost.
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
  const pairs: Array<[number, number]> = [];
  patience(oldKeys, newKeys, 0, oldKeys.length, 0, newKeys.length, pairs, maxListDiff);
  for (const [x, y] of pairs) newOf[x] = y;
  return newOf;
}

/** Matches a[aLo,aHi) with b[bLo,bHi) and appends in-order pairs (indices into a and b). */
function patience(
  a: readonly string[],
  b: readonly string[],
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
  out: Array<[number, number]>,
  maxListDiff: number,
): void {
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
    } else {
      repeatedOnly(a, b, aLo, aHi, bLo, bHi, out, maxListDiff);
    }
  }
  for (let k = tail.length - 1; k >= 0; k--) out.push(tail[k]!);
}

/**
 * A stretch without a key unique on both sides: only keys present on both sides can match, so a
 * stretch sharing none (a rewritten passage) costs nothing. Otherwise fast-diff decides, on the whole
 * stretch when it is small (position matters for repeats: of two equal captions, the one in the same
 * place is kept), or on the shared keys alone when only they are small enough.
 */
function repeatedOnly(
  a: readonly string[],
  b: readonly string[],
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
  out: Array<[number, number]>,
  maxListDiff: number,
): void {
  const inB = new Set<string>();
  for (let j = bLo; j < bHi; j++) inB.add(b[j]!);
  const inA = new Set<string>();
  const ai: number[] = [];
  for (let i = aLo; i < aHi; i++) {
    inA.add(a[i]!);
    if (inB.has(a[i]!)) ai.push(i);
  }
  if (ai.length === 0) return;
  if (aHi - aLo + (bHi - bLo) <= maxListDiff) {
    const all = (lo: number, hi: number) => Array.from({ length: hi - lo }, (_, k) => lo + k);
    listDiff(a, b, all(aLo, aHi), all(bLo, bHi), out);
    return;
  }
  const bi: number[] = [];
  for (let j = bLo; j < bHi; j++) if (inA.has(b[j]!)) bi.push(j);
  if (ai.length + bi.length <= maxListDiff) listDiff(a, b, ai, bi, out);
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

/** fast-diff over the chosen positions, one code unit per distinct key; equal runs become pairs. */
function listDiff(a: readonly string[], b: readonly string[], ai: readonly number[], bi: readonly number[], out: Array<[number, number]>): void {
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
  for (const i of ai) {
    const c = encode(a[i]!);
    if (c === undefined) return;
    sa += c;
  }
  for (const j of bi) {
    const c = encode(b[j]!);
    if (c === undefined) return;
    sb += c;
  }
  let x = 0;
  let y = 0;
  for (const [op, text] of fastDiff(sa, sb)) {
    if (op === 0) for (let k = 0; k < text.length; k++) out.push([ai[x++]!, bi[y++]!]);
    else if (op === -1) x += text.length;
    else y += text.length;
  }
}
