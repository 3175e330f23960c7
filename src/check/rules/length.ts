import { NO_FINDINGS, finding, type LengthRange, type UnitRule } from '../types.js';
import { isKana, isKanji, TextFlag } from '../../text/script.js';
import { primaryLanguage, writesCjk } from '../../text/lang.js';

/** The kana and kanji of a text, counted up to `limit` (enough to know whether a source is long enough). */
function cjkCount(text: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < limit; i++) {
    const c = text.charCodeAt(i);
    if (isKana(c) || isKanji(c)) n++;
  }
  return n;
}

/**
 * Calibrated target/source length ratios (characters, whitespace runs counted once). ja→en comes from
 * the 334 human-translated sentence pairs of the NICT Kyoto Wikipedia sample whose Japanese side has at
 * least 10 characters: ratios run from 1.48 to 10.95 with the 0.5th percentile at 1.53 and the 99.5th
 * at 8.00. The range is the 0.5th percentile × 0.75 and the 99.5th × 1.25 (1.15–10.0): the article's
 * own correct translation goes down to 1.46, so the corpus tails alone would be noisy. It catches gross
 * errors (a truncated target, a target pasted from the next sentence), not subtle omissions. en→ja is
 * its inverse. Only the CJK characters of a CJK source count towards its minimum length (a Latin
 * heading such as "Global Watch" in a Japanese source is not judged). Other pairs get a loose default
 * for alphabetic languages, or no length check.
 */
export const LENGTH_RANGES: Readonly<Record<string, LengthRange>> = {
  'ja>en': { min: 1.15, max: 10, minSourceLength: 10, basis: 'calibrated on the Kyoto Wikipedia ja→en sample' },
  'en>ja': { min: 0.1, max: 0.87, minSourceLength: 25, basis: 'inverse of the ja→en calibration' },
};

const ALPHABETIC_DEFAULT: LengthRange = { min: 0.5, max: 2.2, minSourceLength: 20, basis: 'default for alphabetic language pairs (not calibrated)' };

export function lengthRangeFor(sourceLang: string, targetLang: string, overrides: Readonly<Record<string, LengthRange>> = {}): LengthRange | undefined {
  const s = primaryLanguage(sourceLang);
  const t = primaryLanguage(targetLang);
  const key = `${s}>${t}`;
  const found = overrides[key] ?? LENGTH_RANGES[key];
  if (found !== undefined) return found;
  if (s === t || writesCjk(sourceLang) || writesCjk(targetLang)) return undefined;
  return ALPHABETIC_DEFAULT;
}

/** Characters (a surrogate pair is one): the length of a text with no whitespace runs or edges. */
function codePoints(text: string, flags: number): number {
  let pairs = 0;
  // Surrogates are rare: one regex-free scan only when the text has any.
  if ((flags & TextFlag.ASTRAL) !== 0) for (let i = 0; i < text.length; i++) if ((text.charCodeAt(i) & 0xfc00) === 0xd800) pairs++;
  return text.length - pairs;
}

/**
 * `measuredLength`, without its scan for a text whose only whitespace is single plain spaces inside it
 * (the usual case): then it is the number of characters.
 */
function lengthOf(text: string, flags: number): number {
  return (flags & (TextFlag.DOUBLE_SPACE | TextFlag.EDGE_SPACE | TextFlag.OTHER_SPACE)) === 0 ? codePoints(text, flags) : measuredLength(text);
}

/** Length in characters with whitespace runs counted once and the ends trimmed. */
export function measuredLength(text: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isSpace = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000;
    if (isSpace) {
      if (!space) n++;
      space = true;
    } else {
      // A surrogate pair is one character.
      if (c < 0xdc00 || c > 0xdfff) n++;
      space = false;
    }
  }
  return space && n > 0 ? n - 1 : n;
}

export const lengthRatio: UnitRule = {
  scope: 'unit',
  id: 'length-ratio',
  severity: 'warning',
  category: 'length',
  description:
    'The target is much shorter or longer than translations of that length usually are (target/source length ratio outside the range calibrated for the language pair).',
  check(cu, ctx) {
    const range = ctx.lengthRange;
    if (range === undefined || cu.translation === undefined || cu.identical) return NO_FINDINGS;
    const sourceLength = lengthOf(cu.unit.source, cu.sourceFlags);
    if (sourceLength < range.minSourceLength) return NO_FINDINGS;
    // Counted up to the minimum only: for a Japanese sentence that is its first few characters.
    if (ctx.sourceCjk && cjkCount(cu.unit.source, range.minSourceLength) < range.minSourceLength) return NO_FINDINGS;
    const targetLength = lengthOf(cu.translation, cu.targetFlags);
    const ratio = targetLength / sourceLength;
    if (ratio >= range.min && ratio <= range.max) return NO_FINDINGS;
    const verdict = ratio < range.min ? 'short' : 'long';
    return [
      finding(
        this,
        cu,
        `the target is unusually ${verdict}: ${ratio.toFixed(2)}× the source length (expected ${range.min.toFixed(2)}–${range.max.toFixed(2)}× for ${ctx.sourceLang}→${ctx.targetLang})`,
        {
          actual: ratio.toFixed(2),
          expected: `${range.min.toFixed(2)}–${range.max.toFixed(2)}`,
        },
      ),
    ];
  },
};
