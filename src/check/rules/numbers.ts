import { NO_FINDINGS, finding, type CheckUnit, type UnitNumbers, type UnitRule } from '../types.js';
import type { Finding } from '../../model.js';
import { digitNumbersEn, extractNumbers, hasMonthNameEn, sameNumber, writtenWithDigits, type DigitNumber, type NumberLang, type NumberToken } from '../../text/numbers.js';
import { TextFlag } from '../../text/script.js';
import { CODE_PATTERN } from './markup.js';

/**
 * Numbers are compared by value, whatever the notation (1万1千 = 11,000 = eleven thousand, 4月 =
 * April, 第2次 = second). A number is required on the other side only when it was written with
 * digits: kanji numerals and English number words are too often rendered freely (二人 → "a pair", "a
 * one-day summit" → 1日間) to demand them, but they do satisfy a requirement.
 */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
}

/**
 * Source numbers that restate a neighbour in another notation and may be left out: `1420年（応永27年）`,
 * `応永27年（1420年）`, `宝暦7年12月（1758年1月）`. One side of such a pair is enough.
 */
function alternativeGroups(text: string, tokens: readonly NumberToken[]): Array<[readonly NumberToken[], readonly NumberToken[]]> {
  const groups: Array<[NumberToken[], NumberToken[]]> = [];
  // Each opening bracket in turn, found by the string search rather than character by character.
  let ascii = text.indexOf('(');
  let wide = text.indexOf('（');
  while (ascii >= 0 || wide >= 0) {
    const isAscii = wide < 0 || (ascii >= 0 && ascii < wide);
    const p = isAscii ? ascii : wide;
    if (isAscii) ascii = text.indexOf('(', p + 1);
    else wide = text.indexOf('（', p + 1);
    const close = text.indexOf(isAscii ? ')' : '）', p + 1);
    if (close < 0) continue;
    const inside = tokens.filter((t) => t.start > p && t.end <= close);
    if (inside.length === 0) continue;
    // The tokens just before the bracket, chained while at most a 年/月/日 separates them.
    const before: NumberToken[] = [];
    let edge = p;
    for (let k = tokens.length - 1; k >= 0; k--) {
      const t = tokens[k]!;
      if (t.end > edge) continue;
      if (!/^[\s年月日]{0,2}$/.test(text.slice(t.end, edge))) break;
      before.unshift(t);
      edge = t.start;
    }
    if (before.length > 0) groups.push([before, inside]);
  }
  return groups;
}

function found(tokens: readonly { readonly value: number }[], value: number): boolean {
  for (let i = 0; i < tokens.length; i++) if (sameNumber(tokens[i]!.value, value)) return true;
  return false;
}

/**
 * Both rules need the numbers of the source and the target's numbers written with digits: read once per
 * unit. An English target's digits are found without reading its words (digitNumbersEn); every number
 * of the target is read only when a rule needs more (see targetNumbers).
 */
function unitNumbers(cu: CheckUnit, target: string, sourceLang: NumberLang, targetLang: NumberLang): UnitNumbers {
  if (cu.numbers !== undefined) return cu.numbers;
  const src = extractNumbers(withoutCodes(cu.unit.source, cu.sourceFlags), sourceLang);
  let tgt: NumberToken[] | undefined;
  let tgtDigits: readonly DigitNumber[] | undefined;
  if (targetLang === 'en') tgtDigits = (cu.targetFlags & TextFlag.DIGIT) === 0 ? NO_DIGITS : digitNumbersEn(withoutCodes(target, cu.targetFlags));
  if (tgtDigits === undefined) {
    tgt = extractNumbers(withoutCodes(target, cu.targetFlags), targetLang);
    tgtDigits = tgt.filter(writtenWithDigits);
  }
  return (cu.numbers = { src, tgtDigits, tgt });
}

const NO_DIGITS: readonly DigitNumber[] = Object.freeze([]);

/** Every number of the target (extracted on first need). */
function targetNumbers(cu: CheckUnit, numbers: UnitNumbers, target: string, targetLang: NumberLang): readonly NumberToken[] {
  return (numbers.tgt ??= extractNumbers(withoutCodes(target, cu.targetFlags), targetLang));
}

/**
 * Whether the numbers rule certainly finds nothing, judged from the target's digits and month names
 * alone. Those are some of the target's numbers, so the brackets' alternatives tolerate no more than
 * with all of them and no fewer source numbers are required: when each required one is among them,
 * all of the target's numbers hold it too. False means "read every number", not "a finding".
 */
function settledByDigits(cu: CheckUnit, numbers: UnitNumbers, target: string, targetLang: NumberLang): boolean {
  const { src, tgtDigits } = numbers;
  const tolerated = alternativesFound(cu, src, tgtDigits);
  // Month names are matched in the text the extraction reads; full-width letters would change its words.
  const monthText = targetLang === 'en' && (cu.targetFlags & TextFlag.FULLWIDTH_ALNUM) === 0 ? withoutCodes(target, cu.targetFlags) : undefined;
  for (const t of src) {
    if (!required(t, tolerated) || found(tgtDigits, t.value)) continue;
    if (monthText !== undefined && Number.isInteger(t.value) && hasMonthNameEn(monthText, t.value)) continue;
    return false;
  }
  return true;
}

