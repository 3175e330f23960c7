/**
 * The bead cost of kioku's aligner: a length model, anchors and paragraph structure, all in nats (−log
 * probability, up to a constant), so they add up. Built once per alignment from the two segment lists;
 * the DP then asks for the cost of millions of candidate beads, so everything is precomputed into flat
 * arrays (prefix sums of lengths, anchors in compressed rows, sorted lookup lists).
 */
import type { BeadCost, BeadType, ParagraphMoves } from './dp.js';
import { latinTokens, nameTokens, symmetricAnchors, type AnchorKind, type AnchorWeights } from './anchors.js';
import { weightedLength } from './length.js';
import { prefixSums } from './band.js';
import { primaryLanguage, writesCjk } from '../text/lang.js';
import { NumberList } from '../text/numbers.js';

/** Everything the cost model needs to know about one sentence. */
export interface SentenceInput {
  readonly text: string;
  readonly paragraph: number;
}

export interface AlignParams {
  /** Bead types the DP may use, with their prior probabilities. */
  readonly beads: ReadonlyArray<BeadType & { readonly prior: number }>;
  /** Spread of log(target length / (ratio · source length)) for a correct bead. */
  readonly sigma: number;
  /**
   * Calibrated log(target length / source length) per language pair (`ja-en`), the ratio expected
   * before the document is seen; other pairs start from 0 (equal weighted lengths).
   */
  readonly pairLogRatio: Readonly<Record<string, number>>;
  /** How many sentences the pair's ratio weighs against the document's own (shrinkage for short texts). */
  readonly ratioPriorWeight: number;
  /** Added to both lengths before the ratio (Latin-character equivalents), so short sentences vary more. */
  readonly smoothing: number;
  /** Extra cost of a 1-0 or 0-1 bead on top of its prior (it has no length evidence). */
  readonly deletion: number;
  /** Probability that a whole paragraph (2+ sentences) is left out on one side. */
  readonly paragraphDeletion: number;
  /** Cost per sentence of a dropped paragraph, on top of that. */
  readonly deletionPerSentence: number;
  /** Probability of linking two whole paragraphs whose sentences no fixed bead type can pair. */
  readonly paragraphLink: number;
  /** Cost per sentence (both sides) of such a link, so that finer links win wherever they fit. */
  readonly paragraphLinkPerSentence: number;
  /** Bonus when a bead starts a paragraph on both sides. */
  readonly paragraphBoth: number;
  /**
   * Where both sides start a paragraph, the two whole paragraphs are taken to correspond, and their
   * lengths are compared too (spread `paragraphSigma`; the cost is capped at `paragraphLengthCap`, so a
   * paragraph the translator split or joined costs a bounded amount). This is what keeps the path from
   * sliding by one paragraph after a missing one: the sentence-level evidence alone is weak.
   */
  readonly paragraphSigma: number;
  readonly paragraphLengthCap: number;
  /**
   * Paragraph boundaries that the other text does not have. How likely that is depends on the pair of
   * texts: with as many paragraphs on both sides almost every boundary has a counterpart; a translation
   * with half as many paragraphs lacks every other one. So the share of boundaries that can have a
   * counterpart, a = min(P_source, P_target) / P_own (clamped to `paragraphAgreement`), is estimated
   * from the paragraph counts, and a bead starting a paragraph on one side only costs −ln(1 − a); a
   * paragraph boundary inside a bead costs that plus `paragraphCross`.
   */
  readonly paragraphAgreement: readonly [min: number, max: number];
  readonly paragraphCross: number;
  readonly anchors: AnchorWeights;
  /**
   * Cost of an anchor left without its counterpart inside a link (a number in the source sentence that
   * the sentence it is linked to does not have). Small, because translators do drop and add numbers
   * (era years, "thousands"), but it makes a merge that swallows an unrelated number worse than leaving
   * a dropped sentence unlinked. Anchors of unlinked sentences (1-0) cost nothing.
   */
  readonly anchorMiss: AnchorWeights;
  /** An anchor found in more than this many sentences of the other text is discounted (rarity). */
  readonly rareBelow: number;
}

