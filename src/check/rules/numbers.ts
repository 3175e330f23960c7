import { NO_FINDINGS, finding, type CheckUnit, type DocumentContext, type UnitNumbers, type UnitRule } from '../types.js';
import type { Finding } from '../../model.js';
import { digitNumbersEn, extractNumbersInto, hasDigitsIn, hasMonthNameEn, NumberList, sameNumber, type NumberLang } from '../../text/numbers.js';
import { TextFlag } from '../../text/script.js';
import { codeSpans } from './markup.js';

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
 * `応永27年（1420年）`, `宝暦7年12月（1758年1月）`. One side of such a pair is enough. Numbers by their
 * index in `list`.
 */
function alternativeGroups(text: string, list: NumberList): Array<[number[], number[]]> {
  const { starts, ends, count } = list;
  const groups: Array<[number[], number[]]> = [];
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
    const inside: number[] = [];
    for (let k = 0; k < count; k++) if (starts[k]! > p && ends[k]! <= close) inside.push(k);
    if (inside.length === 0) continue;
    // The numbers just before the bracket, chained while at most a 年/月/日 separates them.
    const before: number[] = [];
    let edge = p;
    for (let k = count - 1; k >= 0; k--) {
      if (ends[k]! > edge) continue;
      if (!/^[\s年月日]{0,2}$/.test(text.slice(ends[k], edge))) break;
      before.unshift(k);
      edge = starts[k]!;
    }
    if (before.length > 0) groups.push([before, inside]);
  }
  return groups;
}

function found(list: NumberList, value: number): boolean {
  for (let i = 0; i < list.count; i++) if (sameNumber(list.values[i]!, value)) return true;
  return false;
}

/*
 * The lists both rules read a unit's numbers into are the run's (ctx.scratch.numbers, see CheckScratch),
 * refilled for unit after unit so that reading them makes no object per number (a check reads the
 * numbers of most units). Only the unit named `owner` may use them: a unit whose lists were since
 * refilled for another (its rules called in turn with other units') reads its numbers again.
 */

/**
 * Both rules need the numbers of the source and the target's numbers written with digits: read once per
 * unit. An English target's digits are found without reading its words (digitNumbersEn); every number
 * of the target is read only when a rule needs more (see targetNumbers).
 */
function unitNumbers(numbers: UnitNumbers, cu: CheckUnit, target: string, sourceLang: NumberLang, targetLang: NumberLang): UnitNumbers {
  // Both rules ask for the numbers of the unit in turn: the second finds them read.
  if (numbers.owner === cu) return numbers;
  numbers.owner = cu;
  numbers.srcText = withoutCodes(cu.unit.source, cu.sourceFlags);
  extractNumbersInto(numbers.srcText, sourceLang, numbers.src);
  numbers.tgtText = withoutCodes(target, cu.targetFlags);
  numbers.tgtRead = false;
  const { tgtDigits } = numbers;
  tgtDigits.count = 0;
  if (targetLang !== 'en' || ((cu.targetFlags & TextFlag.DIGIT) !== 0 && !digitNumbersEn(numbers.tgtText, tgtDigits))) {
    const tgt = targetNumbers(numbers, targetLang);
    for (let i = 0; i < tgt.count; i++)
      if (hasDigitsIn(numbers.tgtText, tgt.starts[i]!, tgt.ends[i]!)) tgtDigits.add(tgt.values[i]!, tgt.starts[i]!, tgt.ends[i]!, tgt.kinds[i]!);
  }
  return numbers;
}

/** Every number of the target (extracted on first need). */
function targetNumbers(numbers: UnitNumbers, targetLang: NumberLang): NumberList {
  if (!numbers.tgtRead) {
    extractNumbersInto(numbers.tgtText, targetLang, numbers.tgt);
    numbers.tgtRead = true;
  }
  return numbers.tgt;
}

/**
 * Whether the numbers rule certainly finds nothing, judged from the target's digits and month names
 * alone. Those are some of the target's numbers, so the brackets' alternatives tolerate no more than
 * with all of them and no fewer source numbers are required: when each required one is among them,
 * all of the target's numbers hold it too. False means "read every number", not "a finding".
 */
function settledByDigits(cu: CheckUnit, numbers: UnitNumbers, targetLang: NumberLang): boolean {
  const { src, tgtDigits } = numbers;
  const tolerated = alternativesFound(cu, src, tgtDigits);
  // Month names are matched in the text the extraction reads; full-width letters would change its words.
  const months = targetLang === 'en' && (cu.targetFlags & TextFlag.FULLWIDTH_ALNUM) === 0;
  for (let i = 0; i < src.count; i++) {
    const value = src.values[i]!;
    if (!required(numbers, i, tolerated) || found(tgtDigits, value)) continue;
    if (months && Number.isInteger(value) && hasMonthNameEn(numbers.tgtText, value)) continue;
    return false;
  }
  return true;
}

/**
 * For the tests only (not part of the library): what `settledByDigits` answers for a unit where the
 * rule asks it; undefined where the rule does not run or reads every target number anyway.
 */
export function shortcutSettles(cu: CheckUnit, ctx: DocumentContext): boolean | undefined {
  const target = cu.translation;
  if (target === undefined || ctx.sourceNumbers === undefined || ctx.targetNumbers === undefined || (cu.sourceFlags & TextFlag.DIGIT) === 0) return undefined;
  const numbers = unitNumbers(ctx.scratch.numbers, cu, target, ctx.sourceNumbers, ctx.targetNumbers);
  return numbers.tgtRead ? undefined : settledByDigits(cu, numbers, ctx.targetNumbers);
}

