/**
 * Character classes for the sentence scanner, as flat lookup tables over UTF-16 code units, so the hot
 * loop does one array read per character and no regular expression. Built once when the module loads
 * (constant data, never mutated afterwards).
 */

export const enum C {
  /** Anything the scanner does not care about: letters, kana, kanji, digits, most symbols. */
  Other = 0,
  /** JavaScript `\s` minus line terminators (which never occur inside a line). */
  Space = 1,
  /** 。｡ — always a full stop. */
  Stop = 2,
  /** ！？!?‼⁇⁈⁉﹗﹖ — exclamation and question marks. */
  Mark = 3,
  /** . ． — a full stop, or a decimal point, abbreviation dot, URL dot… */
  Dot = 4,
  /** … ‥ — ellipsis characters. */
  Ellipsis = 5,
  /** Opening brackets and quotes that pair with a known closer. */
  Open = 6,
  /** Closing brackets and quotes. */
  Close = 7,
  /** " — pairs by position (opening when it follows a space or starts the line). */
  DoubleQuote = 8,
  /** ' — an apostrophe or a closing quote; never paired. */
  SingleQuote = 9,
  /** Combining marks, variation selectors, ZWJ: they belong to the character before them. */
  Extend = 10,
  /** Emoji and pictographs (BMP symbols or a high surrogate of the emoji planes). Japanese table only. */
  Emoji = 11,
  /** w ｗ ^ ＾ — laughter and face marks in informal Japanese. Japanese table only. */
  Informal = 12,
  /** ` — opens a `quotation' or ``quotation'' (TeX and Penn Treebank style). */
  Backtick = 13,
}

/** Opener → closer, for the bracket stack. */
const PAIRS: ReadonlyArray<readonly [string, string, 'paren' | 'quote']> = [
  ['(', ')', 'paren'],
  ['[', ']', 'paren'],
  ['{', '}', 'paren'],
  ['（', '）', 'paren'],
  ['［', '］', 'paren'],
  ['｛', '｝', 'paren'],
  ['⦅', '⦆', 'paren'],
  ['「', '」', 'quote'],
  ['『', '』', 'quote'],
  ['｢', '｣', 'quote'],
  ['【', '】', 'quote'],
  ['〔', '〕', 'quote'],
  ['〈', '〉', 'quote'],
  ['《', '》', 'quote'],
  ['〖', '〗', 'quote'],
  ['〘', '〙', 'quote'],
  ['〚', '〛', 'quote'],
  ['“', '”', 'quote'],
  ['‘', '’', 'quote'],
  ['«', '»', 'quote'],
  ['‹', '›', 'quote'],
];

/** For an opener code unit, the code unit of its closer (0 when not an opener). */
export const CLOSER_OF = new Uint16Array(0x10000);
/**
 * For a closer code unit: 1 when it closes a parenthesis-like bracket (a sentence end inside it stays
 * inside), 2 when it closes a quotation (a sentence end right before it may end the outer sentence).
 */
export const CLOSER_KIND = new Uint8Array(0x10000);
export const CLOSE_PAREN = 1;
export const CLOSE_QUOTE = 2;

const SPACES = '\t\v\f \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

function baseTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const s of SPACES) t[s.charCodeAt(0)] = C.Space;
  for (const s of '。｡') t[s.charCodeAt(0)] = C.Stop;
  for (const s of '！？!?‼⁇⁈⁉﹗﹖') t[s.charCodeAt(0)] = C.Mark;
  for (const s of '.．') t[s.charCodeAt(0)] = C.Dot;
  for (const s of '…‥') t[s.charCodeAt(0)] = C.Ellipsis;
  for (const [open, close, kind] of PAIRS) {
    t[open.charCodeAt(0)] = C.Open;
    t[close.charCodeAt(0)] = C.Close;
    CLOSER_OF[open.charCodeAt(0)] = close.charCodeAt(0);
    CLOSER_KIND[close.charCodeAt(0)] = kind === 'paren' ? CLOSE_PAREN : CLOSE_QUOTE;
  }
  t[0x22] = C.DoubleQuote;
  t[0x27] = C.SingleQuote;
  t[0x60] = C.Backtick;
  const extend: Array<[number, number]> = [
    [0x0300, 0x036f], [0x0483, 0x0489], [0x0591, 0x05bd], [0x0610, 0x061a], [0x064b, 0x065f],
    [0x1ab0, 0x1aff], [0x1dc0, 0x1dff], [0x200c, 0x200d], [0x20d0, 0x20ff], [0x3099, 0x309a],
    [0xfe00, 0xfe0f], [0xfe20, 0xfe2f],
  ];
  for (const [a, b] of extend) t.fill(C.Extend, a, b + 1);
  return t;
}

/** Classes for English (and any Latin-script) text. */
export const EN_CLASS: Uint8Array = baseTable();

/** Classes for Japanese text: as English, plus emoji and informal sentence ends (w, ＾＾). */
export const JA_CLASS: Uint8Array = (() => {
  const t = baseTable();
  const emoji: Array<[number, number]> = [
    [0x2600, 0x27bf], // miscellaneous symbols and dingbats: ☀ ★ ☆ ♪ ✌ ❤ …
    [0x2b50, 0x2b50], // ⭐
    [0xd83c, 0xd83e], // high surrogates of U+1F000–U+1FBFF (emoji, pictographs, faces)
  ];
  for (const [a, b] of emoji) t.fill(C.Emoji, a, b + 1);
  for (const s of 'wｗ^＾') t[s.charCodeAt(0)] = C.Informal;
  return t;
})();

export function isSpaceCode(c: number): boolean {
  return EN_CLASS[c] === C.Space;
}

export function isDigitCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

export function isAsciiLetterCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

export function isUpperCode(c: number): boolean {
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c < 0xc0) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function isLowerCode(c: number): boolean {
  if (c >= 0x61 && c <= 0x7a) return true;
  if (c < 0xc0) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** A Latin, Greek or Cyrillic letter (scripts with full stops that may be abbreviations). */
export function isLatinLetterCode(c: number): boolean {
  return isAsciiLetterCode(c) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c <= 0x4ff) || (c >= 0x1e00 && c <= 0x1eff);
}

export function isHiragana(c: number): boolean {
  return c >= 0x3041 && c <= 0x309f;
}

export function isKatakana(c: number): boolean {
  return (c >= 0x30a0 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f);
}

export function isKanji(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3005 || c === 0x3006;
}

/** Kana, kanji or a high surrogate (most supplementary characters in Japanese text are kanji). */
export function isJapaneseCode(c: number): boolean {
  return isHiragana(c) || isKatakana(c) || isKanji(c) || (c >= 0xd840 && c <= 0xd87f);
}

/** Full-width Latin letters and digits (Ａ–Ｚ, ａ–ｚ, ０–９). */
export function isFullWidthAlnum(c: number): boolean {
  return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}
