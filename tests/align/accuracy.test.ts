/**
 * Accuracy floors (the full tables come from `npm run eval -- align`). Scoring is defined in
 * tests/align/support/gold.ts: link precision / recall / F1 over sentence links, a predicted link
 * correct when it equals a gold unit or lies inside one.
 */
import { describe, expect, it } from 'vitest';
import { missing } from '../support/env.js';
import { ALIGNERS, articleDocs, articleFileCases, caseOf, KYOTO_PATH, kyotoDocs, REALISTIC, scaleCase, scoreAll } from './support/evaluate.js';

const noKyoto = missing({ shared: KYOTO_PATH });

describe('alignment accuracy on the Kyoto Wikipedia sample (../shared)', () => {
  it.skipIf(noKyoto)('reaches F1 ≥ 0.95, well above length-only Gale–Church', () => {
    const cases = kyotoDocs().map((d) => caseOf(d));
    const kioku = scoreAll(cases, ALIGNERS.kioku);
    const baseline = scoreAll(cases, ALIGNERS.galeChurch);
    const baselineParagraphs = scoreAll(cases, ALIGNERS.galeChurchParagraphs);
    // 409 units, fewer links once projected onto kioku's segments (a list line without punctuation is one
    // Japanese segment, so its units merge into one gold link).
    expect(kioku.gold).toBeGreaterThan(300);
    expect(kioku.f1).toBeGreaterThanOrEqual(0.95);
    expect(kioku.precision).toBeGreaterThanOrEqual(0.95);
    expect(kioku.recall).toBeGreaterThanOrEqual(0.95);
    expect(kioku.f1).toBeGreaterThanOrEqual(baseline.f1 + 0.05);
    expect(kioku.f1).toBeGreaterThan(baselineParagraphs.f1);
  });

  it.skipIf(noKyoto)('stays above F1 0.92 when the paragraphs do not correspond (one missing, extra, split or joined paragraph)', () => {
    const docs = kyotoDocs();
    for (const kind of REALISTIC) {
      const kioku = scoreAll(
        docs.map((d) => caseOf(d, kind)),
        ALIGNERS.kioku,
      );
      expect(kioku.f1, kind).toBeGreaterThanOrEqual(0.92);
    }
  });
});

describe('alignment accuracy on the seed article (tests/fixtures/align gold)', () => {
  it('aligns the sentence-parallel translation perfectly and the news-style one (merges, splits, drops) at F1 ≥ 0.95', () => {
    const [parallel, news] = articleFileCases();
    const p = scoreAll([parallel!], ALIGNERS.kioku);
    expect(p.f1).toBe(1);
    const n = scoreAll([news!], ALIGNERS.kioku);
    expect(n.f1).toBeGreaterThanOrEqual(0.95);
    // Every non 1-1 unit of the news version is found exactly.
    expect(n.strictF1).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps F1 ≥ 0.95 with the paragraph structure disturbed, ≥ 0.9 even under stress', () => {
    for (const doc of articleDocs()) {
      for (const kind of REALISTIC) {
        expect(scoreAll([caseOf(doc, kind)], ALIGNERS.kioku).f1, `${doc.name}+${kind}`).toBeGreaterThanOrEqual(0.95);
      }
      // Every second paragraph joined, every paragraph split, one in five missing, no paragraphs at all.
      for (const kind of ['join', 'split', 'missing', 'flat'] as const) {
        expect(scoreAll([caseOf(doc, kind)], ALIGNERS.kioku).f1, `${doc.name}+${kind}`).toBeGreaterThanOrEqual(0.9);
      }
    }
  });
});

describe('alignment of a long text (the benchmark corpus, 5,000 pairs)', () => {
  it.skipIf(noKyoto)('keeps its accuracy: the search follows the path through dropped and split paragraphs', () => {
    const c = scaleCase(5000);
    expect(c.source.segments.length).toBeGreaterThan(4900);
    const kioku = scoreAll([c], ALIGNERS.kioku);
    expect(kioku.f1).toBeGreaterThanOrEqual(0.95);
    expect(kioku.f1).toBeGreaterThan(scoreAll([c], ALIGNERS.galeChurch).f1 + 0.05);
  });
});
