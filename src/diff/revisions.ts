import type { CharDiff, ChangeKind, Revision, SegmentChange } from '../model.js';
import { charDiff, classifyEdit, DIFF_THRESHOLDS, diffCells, replacementDiff, similarityOf, tokens, type CharDiffOptions } from './chars.js';
import { matchInOrder, type SequenceOptions } from './sequence.js';
import { sentenceSeparator } from '../text/lang.js';

/**
 * diffRevisions: how every segment of a new revision relates to the old one.
 *
 * 1. Same sentence, same order: segment ids without their occurrence number are the keys of a list
 *    diff (see sequence.ts). Equal keys mean equal normalised text, so such a pair is `unchanged`, or
 *    `whitespace` when only the whitespace the id normalisation collapses differs.
 * 2. Same sentence, other place: equal keys left over are paired in document order → `moved`.
 * 3. Edits in place: between two matched segments, the old and new segments left over are aligned
 *    in order by dynamic programming over 1:1 pairs, 1:k splits and k:1 merges of consecutive
 *    segments, maximising the characters kept (only pairs above DIFF_THRESHOLDS are allowed).
 * 4. Edits elsewhere: what is still left is paired through a character-bigram index (candidates
 *    only, never all pairs), best similarity first, with the stricter `pairMoved` threshold.
 * 5. The rest is `removed` or `added`.
 *
 * Work is bounded: a stretch with more than `maxGapCells` (old × new) cells is aligned only within a
 * band of ±`band` segments around its diagonal (linear in its length: a revision that touched every
 * sentence is still paired in place), every fast-diff call is capped by `maxCells`, and all of them
 * together by `maxWork` (then pairs not yet compared stay added/removed). The result is
 * deterministic: every tie is broken by index.
 */
export interface DiffOptions extends SequenceOptions, CharDiffOptions {
  /** Largest (old × new) number of leftover segments between two matched ones aligned in full by step 3. */
  readonly maxGapCells?: number;
  /** Half-width of the diagonal band step 3 uses on larger stretches. */
  readonly band?: number;
  /** Most segments one segment may be split into or merged from. */
  readonly maxParts?: number;
  /** Total budget of character cells compared by fast-diff in steps 3 and 4. */
  readonly maxWork?: number;
}

export const DIFF_DEFAULTS = { maxGapCells: 2500, band: 3, maxParts: 4, maxWork: 400_000_000 } as const;

/** Similarity at which a pair in a large stretch is taken as certain and splits the stretch. */
const FUZZY_ANCHOR = 0.9;

/** The identity of a segment's text: its id without the occurrence number. */
export function textKey(id: string): string {
  const dot = id.lastIndexOf('.');
  return dot > 0 && /^\d+$/.test(id.slice(dot + 1)) ? id.slice(0, dot) : id;
}

interface Match {
  kind: ChangeKind;
  old: number[];
  new: number[];
  similarity: number;
  diff?: CharDiff[];
  moved?: boolean;
  /** Part of the in-order chain (anchors and in-place edits): removed segments are placed after these. */
  inPlace: boolean;
}

interface Compared {
  readonly diff: CharDiff[];
  readonly similarity: number;
  readonly equal: number;
}

/**
 * A text as the sorted multiset of its diff tokens, so that an upper bound of what a diff can keep
 * costs one merge pass (no fast-diff). Token numbers are even for words and odd for whitespace.
 */
type Signature = Int32Array;

class Tokens {
  private readonly ids = new Map<string, number>();
  private readonly lengths: number[] = [];

