import { describe, expect, it } from 'vitest';
import { prepareCheck } from '../../src/check/run.js';
import { numbers, referenceSettled, shortcutSettles } from '../../src/check/rules/numbers.js';
import { rng } from '../support/rng.mjs';
import { doc, unit } from './builders.js';

const VALUES = [1, 2, 3, 7, 12, 25, 100, 1420, 2024, 11000, 3.5];
const EN_WORDS: Record<number, string[]> = {
  1: ['one', 'a', 'first'],
  2: ['two', 'second', 'twice'],
  3: ['three', 'third', 'March'],
  7: ['seven', 'July'],
  12: ['twelve', 'December', '12th'],
  25: ['twenty-five', '25th'],
  100: ['a hundred', 'one hundred'],
  1420: ['1,420'],
  2024: ['2,024'],
  11000: ['eleven thousand', '11,000'],
  3.5: ['three and a half', '3.50'],
};
const JA_FORMS: Record<number, string[]> = {
  1: ['一', '１', '1月'],
  2: ['二', '２回', '第2'],
  3: ['三', '3月', '３'],
  7: ['七', '7か月'],
  12: ['十二', '12日'],
  25: ['二十五', '25日'],
  100: ['百', '１００'],
  1420: ['1420年', '千四百二十'],
  2024: ['2024年', '２０２４'],
  11000: ['1万1千', '11,000', '一万一千'],
  3.5: ['３．５', '3.5'],
};

/** A random unit with numbers on both sides, in any notation, the target's often matching. */
function pair(r: () => number, sourceJa: boolean): [string, string] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const values = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(VALUES));
  const srcWrite = (v: number): string => (sourceJa ? pick([String(v), ...JA_FORMS[v]!]) : pick([String(v), String(v), ...EN_WORDS[v]!]));
  const tgtWrite = (v: number): string => (sourceJa ? pick([String(v), ...EN_WORDS[v]!]) : pick([String(v), ...JA_FORMS[v]!]));
  const glue = sourceJa ? ['、', 'の', 'は', '（', '）', '年', ' ', '{0}', '%1$s'] : [' ', ', ', ' (', ') ', ' on ', ' {0} ', ' <b>'];
  let source = '';
  for (const v of values) source += srcWrite(v) + pick(glue);
  // Now and then a restatement in brackets: 1420年（応永27年）.
  if (r() < 0.2) source += sourceJa ? `${pick(values)}年（応永${pick(VALUES)}年）` : ` ${pick(values)} (${pick(VALUES)})`;
  let target = '';
  for (const v of values) {
    const roll = r();
    // Kept, dropped, or replaced by another number.
    if (roll < 0.7) target += tgtWrite(v) + pick(glue);
    else if (roll < 0.85) target += tgtWrite(pick(VALUES)) + pick(glue);
  }
  if (r() < 0.3) target += tgtWrite(pick(VALUES));
  if (r() < 0.1) target = target.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  return [source + (sourceJa ? '。' : '.'), target + (sourceJa ? '.' : '。')];
}

describe('numbers rule: settledByDigits (decides from the target digits alone)', () => {
  it('never settles a unit the full reading would report, and the rule reports exactly what the reference says', () => {
    const r = rng(8_128);
    let settled = 0;
    let asked = 0;
    let reported = 0;
    for (const sourceJa of [true, false]) {
      const units = Array.from({ length: 2500 }, (_, i) => {
        const [s, t] = pair(r, sourceJa);
        return unit(s, t, { id: `u${i}` });
      });
      const prepared = prepareCheck({
        files: [{ file: 'f.xlf', document: doc(units, sourceJa ? { source: 'ja', target: 'en' } : { source: 'en', target: 'ja' }) }],
      });
      const ctx = prepared.contexts[0]!;
      for (const cu of prepared.units[0]!) {
        const label = JSON.stringify([cu.unit.source, cu.translation]);
        const reference = referenceSettled(cu, ctx);
        const shortcut = shortcutSettles(cu, ctx);
        if (shortcut !== undefined) asked++;
        if (shortcut === true) {
          settled++;
          expect(reference, label).toBe(true);
        }
        const findings = (cu.sourceFlags & numbers.when!.source!) === 0 ? [] : numbers.check(cu, ctx);
        expect(findings.length === 0, label).toBe(reference);
        if (!reference) reported++;
      }
    }
    // The shortcut was asked and took both answers often; the rule both passed and reported units.
    expect(settled).toBeGreaterThan(asked / 10);
    expect(settled).toBeLessThan(asked);
    expect(reported).toBeGreaterThan(500);
    expect(reported).toBeLessThan(4500);
  });
});