/**
 * What `settledByDigits` stands in for, read the long way, for the tests only: the rule finds nothing,
 * i.e. every source number it requires (written with digits, not a plain 1, not a restatement in
 * brackets whose other side the target has) is among all of the target's numbers. No flags consulted,
 * fresh lists, every number of both sides read. `settledByDigits` may only say true when this does
 * (false just means "read everything"), and the rule's findings are empty exactly when this is true.
 */
export function referenceSettled(cu: CheckUnit, ctx: DocumentContext): boolean {
  const target = cu.translation;
  if (target === undefined || ctx.sourceNumbers === undefined || ctx.targetNumbers === undefined) return true;
  // Every flag set: the codes are looked for in every text, as the rule would for one that has them.
  const blank = (text: string): string => withoutCodes(text, -1);
  const srcText = blank(cu.unit.source);
  const src = extractNumbersInto(srcText, ctx.sourceNumbers, new NumberList());
  const tgt = extractNumbersInto(blank(target), ctx.targetNumbers, new NumberList());
  const has = (value: number): boolean => tgt.values.slice(0, tgt.count).some((v) => sameNumber(v, value));
  const tolerated = new Set<number>();
  for (const [a, b] of alternativeGroups(cu.unit.source, src)) {
    if (a.every((k) => has(src.values[k]!))) for (const k of b) tolerated.add(k);
    if (b.every((k) => has(src.values[k]!))) for (const k of a) tolerated.add(k);
  }
  for (let i = 0; i < src.count; i++) {
    const value = src.values[i]!;
    const withDigits = /[0-9\uff10-\uff19]/.test(srcText.slice(src.starts[i], src.ends[i]));
    const plainOne = value === 1 && src.kinds[i] !== 'month' && src.kinds[i] !== 'year';
    if (withDigits && !tolerated.has(i) && !plainOne && !has(value)) return false;
  }
  return true;
}

/** Whether source number i is one the target must have: written with digits, not a tolerated restatement, not a plain 1. */
function required(numbers: UnitNumbers, i: number, tolerated: ReadonlySet<number> | undefined): boolean {
  const { src } = numbers;
  if (!hasDigitsIn(numbers.srcText, src.starts[i]!, src.ends[i]!) || tolerated?.has(i) === true) return false;
  // "1" is routinely rendered as "a", "an", "single", "per": only a month or a year of 1 is kept.
  return src.values[i] !== 1 || src.kinds[i] === 'month' || src.kinds[i] === 'year';
}

/** The source numbers (indices) that may be left out because their restatement in brackets is in the target. */
function alternativesFound(cu: CheckUnit, src: NumberList, tgt: NumberList): Set<number> | undefined {
  // Only a source with a bracket can restate a number.
  if ((cu.sourceFlags & TextFlag.PAIRED) === 0) return undefined;
  let tolerated: Set<number> | undefined;
  for (const [a, b] of alternativeGroups(cu.unit.source, src)) {
    if (a.every((k) => found(tgt, src.values[k]!))) for (const k of b) (tolerated ??= new Set()).add(k);
    if (b.every((k) => found(tgt, src.values[k]!))) for (const k of a) (tolerated ??= new Set()).add(k);
  }
  return tolerated;
}

/** The texts of the numbers of `list`, as a finding lists them. */
function listed(text: string, list: NumberList): string {
  if (list.count === 0) return '(no numbers)';
  const texts: string[] = [];
  for (let i = 0; i < list.count; i++) texts.push(text.slice(list.starts[i], list.ends[i]));
  return texts.join(', ');
}

/** Placeholders and tags are not numbers ({0}, %1$s, <h2>): blanked out, offsets kept. */
function withoutCodes(text: string, flags: number): string {
  if ((flags & (TextFlag.BRACE | TextFlag.PERCENT | TextFlag.ANGLE | TextFlag.DOLLAR)) === 0) return text;
  const spans = codeSpans(text, flags);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    out += text.slice(at, start) + ' '.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
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
    const numbers = unitNumbers(ctx.scratch.numbers, cu, target, ctx.sourceNumbers, ctx.targetNumbers);
    if (!numbers.tgtRead && settledByDigits(cu, numbers, ctx.targetNumbers)) return NO_FINDINGS;
    const { src, srcText } = numbers;
    const tgt = targetNumbers(numbers, ctx.targetNumbers);
    const tolerated = alternativesFound(cu, src, tgt);
    let out: Finding[] | undefined;
    let reported: number[] | undefined;
    for (let i = 0; i < src.count; i++) {
      const value = src.values[i]!;
      if (!required(numbers, i, tolerated) || seen(reported, value) || found(tgt, value)) continue;
      (reported ??= []).push(value);
      (out ??= []).push(
        finding(this, cu, `the source number ${srcText.slice(src.starts[i], src.ends[i])} (${formatNumber(value)}) is missing from the target`, {
          actual: listed(numbers.tgtText, tgt),
          expected: formatNumber(value),
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
    const numbers = unitNumbers(ctx.scratch.numbers, cu, target, ctx.sourceNumbers, ctx.targetNumbers);
    const { src, tgtDigits } = numbers;
    let out: Finding[] | undefined;
    let reported: number[] | undefined;
    for (let i = 0; i < tgtDigits.count; i++) {
      const value = tgtDigits.values[i]!;
      if (seen(reported, value) || found(src, value)) continue;
      (reported ??= []).push(value);
      const text = numbers.tgtText.slice(tgtDigits.starts[i], tgtDigits.ends[i]);
      (out ??= []).push(
        finding(this, cu, `the target number ${text} (${formatNumber(value)}) is not in the source`, {
          actual: text,
          expected: listed(numbers.srcText, src),
        }),
      );
    }
    return out ?? NO_FINDINGS;
  },
};
