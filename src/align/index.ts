/**
 * Sentence alignment of a text and its translation: `align(source, target, {sourceLang, targetLang})`
 * pairs the segments of two Revisions with 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0 and 0-1 links and gives
 * each link a confidence.
 *
 * Method (no dictionary, no model): one dynamic programme over the whole text inside a band around the
 * length diagonal (linear in the text size), whose bead cost combines
 * - a length model calibrated for ja→en (weighted character counts, log-ratio with robust tails),
 * - anchors that survive translation (numbers across scripts, Latin tokens, quotes, ?/!, memory pairs),
 * - paragraph structure as soft evidence: a bonus where both sides start a paragraph, a penalty where
 *   only one does or where a link spans a paragraph break. Paragraphs that correspond hold the path in
 *   place; a missing, extra or split paragraph costs a little but never forces a wrong link.
 * The band widens automatically when the best path runs along its edge. Confidence = posterior
 * probability of the link (forward–backward over the band) times a length-fit factor.
 */
import type { AlignedPair, Revision } from '../model.js';
import type { Memory } from '../memory/shapes.js';
import { lookup } from '../memory/lookup.js';
import { normaliseForId } from '../segment/id.js';
import type { Bead } from './dp.js';
import { searchBand } from './search.js';
import { buildScorer, DEFAULT_PARAMS, type AlignParams, type SentenceInput } from './scorer.js';

export { DEFAULT_PARAMS, buildScorer, type AlignParams, type SentenceInput } from './scorer.js';
export { weightedLength } from './length.js';
export { latinTokens, nameTokens, symmetricAnchors, type AnchorWeights, type AnchorKind } from './anchors.js';
export { alignLengthOnly, alignLengths, GALE_CHURCH, type LengthOnlyOptions } from './baseline.js';
export { searchBand, type SearchOptions } from './search.js';
export { alignBand, type ParagraphMoves, paragraphMoveAllowed, type Bead, type BeadType, type BeadCost, type DpResult } from './dp.js';

export interface AlignOptions {
  readonly sourceLang: string;
  readonly targetLang: string;
  /**
   * A translation memory: where it holds a source segment (exact match, this language pair) with a
   * translation equal to a target segment, that pair becomes a strong anchor.
   */
  readonly memory?: Memory;
  /**
   * Known translations (e.g. exact matches from a memory): for a source segment index, the target
   * segment indices whose text a memory pairs with it. They become strong anchors.
   */
  readonly known?: (sourceIndex: number) => readonly number[];
  /** Model parameters; the calibrated defaults unless you are experimenting. */
  readonly params?: AlignParams;
  /** Called with rows done / total during the DP (for progress display). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Upper bound on DP cells (memory ≈ 25 bytes per cell); the band stops widening there. */
  readonly maxCells?: number;
}

/** Aligns the sentences of two revisions. Every segment index of each side is in exactly one pair, in order. */
export function align(source: Revision, target: Revision, options: AlignOptions): AlignedPair[] {
  const fromMemory = options.memory ? knownFromMemory(options.memory, source, target, options) : undefined;
  const known = fromMemory && options.known ? (i: number) => [...fromMemory(i), ...options.known!(i)] : (fromMemory ?? options.known);
  return alignSentences(
    source.segments.map((s) => ({ text: s.text, paragraph: s.paragraph })),
    target.segments.map((s) => ({ text: s.text, paragraph: s.paragraph })),
    { ...options, ...(known ? { known } : {}) },
  );
}

/**
 * For each source segment, the target segments whose text (normalised: NFC, collapsed whitespace) is a
 * translation the memory holds for it (exact source match in this language pair).
 */
export function knownFromMemory(
  memory: Memory,
  source: Revision,
  target: Revision,
  langs: { readonly sourceLang: string; readonly targetLang: string },
): (sourceIndex: number) => readonly number[] {
  const byText = new Map<string, number[]>();
  target.segments.forEach((s, j) => {
    const key = normaliseForId(s.text);
    const list = byText.get(key);
    if (list) list.push(j);
    else byText.set(key, [j]);
  });
  const known: Array<readonly number[]> = source.segments.map((s) => {
    const out = new Set<number>();
    for (const m of lookup(memory, { source: s.text, sourceLang: langs.sourceLang, targetLang: langs.targetLang }, { threshold: 100, limit: 20 })) {
      for (const j of byText.get(normaliseForId(m.unit.target)) ?? []) out.add(j);
    }
    return [...out];
  });
  return (i) => known[i] ?? [];
}

/** `align` on plain sentence lists (text + paragraph number), for callers without Revisions. */
export function alignSentences(source: readonly SentenceInput[], target: readonly SentenceInput[], options: AlignOptions): AlignedPair[] {
  const params = options.params ?? DEFAULT_PARAMS;
  const scorer = buildScorer(
    { source, target, sourceLang: options.sourceLang, targetLang: options.targetLang, ...(options.known ? { known: options.known } : {}) },
    params,
  );
  const beads = searchBand(scorer.sourcePrefix, scorer.targetPrefix, params, scorer.cost, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.maxCells ? { maxCells: options.maxCells } : {}),
    moves: scorer.moves,
  });
  const pairs: AlignedPair[] = [];
  for (const b of beads) {
    if (b.di > 0 && b.dj > 0) pairs.push(toPair(b, scorer.lengthZ(b.i0, b.di, b.j0, b.dj)));
    else {
      // 1-0, 0-1 and dropped paragraphs: one pair per unlinked sentence.
      for (let k = 0; k < b.di; k++) pairs.push({ source: [b.i0 + k], target: [], score: round(b.posterior) });
      for (let k = 0; k < b.dj; k++) pairs.push({ source: [], target: [b.j0 + k], score: round(b.posterior) });
    }
  }
  return pairs;
}

function toPair(b: Bead, z: number): AlignedPair {
  const source: number[] = [];
  const target: number[] = [];
  for (let k = 0; k < b.di; k++) source.push(b.i0 + k);
  for (let k = 0; k < b.dj; k++) target.push(b.j0 + k);
  // A link the model is sure of but whose lengths disagree strongly is still worth a human look.
  const fit = Math.abs(z) <= 2 ? 1 : Math.exp(-0.7 * (Math.abs(z) - 2));
  return { source, target, score: round(b.posterior * fit) };
}

/** Two decimals: what `--json` prints and what decides needs-review, so both always agree. */
function round(x: number): number {
  return Math.round(x * 100) / 100;
}
