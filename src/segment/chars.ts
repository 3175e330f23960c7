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

/**
 * Combining marks (\p{M}) in the BMP, which belong to the character before them, so a boundary never
 * falls before one. Generated from Node's Unicode data; tests/segment/tables.test.ts checks it.
 */
export const MARK_RANGES =
  '300-36f 483-489 591-5bd 5bf 5c1-5c2 5c4-5c5 5c7 610-61a 64b-65f 670 6d6-6dc 6df-6e4 6e7-6e8 6ea-6ed ' +
  '711 730-74a 7a6-7b0 7eb-7f3 7fd 816-819 81b-823 825-827 829-82d 859-85b 897-89f 8ca-8e1 8e3-903 ' +
  '93a-93c 93e-94f 951-957 962-963 981-983 9bc 9be-9c4 9c7-9c8 9cb-9cd 9d7 9e2-9e3 9fe a01-a03 a3c ' +
  'a3e-a42 a47-a48 a4b-a4d a51 a70-a71 a75 a81-a83 abc abe-ac5 ac7-ac9 acb-acd ae2-ae3 afa-aff b01-b03 ' +
  'b3c b3e-b44 b47-b48 b4b-b4d b55-b57 b62-b63 b82 bbe-bc2 bc6-bc8 bca-bcd bd7 c00-c04 c3c c3e-c44 ' +
  'c46-c48 c4a-c4d c55-c56 c62-c63 c81-c83 cbc cbe-cc4 cc6-cc8 cca-ccd cd5-cd6 ce2-ce3 cf3 d00-d03 ' +
  'd3b-d3c d3e-d44 d46-d48 d4a-d4d d57 d62-d63 d81-d83 dca dcf-dd4 dd6 dd8-ddf df2-df3 e31 e34-e3a ' +
  'e47-e4e eb1 eb4-ebc ec8-ece f18-f19 f35 f37 f39 f3e-f3f f71-f84 f86-f87 f8d-f97 f99-fbc fc6 ' +
  '102b-103e 1056-1059 105e-1060 1062-1064 1067-106d 1071-1074 1082-108d 108f 109a-109d 135d-135f ' +
  '1712-1715 1732-1734 1752-1753 1772-1773 17b4-17d3 17dd 180b-180d 180f 1885-1886 18a9 1920-192b ' +
  '1930-193b 1a17-1a1b 1a55-1a5e 1a60-1a7c 1a7f 1ab0-1add 1ae0-1aeb 1b00-1b04 1b34-1b44 1b6b-1b73 ' +
  '1b80-1b82 1ba1-1bad 1be6-1bf3 1c24-1c37 1cd0-1cd2 1cd4-1ce8 1ced 1cf4 1cf7-1cf9 1dc0-1dff 20d0-20f0 ' +
  '2cef-2cf1 2d7f 2de0-2dff 302a-302f 3099-309a a66f-a672 a674-a67d a69e-a69f a6f0-a6f1 a802 a806 a80b ' +
  'a823-a827 a82c a880-a881 a8b4-a8c5 a8e0-a8f1 a8ff a926-a92d a947-a953 a980-a983 a9b3-a9c0 a9e5 ' +
  'aa29-aa36 aa43 aa4c-aa4d aa7b-aa7d aab0 aab2-aab4 aab7-aab8 aabe-aabf aac1 aaeb-aaef aaf5-aaf6 ' +
  'abe3-abea abec-abed fb1e fe00-fe0f fe20-fe2f';

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
  for (const r of MARK_RANGES.split(' ')) {
    const [a, b] = r.split('-');
    t.fill(C.Extend, parseInt(a!, 16), parseInt(b ?? a!, 16) + 1);
  }
  // Joiners, and the high surrogate of tags and supplementary variation selectors (U+E0000–U+E03FF).
  t[0x200c] = t[0x200d] = t[0xdb40] = C.Extend;
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