/**
 * Calibrated on the Kyoto Wikipedia sample (ja→en, 8 articles, gold units) and checked on the seed news
 * article; README.md, "Alignment", says how each figure was obtained.
 */
export const DEFAULT_PARAMS: AlignParams = {
  beads: [
    { di: 1, dj: 1, prior: 0.85 },
    { di: 1, dj: 0, prior: 0.01 },
    { di: 0, dj: 1, prior: 0.01 },
    { di: 2, dj: 1, prior: 0.04 },
    { di: 1, dj: 2, prior: 0.05 },
    { di: 2, dj: 2, prior: 0.01 },
    { di: 3, dj: 1, prior: 0.005 },
    { di: 1, dj: 3, prior: 0.01 },
  ],
  sigma: 0.3,
  pairLogRatio: { 'ja-en': 0.1, 'en-ja': -0.1 },
  ratioPriorWeight: 8,
  smoothing: 3,
  deletion: 0,
  paragraphDeletion: 0.03,
  deletionPerSentence: 0.5,
  paragraphLink: 0.005,
  paragraphLinkPerSentence: 1,
  paragraphBoth: 1,
  paragraphSigma: 0.3,
  paragraphLengthCap: 2,
  paragraphAgreement: [0.05, 0.95],
  paragraphCross: 1,
  anchors: { number: 4, quote: 2, question: 1.5, exclamation: 1.5, latin: 3, memory: 8 },
  anchorMiss: { number: 0.7, quote: 0.3, question: 0.3, exclamation: 0.3, latin: 0, memory: 0 },
  rareBelow: 2,
};

/** Lookup anchors weaker than this (very common tokens) are left out: they cost time and decide nothing. */
const MIN_LOOKUP_WEIGHT = 0.25;

/** One side's sentences, flattened for the DP. */
interface Side {
  readonly n: number;
  readonly prefix: Float64Array;
  readonly paraStart: Uint8Array;
  readonly para: Int32Array;
  /** Weighted length of the paragraph each sentence belongs to. */
  readonly paraLength: Float64Array;
  /** Symmetric anchors in compressed rows: keys of sentence k are symKey[symOff[k]..symOff[k+1]). */
  readonly symOff: Int32Array;
  readonly symKey: Int32Array;
  readonly symW: Float64Array;
  /** Miss cost of each symmetric anchor, and prefix sums of it per sentence (missPrefix[k] = Σ before k). */
  readonly symMiss: Float64Array;
  readonly missPrefix: Float64Array;
  /** Bloom signatures: bit (key mod 32) of each symmetric anchor; bit (other index mod 32) of each lookup hit. */
  readonly symSig: Int32Array;
  readonly lookSig: Int32Array;
  /** Lookup anchors: each is a sorted list of other-side sentences containing the anchor, and a weight. */
  readonly lookOff: Int32Array;
  readonly lookList: Int32Array[];
  readonly lookW: Float64Array;
}

export interface ScorerInput {
  readonly source: readonly SentenceInput[];
  readonly target: readonly SentenceInput[];
  readonly sourceLang: string;
  readonly targetLang: string;
  /** For source sentence k, the target sentences that a memory says translate it. */
  readonly known?: (sourceIndex: number) => readonly number[];
}

export interface Scorer {
  readonly cost: BeadCost;
  readonly moves: ParagraphMoves;
  readonly sourcePrefix: Float64Array;
  readonly targetPrefix: Float64Array;
  /** Standardised length deviation of a bead (0 = exactly the expected length ratio). */
  readonly lengthZ: (i0: number, di: number, j0: number, dj: number) => number;
}

