import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { bandOf, editDistance, explainScore, foldKey, fuzzyScore, levenshtein } from '../../src/memory/text.js';

const codes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('edit distance', () => {
  it('equals fastest-levenshtein on arbitrary strings (short and multi-block)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
        expect(levenshtein(a, b)).toBe(distance(a, b));
      }),
      { seed: 42, numRuns: 400 },
    );
  });
  it('with a bound, returns the distance when within it and something larger otherwise', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.nat(10), (a, b, k) => {
        const d = distance(a, b);
        const bounded = editDistance(codes(a), codes(b), k);
        if (d <= k) expect(bounded).toBe(d);
        else expect(bounded).toBeGreaterThan(k);
      }),
      { seed: 7, numRuns: 400 },
    );
  });
  it('with a bound, stays exact on long similar strings (several 32-bit blocks, early exit between blocks)', () => {
    const edited = fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...'abcde fghij'), minLength: 33, maxLength: 130 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('sub', 'del', 'ins'), fc.constantFrom(...'abxyz ')), { maxLength: 30 }),
      )
      .map(([a, edits]) => {
        const chars = [...a];
        for (const [at, op, c] of edits) {
          const i = at % Math.max(1, chars.length);
          if (op === 'sub') chars[i] = c;
          else if (op === 'del') chars.splice(i, 1);
          else chars.splice(i, 0, c);
        }
        return [a, chars.join('')] as const;
      });
    fc.assert(
      fc.property(edited, fc.nat(40), ([a, b], k) => {
        const d = distance(a, b);
        const bounded = editDistance(codes(a), codes(b), k);
        if (d <= k) expect(bounded).toBe(d);
        else expect(bounded).toBeGreaterThan(k);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('fuzzy score', () => {
  it('is 100 only for identical NFC text', () => {
    expect(fuzzyScore('今日は晴れです。', '今日は晴れです。')).toBe(100);
    expect(fuzzyScore('e\u0301', '\u00e9')).toBe(100);
    expect(fuzzyScore('今日は晴れです。', '今日は晴れです')).toBeLessThan(100);
  });
  it('penalises whitespace-only and punctuation-only differences lightly', () => {
    expect(explainScore('It is sunny today.', 'It is  sunny today.')).toMatchObject({ score: 99, only: 'whitespace' });
    expect(explainScore('はい', 'はい。')).toMatchObject({ score: 98, only: 'punctuation' });
  });
  it('penalises number-only, width and case differences by their documented points', () => {
    expect(explainScore('2023年に発表した', '1998年に発表した')).toMatchObject({ score: 98, penalties: [{ reason: 'numbers', points: 2 }] });
    expect(explainScore('ＡＢＣを使う', 'ABCを使う')).toMatchObject({ score: 99, penalties: [{ reason: 'width', points: 1 }] });
    expect(explainScore('Hello world', 'hello world')).toMatchObject({ score: 99, penalties: [{ reason: 'case', points: 1 }] });
    expect(explainScore('ｶﾀｶﾅです', 'カタカナです').penalties.map((p) => p.reason)).toEqual(['width']);
  });
  it('is the floored edit similarity for ordinary edits', () => {
    // 2 edits over 9 characters.
    expect(fuzzyScore('今日は晴れでした。', '今日は晴れです。')).toBe(Math.floor(100 * (1 - 2 / 9)));
  });
  it('never scores below the plain edit similarity minus penalties, and folding keeps lengths', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        expect(foldKey(a).length).toBe(a.normalize('NFC').length);
        const A = a.normalize('NFC');
        const B = b.normalize('NFC');
        if (A === B) return;
        const plain = Math.floor(100 * (1 - distance(A, B) / Math.max(A.length, B.length)) + 1e-9);
        const e = explainScore(a, b);
        const penalty = e.penalties.reduce((s, p) => s + p.points, 0);
        expect(e.score).toBeGreaterThanOrEqual(Math.min(99, plain) - penalty);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
  it('puts scores into the CAT bands', () => {
    expect([101, 100, 99, 95, 94, 85, 84, 75, 74, 50, 49, undefined].map(bandOf)).toEqual([
      '101',
      '100',
      '95-99',
      '95-99',
      '85-94',
      '85-94',
      '75-84',
      '75-84',
      '50-74',
      '50-74',
      'no-match',
      'no-match',
    ]);
  });
});
