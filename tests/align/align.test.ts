import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { segment } from '../../src/segment/index.js';
import { align, alignLengthOnly, knownFromMemory, weightedLength } from '../../src/align/index.js';
import { latinTokens, nameTokens, symmetricAnchors } from '../../src/align/anchors.js';
import type { AlignedPair, Revision } from '../../src/model.js';
import { memoryFromContent } from '../../src/memory/index.js';
import { alignmentUnits } from '../../src/align/output.js';

const ja = (...paragraphs: string[]) => segment(paragraphs.join('\n\n'), { lang: 'ja' });
const en = (...paragraphs: string[]) => segment(paragraphs.join('\n\n'), { lang: 'en' });
const run = (s: Revision, t: Revision) => align(s, t, { sourceLang: 'ja', targetLang: 'en' });
const shape = (pairs: readonly AlignedPair[]) => pairs.map((p) => `${p.source.join('+') || '-'}:${p.target.join('+') || '-'}`);

/** Every index of both sides in exactly one pair, in document order. */
function expectPartition(pairs: readonly AlignedPair[], n: number, m: number): void {
  let i = 0;
  let j = 0;
  for (const p of pairs) {
    expect(p.source.length + p.target.length).toBeGreaterThan(0);
    for (const x of p.source) expect(x).toBe(i++);
    for (const x of p.target) expect(x).toBe(j++);
    expect(p.score).toBeGreaterThanOrEqual(0);
    expect(p.score).toBeLessThanOrEqual(1);
  }
  expect(i).toBe(n);
  expect(j).toBe(m);
}

// A small parallel text with the variety of real news: numbers, names, quotes.
const JA = [
  '北朝鮮は昨年10月に1万1千人の兵士をロシアに派遣した。その多くはクルスク州で戦った。',
  '「この神聖な戦いで戦う」と兵士は書いた。観客は拍手を送った。',
  'CNNによると、少なくとも600人が死亡した。さらに数千人が負傷した。',
  '両首都間のフライトは現在週2回運航されている。',
];
const EN = [
  'North Korea sent 11,000 soldiers to Russia last October. Many of them fought in the Kursk region.',
  '"We will fight in this sacred battle," the soldier wrote. The audience applauded.',
  'According to CNN, at least 600 have died. Thousands more were wounded.',
  'Flights between the two capitals now operate twice a week.',
];