export function buildScorer(input: ScorerInput, params: AlignParams = DEFAULT_PARAMS): Scorer {
  const keys = new Map<string, number>();
  const intern = (k: string): number => {
    let id = keys.get(k);
    if (id === undefined) {
      id = keys.size;
      keys.set(k, id);
    }
    return id;
  };
  const numbers = new NumberList();
  const sourceSym = input.source.map((s) => symmetricAnchors(s.text, input.sourceLang, numbers));
  const targetSym = input.target.map((s) => symmetricAnchors(s.text, input.targetLang, numbers));
  // In how many sentences of each side each key occurs: matches on common keys count less.
  const dfOf = (rows: Array<Array<{ key: string }>>): Map<string, number> => {
    const df = new Map<string, number>();
    for (const row of rows) for (const k of new Set(row.map((a) => a.key))) df.set(k, (df.get(k) ?? 0) + 1);
    return df;
  };
  const sourceDf = dfOf(sourceSym);
  const targetDf = dfOf(targetSym);
  const rarity = (df: number): number => (df <= params.rareBelow ? 1 : params.rareBelow / df);

  // Lookup anchors: tokens of one side that should reappear verbatim in the other side.
  // CJK sides: their Latin tokens are borrowings, so they count as anchors.
  const sourceCjk = writesCjk(input.sourceLang);
  const targetCjk = writesCjk(input.targetLang);
  const marksOf = (text: string, cjk: boolean, otherCjk: boolean): string[] => (cjk ? latinTokens(text) : otherCjk ? [] : nameTokens(text));
  const sourceMarks = input.source.map((s) => unique(marksOf(s.text, sourceCjk, targetCjk)));
  const targetMarks = input.target.map((s) => unique(marksOf(s.text, targetCjk, sourceCjk)));
  const indexOf = (rows: readonly SentenceInput[], wanted: Set<string>): Map<string, Int32Array> => {
    const lists = new Map<string, number[]>();
    if (wanted.size === 0) return new Map();
    rows.forEach((s, k) => {
      for (const t of unique(latinTokens(s.text))) {
        if (!wanted.has(t)) continue;
        let l = lists.get(t);
        if (!l) lists.set(t, (l = []));
        l.push(k);
      }
    });
    return new Map([...lists].map(([t, l]) => [t, Int32Array.from(l)]));
  };
  const inTarget = indexOf(input.target, new Set(sourceMarks.flat()));
  const inSource = indexOf(input.source, new Set(targetMarks.flat()));

  const side = (
    rows: readonly SentenceInput[],
    sym: Array<Array<{ key: string; kind: AnchorKind }>>,
    otherDf: Map<string, number>,
    marks: string[][],
    otherIndex: Map<string, Int32Array>,
    known: ((k: number) => readonly number[]) | undefined,
  ): Side => {
    const n = rows.length;
    const lengths = new Float64Array(n);
    const paraStart = new Uint8Array(n);
    const para = new Int32Array(n);
    const symOff = new Int32Array(n + 1);
    const symKey: number[] = [];
    const symW: number[] = [];
    const symMiss: number[] = [];
    const miss = new Float64Array(n);
    const lookOff = new Int32Array(n + 1);
    const lookList: Int32Array[] = [];
    const lookW: number[] = [];
    const symSig = new Int32Array(n);
    const lookSig = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const s = rows[k]!;
      lengths[k] = weightedLength(s.text);
      para[k] = s.paragraph;
      paraStart[k] = k === 0 || rows[k - 1]!.paragraph !== s.paragraph ? 1 : 0;
      for (const a of sym[k]!) {
        const id = intern(a.key);
        symSig[k] = symSig[k]! | (1 << (id & 31));
        symKey.push(id);
        symW.push(params.anchors[a.kind] * rarity(otherDf.get(a.key) ?? 0));
        symMiss.push(params.anchorMiss[a.kind]);
        miss[k] = miss[k]! + params.anchorMiss[a.kind];
      }
      symOff[k + 1] = symKey.length;
      for (const t of marks[k]!) {
        const list = otherIndex.get(t);
        if (!list) continue; // never matched anywhere: cannot change any decision
        const w = params.anchors.latin * rarity(list.length);
        if (w < MIN_LOOKUP_WEIGHT) continue; // a common word ("the" in The Conversation) tells nothing
        lookList.push(list);
        lookW.push(w);
        for (const x of list) lookSig[k] = lookSig[k]! | (1 << (x & 31));
      }
      const mem = known?.(k);
      if (mem && mem.length > 0) {
        const list = Int32Array.from([...mem].sort((a, b) => a - b));
        lookList.push(list);
        lookW.push(params.anchors.memory);
        for (const x of list) lookSig[k] = lookSig[k]! | (1 << (x & 31));
      }
      lookOff[k + 1] = lookList.length;
    }
    const paraLength = new Float64Array(n);
    for (let k = 0; k < n; ) {
      let e = k + 1;
      while (e < n && !paraStart[e]) e++;
      let total = 0;
      for (let x = k; x < e; x++) total += lengths[x]!;
      paraLength.fill(total, k, e);
      k = e;
    }
    return {
      n,
      prefix: prefixSums(lengths),
      paraStart,
      para,
      paraLength,
      symSig,
      lookSig,
      symOff,
      symKey: Int32Array.from(symKey),
      symW: Float64Array.from(symW),
      symMiss: Float64Array.from(symMiss),
      missPrefix: prefixSums(miss),
      lookOff,
      lookList,
      lookW: Float64Array.from(lookW),
    };
  };
  const S = side(input.source, sourceSym, targetDf, sourceMarks, inTarget, input.known);
  const T = side(input.target, targetSym, sourceDf, targetMarks, inSource, undefined);

  const totalS = S.prefix[S.n]!;
  const totalT = T.prefix[T.n]!;
  // The expected length ratio: the document's own, so any pair of languages (or a translator who writes
  // long) gets its own without configuration, pulled towards the calibrated ratio of the language pair
  // in short texts, where a missing sentence would skew the document's ratio.
  const docLogRatio = totalS > 0 && totalT > 0 ? Math.log((totalT + params.smoothing) / (totalS + params.smoothing)) : 0;
  const pairPrior = params.pairLogRatio[pairKey(input.sourceLang, input.targetLang)] ?? 0;
  const evidenceWeight = Math.min(S.n, T.n);
  const logRatio = (evidenceWeight * docLogRatio + params.ratioPriorWeight * pairPrior) / (evidenceWeight + params.ratioPriorWeight);
  const priorCost = new Map<number, number>();
  for (const b of params.beads) priorCost.set(b.di * 8 + b.dj, -Math.log(b.prior));
  const prior = new Float64Array(64).fill(Infinity);
  for (const [k, v] of priorCost) prior[k] = v;
  const sigma = params.sigma;
  const k0 = params.smoothing;
  const used = new Float64Array(256);
  let generation = 0;

  // The DP asks for millions of bead costs: everything the hot path reads is a local typed array, and
  // log(length + smoothing) of every span of 1–3 sentences is computed once here, not per bead.
  const sLogSpan = spanLog(S.prefix, k0);
  const tLogSpan = spanLog(T.prefix, k0);
  const sParaStart = S.paraStart;
  const tParaStart = T.paraStart;
  const sParaLength = S.paraLength;
  const tParaLength = T.paraLength;
  const sSymOff = S.symOff;
  const tSymOff = T.symOff;
  const sSymKey = S.symKey;
  const tSymKey = T.symKey;
  const sSymW = S.symW;
  const sSymMiss = S.symMiss;
  const tSymMiss = T.symMiss;
  const sMissPrefix = S.missPrefix;
  const tMissPrefix = T.missPrefix;
  const sLookOff = S.lookOff;
  const tLookOff = T.lookOff;
  const sSymSig = S.symSig;
  const tSymSig = T.symSig;
  const sLookSig = S.lookSig;
  const tLookSig = T.lookSig;
  const { paragraphBoth, paragraphLengthCap } = params;
  const agreement = (own: number, other: number): number => {
    const [lo, hi] = params.paragraphAgreement;
    return Math.min(hi, Math.max(lo, own > 0 ? Math.min(own, other) / own : 1));
  };
  const sParas = countStarts(S.paraStart);
  const tParas = countStarts(T.paraStart);
  const sourceOnly = -Math.log(1 - agreement(sParas, tParas));
  const targetOnly = -Math.log(1 - agreement(tParas, sParas));
  const sourceCross = sourceOnly + params.paragraphCross;
  const targetCross = targetOnly + params.paragraphCross;
  const paragraphSigma = params.paragraphSigma;

  const lengthZ = (i0: number, di: number, j0: number, dj: number): number => (tLogSpan(j0, dj) - sLogSpan(i0, di) - logRatio) / sigma;

  /** Evidence for linking source [i0, i0+di) with target [j0, j0+dj), both non-empty. */
  const evidence = (i0: number, di: number, j0: number, dj: number): number => {
    // Length: Gaussian near the expected ratio, linear in the tails (translations have outliers).
    let z = lengthZ(i0, di, j0, dj);
    if (z < 0) z = -z;
    let c = z <= 2.5 ? 0.5 * z * z : 2.5 * z - 3.125;
    // Paragraph structure.
    const ps = sParaStart[i0]!;
    const pt = tParaStart[j0]!;
    if (ps && pt) {
      const zp = (Math.log((tParaLength[j0]! + k0) / (sParaLength[i0]! + k0)) - logRatio) / paragraphSigma;
      c += Math.min(0.5 * zp * zp, paragraphLengthCap) - paragraphBoth;
    } else if (ps) c += sourceOnly;
    else if (pt) c += targetOnly;
    for (let k = i0 + 1; k < i0 + di; k++) if (sParaStart[k]) c += sourceCross;
    for (let k = j0 + 1; k < j0 + dj; k++) if (tParaStart[k]) c += targetCross;
    // Anchors. Bloom signatures first: most candidate beads share no anchor and skip the loops.
    let sSig = 0;
    let sLook = 0;
    let sSpan = 0;
    for (let k = i0; k < i0 + di; k++) {
      sSig |= sSymSig[k]!;
      sLook |= sLookSig[k]!;
      sSpan |= 1 << (k & 31);
    }
    let tSig = 0;
    let tLook = 0;
    let tSpan = 0;
    for (let k = j0; k < j0 + dj; k++) {
      tSig |= tSymSig[k]!;
      tLook |= tLookSig[k]!;
      tSpan |= 1 << (k & 31);
    }
    // Every anchor of the link is first counted as missed; each match takes back both misses.
    c += sMissPrefix[i0 + di]! - sMissPrefix[i0]! + tMissPrefix[j0 + dj]! - tMissPrefix[j0]!;
    if ((sSig & tSig) !== 0) {
      // Symmetric anchors: multiset intersection of the keys on both sides of the bead. `used` marks
      // target keys already matched in this bead, with a fresh stamp per bead (no clearing).
      const sa = sSymOff[i0]!;
      const sb = sSymOff[i0 + di]!;
      const ta = tSymOff[j0]!;
      const nt = Math.min(tSymOff[j0 + dj]! - ta, used.length);
      const stamp = ++generation;
      for (let x = sa; x < sb; x++) {
        const key = sSymKey[x]!;
        for (let y = 0; y < nt; y++) {
          if (used[y] !== stamp && tSymKey[ta + y] === key) {
            used[y] = stamp;
            c -= sSymW[x]! + sSymMiss[x]! + tSymMiss[ta + y]!;
            break;
          }
        }
      }
    }
    // Lookup anchors in both directions.
    if ((sLook & tSpan) !== 0) {
      for (let x = sLookOff[i0]!; x < sLookOff[i0 + di]!; x++) if (hits(S.lookList[x]!, j0, j0 + dj)) c -= S.lookW[x]!;
    }
    if ((tLook & sSpan) !== 0) {
      for (let x = tLookOff[j0]!; x < tLookOff[j0 + dj]!; x++) if (hits(T.lookList[x]!, i0, i0 + di)) c -= T.lookW[x]!;
    }
    return c;
  };
  const dropBase = -Math.log(params.paragraphDeletion) + params.deletion;
  const dropOne = dropBase + params.deletionPerSentence;
  const cost: BeadCost = (i0, di, j0, dj) => {
    if (di > 0 && dj > 0) return prior[di * 8 + dj]! + evidence(i0, di, j0, dj);
    const c = prior[di * 8 + dj]! + params.deletion;
    // A one-sentence paragraph left out is a dropped paragraph, priced like the longer ones.
    const whole = di > 0 ? S.paraStart[i0] && (i0 + 1 === S.n || S.paraStart[i0 + 1]) : T.paraStart[j0] && (j0 + 1 === T.n || T.paraStart[j0 + 1]);
    return whole ? Math.min(c, dropOne) : c;
  };

  const linkBase = -Math.log(params.paragraphLink);
  const sb = paragraphBounds(S.paraStart);
  const tb = paragraphBounds(T.paraStart);
  const moves: ParagraphMoves = {
    sourceEnding: sb.ending,
    sourceStarting: sb.starting,
    targetEnding: tb.ending,
    targetStarting: tb.starting,
    cost: (i0, di, j0, dj) =>
      di === 0 || dj === 0
        ? dropBase + params.deletionPerSentence * (di + dj)
        : linkBase + params.paragraphLinkPerSentence * (di + dj) + evidence(i0, di, j0, dj),
  };
  return { cost, moves, sourcePrefix: S.prefix, targetPrefix: T.prefix, lengthZ };
}

