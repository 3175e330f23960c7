import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { segment } from '../../src/segment/index.js';
import { diffRevisions, textKey } from '../../src/diff/index.js';
import type { SegmentChange } from '../../src/model.js';
import { FIXTURES } from '../support/env.js';
import { expectGolden } from '../support/golden.js';
import { scoreChanges, type ExpectedChange } from './revision-builder.js';
import { rng } from '../support/rng.mjs';
import { generatedText, sentence } from './revision-cases.js';
import { renderDiffText } from '../../src/cli/render/diff.js';

const REVISIONS = join(FIXTURES, 'revisions');
const cases = readdirSync(REVISIONS)
  .filter((d) => existsSync(join(REVISIONS, d, 'expected.json')))
  .sort();

function load(name: string) {
  const expected = JSON.parse(readFileSync(join(REVISIONS, name, 'expected.json'), 'utf8')) as {
    lang: 'ja' | 'en';
    changes: ExpectedChange[];
    oldSegments: string[];
    newSegments: string[];
  };
  const old = segment(readFileSync(join(REVISIONS, name, 'old.txt'), 'utf8'), { lang: expected.lang });
  const next = segment(readFileSync(join(REVISIONS, name, 'new.txt'), 'utf8'), { lang: expected.lang });
  // The expected indices refer to these segments; a segmenter change must be noticed, not misread.
  expect(
    old.segments.map((s) => s.text),
    `segmentation of ${name}/old.txt changed: rebuild with npx tsx tests/fixtures/revisions/build.ts`,
  ).toEqual(expected.oldSegments);
  expect(
    next.segments.map((s) => s.text),
    `segmentation of ${name}/new.txt changed: rebuild with npx tsx tests/fixtures/revisions/build.ts`,
  ).toEqual(expected.newSegments);
  return { expected, old, next };
}

/** Every old and new index in exactly one change; NEW order; removed ones between their old neighbours. */
function checkInvariants(changes: readonly SegmentChange[], oldCount: number, newCount: number): void {
  const seenOld = new Array<number>(oldCount).fill(0);
  const seenNew = new Array<number>(newCount).fill(0);
  for (const c of changes) {
    for (const o of c.old) seenOld[o]!++;
    for (const n of c.new) seenNew[n]!++;
    expect(c.similarity).toBeGreaterThanOrEqual(0);
    expect(c.similarity).toBeLessThanOrEqual(1);
    if (c.kind === 'added') expect(c.old).toEqual([]);
    if (c.kind === 'removed') expect(c.new).toEqual([]);
    if (c.kind === 'split') expect(c.old.length === 1 && c.new.length >= 2).toBe(true);
    if (c.kind === 'merged') expect(c.old.length >= 2 && c.new.length === 1).toBe(true);
  }
  expect(seenOld.every((k) => k === 1)).toBe(true);
  expect(seenNew.every((k) => k === 1)).toBe(true);
  const firstNew = changes.filter((c) => c.new.length > 0).map((c) => c.new[0]!);
  expect(firstNew).toEqual([...firstNew].sort((a, b) => a - b));
}

describe('revision test set (tests/fixtures/revisions)', () => {
  it('has cases of every kind', () => {
    const kinds = new Set(cases.flatMap((name) => load(name).expected.changes.map((c) => c.kind)));
    expect([...kinds].sort()).toEqual(['added', 'major', 'merged', 'minor', 'moved', 'punctuation', 'removed', 'split', 'unchanged', 'whitespace']);
  });

  for (const name of cases) {
    it(`${name}: every changed segment flagged, no unchanged one, kinds right`, () => {
      const { expected, old, next } = load(name);
      const changes = diffRevisions(old, next);
      checkInvariants(changes, old.segments.length, next.segments.length);
      const score = scoreChanges(expected.changes, changes);
      expect(score.mistakes).toEqual([]);
      expect(score.falsePositive).toBe(0);
      expect(score.falseNegative).toBe(0);
      // Unchanged means the same text; flagged means a different text or place.
      for (const c of changes) {
        if (c.kind === 'unchanged' || c.kind === 'moved') expect(next.segments[c.new[0]!]!.text).toBe(old.segments[c.old[0]!]!.text);
      }
    });
  }

  it('terminal report of ja-rewrites and en-mixed matches the golden files', () => {
    for (const name of ['ja-rewrites', 'en-mixed', 'ja-split-merge']) {
      const { old, next } = load(name);
      const text = renderDiffText({ oldName: `${name}/old.txt`, newName: `${name}/new.txt`, old, next, changes: diffRevisions(old, next), colour: false });
      const golden = join(REVISIONS, name, 'report.txt');
      expectGolden(text, golden, 'npx vitest run --config tests/vitest.config.ts tests/diff/revisions.test.ts');
    }
  });
});