/** A source number the target must have: written with digits, not a tolerated restatement, not a plain 1. */
function required(t: NumberToken, tolerated: ReadonlySet<NumberToken> | undefined): boolean {
  // "1" is routinely rendered as "a", "an", "single", "per": only a month or a year of 1 is kept.
  return writtenWithDigits(t) && tolerated?.has(t) !== true && (t.value !== 1 || t.kind === 'month' || t.kind === 'year');
}

/** The source numbers that may be left out because their restatement in brackets is in the target. */
function alternativesFound(cu: CheckUnit, src: readonly NumberToken[], tgt: readonly { readonly value: number }[]): Set<NumberToken> | undefined {
  // Only a source with a bracket can restate a number.
  if ((cu.sourceFlags & TextFlag.PAIRED) === 0) return undefined;
  const source = cu.unit.source;
  if (!source.includes('(') && !source.includes('（')) return undefined;
  let tolerated: Set<NumberToken> | undefined;
  for (const [a, b] of alternativeGroups(source, src)) {
    if (a.every((t) => found(tgt, t.value))) for (const t of b) (tolerated ??= new Set()).add(t);
    if (b.every((t) => found(tgt, t.value))) for (const t of a) (tolerated ??= new Set()).add(t);
  }
  return tolerated;
}

/** Placeholders and tags are not numbers ({0}, %1$s, <h2>): blanked out, offsets kept. */
function withoutCodes(text: string, flags: number): string {
  if ((flags & (TextFlag.BRACE | TextFlag.PERCENT | TextFlag.ANGLE | TextFlag.DOLLAR)) === 0) return text;
  return text.replace(CODE_PATTERN, (m) => ' '.repeat(m.length));
}

/** A value already reported for this unit (each missing value once). */
function seen(list: readonly number[] | undefined, value: number): boolean {
  return list !== undefined && list.includes(value);
}

export const numbers: UnitRule = {
  scope: 'unit',
  id: 'numbers',
  severity: 'error',
  category: 'numbers',
  when: { source: TextFlag.DIGIT },
  description:
    'A number written with digits in the source is missing from the target, compared by value in any notation (1万1千 = 11,000, ３．５ = 3.5, 4月25日 = April 25, 第2次 = second, 93周年 = 93rd, 7か月 = seven months, 週2回 = twice a week).',
  check(cu, ctx) {
    const target = cu.translation;
    if (target === undefined || ctx.sourceNumbers === undefined || ctx.targetNumbers === undefined) return NO_FINDINGS;
    if ((cu.sourceFlags & TextFlag.DIGIT) === 0) return NO_FINDINGS;
    const numbers = unitNumbers(cu, target, ctx.sourceNumbers, ctx.targetNumbers);
    if (numbers.tgt === undefined && settledByDigits(cu, numbers, target, ctx.targetNumbers)) return NO_FINDINGS;
    const src = numbers.src;
    const tgt = targetNumbers(cu, numbers, target, ctx.targetNumbers);
    const tolerated = alternativesFound(cu, src, tgt);
    let out: Finding[] | undefined;
    let reported: number[] | undefined;
    for (const t of src) {
      if (!required(t, tolerated) || seen(reported, t.value) || found(tgt, t.value)) continue;
      (reported ??= []).push(t.value);
      (out ??= []).push(
        finding(this, cu, `the source number ${t.text} (${formatNumber(t.value)}) is missing from the target`, {
          actual: tgt.length > 0 ? tgt.map((x) => x.text).join(', ') : '(no numbers)',
          expected: formatNumber(t.value),
        }),
      );
    }
    return out ?? NO_FINDINGS;
  },
};

export const numbersExtra: UnitRule = {
  scope: 'unit',
  id: 'numbers-extra',
  severity: 'warning',
  category: 'numbers',
  when: { target: TextFlag.DIGIT },
  description: 'A number written with digits in the target does not occur in the source in any notation (a typo, or a number the translator added).',
  check(cu, ctx) {
    const target = cu.translation;
    if (target === undefined || ctx.sourceNumbers === undefined || ctx.targetNumbers === undefined) return NO_FINDINGS;
    if ((cu.targetFlags & TextFlag.DIGIT) === 0) return NO_FINDINGS;
    const { src, tgtDigits } = unitNumbers(cu, target, ctx.sourceNumbers, ctx.targetNumbers);
    let out: Finding[] | undefined;
    let reported: number[] | undefined;
    for (const t of tgtDigits) {
      if (seen(reported, t.value) || found(src, t.value)) continue;
      (reported ??= []).push(t.value);
      (out ??= []).push(
        finding(this, cu, `the target number ${t.text} (${formatNumber(t.value)}) is not in the source`, {
          actual: t.text,
          expected: src.length > 0 ? src.map((x) => x.text).join(', ') : '(no numbers)',
        }),
      );
    }
    return out ?? NO_FINDINGS;
  },
};
