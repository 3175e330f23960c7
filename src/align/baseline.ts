/**
 * The baseline every alignment figure is measured against: plain length-only Gale & Church (1993),
 * "A Program for Aligning Sentences in Bilingual Corpora". Character lengths, the cost
 * −log P(bead type) − log 2(1 − Φ(|δ|)) with δ = (l₂ − c·l₁) / √(l₁·s²), their bead priors, no anchors.
 * The same DP code as kioku's aligner (in the classic fixed band around the length diagonal), so the
 * comparison isolates the model.
 *
 * c is the document's own character ratio (Gale & Church used c = 1 for English–German; for Japanese–
 * English the ratio is ≈ 3.4) and s² = 27 was measured like theirs (variance of l₂ − c·l₁ per source
 * character) on the Kyoto Wikipedia sample.
 */
import type { AlignedPair, Revision } from '../model.js';
import type { BeadType } from './dp.js';
import { prefixSums } from './band.js';
import { searchDiagonal } from './search.js';

export const GALE_CHURCH = {
  beads: [
    { di: 1, dj: 1, prior: 0.89 },
    { di: 1, dj: 0, prior: 0.0099 },
    { di: 0, dj: 1, prior: 0.0099 },
    { di: 2, dj: 1, prior: 0.089 },
    { di: 1, dj: 2, prior: 0.089 },
    { di: 2, dj: 2, prior: 0.011 },
  ] as ReadonlyArray<BeadType & { prior: number }>,
  variance: 27,
};

export interface LengthOnlyOptions {
  /**
   * `ignore`: one DP over the whole text (the plain baseline). `hard`: as in the original paper, when
   * both texts have the same number of paragraphs, align paragraph k with paragraph k and sentences only
   * within them (falls back to `ignore` when the counts differ).
   */
  readonly paragraphs?: 'ignore' | 'hard';
}

/** Length-only Gale–Church alignment of two revisions (scores are the bead posteriors). */
export function alignLengthOnly(source: Revision, target: Revision, options: LengthOnlyOptions = {}): AlignedPair[] {
  const sl = source.segments.map((s) => charLength(s.text));
  const tl = target.segments.map((s) => charLength(s.text));
  if (options.paragraphs === 'hard' && source.paragraphs.length === target.paragraphs.length && source.paragraphs.length > 0) {
    const ratio = ratioOf(sl, tl);
    const out: AlignedPair[] = [];
    source.paragraphs.forEach((p, k) => {
      const q = target.paragraphs[k]!;
      const sOff = p.segments[0] ?? 0;
      const tOff = q.segments[0] ?? 0;
      const part = alignLengths(
        p.segments.map((i) => sl[i]!),
        q.segments.map((j) => tl[j]!),
        ratio,
      );
      for (const pair of part) out.push({ source: pair.source.map((i) => i + sOff), target: pair.target.map((j) => j + tOff), score: pair.score });
    });
    return out;
  }
  return alignLengths(sl, tl, ratioOf(sl, tl));
}

function charLength(text: string): number {
  return text.replace(/\s+/g, '').length;
}

function ratioOf(sl: readonly number[], tl: readonly number[]): number {
  const s = sl.reduce((a, b) => a + b, 0);
  const t = tl.reduce((a, b) => a + b, 0);
  return s > 0 && t > 0 ? t / s : 1;
}

/** The Gale–Church DP on two lists of sentence lengths. */
export function alignLengths(sl: readonly number[], tl: readonly number[], ratio: number): AlignedPair[] {
  const sp = prefixSums(sl);
  const tp = prefixSums(tl);
  const prior = new Map(GALE_CHURCH.beads.map((b) => [b.di * 8 + b.dj, -Math.log(b.prior)]));
  const s2 = GALE_CHURCH.variance;
  const cost = (i0: number, di: number, j0: number, dj: number): number => {
    const l1 = sp[i0 + di]! - sp[i0]!;
    const l2 = tp[j0 + dj]! - tp[j0]!;
    // Gale & Church's mean of both lengths (in source units) keeps δ finite for 0-1 beads.
    const mean = (l1 + l2 / ratio) / 2;
    const delta = mean > 0 ? (l2 - ratio * l1) / Math.sqrt(mean * s2) : 0;
    const tail = Math.max(2 * (1 - normalCdf(Math.abs(delta))), 1e-300);
    return prior.get(di * 8 + dj)! - Math.log(tail);
  };
  const beads = searchDiagonal(sp, tp, GALE_CHURCH, cost);
  return beads.map((b) => ({
    source: Array.from({ length: b.di }, (_, k) => b.i0 + k),
    target: Array.from({ length: b.dj }, (_, k) => b.j0 + k),
    score: Math.round(b.posterior * 1000) / 1000,
  }));
}

/** Φ(x) by the Abramowitz–Stegun 26.2.17 approximation, as in Gale & Church's program. */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = 0.3989423 * Math.exp((-x * x) / 2);
  const p = d * t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
  return x >= 0 ? 1 - p : p;
}
