/**
 * Script classification in one pass over a text. The checks run over hundreds of thousands of units, so
 * every rule first asks these flags (one loop per text) and only does real work when they say there is
 * something to look at.
 */

import { NFC_UNSAFE } from '../segment/nfc.js';

export const TextFlag = {
  /** ASCII or full-width digit. */
  DIGIT: 1 << 0,
  /** Hiragana, katakana (incl. half-width) and the prolonged sound mark. */
  KANA: 1 << 1,
  /** CJK ideographs, 々 and 〆. */
  KANJI: 1 << 2,
  /** CJK punctuation (。、「」『』【】〜…) and full-width ASCII punctuation (（）！？：；，．). */
  FULLWIDTH_PUNCT: 1 << 3,
  /** Full-width Latin letters and digits (ＡＢＣ１２３). */
  FULLWIDTH_ALNUM: 1 << 4,
  /** `<` — possible inline tag. */
  ANGLE: 1 << 5,
  /** `{` — possible placeholder. */
  BRACE: 1 << 6,
  /** `%` — percent sign or printf placeholder. */
  PERCENT: 1 << 7,
  /** `@` — possible e-mail address. */
  AT: 1 << 8,
  /** `/` — possible URL path. */
  SLASH: 1 << 9,
  /** Two spaces (or tabs) in a row. */
  DOUBLE_SPACE: 1 << 10,
  /** Any bracket or quote that pairs: ()[]{}「」『』（）【】〔〕《》〈〉“”". */
  PAIRED: 1 << 11,
  /** ASCII letter. */
  LATIN: 1 << 12,
  /** Whitespace (as `/\s/` reads it) at the start or the end. */
  EDGE_SPACE: 1 << 13,
  /** Hangul. */
  HANGUL: 1 << 14,
  /** `$` — possible `${x}` placeholder or currency. */
  DOLLAR: 1 << 15,
  /** `.` — possible domain name. */
  DOT: 1 << 16,
  /**
   * A code unit NFC may change (combining marks, kana voicing marks, conjoining jamo, characters with a
   * canonical decomposition such as Å or the CJK compatibility ideographs, surrogates): the text may not
   * be NFC. Without it the text is NFC.
   */
  COMBINING: 1 << 17,
  /** A high surrogate: a character outside the BMP. */
  ASTRAL: 1 << 18,
  /** Whitespace other than the plain space (anything else `/\s/` matches: tab, line breaks, no-break and ideographic spaces…). */
  OTHER_SPACE: 1 << 19,
  /**
   * Two words in a row (Latin letters, case-insensitive) may be the same ("the the"): a hint, never
   * missing when they are, occasionally set when they are not (the double-word rule confirms).
   */
  REPEATED_WORD: 1 << 20,
} as const;

/** The bits textFlags returns; the others are internal to the character table. */
const PUBLIC_FLAGS = (1 << 21) - 1;
/**
 * Internal, bits 21–25: a Latin letter's identity for comparing words without case, 1–26 for a–z and
 * A–Z, 27 for any letter of Latin-1 and Latin Extended (À–ɏ): equal words give equal sequences.
 */
const LETTER_SHIFT = 21;
const LETTER_MASK = 31;
/** Internal: a space or a tab (two in a row make DOUBLE_SPACE). */
const SPACE_OR_TAB = 1 << 29;

export function isKana(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff && c !== 0x30fb) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f);
}

export function isKanji(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    c === 0x3005 ||
    c === 0x3006 ||
    c === 0x3007 ||
    (c >= 0xd840 && c <= 0xd87f)
  );
}

/** CJK and full-width punctuation (not letters, not digits). */
export function isFullwidthPunct(c: number): boolean {
  return (
    (c >= 0x3000 && c <= 0x303f && c !== 0x3005 && c !== 0x3006 && c !== 0x3007) ||
    c === 0x30fb ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65)
  );
}