describe('diffRevisions', () => {
  const ja = readFileSync(join(FIXTURES, 'article.ja.txt'), 'utf8');

  it('finds nothing between a revision and itself, repeated captions included', () => {
    const r = segment(ja);
    const changes = diffRevisions(r, r);
    expect(changes.every((c) => c.kind === 'unchanged' && c.old[0] === c.new[0])).toBe(true);
    expect(changes.length).toBe(r.segments.length);
  });

  it('reports a whitespace-only change although the segment id stays the same', () => {
    const a = segment('これは文です。 二つ目の  文です。\n');
    const b = segment('これは文です。 二つ目の 文です。\n');
    expect(b.segments[1]!.id).toBe(a.segments[1]!.id);
    const changes = diffRevisions(a, b);
    expect(changes.map((c) => c.kind)).toEqual(['unchanged', 'whitespace']);
    expect(changes[1]!.diff).toEqual([
      [0, '二つ目の '],
      [-1, ' '],
      [0, '文です。'],
    ]);
  });

  it('reports a change of Unicode normalisation as whitespace-level (invisible), not as unchanged', () => {
    const a = segment('Café au lait.\n', { lang: 'en' });
    const b = segment('Cafe\u0301 au lait.\n', { lang: 'en' });
    expect(diffRevisions(a, b).map((c) => c.kind)).toEqual(['whitespace']);
  });

  it('places removed segments where they were, between their old neighbours', () => {
    const a = segment('One here. Two here. Three here. Four here.\n', { lang: 'en' });
    const b = segment('One here. Four here. Five is new.\n', { lang: 'en' });
    const changes = diffRevisions(a, b);
    expect(changes.map((c) => [c.kind, c.old, c.new])).toEqual([
      ['unchanged', [0], [0]],
      ['removed', [1], []],
      ['removed', [2], []],
      ['unchanged', [3], [1]],
      ['added', [], [2]],
    ]);
  });

  it('keeps the caption in place and flags the edited repeat, whichever occurrence is edited', () => {
    const cap = 'Soldiers march in Pyongyang on April 25.';
    const a = segment(`${cap}\nText one is here.\n${cap}\nText two is here.\n`, { lang: 'en' });
    const b = segment(`${cap}\nText one is here.\n${cap.replace('25', '26')}\nText two is here.\n`, { lang: 'en' });
    expect(diffRevisions(a, b).map((c) => [c.kind, c.old, c.new])).toEqual([
      ['unchanged', [0], [0]],
      ['unchanged', [1], [1]],
      ['minor', [2], [2]],
      ['unchanged', [3], [3]],
    ]);
    const c = segment(`${cap.replace('25', '26')}\nText one is here.\n${cap}\nText two is here.\n`, { lang: 'en' });
    expect(diffRevisions(a, c).map((x) => [x.kind, x.old, x.new])).toEqual([
      ['minor', [0], [0]],
      ['unchanged', [1], [1]],
      ['unchanged', [2], [2]],
      ['unchanged', [3], [3]],
    ]);
  });

  it('marks an edited sentence found in another place as moved', () => {
    const paras = Array.from({ length: 12 }, (_, i) => `Paragraph number ${i} talks about topic ${i * 7} in detail.`);
    const a = segment(paras.join('\n') + '\n', { lang: 'en' });
    const moved = [...paras];
    const [p] = moved.splice(1, 1);
    moved.splice(9, 0, p!.replace('in detail', 'in some detail'));
    const b = segment(moved.join('\n') + '\n', { lang: 'en' });
    const changes = diffRevisions(a, b).filter((c) => c.kind !== 'unchanged');
    expect(changes.map((c) => [c.kind, c.old, c.new, c.moved])).toEqual([['minor', [1], [9], true]]);
  });

  it('finds a Japanese merge across paragraphs (joined with nothing between them)', () => {
    const a = segment('東京は日本の首都であり、政治と経済の中心である。\n\n人口は約千四百万人で、世界有数の大都市である。\n\n京都は古い都である。', {
      lang: 'ja',
    });
    const b = segment('東京は日本の首都であり、政治と経済の中心であり、人口は約千四百万人で、世界有数の大都市である。\n\n京都は古い都である。', { lang: 'ja' });
    expect(diffRevisions(a, b).map((c) => [c.kind, c.old, c.new])).toEqual([
      ['merged', [0, 1], [0]],
      ['unchanged', [2], [1]],
    ]);
  });

  it('is deterministic and covers every index on random revisions (fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom<'ja' | 'en'>('ja', 'en'),
        fc.array(fc.nat(99), { maxLength: 30 }),
        (seed, lang, ops) => {
          const base = generatedText(seed, lang, 25);
          const r = rng(seed + 1);
          const lines = base.split('\n').filter((l) => l !== '');
          for (const op of ops) {
            const i = op % Math.max(1, lines.length);
            switch (op % 6) {
              case 0:
                lines.splice(i, 1);
                break;
              case 1:
                lines.splice(i, 0, sentence(r, lang));
                break;
              case 2:
                if (lines[i]) lines[i] = lines[i]!.replace(/\d/, '9');
                break;
              case 3: {
                const [x] = lines.splice(i, 1);
                if (x) lines.splice((i * 7) % (lines.length + 1), 0, x);
                break;
              }
              case 4:
                if (lines[i]) lines[i] = lines[i]!.replace(lang === 'ja' ? '。' : '. ', lang === 'ja' ? '、' : ', ');
                break;
              default:
                if (lines[i]) lines.splice(i, 0, lines[i]!);
                break;
            }
          }
          const old = segment(base, { lang });
          const next = segment(lines.join('\n') + '\n', { lang });
          const changes = diffRevisions(old, next);
          checkInvariants(changes, old.segments.length, next.segments.length);
          expect(diffRevisions(old, next)).toEqual(changes);
          for (const c of changes) {
            if (c.kind === 'unchanged') expect(next.segments[c.new[0]!]!.text).toBe(old.segments[c.old[0]!]!.text);
            if (c.kind === 'added' || c.kind === 'removed') continue;
            // Same text key ⇒ never reported as an edit beyond whitespace.
            if (c.old.length === 1 && c.new.length === 1 && textKey(old.segments[c.old[0]!]!.id) === textKey(next.segments[c.new[0]!]!.id)) {
              expect(['unchanged', 'moved', 'whitespace']).toContain(c.kind);
            }
          }
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });

  it('stays bounded on a completely rewritten document and on huge unrelated segments', () => {
    const a = segment(generatedText(5, 'en', 400), { lang: 'en' });
    const b = segment(generatedText(6, 'ja', 400), { lang: 'ja' });
    const changes = diffRevisions(a, b);
    checkInvariants(changes, a.segments.length, b.segments.length);
    expect(changes.filter((c) => c.kind === 'removed').length).toBe(a.segments.length);
    // Two unrelated 20,000-character segments: fast-diff is never run on them (maxCells).
    const r = rng(3);
    const big = (n: number) => Array.from({ length: n }, () => String.fromCharCode(0x4e00 + Math.floor(r() * 2000))).join('');
    const x = segment(big(20_000) + '\n', { lang: 'ja' });
    const y = segment(big(20_000) + '\n', { lang: 'ja' });
    const d = diffRevisions(x, y);
    checkInvariants(d, 1, 1);
  });

  it('respects a zero work budget: no pairs compared, everything still covered', () => {
    const a = segment(readFileSync(join(REVISIONS, 'ja-rewrites', 'old.txt'), 'utf8'));
    const b = segment(readFileSync(join(REVISIONS, 'ja-rewrites', 'new.txt'), 'utf8'));
    const changes = diffRevisions(a, b, { maxWork: 0 });
    checkInvariants(changes, a.segments.length, b.segments.length);
    expect(changes.some((c) => c.kind === 'minor' || c.kind === 'major')).toBe(false);
  });
});
