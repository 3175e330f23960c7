import { NO_FINDINGS, finding, type CheckUnit, type UnitNumbers, type UnitRule } from '../types.js';
import type { Finding } from '../../model.js';
import { extractNumbers, sameNumber, writtenWithDigits, type NumberLang, type NumberToken } from '../../text/numbers.js';
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

function found(tokens: readonly NumberToken[], value: number): boolean {
  for (const t of tokens) if (sameNumber(t.value, value)) return true;
  return false;
}

/** Both rules need the same extraction: done once per unit. */
function pairNumbers(cu: CheckUnit, target: string, sourceLang: NumberLang, targetLang: NumberLang): UnitNumbers {
  if (cu.numbers === undefined) {
    cu.numbers = {
      src: extractNumbers(withoutCodes(cu.unit.source, cu.sourceFlags), sourceLang),
      tgt: extractNumbers(withoutCodes(target, cu.targetFlags), targetLang),
    };
  }
  return cu.numbers;
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
    const { src, tgt } = pairNumbers(cu, target, ctx.sourceNumbers, ctx.targetNumbers);
    let tolerated: Set<NumberToken> | undefined;
    const bracketed = cu.unit.source.includes('(') || cu.unit.source.includes('（');
    if (bracketed) {
      for (const [a, b] of alternativeGroups(cu.unit.source, src)) {
        if (a.every((t) => found(tgt, t.value))) for (const t of b) (tolerated ??= new Set()).add(t);
        if (b.every((t) => found(tgt, t.value))) for (const t of a) (tolerated ??= new Set()).add(t);
      }
    }
    let out: Finding[] | undefined;
    let reported: number[] | undefined;
    for (const t of src) {
      if (!writtenWithDigits(t) || tolerated?.has(t) === true || seen(reported, t.value)) continue;
      // "1" is routinely rendered as "a", "an", "single", "per": only a month or a year of 1 is kept.
      if (t.value === 1 && t.kind !== 'month' && t.kind !== 'year') continue;
      if (found(tgt, t.value)) continue;
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
    const { src, tgt } = pairNumbers(cu, target, ctx.sourceNumbers, ctx.targetNumbers);
    let out: Finding[] | undefined;
    let reported: number[] | undefined;
    for (const t of tgt) {
      if (!writtenWithDigits(t) || seen(reported, t.value) || found(src, t.value)) continue;
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