export function isFullwidthAlnum(c: number): boolean {
  return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

/**
 * Exactly the code units `/\s/` matches and `trim()` removes (ECMAScript WhiteSpace and LineTerminator),
 * so that rules deciding by the flags agree with the regular expressions and `trim()` they stand in for.
 */
export function isWhiteSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Flags of every UTF-16 code unit, so that the per-character work of `textFlags` is one lookup. Built on
 * the first call, not at import: every command loads this module, only a check needs the table (256 KiB,
 * a few milliseconds to fill).
 * Module state kept on purpose: written once, the same table whoever builds it, never changed after.
 */
let charFlags: Uint32Array | undefined;

function buildCharFlags(): Uint32Array {
  const t = new Uint32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    let f = 0;
    if (c < 0x80) {
      // A Latin letter also carries its identity for comparing words without case.
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) f = TextFlag.LATIN | (((c | 0x20) - 0x60) << LETTER_SHIFT);
      else if (c >= 0x30 && c <= 0x39) f = TextFlag.DIGIT;
      else if (c === 0x2e) f = TextFlag.DOT;
      else if (c === 0x2f) f = TextFlag.SLASH;
      else if (c === 0x3c) f = TextFlag.ANGLE;
      else if (c === 0x7b) f = TextFlag.BRACE | TextFlag.PAIRED;
      else if (c === 0x25) f = TextFlag.PERCENT;
      else if (c === 0x40) f = TextFlag.AT;
      else if (c === 0x24) f = TextFlag.DOLLAR;
      else if (c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d || c === 0x7d || c === 0x22) f = TextFlag.PAIRED;
    } else if (isKana(c)) f = TextFlag.KANA;
    else if (isKanji(c)) f = TextFlag.KANJI;
    else if (c >= 0xac00 && c <= 0xd7af) f = TextFlag.HANGUL;
    else if (isFullwidthPunct(c)) {
      f = TextFlag.FULLWIDTH_PUNCT;
      if (
        (c >= 0x3008 && c <= 0x3011) ||
        (c >= 0x3014 && c <= 0x301b) ||
        c === 0xff08 ||
        c === 0xff09 ||
        c === 0xff3b ||
        c === 0xff3d ||
        c === 0xff5b ||
        c === 0xff5d
      )
        f |= TextFlag.PAIRED;
    } else if (isFullwidthAlnum(c)) f = c <= 0xff19 ? TextFlag.FULLWIDTH_ALNUM | TextFlag.DIGIT : TextFlag.FULLWIDTH_ALNUM;
    else if (c === 0x201c || c === 0x201d) f = TextFlag.PAIRED;
    // NFC_UNSAFE is the exact set (compatibility ideographs, Å, Ω… as well as the marks); leading jamo too.
    if (NFC_UNSAFE[c] === 1 || (c >= 0x1100 && c <= 0x11ff)) f |= TextFlag.COMBINING;
    if (c >= 0xd800 && c <= 0xdbff) f |= TextFlag.ASTRAL;
    if (isWhiteSpace(c) && c !== 0x20) f |= TextFlag.OTHER_SPACE;
    if (c === 0x20 || c === 0x09) f |= SPACE_OR_TAB;
    if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) f |= 27 << LETTER_SHIFT;
    t[c] = f;
  }
  return t;
}

/** All flags of a text in one pass. */
export function textFlags(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  const table = (charFlags ??= buildCharFlags());
  let f = 0;
  // Flags two neighbours share: SPACE_OR_TAB here means two spaces or tabs in a row.
  let pairs = 0;
  let previous = 0;
  // Words (runs of Latin letters) as length and hash of their case-folded letters, each against the last.
  let hash = 0;
  let length = 0;
  let lastHash = 0;
  let lastLength = 0;
  let repeated = false;
  for (let i = 0; i < n; i++) {
    const x = table[text.charCodeAt(i)]!;
    f |= x;
    pairs |= x & previous;
    previous = x;
    const letter = (x >>> LETTER_SHIFT) & LETTER_MASK;
    if (letter !== 0) {
      hash = (Math.imul(hash, 31) + letter) | 0;
      length++;
    } else if (length !== 0) {
      if (length === lastLength && hash === lastHash) repeated = true;
      lastLength = length;
      lastHash = hash;
      length = 0;
      hash = 0;
    }
  }
  if (repeated || (length !== 0 && length === lastLength && hash === lastHash)) f |= TextFlag.REPEATED_WORD;
  if ((pairs & SPACE_OR_TAB) !== 0) f |= TextFlag.DOUBLE_SPACE;
  if (isWhiteSpace(text.charCodeAt(0)) || isWhiteSpace(text.charCodeAt(n - 1))) f |= TextFlag.EDGE_SPACE;
  return f & PUBLIC_FLAGS;
}