  signature(text: string): Signature {
    const list = tokens(text);
    const out = new Int32Array(list.length);
    for (let k = 0; k < list.length; k++) {
      const t = list[k]!;
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.lengths.length * 2 + (/^\s+$/u.test(t) ? 1 : 0);
        this.ids.set(t, id);
        this.lengths.push(t.length);
      }
      out[k] = id;
    }
    return out.sort();
  }

  /**
   * Characters a token diff of the two texts can keep at most: shared tokens, where shared whitespace
   * counts only next to a shared word (a lone kept space between two edits is dropped as a
   * coincidence, see chars.ts).
   */
  shared(a: Signature, b: Signature): number {
    let i = 0;
    let j = 0;
    let words = 0;
    let wordCount = 0;
    let spaces = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x === y) {
        const len = this.lengths[x >> 1]!;
        if (x & 1) spaces += len;
        else {
          words += len;
          wordCount++;
        }
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return words + Math.min(spaces, 2 * wordCount);
  }
}

export function diffRevisions(old: Revision, next: Revision, options: DiffOptions = {}): SegmentChange[] {
  const maxGapCells = options.maxGapCells ?? DIFF_DEFAULTS.maxGapCells;
  const band = Math.max(1, options.band ?? DIFF_DEFAULTS.band);
  const maxParts = Math.max(1, options.maxParts ?? DIFF_DEFAULTS.maxParts);
  let workLeft = options.maxWork ?? DIFF_DEFAULTS.maxWork;
  const charOptions: CharDiffOptions = options.maxCells !== undefined ? { maxCells: options.maxCells } : {};

  const O = old.segments;
  const N = next.segments;
  const oldKeys = O.map((s) => textKey(s.id));
  const newKeys = N.map((s) => textKey(s.id));
  const oldMatch = new Int32Array(O.length).fill(-1); // index into matches
  const newMatch = new Int32Array(N.length).fill(-1);
  const matches: Match[] = [];
  const add = (m: Match) => {
    const k = matches.length;
    matches.push(m);
    for (const o of m.old) oldMatch[o] = k;
    for (const n of m.new) newMatch[n] = k;
  };

  // Comparing texts (memoised for single pairs, bounded by the work budget).
  const dictionary = new Tokens();
  const sharedCount = (a: Signature, b: Signature) => dictionary.shared(a, b);
  const oldCodes: Array<Signature | undefined> = new Array(O.length);
  const newCodes: Array<Signature | undefined> = new Array(N.length);
  const codesOf = (side: 'old' | 'new', i: number): Signature => {
    const cache = side === 'old' ? oldCodes : newCodes;
    let c = cache[i];
    if (c === undefined) {
      c = dictionary.signature((side === 'old' ? O : N)[i]!.text);
      cache[i] = c;
    }
    return c;
  };
  const compare = (a: string, b: string): Compared | undefined => {
    const cells = diffCells(a, b);
    if (cells > workLeft) return undefined;
    workLeft -= cells;
    const diff = charDiff(a, b, charOptions);
    let equal = 0;
    for (const [op, t] of diff) if (op === 0) equal += t.length;
    return { diff, equal, similarity: similarityOf(diff, a.length, b.length) };
  };
  const pairMemo = new Map<number, Compared | null>();
  /** The comparison of old o with new n when its similarity can reach `threshold`, else undefined. */
  const comparePair = (o: number, n: number, threshold: number): Compared | undefined => {
    const key = o * N.length + n;
    let c = pairMemo.get(key);
    if (c === undefined) {
      const a = O[o]!.text;
      const b = N[n]!.text;
      const bound = (2 * Math.min(a.length, b.length)) / (a.length + b.length || 1);
      if (bound < threshold || (2 * sharedCount(codesOf('old', o), codesOf('new', n))) / (a.length + b.length) < threshold) {
        // Cannot reach the threshold; remember it only for this threshold or stricter ones.
        return undefined;
      }
      c = compare(a, b) ?? null;
      pairMemo.set(key, c);
    }
    return c !== null && c.similarity >= threshold ? c : undefined;
  };

  // 1. Same text, same order.
  const newOf = matchInOrder(oldKeys, newKeys, options);
  for (let o = 0; o < O.length; o++) {
    const n = newOf[o]!;
    if (n < 0) continue;
    add(exactMatch(O[o]!.text, N[n]!.text, o, n, false, charOptions));
  }

  // 2. Same text elsewhere: the i-th leftover occurrence of a key in OLD with the i-th in NEW.
  const leftoverNew = new Map<string, number[]>();
  for (let n = 0; n < N.length; n++) {
    if (newMatch[n]! >= 0) continue;
    const k = newKeys[n]!;
    const list = leftoverNew.get(k);
    if (list) list.push(n);
    else leftoverNew.set(k, [n]);
  }
  const taken = new Map<string, number>();
  for (let o = 0; o < O.length; o++) {
    if (oldMatch[o]! >= 0) continue;
    const k = oldKeys[o]!;
    const list = leftoverNew.get(k);
    if (!list) continue;
    const t = taken.get(k) ?? 0;
    if (t >= list.length) continue;
    taken.set(k, t + 1);
    add(exactMatch(O[o]!.text, N[list[t]!]!.text, o, list[t]!, true, charOptions));
  }

  // 3. Edits in place: the stretches between consecutive in-order matches.
  const gaps = inOrderGaps(newOf, O.length, N.length);
  const gapOfOld = new Int32Array(O.length).fill(-1);
  const gapOfNew = new Int32Array(N.length).fill(-1);
  gaps.forEach((g, gi) => {
    for (let o = g.oldFrom; o < g.oldTo; o++) gapOfOld[o] = gi;
    for (let n = g.newFrom; n < g.newTo; n++) gapOfNew[n] = gi;
  });
  for (const g of gaps) {
    const os: number[] = [];
    const ns: number[] = [];
    for (let o = g.oldFrom; o < g.oldTo; o++) if (oldMatch[o]! < 0) os.push(o);
    for (let n = g.newFrom; n < g.newTo; n++) if (newMatch[n]! < 0) ns.push(n);
    if (os.length === 0 || ns.length === 0) continue;
    if (os.length * ns.length <= maxGapCells) {
      for (const m of alignGap(os, ns, Math.max(os.length, ns.length))) add(m);
      continue;
    }
    // A large stretch: near-identical pairs found along the diagonal cut it into small ones.
    let po = 0;
    let pn = 0;
    for (const [x, y, c] of fuzzyAnchors(os, ns)) {
      alignPart(os.slice(po, x), ns.slice(pn, y));
      add({
        kind: classifyEdit(O[os[x]!]!.text, N[ns[y]!]!.text, c.diff, c.similarity),
        old: [os[x]!],
        new: [ns[y]!],
        similarity: c.similarity,
        diff: c.diff,
        inPlace: true,
      });
      po = x + 1;
      pn = y + 1;
    }
    alignPart(os.slice(po), ns.slice(pn));
  }

  // 4. Edits elsewhere, through a bigram index of the leftover old segments.
  const restOld: number[] = [];
  const restNew: number[] = [];
  for (let o = 0; o < O.length; o++) if (oldMatch[o]! < 0) restOld.push(o);
  for (let n = 0; n < N.length; n++) if (newMatch[n]! < 0) restNew.push(n);
  if (restOld.length > 0 && restNew.length > 0) {
    for (const m of pairByIndex(restOld, restNew)) add(m);
  }

  // 5. Removed and added.
  for (let o = 0; o < O.length; o++) {
    if (oldMatch[o]! < 0) add({ kind: 'removed', old: [o], new: [], similarity: 0, inPlace: false });
  }
  for (let n = 0; n < N.length; n++) {
    if (newMatch[n]! < 0) add({ kind: 'added', old: [], new: [n], similarity: 0, inPlace: false });
  }
  return ordered(matches, O.length);

  // ---------------------------------------------------------------------------------------------

  function joined(rev: Revision, indices: readonly number[]): string {
    let out = rev.segments[indices[0]!]!.text;
    for (let t = 1; t < indices.length; t++) out += gapBefore(rev, indices, t) + rev.segments[indices[t]!]!.text;
    return out;
  }

  /** What `joined` puts between segment indices[t − 1] and indices[t]. */
  function gapBefore(rev: Revision, indices: readonly number[], t: number): string {
    const prev = rev.segments[indices[t - 1]!]!;
    const cur = rev.segments[indices[t]!]!;
    // Within a paragraph keep the real text between the sentences (a space in English, nothing in
    // Japanese); across paragraphs the language's seam rule.
    return prev.paragraph === cur.paragraph ? rev.paragraphs[cur.paragraph]!.text.slice(prev.end, cur.start) : sentenceSeparator(rev.lang, prev.text, cur.text);
  }

  /**
   * One old segment against several consecutive new ones (split) or the reverse (merged): the joined
   * side must be similar enough as a whole, and every part must owe at least `part` of its characters
   * to the other side.
   */
  function compareParts(
    single: string,
    singleCodes: Signature,
    parts: readonly number[],
    partsRev: Revision,
    partsCodes: (i: number) => Signature,
    singleIsOld: boolean,
  ): Compared | undefined {
    const signatures: Signature[] = [];
    let sum = 0;
    let partsLength = 0;
    for (const p of parts) {
      const sig = partsCodes(p);
      const len = partsRev.segments[p]!.text.length;
      const s = sharedCount(sig, singleCodes);
      if (s / len < DIFF_THRESHOLDS.part) return undefined;
      signatures.push(sig);
      sum += s;
      partsLength += len;
    }
    // Bounds before any string is built: nothing keeps more than the single segment's length, and the
    // text between the parts is all the joined side adds.
    let gaps = 0;
    for (let t = 1; t < parts.length; t++) gaps += gapBefore(partsRev, parts, t).length;
    const bound = (shared: number) => (2 * (shared + gaps)) / (single.length + partsLength + gaps);
    if (bound(Math.min(sum, single.length)) < DIFF_THRESHOLDS.split) return undefined;
    // The parts together can keep no more of the single segment than their joint multiset shares.
    if (bound(sharedCount(mergeSorted(signatures), singleCodes)) < DIFF_THRESHOLDS.split) return undefined;
    const whole = joined(partsRev, parts);
    const c = singleIsOld ? compare(single, whole) : compare(whole, single);
    if (!c || c.similarity < DIFF_THRESHOLDS.split) return undefined;
    // Characters of each part kept by the diff.
    const keptOp = 0;
    const partOp = singleIsOld ? 1 : -1;
    let pos = 0;
    const spans: Array<[number, number]> = [];
    let at = 0;
    for (let t = 0; t < parts.length; t++) {
      const start = t === 0 ? 0 : whole.indexOf(partsRev.segments[parts[t]!]!.text, at);
      const end = start + partsRev.segments[parts[t]!]!.text.length;
      spans.push([start, end]);
      at = end;
    }
    const kept = new Array<number>(parts.length).fill(0);
    for (const [op, text] of c.diff) {
      if (op !== keptOp && op !== partOp) continue;
      if (op === keptOp) {
        for (let t = 0; t < spans.length; t++) {
          const [s, e] = spans[t]!;
          kept[t]! += Math.max(0, Math.min(e, pos + text.length) - Math.max(s, pos));
        }
      }
      pos += text.length;
    }
    for (let t = 0; t < parts.length; t++) {
      if (kept[t]! / partsRev.segments[parts[t]!]!.text.length < DIFF_THRESHOLDS.part) return undefined;
    }
    return c;
  }

  function alignPart(os: readonly number[], ns: readonly number[]): void {
    if (os.length === 0 || ns.length === 0) return;
    const full = os.length * ns.length <= maxGapCells;
    for (const m of alignGap(os, ns, full ? Math.max(os.length, ns.length) : band)) add(m);
  }

  /**
   * Pairs of a large stretch that are almost the same sentence (similarity ≥ FUZZY_ANCHOR), found by
   * walking the diagonal and looking a few segments ahead on either side when it loses track: linear
   * in the stretch, and a revision that edited every sentence a little is cut into 1×1 stretches.
   */
  function fuzzyAnchors(os: readonly number[], ns: readonly number[]): Array<[number, number, Compared]> {
    const out: Array<[number, number, Compared]> = [];
    const LOOKAHEAD = 2;
    let i = 0;
    let j = 0;
    while (i < os.length && j < ns.length) {
      let hit: [number, number, Compared] | undefined;
      search: for (let d = 0; d <= 2 * LOOKAHEAD; d++) {
        // Offsets by increasing total distance: (0,0), (0,1), (1,0), (1,1), (0,2), (2,0)…
        for (let a = 0; a <= d; a++) {
          const b = d - a;
          if (a > LOOKAHEAD || b > LOOKAHEAD || i + a >= os.length || j + b >= ns.length) continue;
          const c = comparePair(os[i + a]!, ns[j + b]!, FUZZY_ANCHOR);
          if (c) {
            hit = [i + a, j + b, c];
            break search;
          }
        }
      }
      if (hit) {
        out.push(hit);
        i = hit[0] + 1;
        j = hit[1] + 1;
      } else {
        i++;
        j++;
      }
    }
    return out;
  }

  /**
   * Step 3 for one stretch: an order-preserving alignment maximising the characters kept. Row i may
   * only use columns within `width` of the diagonal (all of them when `width` covers the stretch).
   */
  function alignGap(os: readonly number[], ns: readonly number[], width: number): Match[] {
    const p = os.length;
    const q = ns.length;
    const lo = new Int32Array(p + 1);
    const hi = new Int32Array(p + 1);
    const rowStart = new Int32Array(p + 2);
    for (let i = 0; i <= p; i++) {
      lo[i] = Math.max(0, Math.floor((i * q) / p) - width);
      hi[i] = Math.min(q, Math.ceil(((i + 1) * q) / p) + width);
      rowStart[i + 1] = rowStart[i]! + (hi[i]! - lo[i]! + 1);
    }
    const cell = (i: number, j: number) => (i <= p && j >= lo[i]! && j <= hi[i]! ? rowStart[i]! + j - lo[i]! : -1);
    const size = rowStart[p + 1]!;
    const score = new Float64Array(size).fill(-1);
    // Back pointers: how the best path reached a cell: 1 skip old, 2 skip new, 3 pair,
    // 10+k split into k, 20+k merge of k.
    const how = new Uint8Array(size);
    const found = new Map<number, Compared>();
    score[0] = 0;
    const relax = (i: number, j: number, value: number, code: number, c?: Compared) => {
      const at = cell(i, j);
      if (at >= 0 && value > score[at]!) {
        score[at] = value;
        how[at] = code;
        if (c) found.set(at, c);
      }
    };
    for (let i = 0; i <= p; i++) {
      for (let j = lo[i]!; j <= hi[i]!; j++) {
        const base = score[cell(i, j)]!;
        if (base < 0) continue;
        if (i < p) relax(i + 1, j, base, 1);
        if (j < q) relax(i, j + 1, base, 2);
        if (i >= p || j >= q) continue;
        const o = os[i]!;
        const n = ns[j]!;
        if (cell(i + 1, j + 1) >= 0) {
          const c = comparePair(o, n, DIFF_THRESHOLDS.pairInPlace);
          if (c) relax(i + 1, j + 1, base + 2 * c.equal, 3, c);
        }
        // Splits: old o into new n, n+1, … (consecutive in NEW and all left over).
        for (let k = 2; k <= maxParts && j + k <= q && cell(i + 1, j + k) >= 0; k++) {
          if (ns[j + k - 1] !== n + k - 1) break;
          const parts = ns.slice(j, j + k);
          const s = compareParts(O[o]!.text, codesOf('old', o), parts, next, (x) => codesOf('new', x), true);
          if (s) relax(i + 1, j + k, base + 2 * s.equal, 10 + k, s);
        }
        for (let k = 2; k <= maxParts && i + k <= p && cell(i + k, j + 1) >= 0; k++) {
          if (os[i + k - 1] !== o + k - 1) break;
          const parts = os.slice(i, i + k);
          const s = compareParts(N[n]!.text, codesOf('new', n), parts, old, (x) => codesOf('old', x), false);
          if (s) relax(i + k, j + 1, base + 2 * s.equal, 20 + k, s);
        }
      }
    }
    const out: Match[] = [];
    let i = p;
    let j = q;
    while (i > 0 || j > 0) {
      const at = cell(i, j);
      const code = how[at]!;
      if (code === 1) i--;
      else if (code === 2) j--;
      else {
        const c = found.get(at)!;
        let olds: number[];
        let news: number[];
        let kind: ChangeKind;
        if (code === 3) {
          olds = [os[i - 1]!];
          news = [ns[j - 1]!];
          kind = classifyEdit(O[olds[0]!]!.text, N[news[0]!]!.text, c.diff, c.similarity);
          i--;
          j--;
        } else if (code > 20) {
          const k = code - 20;
          olds = os.slice(i - k, i);
          news = [ns[j - 1]!];
          kind = 'merged';
          i -= k;
          j--;
        } else {
          const k = code - 10;
          olds = [os[i - 1]!];
          news = ns.slice(j - k, j);
          kind = 'split';
          i--;
          j -= k;
        }
        out.push({ kind, old: olds, new: news, similarity: c.similarity, diff: c.diff, inPlace: true });
      }
    }
    return out.reverse();
  }

  /** Step 4: candidates from shared rare character bigrams, verified by diff, best first. */
  function pairByIndex(os: readonly number[], ns: readonly number[]): Match[] {
    const MAX_POSTING = 64;
    const TOP = 3;
    const MIN_DICE = 0.25;
    const postings = new Map<number, number[]>();
    const gramCount = new Int32Array(os.length);
    os.forEach((o, x) => {
      const grams = bigrams(O[o]!.text);
      gramCount[x] = grams.size;
      for (const g of grams) {
        const list = postings.get(g);
        if (list) {
          if (list.length <= MAX_POSTING) list.push(x);
        } else postings.set(g, [x]);
      }
    });
    const counts = new Int32Array(os.length);
    const touched: number[] = [];
    const candidates: Array<{ o: number; n: number; c: Compared }> = [];
    for (const n of ns) {
      const grams = bigrams(N[n]!.text);
      for (const g of grams) {
        const list = postings.get(g);
        // Bigrams in more than MAX_POSTING segments say little and cost much: skipped.
        if (!list || list.length > MAX_POSTING) continue;
        for (const x of list) {
          if (counts[x] === 0) touched.push(x);
          counts[x]!++;
        }
      }
      const scored: Array<[number, number]> = [];
      for (const x of touched) {
        const dice = (2 * counts[x]!) / (gramCount[x]! + grams.size);
        if (dice >= MIN_DICE) scored.push([x, dice]);
        counts[x] = 0;
      }
      touched.length = 0;
      scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      for (const [x] of scored.slice(0, TOP)) {
        const o = os[x]!;
        const c = comparePair(o, n, DIFF_THRESHOLDS.pairMoved);
        if (c) candidates.push({ o, n, c });
      }
    }
    candidates.sort((a, b) => b.c.similarity - a.c.similarity || a.n - b.n || a.o - b.o);
    const usedOld = new Set<number>();
    const usedNew = new Set<number>();
    const out: Match[] = [];
    for (const { o, n, c } of candidates) {
      if (usedOld.has(o) || usedNew.has(n)) continue;
      usedOld.add(o);
      usedNew.add(n);
      const kind = classifyEdit(O[o]!.text, N[n]!.text, c.diff, c.similarity);
      const sameGap = gapOfOld[o] === gapOfNew[n];
      out.push({ kind, old: [o], new: [n], similarity: c.similarity, diff: c.diff, ...(sameGap ? {} : { moved: true }), inPlace: false });
    }
    return out;
  }
}