function countStarts(paraStart: Uint8Array): number {
  let n = 0;
  for (let k = 0; k < paraStart.length; k++) n += paraStart[k]!;
  return n;
}

/**
 * log(length of sentences [at, at+d) + smoothing), read from tables for d = 1..3 (nearly every bead)
 * and computed for longer spans (the rare paragraph moves).
 */
function spanLog(prefix: Float64Array, smoothing: number): (at: number, d: number) => number {
  const n = prefix.length - 1;
  const table = (d: number): Float64Array => {
    const logs = new Float64Array(n + 1);
    for (let k = 0; k + d <= n; k++) logs[k] = Math.log(prefix[k + d]! - prefix[k]! + smoothing);
    return logs;
  };
  const log1 = table(1);
  const log2 = table(2);
  const log3 = table(3);
  return (at, d) => (d === 1 ? log1[at]! : d === 2 ? log2[at]! : d === 3 ? log3[at]! : Math.log(prefix[at + d]! - prefix[at]! + smoothing));
}

/** `ja-en` from `ja-JP` and `en-US` (the parameters are per language, not per script or region). */
function pairKey(source: string, target: string): string {
  return `${primaryLanguage(source)}-${primaryLanguage(target)}`;
}

/** Lengths of the paragraphs ending / starting at each sentence boundary (see ParagraphMoves). */
function paragraphBounds(paraStart: Uint8Array): { ending: Int32Array; starting: Int32Array } {
  const n = paraStart.length;
  const ending = new Int32Array(n + 1);
  const starting = new Int32Array(n + 1);
  let start = 0;
  for (let k = 1; k <= n; k++) {
    if (k === n || paraStart[k]) {
      ending[k] = k - start;
      starting[start] = k - start;
      start = k;
    }
  }
  return { ending, starting };
}

/** Whether the sorted list holds a value in [from, to). */
function hits(list: Int32Array, from: number, to: number): boolean {
  let a = 0;
  let b = list.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (list[mid]! < from) a = mid + 1;
    else b = mid;
  }
  return a < list.length && list[a]! < to;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