/** Kept here for the library's callers; the rule lives in lang.ts with the other language rules. */
export { writesCjk } from './lang.js';

/**
 * The plain definition `textFlags` is tuned from, for the tests only (not part of the library): each
 * flag read off the text with a regular expression or the predicates above, and repeated words
 * compared as strings of letter identities instead of by length and hash. The two agree on every text
 * (tests/text/script-reference.test.ts), bar a 32-bit collision of the hashes of two words of seven
 * or more letters, where textFlags's hint errs on the side of REPEATED_WORD, as documented.
 */
export function referenceTextFlags(text: string): number {
  const has = (pattern: RegExp): boolean => pattern.test(text);
  const any = (test: (c: number) => boolean): boolean => {
    for (let i = 0; i < text.length; i++) if (test(text.charCodeAt(i))) return true;
    return false;
  };
  let f = 0;
  if (has(/[0-9\uff10-\uff19]/)) f |= TextFlag.DIGIT;
  if (any(isKana)) f |= TextFlag.KANA;
  if (any(isKanji)) f |= TextFlag.KANJI;
  if (any(isFullwidthPunct)) f |= TextFlag.FULLWIDTH_PUNCT;
  if (any(isFullwidthAlnum)) f |= TextFlag.FULLWIDTH_ALNUM;
  if (text.includes('<')) f |= TextFlag.ANGLE;
  if (text.includes('{')) f |= TextFlag.BRACE;
  if (text.includes('%')) f |= TextFlag.PERCENT;
  if (text.includes('@')) f |= TextFlag.AT;
  if (text.includes('/')) f |= TextFlag.SLASH;
  if (has(/[ \t]{2}/)) f |= TextFlag.DOUBLE_SPACE;
  if (has(/[()[\]{}"\u201c\u201d\u3008-\u3011\u3014-\u301b\uff08\uff09\uff3b\uff3d\uff5b\uff5d]/)) f |= TextFlag.PAIRED;
  if (has(/[A-Za-z]/)) f |= TextFlag.LATIN;
  if (has(/^\s|\s$/)) f |= TextFlag.EDGE_SPACE;
  if (has(/[\uac00-\ud7af]/)) f |= TextFlag.HANGUL;
  if (text.includes('$')) f |= TextFlag.DOLLAR;
  if (text.includes('.')) f |= TextFlag.DOT;
  if (any((c) => NFC_UNSAFE[c] === 1 || (c >= 0x1100 && c <= 0x11ff))) f |= TextFlag.COMBINING;
  if (has(/[\ud800-\udbff]/)) f |= TextFlag.ASTRAL;
  if (has(/[^\S ]/)) f |= TextFlag.OTHER_SPACE;
  // Words: runs of ASCII letters and letters of Latin-1 and Latin Extended-A/B; ASCII letters compare
  // without case, the others all as one letter.
  const words = text.match(/[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+/g) ?? [];
  const identity = (word: string): string => word.replace(/[A-Z]/g, (c) => c.toLowerCase()).replace(/[^a-z]/g, '*');
  // Two words are in a row when only non-letters stand between them: every run of them is a separator.
  for (let i = 1; i < words.length; i++) {
    if (identity(words[i]!) === identity(words[i - 1]!)) {
      f |= TextFlag.REPEATED_WORD;
      break;
    }
  }
  return f;
}