function mergeSorted(arrays: readonly Signature[]): Signature {
  let n = 0;
  for (const a of arrays) n += a.length;
  const out = new Int32Array(n);
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out.sort();
}

/** Distinct character bigrams of a text as 32-bit codes, whitespace left out. */
function bigrams(text: string): Set<number> {
  const out = new Set<number>();
  const t = text.toLowerCase();
  let prev = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x20 || c === 0x3000 || c === 0x09) continue;
    if (prev >= 0) out.add(prev * 0x10000 + c);
    prev = c;
  }
  // A one-character segment still needs a key.
  if (out.size === 0 && prev >= 0) out.add(prev);
  return out;
}

/** A pair with equal text keys: unchanged (or moved), or whitespace when the raw texts differ. */
function exactMatch(a: string, b: string, o: number, n: number, moved: boolean, charOptions: CharDiffOptions): Match {
  if (a === b) return { kind: moved ? 'moved' : 'unchanged', old: [o], new: [n], similarity: 1, inPlace: !moved };
  const diff = charDiff(a, b, charOptions);
  return {
    kind: 'whitespace',
    old: [o],
    new: [n],
    similarity: similarityOf(diff, a.length, b.length),
    diff,
    ...(moved ? { moved: true } : {}),
    inPlace: !moved,
  };
}

