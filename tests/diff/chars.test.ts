import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { charDiff, classifyEdit, diffMarkup, similarity, similarityUpperBound } from '../../src/diff/index.js';
import { longestIncreasing, matchInOrder } from '../../src/diff/sequence.js';

const rebuild = (d: ReadonlyArray<readonly [number, string]>, keep: -1 | 1) =>
  d
    .filter(([op]) => op !== -keep)
    .map(([, t]) => t)
    .join('');

describe('charDiff and similarity', () => {
  it('rebuild both texts, stay within 0..1 and under the multiset bound (fixed seed)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '。', '北', '朝', '鮮', '1', '2', ',', 'the', 'cat', '𠮷') as fc.Arbitrary<string>,
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = charDiff(a, b);
        expect(rebuild(d, -1)).toBe(a);
        expect(rebuild(d, 1)).toBe(b);
        const s = similarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s).toBeLessThanOrEqual(similarityUpperBound(a, b) + 1e-9);
        if (a === b) expect(s).toBe(1);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('diffs whole words and numbers, characters in Japanese', () => {
    expect(charDiff('At least 600 died.', 'At least 1,200 died.')).toEqual([
      [0, 'At least '],
      [-1, '600'],
      [1, '1,200'],
      [0, ' died.'],
    ]);
    expect(diffMarkup(charDiff('少なくとも600人が死亡した。', '少なくとも1200人が死亡した。'))).toBe('少なくとも[-600-]{+1200+}人が死亡した。');
  });

  it('falls back to one replacement beyond maxCells, keeping the common ends', () => {
    const a = 'Start ' + 'x'.repeat(3000) + ' end.';
    const b = 'Start ' + 'y'.repeat(3000) + ' end.';
    expect(charDiff(a, b, { maxCells: 1000 })).toEqual([
      [0, 'Start '],
      [-1, 'x'.repeat(3000)],
      [1, 'y'.repeat(3000)],
      [0, ' end.'],
    ]);
  });

  it('classifies whitespace, punctuation, width, minor and major edits', () => {
    const kind = (a: string, b: string) => classifyEdit(a, b, charDiff(a, b), similarity(a, b));
    expect(kind('どころか、 北朝鮮は', 'どころか、北朝鮮は')).toBe('whitespace');
    expect(kind('しかし、習得の壁は高い。', 'しかし習得の壁は高い。')).toBe('punctuation');
    expect(kind('第２次派遣（予定）', '第2次派遣(予定)')).toBe('punctuation');
    expect(kind('The cat sat on the mat.', 'The dog sat on the mat.')).toBe('minor');
    expect(kind('観客は拍手を送った。', '観客は歓声を送った。')).toBe('minor');
    expect(kind('The audience applauded loudly at the end.', 'Nobody in the hall clapped at the end.')).toBe('major');
  });
});

describe('matchInOrder (the list diff)', () => {
  it('anchors unique keys and matches repeats by position', () => {
    expect([...matchInOrder(['a', 'x', 'b', 'x', 'c'], ['a', 'x', 'b', 'y', 'c'])]).toEqual([0, 1, 2, -1, 4]);
    expect([...matchInOrder(['a', 'x', 'b', 'x', 'c'], ['a', 'y', 'b', 'x', 'c'])]).toEqual([0, -1, 2, 3, 4]);
    // A moved key: the longer in-order run wins, the moved one is left for the caller.
    expect([...matchInOrder(['m', 'a', 'b', 'c', 'd'], ['a', 'b', 'c', 'm', 'd'])]).toEqual([-1, 0, 1, 2, 4]);
    expect([...matchInOrder(['p', 'q'], ['r', 's'])]).toEqual([-1, -1]);
  });

  it('longestIncreasing keeps the longest increasing run', () => {
    expect(
      longestIncreasing([
        [0, 3],
        [1, 1],
        [2, 2],
        [3, 0],
        [4, 4],
      ]),
    ).toEqual([
      [1, 1],
      [2, 2],
      [4, 4],
    ]);
  });
});