describe('align', () => {
  it('pairs a sentence-parallel text 1-1 with high confidence', () => {
    const s = ja(...JA);
    const t = en(...EN);
    const pairs = run(s, t);
    expectPartition(pairs, s.segments.length, t.segments.length);
    expect(shape(pairs)).toEqual(['0:0', '1:1', '2:2', '3:3', '4:4', '5:5', '6:6']);
    for (const p of pairs) expect(p.score).toBeGreaterThan(0.9);
  });

  it('finds merged (2-1) and split (1-2) sentences', () => {
    const s = ja(...JA);
    const t = en(
      'North Korea sent 11,000 soldiers to Russia last October, many of whom fought in the Kursk region.',
      '"We will fight in this sacred battle," the soldier wrote. The audience applauded.',
      'According to CNN, at least 600 have died. Thousands more were wounded.',
      'Flights between the two capitals now operate. There are two of them every week, in both directions.',
    );
    expect(shape(run(s, t))).toEqual(['0+1:0', '2:1', '3:2', '4:3', '5:4', '6:5+6']);
  });

  it('leaves a sentence the translator dropped unlinked (1-0) and an added one too (0-1)', () => {
    const s = ja(...JA);
    const t = en(
      'North Korea sent 11,000 soldiers to Russia last October.',
      '"We will fight in this sacred battle," the soldier wrote. The audience applauded.',
      'According to CNN, at least 600 have died. Thousands more were wounded.',
      "Flights between the two capitals now operate twice a week. Editor's note: this article was updated on Monday with new figures from the ministry.",
    );
    expect(shape(run(s, t))).toEqual(['0:0', '1:-', '2:1', '3:2', '4:3', '5:4', '6:5', '-:6']);
  });

  it('copes with a missing paragraph, an extra paragraph and a paragraph split in two', () => {
    const s = ja(...JA);
    const missing = en(EN[0]!, EN[2]!, EN[3]!);
    expect(shape(run(s, missing))).toEqual(['0:0', '1:1', '2:-', '3:-', '4:2', '5:3', '6:4']);
    const extra = en(EN[0]!, 'This paragraph was added by the translator for readers abroad.', EN[1]!, EN[2]!, EN[3]!);
    expect(shape(run(s, extra))).toEqual(['0:0', '1:1', '-:2', '2:3', '3:4', '4:5', '5:6', '6:7']);
    const split = en(EN[0]!.replace(' Many', '\n\nMany'), EN[1]!, EN[2]!, EN[3]!);
    expect(shape(run(s, split))).toEqual(['0:0', '1:1', '2:2', '3:3', '4:4', '5:5', '6:6']);
    const flat = segment(EN.join(' '), { lang: 'en' });
    expect(shape(run(s, flat))).toEqual(['0:0', '1:1', '2:2', '3:3', '4:4', '5:5', '6:6']);
  });

  it('uses numbers across scripts as anchors where lengths alone mislead', () => {
    // Which of three similar sentences did the translator leave out? Only the numbers tell
    // (1万1千 = 11,000; 600 is in the second sentence only).
    const s = segment('兵士は1万1千人だった。死者は600人に上った。負傷者は数千人だった。', { lang: 'ja' });
    const dropSecond = segment('There were 11,000 soldiers. Thousands were wounded.', { lang: 'en' });
    expect(shape(run(s, dropSecond))).toEqual(['0:0', '1:-', '2:1']);
    expect(shape(alignLengthOnly(s, dropSecond))).not.toEqual(['0:0', '1:-', '2:1']);
    const dropThird = segment('There were 11,000 soldiers. At least 600 died.', { lang: 'en' });
    expect(shape(run(s, dropThird))).toEqual(['0:0', '1:1', '2:-']);
    expect(shape(alignLengthOnly(s, dropThird))).not.toEqual(['0:0', '1:1', '2:-']);
  });

  it('treats a known memory pair as a strong anchor', () => {
    const s = ja('彼は来た。', '彼女も来た。', '二人とも帰った。');
    const t = en('She came too.', 'He came.', 'Both went home.');
    const units = alignmentUnits(s, t, [{ source: [0], target: [1], score: 1 }], {
      document: 'x.txt',
      sourceLang: 'ja',
      targetLang: 'en',
      now: '2026-01-01T00:00:00.000Z',
    });
    const memory = memoryFromContent({ units, exports: [] });
    expect(knownFromMemory(memory, s, t, { sourceLang: 'ja', targetLang: 'en' })(0)).toEqual([1]);
    const pairs = align(s, t, { sourceLang: 'ja', targetLang: 'en', memory });
    expect(pairs.find((p) => p.source.includes(0))!.target).toEqual([1]);
  });

  it('handles empty sides', () => {
    const s = ja(...JA);
    const none = en('');
    const pairs = run(s, none);
    expectPartition(pairs, s.segments.length, 0);
    expect(pairs.every((p) => p.target.length === 0)).toBe(true);
    expect(run(ja(''), en(''))).toEqual([]);
  });

  it('always partitions both sides in order and is deterministic (random texts)', () => {
    const sentence = fc.oneof(
      fc.constantFrom('北朝鮮兵は戦った。', '観客は拍手を送った。', '2024年に協定が結ばれた。', 'CNNが報じた。', '本当か？'),
      fc.string({ minLength: 1, maxLength: 30 }).map((x) => x.replace(/\s+/g, ' ').trim() + '。'),
    );
    const english = fc.oneof(
      fc.constantFrom('The soldiers fought.', 'The audience applauded.', 'An agreement was signed in 2024.', 'CNN reported it.', 'Really?'),
      fc.string({ minLength: 1, maxLength: 60 }).map((x) => x.replace(/\s+/g, ' ').trim() + '.'),
    );
    const doc = (s: fc.Arbitrary<string>) =>
      fc.array(
        fc.array(s, { minLength: 1, maxLength: 4 }).map((p) => p.join('')),
        { maxLength: 8 },
      );
    fc.assert(
      fc.property(doc(sentence), doc(english), (a, b) => {
        const s = segment(a.join('\n'), { lang: 'ja' });
        const t = segment(b.join('\n'), { lang: 'en' });
        const pairs = run(s, t);
        expectPartition(pairs, s.segments.length, t.segments.length);
        expect(run(s, t)).toEqual(pairs);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});

describe('the length model and anchors', () => {
  it('counts CJK characters by their information, not as one each', () => {
    expect(weightedLength('abc')).toBe(3);
    expect(weightedLength('a b  c')).toBe(3);
    expect(weightedLength('漢字')).toBeCloseTo(7);
    expect(weightedLength('かな')).toBeCloseTo(3.6);
    expect(weightedLength('。、')).toBeCloseTo(2);
  });

  it('extracts anchors that survive translation', () => {
    expect(latinTokens('FPV(一人称視点)ドローン、The Conversationに寄稿、ＣＮＮ')).toEqual(['fpv', 'the', 'conversation', 'cnn']);
    expect(nameTokens('Yesterday Kim Jong Un met the CNN crew by the A380.')).toEqual(['kim', 'jong', 'un', 'cnn', 'a380']);
    const keys = (text: string, lang: string) =>
      symmetricAnchors(text, lang)
        .map((a) => a.key)
        .sort();
    expect(keys('「昨年10月に1万1千人を派遣した」と語った。本当か？', 'ja')).toEqual(keys('"It sent 11,000 people last October," he said. Really?', 'en'));
  });
});

describe('alignment outputs', () => {
  it('notes target text without source on the unit before it (or the first unit)', async () => {
    const { alignmentDocument } = await import('../../src/align/output.js');
    const s = ja('彼は来た。', '彼女も来た。');
    const t = en('A note from the translator.', 'He came.', 'She came too.', 'The end.');
    const pairs: AlignedPair[] = [
      { source: [], target: [0], score: 0.9 },
      { source: [0], target: [1], score: 0.95 },
      { source: [1], target: [2], score: 0.5 },
      { source: [], target: [3], score: 0.9 },
    ];
    const doc = alignmentDocument(s, t, pairs, { original: 'x.txt', sourceLang: 'ja', targetLang: 'en' });
    const units = doc.groups.flatMap((g) => g.units);
    expect(units[0]!.notes.join(' ')).toContain('starts with text that matches no source sentence: A note from the translator.');
    expect(units[1]!.notes.join(' ')).toContain('continues with text that matches no source sentence: The end.');
    expect(units.map((u) => u.target)).toEqual(['He came.', 'She came too.']);
    expect(units.map((u) => u.state)).toEqual(['translated', 'needs-review']);
  });
});
