import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segment, splitParagraph } from '../../src/segment/index.js';

/** JavaScript's \s: what kioku trims around sentences and what makes a line blank. */
const WS = /^\s*$/;

/**
 * Pieces that exercise every rule: terminators, runs, brackets and quotes (balanced or not), quotative
 * particles, abbreviations, decimals, ellipses, list markers, credits, emoji (surrogate pairs), combining
 * marks, lone surrogates, odd whitespace, and line breaks of all three kinds.
 */
const PIECES = [
  '。',
  '！',
  '？',
  '？！',
  '!?',
  '.',
  '．',
  '…',
  '...',
  ' . . . ',
  '｡',
  '‼',
  '「',
  '」',
  '『',
  '』',
  '（',
  '）',
  '(',
  ')',
  '[',
  ']',
  '【',
  '】',
  '“',
  '”',
  '‘',
  '’',
  '"',
  "'",
  '`',
  '``',
  "''",
  'と述べた',
  'と、',
  'って',
  'の',
  'を',
  'ところが',
  '３．５',
  '3.14',
  'Mr.',
  'Dr. Smith',
  'U.S.',
  'e.g.',
  'a.m.',
  'No. 5',
  'J. R. R.',
  'Co.',
  'Ph.D.',
  '5 lb.',
  '1.) ',
  '2) ',
  'a. ',
  '• ',
  '[1]',
  '[AFP通信]',
  'Yahoo!',
  'これは',
  'ペン',
  '北朝鮮',
  'Hello',
  'world',
  'The',
  'he',
  'I',
  'iPhone',
  '600',
  '２',
  '😄',
  '🇯🇵',
  '👍🏽',
  '✌️',
  '(^o^)',
  '(笑)',
  'w',
  'ｗｗ',
  '＾＾',
  '・・・',
  'e\u0301',
  'が',
  'か\u3099',
  '\u0301',
  '\ud800',
  '\udc00',
  '\u200d',
  ' ',
  '  ',
  '\u3000',
  '\t',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
];

const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);
const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
const lang = fc.constantFrom('ja', 'en');

function lines(t: string): string[] {
  return t.split(/\r\n|\r|\n/);
}

describe('segment is lossless', () => {
  it('rebuilds every paragraph byte for byte from its segments and the whitespace between them', () => {
    fc.assert(
      fc.property(text, lang, (t, l) => {
        const r = segment(t, { lang: l });
        const all = lines(t);
        const nonBlank = all.map((line, i) => ({ line, no: i + 1 })).filter((x) => !WS.test(x.line));
        expect(r.paragraphs.map((p) => p.text)).toEqual(nonBlank.map((x) => x.line));
        expect(r.paragraphs.map((p) => p.line)).toEqual(nonBlank.map((x) => x.no));
        let expectedIndex = 0;
        for (const p of r.paragraphs) {
          expect(p.index).toBe(expectedIndex++);
          let rebuilt = '';
          let at = 0;
          for (const i of p.segments) {
            const s = r.segments[i]!;
            expect(s.paragraph).toBe(p.index);
            expect(s.text).toBe(p.text.slice(s.start, s.end));
            expect(s.text.length).toBeGreaterThan(0);
            expect(s.text.trim()).toBe(s.text);
            const gap = p.text.slice(at, s.start);
            expect(gap).toMatch(WS);
            rebuilt += gap + s.text;
            at = s.end;
          }
          expect(p.text.slice(at)).toMatch(WS);
          rebuilt += p.text.slice(at);
          expect(rebuilt).toBe(p.text);
        }
        // Segments are listed in document order, each in exactly one paragraph.
        expect(r.paragraphs.flatMap((p) => p.segments)).toEqual(r.segments.map((_, i) => i));
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('never cuts a surrogate pair or a grapheme cluster', () => {
    const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
    // Combining marks after whitespace attach to the space, which kioku trims; keep marks after letters.
    const noMarkAfterSpace = text.filter((t) => !/\s\p{M}/u.test(t));
    fc.assert(
      fc.property(noMarkAfterSpace, lang, (t, l) => {
        for (const line of lines(t)) {
          const boundaries = new Set([...graphemes.segment(line)].map((g) => g.index));
          boundaries.add(line.length);
          for (const [s, e] of splitParagraph(line, l)) {
            expect(boundaries.has(s), `start ${s} in ${JSON.stringify(line)}`).toBe(true);
            expect(boundaries.has(e), `end ${e} in ${JSON.stringify(line)}`).toBe(true);
          }
        }
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('splits long generated paragraphs in linear time without losing text', () => {
    // 200,000 characters of dense punctuation and brackets: a quadratic rule would take minutes here.
    const unit = '「彼は。」と言った。(a. b.) Mr. X… ［1］？！ ';
    const line = unit.repeat(Math.ceil(200_000 / unit.length));
    for (const l of ['ja', 'en'] as const) {
      const spans = splitParagraph(line, l);
      let rebuilt = '';
      let at = 0;
      for (const [s, e] of spans) {
        rebuilt += line.slice(at, s) + line.slice(s, e);
        at = e;
      }
      expect(rebuilt + line.slice(at)).toBe(line);
    }
  });

  it('stays linear on hostile lines (a quadratic rule would not finish before the test times out)', () => {
    const n = 300_000;
    const hostile: Record<string, string> = {
      'unclosed openers then closers': '「'.repeat(n / 2) + ')'.repeat(n / 2),
      'deep nesting': '(「'.repeat(n / 4) + '。」)'.repeat(n / 6),
      'stops before unclosed credits': '。['.repeat(n / 2),
      'times in one long sentence': 'At 5 a.m. X '.repeat(n / 12),
      'tokenised quotes': ". '' X ".repeat(n / 7),
      'one dotted token': 'a.'.repeat(n / 2) + ' The end.',
      'dashes after marks': ('!' + '-'.repeat(1000)).repeat(n / 1001),
      'long words': ('x'.repeat(5000) + '. ').repeat(n / 5002),
      'list markers without successors': '1. a '.repeat(n / 5),
      'kaomoji and emoji': '(^o^)😄あw'.repeat(n / 9),
      'initials and ellipses': 'A. . . . '.repeat(n / 9),
      'backticks and quotes': '`a "b. '.repeat(n / 7),
    };
    for (const [name, line] of Object.entries(hostile)) {
      for (const l of ['ja', 'en'] as const) {
        const spans = splitParagraph(line, l);
        expect(spans.length, name).toBeGreaterThan(0);
        expect(spans.at(-1)![1], name).toBeLessThanOrEqual(line.length);
      }
    }
  });

  it('handles empty and blank input', () => {
    expect(segment('', { lang: 'ja' }).segments).toEqual([]);
    expect(segment(' \n\u3000\r\n\t\r', { lang: 'en' }).paragraphs).toEqual([]);
  });
});
