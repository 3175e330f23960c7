/**
 * Gold alignments and how predicted alignments are scored against them (used by the tests and by
 * tests/eval/align.eval.ts).
 *
 * A gold alignment is given as units: spans of the source and target text (paragraph + character
 * offsets in that paragraph's line) that translate each other. Kioku's own segmenter decides the
 * sentences, so gold is first projected onto segments: each segment belongs to the unit(s) it overlaps,
 * and units that share a segment are merged. The result, "gold links", partitions both segment lists;
 * a gold link is a set of source segments and a set of target segments (either may be empty for an
 * untranslated sentence).
 *
 * Scoring (link level):
 * - A predicted link is **correct** when it lies entirely inside one gold link (equal, or finer: the
 *   gold unit held two sentences on each side and the aligner paired them one by one) and has a
 *   non-empty side wherever that gold link does (a predicted 1-0 inside a gold 1-1 is wrong).
 * - **Precision** = correct predicted links / all predicted links.
 * - A gold link is **recovered** when every predicted link touching its segments is correct and inside
 *   it (the prediction tiles it, exactly or more finely, with correct links).
 * - **Recall** = recovered gold links / all gold links. F1 = 2PR / (P + R).
 * - The **strict** variant counts only exact equality (predicted link = gold link) on both sides.
 */
import type { AlignedPair, Revision } from '../../../src/model.js';

export interface GoldSpan {
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}

export interface GoldUnit {
  readonly source: readonly GoldSpan[];
  readonly target: readonly GoldSpan[];
}

export interface Link {
  readonly source: readonly number[];
  readonly target: readonly number[];
}

/** Projects gold units onto the segments of both revisions (see the module comment). */
export function goldLinks(units: readonly GoldUnit[], source: Revision, target: Revision): Link[] {
  const parent = units.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  const unite = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  // Spans indexed by paragraph, so projecting is linear in the text (the benchmark scores 100k pairs).
  const owners = (rev: Revision, side: 'source' | 'target'): number[][] => {
    const byParagraph = new Map<number, Array<{ start: number; end: number; unit: number }>>();
    units.forEach((u, k) => {
      for (const span of u[side]) {
        let list = byParagraph.get(span.paragraph);
        if (!list) byParagraph.set(span.paragraph, (list = []));
        list.push({ start: span.start, end: span.end, unit: k });
      }
    });
    return rev.segments.map((seg) => {
      const out: number[] = [];
      for (const span of byParagraph.get(seg.paragraph) ?? []) {
        if (span.start < seg.end && seg.start < span.end && !out.includes(span.unit)) out.push(span.unit);
      }
      return out;
    });
  };
  const so = owners(source, 'source');
  const to = owners(target, 'target');
  for (const list of [...so, ...to]) for (let k = 1; k < list.length; k++) unite(list[0]!, list[k]!);
  const groups = new Map<number, { source: number[]; target: number[] }>();
  const groupOf = (k: number) => {
    const root = find(k);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { source: [], target: [] }));
    return g;
  };
  const loose: Link[] = [];
  so.forEach((list, i) => (list.length ? groupOf(list[0]!).source.push(i) : loose.push({ source: [i], target: [] })));
  to.forEach((list, j) => (list.length ? groupOf(list[0]!).target.push(j) : loose.push({ source: [], target: [j] })));
  const all: Link[] = [...groups.values()].filter((g) => g.source.length + g.target.length > 0);
  all.push(...loose);
  const key = (l: Link) => (l.source.length ? l.source[0]! : Infinity) * 1e6 + (l.target.length ? l.target[0]! : 0);
  return all.sort((a, b) => key(a) - key(b));
}

export interface Score {
  readonly predicted: number;
  readonly gold: number;
  readonly correct: number;
  readonly recovered: number;
  readonly strictCorrect: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly strictPrecision: number;
  readonly strictRecall: number;
  readonly strictF1: number;
}

export function scoreLinks(predicted: readonly AlignedPair[] | readonly Link[], gold: readonly Link[]): Score {
  const sGold = new Map<number, number>();
  const tGold = new Map<number, number>();
  gold.forEach((g, k) => {
    for (const i of g.source) sGold.set(i, k);
    for (const j of g.target) tGold.set(j, k);
  });
  const goldOf = (p: Link): number | undefined => {
    const ids = new Set<number | undefined>([...p.source.map((i) => sGold.get(i)), ...p.target.map((j) => tGold.get(j))]);
    return ids.size === 1 ? [...ids][0] : undefined;
  };
  let correct = 0;
  let strictCorrect = 0;
  const spoiled = new Set<number>();
  for (const p of predicted) {
    const g = goldOf(p);
    const gl = g === undefined ? undefined : gold[g]!;
    const ok = gl !== undefined && p.source.length > 0 === gl.source.length > 0 && p.target.length > 0 === gl.target.length > 0;
    if (ok) {
      correct++;
      if (same(p.source, gl.source) && same(p.target, gl.target)) strictCorrect++;
    } else {
      for (const i of p.source) if (sGold.has(i)) spoiled.add(sGold.get(i)!);
      for (const j of p.target) if (tGold.has(j)) spoiled.add(tGold.get(j)!);
    }
  }
  return finish({ predicted: predicted.length, gold: gold.length, correct, recovered: gold.length - spoiled.size, strictCorrect });
}

/** Precision, recall and F1 (lenient and strict) from the counts. */
function finish(c: Pick<Score, 'predicted' | 'gold' | 'correct' | 'recovered' | 'strictCorrect'>): Score {
  const P = c.predicted ? c.correct / c.predicted : 1;
  const R = c.gold ? c.recovered / c.gold : 1;
  const SP = c.predicted ? c.strictCorrect / c.predicted : 1;
  const SR = c.gold ? c.strictCorrect / c.gold : 1;
  return {
    ...c,
    precision: P,
    recall: R,
    f1: P + R > 0 ? (2 * P * R) / (P + R) : 0,
    strictPrecision: SP,
    strictRecall: SR,
    strictF1: SP + SR > 0 ? (2 * SP * SR) / (SP + SR) : 0,
  };
}

/** Sums counts over documents (micro-average). */
export function sumScores(scores: readonly Score[]): Score {
  const t = (f: (s: Score) => number) => scores.reduce((a, s) => a + f(s), 0);
  return finish({
    predicted: t((s) => s.predicted),
    gold: t((s) => s.gold),
    correct: t((s) => s.correct),
    recovered: t((s) => s.recovered),
    strictCorrect: t((s) => s.strictCorrect),
  });
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, k) => x === b[k]);
}