interface Gap {
  readonly oldFrom: number;
  readonly oldTo: number;
  readonly newFrom: number;
  readonly newTo: number;
}

/** The stretches between consecutive in-order matches (including before the first and after the last). */
function inOrderGaps(newOf: Int32Array, oldLength: number, newLength: number): Gap[] {
  const gaps: Gap[] = [];
  let po = 0;
  let pn = 0;
  for (let o = 0; o < oldLength; o++) {
    const n = newOf[o]!;
    if (n < 0) continue;
    if (o > po || n > pn) gaps.push({ oldFrom: po, oldTo: o, newFrom: pn, newTo: n });
    po = o + 1;
    pn = n + 1;
  }
  if (oldLength > po || newLength > pn) gaps.push({ oldFrom: po, oldTo: oldLength, newFrom: pn, newTo: newLength });
  return gaps;
}

/**
 * Changes in the order of NEW; a removed segment goes right after the in-order change that holds the
 * nearest old segment before it (so removed text appears where it was, among its old neighbours).
 */
function ordered(matches: readonly Match[], oldLength: number): SegmentChange[] {
  const keyed: Array<{ m: Match; pos: number; rank: number; old: number }> = [];
  const removedAfter = new Map<Match, number>();
  const oldMatchOf = new Array<Match | undefined>(oldLength);
  for (const m of matches) for (const o of m.old) oldMatchOf[o] = m;
  let chainNew = -1;
  for (let o = 0; o < oldLength; o++) {
    const m = oldMatchOf[o]!;
    if (m.kind === 'removed') removedAfter.set(m, chainNew);
    else if (m.inPlace) chainNew = Math.max(chainNew, ...m.new);
  }
  for (const m of matches) {
    if (m.new.length > 0) keyed.push({ m, pos: m.new[0]!, rank: 0, old: m.old[0] ?? -1 });
    else keyed.push({ m, pos: removedAfter.get(m) ?? -1, rank: 1, old: m.old[0]! });
  }
  keyed.sort((a, b) => a.pos - b.pos || a.rank - b.rank || a.old - b.old);
  return keyed.map(({ m }) => {
    const change: SegmentChange = {
      kind: m.kind,
      old: m.old,
      new: m.new,
      similarity: m.similarity,
      ...(m.diff !== undefined ? { diff: m.diff } : {}),
      ...(m.moved ? { moved: true } : {}),
    };
    return change;
  });
}

/** A diff that keeps what both sides share at the ends and replaces the rest (for callers over budget). */
export { replacementDiff };
