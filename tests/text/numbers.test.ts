import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  digitNumbersEn,
  extractNumbers,
  hasMonthNameEn,
  NumberList,
  numberTokens,
  sameNumber,
  writtenWithDigits,
  type NumberToken,
} from '../../src/text/numbers.js';
import { foldedCode, foldWidth } from '../../src/text/width.js';

const brief = (tokens: readonly NumberToken[]): string[] => tokens.map((t) => `${t.text}=${t.value}:${t.kind}`);
const ja = (text: string): string[] => brief(extractNumbers(text, 'ja'));
const en = (text: string): string[] => brief(extractNumbers(text, 'en'));
const values = (text: string, lang: 'ja' | 'en'): number[] => extractNumbers(text, lang).map((t) => t.value);

describe('extractNumbers — Japanese', () => {
  it.each([
    ['1万1千人を派遣', ['1万1千=11000:cardinal']],
    ['約1万5千人の北朝鮮関係者', ['1万5千=15000:cardinal']],
    ['１万５千人', ['１万５千=15000:cardinal']],
    ['1万5000人', ['1万5000=15000:cardinal']],
    ['1.5万人', ['1.5万=15000:cardinal']],
    ['最大3万人の軍隊', ['3万=30000:cardinal']],
    ['さらに1万人の兵士', ['1万=10000:cardinal']],
    ['4千人の部隊', ['4千=4000:cardinal']],
    ['3千万円', ['3千万=30000000:cardinal']],
    ['2億5千万人', ['2億5千万=250000000:cardinal']],
    ['少なくとも600人が死亡', ['600=600:cardinal']],
    ['1,000人', ['1,000=1000:cardinal']],
    ['１，０００人', ['１，０００=1000:cardinal']],
    ['３．５', ['３．５=3.5:decimal']],
    ['3.5', ['3.5=3.5:decimal']],
    ['１２３', ['１２３=123:cardinal']],
    ['2024年北朝鮮・ロシア', ['2024年=2024:year']],
    ['二〇二四年', ['二〇二四年=2024:year']],
    ['令和6年', ['令和6年=2024:year']],
    ['平成三十年', ['平成三十年=2018:year']],
    ['4月25日、平壌で', ['4月=4:month', '25日=25:day']],
    ['1月20日', ['1月=1:month', '20日=20:day']],
    ['十二月', ['十二月=12:month']],
    ['7月か8月', ['7月=7:month', '8月=8:month']],
    ['第2次派遣', ['第2次=2:ordinal']],
    ['第二次世界大戦', ['第二次=2:ordinal']],
    ['戦略協議の第二段階', ['第二段階=2:ordinal']],
    ['創設93周年の記念行進', ['93周年=93:ordinal']],
    ['3番目', ['3番目=3:ordinal']],
    ['21世紀', ['21世紀=21:ordinal']],
    ['二人の北朝鮮兵', ['二=2:cardinal']],
    ['三つの理由', ['三=3:cardinal']],
    ['七か月', ['七=7:cardinal']],
    ['7か月間にわたり', ['7=7:cardinal']],
    ['7ヶ月', ['7=7:cardinal']],
    ['週2回運航', ['2=2:cardinal']],
    ['1日間のサミット', ['1=1:cardinal']],
    ['二十五人', ['二十五=25:cardinal']],
    ['百人', ['百=100:cardinal']],
    ['50%', ['50%=50:percent']],
    ['５０％', ['５０％=50:percent']],
    ['30パーセント', ['30パーセント=30:percent']],
    ['3割', ['3割=30:percent']],
    ['3分の1', ['3分の1=0.333333333333:decimal']],
    ['午後3時', ['3=15:cardinal']],
    ['F-16戦闘機', ['16=16:cardinal']],
    ['-5度', ['-5=-5:cardinal']],
  ])('%s', (text, expected) => {
    expect(ja(text)).toEqual(expected);
  });

  it.each([
    ['数千キロ離れた'],
    ['数百人の北朝鮮兵'],
    ['さらに数千人が負傷'],
    ['何千人もの'],
    ['十数人'],
    ['一部は戦闘任務に'],
    ['一方で'],
    ['一層高まった'],
    ['十分な'],
    ['統一された'],
    ['唯一の'],
    ['同一人物'],
    ['万一の場合'],
    ['二度と戻らない'],
    ['一般的に'],
    ['一緒に'],
    ['昨年'],
    ['今年初旬'],
    ['千葉県'],
    ['五輪'],
  ])('no number in %s', (text) => {
    expect(ja(text)).toEqual([]);
  });

  it('keeps offsets into the original text', () => {
    const text = '北朝鮮兵が４月２５日、平壌で';
    for (const t of extractNumbers(text, 'ja')) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('reads the whole article sentence with mixed forms', () => {
    const s =
      '「昨年10月に1万1千人を派遣したロシアは、すでに第2次派遣として4千人の部隊と、クルスク(ロシア)の復興支援のためのさらに6千人の建設部隊の派遣を発表している」と、6月の記者会見で';
    expect(values(s, 'ja')).toEqual([10, 11000, 2, 4000, 6000, 6]);
  });
});

describe('extractNumbers — English', () => {
  it.each([
    ['11,000 troops', ['11,000=11000:cardinal']],
    ['11000 troops', ['11000=11000:cardinal']],
    ['1.5 million people', ['1.5 million=1500000:cardinal']],
    ['30 thousand', ['30 thousand=30000:cardinal']],
    ['a 4,000-strong unit', ['4,000=4000:cardinal']],
    ['$1.5bn', ['1.5bn=1500000000:cardinal']],
    ['$2m', ['2m=2000000:cardinal']],
    ['3.5', ['3.5=3.5:decimal']],
    ['seven months', ['seven=7:spelled']],
    ['Seven months', ['Seven=7:spelled']],
    ['a seven-month occupation', ['seven=7:spelled']],
    ['twenty-five soldiers', ['twenty-five=25:spelled']],
    ['one hundred and five', ['one hundred and five=105:spelled']],
    ['eleven thousand', ['eleven thousand=11000:spelled']],
    ['a thousand', ['a thousand=1000:spelled']],
    ['a dozen', ['a dozen=12:spelled']],
    ['two million', ['two million=2000000:spelled']],
    ['twice a week', ['twice=2:spelled']],
    ['once', ['once=1:spelled']],
    ['the 93rd anniversary', ['93rd=93:ordinal']],
    ['the ninety-third anniversary', ['ninety-third=93:ordinal']],
    ['a second deployment', ['second=2:ordinal']],
    ['the first time', ['first=1:ordinal']],
    ['the 21st century', ['21st=21:ordinal']],
    ['World War II', ['II=2:ordinal']],
    ['On April 25, soldiers', ['April=4:month', '25=25:day']],
    ['25 April 2024', ['25=25:day', 'April=4:month', '2024=2024:year']],
    ['the 3rd of January', ['3rd=3:ordinal', 'January=1:month']],
    ['Jan. 20', ['Jan.=1:month', '20=20:day']],
    ['in mid-July', ['July=7:month']],
    ['in May', ['May=5:month']],
    ['May 5', ['May=5:month', '5=5:day']],
    ['in March', ['March=3:month']],
    ['in 2024', ['2024=2024:year']],
    ['the 1990s', ['1990s=1990:year']],
    ['50%', ['50%=50:percent']],
    ['50 percent', ['50 percent=50:percent']],
    ['50 per cent', ['50 per cent=50:percent']],
    ['3 p.m.', ['3 p.m.=15:cardinal']],
    ['F-16', ['16=16:cardinal']],
    ['-5 degrees', ['-5=-5:cardinal']],
    ['from 2020-2024', ['2020=2020:year', '2024=2024:year']],
    ['１１，０００', ['１１，０００=11000:cardinal']],
    // The original text, like every token's, also for a Roman numeral read from its width-folded copy.
    ['World War ＩＩ', ['ＩＩ=2:ordinal']],
  ])('%s', (text, expected) => {
    expect(en(text)).toEqual(expected);
  });

  it.each([
    ['thousands of kilometres'],
    ['hundreds of soldiers'],
    ['tens of thousands'],
    ['millions'],
    ['Russia may send more'],
    ['May they rest'],
    ['soldiers march on'],
    ['Troops March Forward'],
    ['often'],
    ['someone'],
    ['a hundredfold'],
    ['Mar'],
    ['I went'],
    ['MIX'],
  ])('no number in %s', (text) => {
    expect(en(text)).toEqual([]);
  });

  it('"1,2,3" is three numbers, not 123', () => {
    expect(values('1,2,3', 'en')).toEqual([1, 2, 3]);
  });
});

describe('extractNumbers — the same numbers on both sides', () => {
  it.each([
    ['1万1千人', '11,000 troops'],
    ['1万5千人', '15,000'],
    ['３．５', '3.5'],
    ['2024年', '2024'],
    ['4月25日', 'April 25'],
    ['4月25日', '25 April'],
    ['第2次', 'second'],
    ['93周年', '93rd anniversary'],
    ['7か月間', 'seven months'],
    ['週2回', 'twice a week'],
    ['二人', 'two'],
    ['150万人', '1.5 million'],
    ['4千人', '4,000-strong'],
  ])('%s ↔ %s', (j, e) => {
    const sorted = (v: number[]): number[] => [...v].sort((x, y) => x - y);
    expect(sorted(values(j, 'ja'))).toEqual(sorted(values(e, 'en')));
  });
});

describe('helpers', () => {
  it('foldWidth keeps length and maps full-width ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(foldWidth(s).length).toBe(s.length);
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(foldWidth('ＡＢ１２．％　')).toBe('AB12.% ');
  });

  it('token offsets always slice to the token text', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789１２３一二三十百千万億第年月日人か回周 ,.-abcdefghijklmnopqrstuvwxyz'.split(''),
      ' seven',
      ' April',
      ' million',
      ' twenty',
      '-one',
      ' May',
      ' II',
      ' 3rd',
      ' half',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), fc.constantFrom('ja' as const, 'en' as const), (parts, lang) => {
        const text = parts.join('');
        let prevEnd = 0;
        for (const t of extractNumbers(text, lang)) {
          expect(text.slice(t.start, t.end)).toBe(t.text);
          expect(t.start).toBeGreaterThanOrEqual(prevEnd);
          expect(Number.isFinite(t.value)).toBe(true);
          prevEnd = t.end;
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('writtenWithDigits and sameNumber', () => {
    const [a, b] = extractNumbers('1万 と 二人', 'ja');
    expect(writtenWithDigits(a!)).toBe(true);
    expect(writtenWithDigits(b!)).toBe(false);
    expect(sameNumber(1.1 * 10000, 11000)).toBe(true);
    expect(sameNumber(11000, 11001)).toBe(false);
  });

  // The numbers rule reads an English target's digits and month names first and all its numbers only
  // when those leave a source number unaccounted for: both shortcuts must agree with extractNumbers.
  const englishPieces = fc.constantFrom(
    ..."0123456789１５ ,.-−%$(){}<>'’“”".split(''),
    '　',
    '．',
    'ｓ',
    'Ａ',
    ' ',
    ' ',
    ' ',
    'January',
    'April',
    'June',
    'December',
    'May',
    'March',
    'Apr.',
    'april',
    'APRIL',
    'Aprils',
    'xApril',
    'the',
    'of',
    'in',
    'on',
    'one',
    'twenty',
    'hundred',
    'a',
    'an',
    'and',
    'twice',
    'first',
    'second',
    'II',
    'World',
    'War',
    '25',
    '1,000',
    '1,2345',
    '1.5',
    '3rd',
    'th',
    'st',
    's',
    "'s",
    'pm',
    'p.m.',
    'million',
    'bn',
    'k',
    'percent',
    '<b>',
    '{0}',
    '%s',
  );

  it('digitNumbersEn gives the digit-written numbers of extractNumbers, or refuses a text that needs folding', () => {
    const list = new NumberList();
    const digitsOf = (text: string): NumberToken[] | undefined => (digitNumbersEn(text, list) ? numberTokens(text, list) : undefined);
    const strip = (tokens: readonly { value: number; text: string; start: number; end: number }[]): unknown[] =>
      tokens.map(({ value, text, start, end }) => ({ value, text, start, end }));
    fc.assert(
      fc.property(fc.array(englishPieces, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        const digits = digitsOf(text);
        if (digits === undefined) expect(foldWidth(text)).not.toBe(text);
        else expect(strip(digits)).toEqual(strip(extractNumbers(text, 'en').filter(writtenWithDigits)));
      }),
      { seed: 42, numRuns: 3000 },
    );
    expect(digitsOf('on April 25, 1.5 million people, the 3rd time since the 1990s')!.map((t) => `${t.text}=${t.value}`)).toEqual([
      '25=25',
      '1.5 million=1500000',
      '3rd=3',
      '1990s=1990',
    ]);
    expect(digitsOf('５ people')).toBeUndefined();
    // Also when the character that needs folding comes after the digits, next to them or not.
    expect(digitsOf('5％ of 12 people')).toBeUndefined();
    expect(digitsOf('12 people\u3000')).toBeUndefined();
    expect(digitsOf('from 3 \u2212 2')).toBeUndefined();
  });

  it('the English scanners notice exactly the characters width folding changes', () => {
    const list = new NumberList();
    const strip = (text: string): string[] => extractNumbers(text, 'en').map((t) => `${t.start}-${t.end}=${t.value}:${t.kind}`);
    for (let c = 0x80; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const text = `$5${String.fromCharCode(c)}5m 1`;
      expect(digitNumbersEn(text, list)).toBe(foldedCode(c) < 0);
      // The tokenizer reads the folded text (full-width digits, letters, point and comma included).
      expect(strip(text)).toEqual(strip(foldWidth(text)));
    }
  });

  it('hasMonthNameEn only answers true when extractNumbers has that month', () => {
    fc.assert(
      fc.property(fc.array(englishPieces, { maxLength: 24 }), fc.integer({ min: 1, max: 12 }), (parts, month) => {
        const text = parts.join('');
        if (/[Ａ-Ｚａ-ｚ]/.test(text) || !hasMonthNameEn(text, month)) return;
        expect(extractNumbers(text, 'en').some((t) => t.kind === 'month' && t.value === month)).toBe(true);
      }),
      { seed: 42, numRuns: 3000 },
    );
    expect(hasMonthNameEn('since April 25', 4)).toBe(true);
    expect(hasMonthNameEn('since Aprils', 4)).toBe(false);
    expect(hasMonthNameEn('in May', 5)).toBe(false);
    expect(hasMonthNameEn('in June', 4)).toBe(false);
  });
});
