/**
 * Random texts for the property tests of the hand-tuned fast paths: ASCII words and punctuation,
 * Japanese (kana, kanji, CJK punctuation), full-width forms, digits of both widths, spaces of every
 * kind, Latin-1 and Latin Extended letters, combining marks, Hangul and surrogate pairs, mixed in
 * short runs so that word boundaries, repeats and edges all come up. Deterministic for a seed.
 */
import { rng } from './rng.mjs';

const WORDS = [
  'the',
  'The',
  'THE',
  'a',
  'an',
  'one',
  'two',
  'three',
  'hundred',
  'thousand',
  'May',
  'may',
  'March',
  'first',
  'second',
  'XIV',
  'II',
  'café',
  'Ärger',
  'word',
  'words',
  'Zoë',
];
const JA = [
  '翻訳',
  'メモリ',
  'です',
  '。',
  '、',
  '「',
  '」',
  '『',
  '』',
  '（',
  '）',
  '【',
  '】',
  '〜',
  '…',
  '々',
  '〆',
  '第',
  '回',
  '年',
  '月',
  '日',
  '万',
  '千',
  '十',
  '二',
  'ｶﾀｶﾅ',
  '・',
  'ー',
];
const FULL = ['ＡＢＣ', 'ａｂｃ', '１２３', '０', '！', '？', '：', '；', '，', '．', '％', '＄', '＠', '／', '［', '］', '｛', '｝', '－'];
const DIGITS = ['0', '1', '7', '12', '2024', '3.5', '1,000', '42nd', '½'];
const PUNCT = [
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  '\u201c',
  '\u201d',
  "'",
  '<',
  '>',
  '/',
  '%',
  '@',
  '$',
  '-',
  '#',
  '&',
  '*',
  '${x}',
  '{0}',
  '%1$s',
  '<b>',
];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2009', '\u202f', '\ufeff', '\u2028'];
const OTHER = [
  'e\u0301',
  '\u0308',
  'Å',
  'Ω',
  '\u212b',
  '\uf900',
  'ガ',
  'か\u3099',
  '한국어',
  '\u1100\u1161',
  '😀',
  '𠀋',
  '\ud800',
  '×',
  '÷',
  'ß',
  'İ',
  'ſ',
  '\u0000',
  '\u007f',
];
const POOLS = [WORDS, WORDS, JA, JA, FULL, DIGITS, PUNCT, SPACES, SPACES, OTHER];

/** A generator of random mixed texts of up to `maxParts` pieces. */
export function mixedTexts(seed: number, maxParts = 12): () => string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  return () => {
    const parts = Math.floor(r() * (maxParts + 1));
    let s = '';
    for (let i = 0; i < parts; i++) {
      const piece = pick(pick(POOLS));
      s += piece;
      // Now and then the same piece twice, with or without a space ("the the", "。。").
      if (r() < 0.1) s += (r() < 0.5 ? ' ' : '') + piece;
    }
    return s;
  };
}
