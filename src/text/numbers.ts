/**
 * Numbers as a reader understands them, in Japanese and English text: `1万1千人` is 11,000, `３．５` is
 * 3.5, `第2次` is the ordinal 2, `seven months` carries 7 and `twice a week` carries 2. The numbers rule
 * of `kioku check` compares them across a translation and the aligner uses them as anchors, so each
 * token keeps its place in the original text.
 *
 * Precision over recall: a word is a number only where it reads as one (`数千` "several thousand" and
 * `thousands` are not numbers; `一部` "some" is not 1; `May` is a month only next to a date or a
 * preposition of time).
 */
import { foldWidth } from './width.js';

export type NumberLang = 'ja' | 'en';

export type NumberKind = 'cardinal' | 'ordinal' | 'year' | 'month' | 'day' | 'decimal' | 'percent' | 'spelled';

export interface NumberToken {
  /** The number the text means: 11000 for `1万1千`, 4 for `April`, 2024 for `令和6年`, 50 for `5割`. */
  readonly value: number;
  /** The original text of the token (`1万1千`, `第2次`, `93周年`, `April`, `1.5 million`, `seven`). */
  readonly text: string;
  /** Offsets in the input (UTF-16 code units, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly kind: NumberKind;
}

/** `ja` for tags starting with `ja`, `en` otherwise. */
export function numberLang(lang: string): NumberLang {
  return lang.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Whether a token was written with digits (as opposed to kanji numerals or English words). */
export function writtenWithDigits(token: NumberToken): boolean {
  return /[0-9０-９]/.test(token.text);
}

/** Equality that forgives floating-point noise (1.1万 = 11000). */
export function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function extractNumbers(text: string, lang: NumberLang): NumberToken[] {
  return lang === 'ja' ? extractJa(text) : extractEn(text);
}

/** Cheap pre-test: can the text contain a number written with digits? */
export function hasDigits(text: string): boolean {
  return /[0-9０-９]/.test(text);
}

const tidy = (v: number): number => (Number.isInteger(v) ? v : Number(v.toPrecision(12)));

function wordMap(entries: Record<string, number>): ReadonlyMap<string, number> {
  return new Map(Object.entries(entries));
}

// ---------------------------------------------------------------------------------------------------
// Japanese

const KANJI_DIGIT: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const KANJI_SMALL: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const KANJI_BIG: Readonly<Record<string, number>> = { 万: 1e4, 億: 1e8, 兆: 1e12 };

/** A run of digits (with thousands commas and a decimal part) and kanji numerals. */
const JA_RUN = /(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[〇零一二三四五六七八九十百千万億兆])+/g;

/**
 * Counters after a kanji-only numeral that make it a number (`二人`, `三つ`, `七か月`). Without one (and
 * without 第 before it) kanji numerals are left alone: 一部 "some", 一方 "on the other hand", 十分
 * "enough", 統一 "unification" are words, not numbers.
 */
const JA_COUNTER =
  /^(?:[かヶカヵケ箇]月|[かヶカヵ]国|[かヶカヵ箇]所|周年|番目|回目|度目|代目|世紀|世代|時間|分間|段階|師団|旅団|大隊|部隊|パーセント|キロ|メートル|トン|ドル|ユーロ|ウォン|[年月日人名回度個本枚台件週秒歳才倍階位次期割円隻機発頭匹羽冊軒社校国党条項号章段季つ%])/;
/** Words that start with a kanji numeral and a counter but mean something else. */
const JA_NOT_NUMBER = /^(?:度と|度も|段と|段落)/;
/** Kanji that make a word with a following 一 (統一 "unify", 唯一 "only", 同一 "same"…). */
const JA_WORD_BEFORE = new Set(['統', '唯', '同', '均', '画', '単', '随', '逐', '択', '純', '専', '帰', '合', '万']);
/** Before a run: an approximation (数千 "several thousand", 何百 "hundreds", 幾千). */
const JA_VAGUE_BEFORE = new Set(['数', '何', '幾']);
const JA_ERAS: Readonly<Record<string, number>> = { 令和: 2018, 平成: 1988, 昭和: 1925, 大正: 1911, 明治: 1867 };

function parseJaNumeral(raw: string): number | undefined {
  let total = 0;
  let section = 0;
  let current: number | undefined;
  let lastSmall = Infinity;
  let lastBig = Infinity;
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < raw.length && /[0-9.,]/.test(raw[j]!)) j++;
      if (current !== undefined) return undefined;
      current = Number(raw.slice(i, j).replace(/,/g, ''));
      i = j;
    } else if (KANJI_DIGIT[ch] !== undefined) {
      // Consecutive kanji digits are positional: 二〇二四 = 2024.
      let v = 0;
      while (i < raw.length && KANJI_DIGIT[raw[i]!] !== undefined) v = v * 10 + KANJI_DIGIT[raw[i++]!]!;
      if (current !== undefined) return undefined;
      current = v;
    } else if (KANJI_SMALL[ch] !== undefined) {
      const m = KANJI_SMALL[ch]!;
      if (m >= lastSmall) return undefined;
      section += (current ?? 1) * m;
      current = undefined;
      lastSmall = m;
      i++;
    } else {
      const m = KANJI_BIG[ch]!;
      if (m >= lastBig) return undefined;
      const s = section + (current ?? 0);
      total += (s === 0 ? 1 : s) * m;
      section = 0;
      current = undefined;
      lastSmall = Infinity;
      lastBig = m;
      i++;
    }
  }
  const v = total + section + (current ?? 0);
  return Number.isFinite(v) ? tidy(v) : undefined;
}

function extractJa(text: string): NumberToken[] {
  const folded = foldWidth(text);
  const out: NumberToken[] = [];
  const re = new RegExp(JA_RUN.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null) {
    let start = m.index;
    let end = start + m[0].length;
    const raw = m[0];
    const hasDigit = /\d/.test(raw);
    const before = folded[start - 1] ?? '';
    const after = folded[end] ?? '';
    if (JA_VAGUE_BEFORE.has(before) || after === '数') continue;
    if (!hasDigit && JA_WORD_BEFORE.has(before)) continue;
    let value = parseJaNumeral(raw);
    if (value === undefined) {
      // Not one numeral (e.g. 1一): keep only the digit groups, each a number of its own.
      if (hasDigit) pushDigitGroups(text, raw, start, out);
      continue;
    }
    const rest = folded.slice(end, end + 6);
    const ordinalPrefix = before === '第';
    if (!hasDigit && !ordinalPrefix && (!JA_COUNTER.test(rest) || JA_NOT_NUMBER.test(rest))) continue;
    let kind: NumberKind = Number.isInteger(value) ? 'cardinal' : 'decimal';
    let suffix: RegExpExecArray | null;
    const era = folded.slice(start - 2, start);
    if (ordinalPrefix) {
      kind = 'ordinal';
      start -= 1;
      const s = /^(?:次|回|期|段階|番目|世紀|号|条|項|章|部|位|代|陣|弾|世代|位)/.exec(rest);
      if (s) end += s[0].length;
    } else if (JA_ERAS[era] !== undefined && rest[0] === '年') {
      value = JA_ERAS[era]! + value;
      kind = 'year';
      start -= 2;
      end += 1;
    } else if ((suffix = /^(?:周年|番目|回目|度目|代目|世紀|位(?!置))/.exec(rest))) {
      kind = 'ordinal';
      end += suffix[0].length;
    } else if ((suffix = /^(?:%|パーセント)/.exec(rest))) {
      kind = 'percent';
      end += suffix[0].length;
    } else if (rest[0] === '割') {
      value = tidy(value * 10);
      kind = 'percent';
      end += 1;
    } else if (/^年(?!間)/.test(rest) && value >= 1000 && Number.isInteger(value)) {
      kind = 'year';
      end += 1;
    } else if (/^月(?!間)/.test(rest) && value >= 1 && value <= 12 && Number.isInteger(value)) {
      kind = 'month';
      end += 1;
    } else if (/^日(?!間)/.test(rest) && value >= 1 && value <= 31 && Number.isInteger(value)) {
      kind = 'day';
      end += 1;
    } else if (rest[0] === '時' && folded.slice(start - 2, start) === '午後' && value < 12) {
      value += 12;
    } else if (rest.startsWith('分の')) {
      // N分のM: the fraction M/N.
      const num = new RegExp(JA_RUN.source, 'y');
      num.lastIndex = end + 2;
      const n = num.exec(folded);
      const numerator = n ? parseJaNumeral(n[0]) : undefined;
      if (n && numerator !== undefined && value !== 0) {
        value = tidy(numerator / value);
        kind = 'decimal';
        end = n.index + n[0].length;
        re.lastIndex = end;
      }
    }
    if (folded[start - 1] === '-' && !/[\p{L}\p{N}]/u.test(folded[start - 2] ?? '') && kind !== 'ordinal') {
      value = -value;
      start -= 1;
    }
    out.push({ value, text: text.slice(start, end), start, end, kind });
  }
  return out;
}

function pushDigitGroups(text: string, raw: string, offset: number, out: NumberToken[]): void {
  const re = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    const value = Number(m[0].replace(/,/g, ''));
    const start = offset + m.index;
    const end = start + m[0].length;
    out.push({ value, text: text.slice(start, end), start, end, kind: Number.isInteger(value) ? 'cardinal' : 'decimal' });
  }
}

// ---------------------------------------------------------------------------------------------------
// English

const EN_UNITS = wordMap({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
});
const EN_TENS = wordMap({
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
const EN_SCALES = wordMap({
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
});
const EN_ORDINAL_UNITS = wordMap({
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19,
});
const EN_ORDINAL_TENS = wordMap({
  twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80,
  ninetieth: 90,
});
const EN_ORDINAL_SCALES = wordMap({
  hundredth: 100, thousandth: 1e3, millionth: 1e6, billionth: 1e9,
});
const EN_TIMES = wordMap({ once: 1, twice: 2, thrice: 3 });
const EN_MONTHS = wordMap({
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9,
  october: 10, november: 11, december: 12,
});
const EN_MONTH_ABBR = wordMap({
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
});
/** Words after which `May` and `March` are the months, not the verbs. */
const EN_TIME_WORDS = new Set([
  'in', 'since', 'until', 'till', 'by', 'from', 'early', 'late', 'mid', 'last', 'next', 'this', 'of',
  'through', 'before', 'after', 'during', 'on', 'between', 'to', 'each', 'every',
]);
const EN_CURRENCY = /[$€£¥]/;

interface EnToken {
  readonly num: boolean;
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

const EN_TOKEN = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|[A-Za-z]+/g;

function tokenizeEn(folded: string): EnToken[] {
  const tokens: EnToken[] = [];
  const re = new RegExp(EN_TOKEN.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null) {
    tokens.push({ num: m[1] !== undefined, text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

const isNumberWord = (w: string): boolean => EN_UNITS.has(w) || EN_TENS.has(w) || EN_ORDINAL_UNITS.has(w) || EN_ORDINAL_TENS.has(w);

/** Every word that can start or take part in a number (lower case): the rest are skipped at once. */
const EN_CANDIDATES = new Set<string>(['a', 'an', ...[EN_UNITS, EN_TENS, EN_ORDINAL_UNITS, EN_ORDINAL_TENS, EN_TIMES, EN_MONTHS, EN_MONTH_ABBR].flatMap((m) => [...m.keys()])]);

function extractEn(text: string): NumberToken[] {
  const folded = foldWidth(text);
  const tokens = tokenizeEn(folded);
  const out: NumberToken[] = [];
  const gap = (a: number, b: number): string => folded.slice(tokens[a]!.end, tokens[b]!.start);
  const monthAt = (i: number): number | undefined => monthValue(folded, tokens, i);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.num) {
      // Digits glued to letters on the left are part of a name only when a letter follows too (B2B).
      let value = Number(t.text.replace(/,/g, ''));
      let start = t.start;
      let end = t.end;
      let kind: NumberKind = Number.isInteger(value) ? 'cardinal' : 'decimal';
      const rest = folded.slice(end, end + 16);
      let s: RegExpExecArray | null;
      if ((s = /^(?:st|nd|rd|th)(?![A-Za-z])/i.exec(rest)) && Number.isInteger(value)) {
        kind = 'ordinal';
        end += s[0].length;
        i = skipTo(tokens, i, end);
      } else if ((s = /^'?s(?![A-Za-z])/.exec(rest)) && /^\d{4}$/.test(t.text)) {
        kind = 'year';
        end += s[0].length;
        i = skipTo(tokens, i, end);
      } else if ((s = /^ ?(?:%|percent(?![A-Za-z])|per cent(?![A-Za-z])|pct(?![A-Za-z]))/i.exec(rest))) {
        kind = 'percent';
        end += s[0].length;
        i = skipTo(tokens, i, end);
      } else if ((s = /^[ -]?(hundred|thousand|million|billion|trillion)(?![A-Za-z])/i.exec(rest))) {
        value = tidy(value * EN_SCALES.get(s[1]!.toLowerCase())!);
        kind = Number.isInteger(value) ? 'cardinal' : 'decimal';
        end += s[0].length;
        i = skipTo(tokens, i, end);
      } else if ((s = /^ ?(bn|tn)(?![A-Za-z])/i.exec(rest)) ||
        (EN_CURRENCY.test(folded[start - 1] ?? '') && (s = /^ ?([mk])(?![A-Za-z])/i.exec(rest)))) {
        const scale: Record<string, number> = { bn: 1e9, tn: 1e12, m: 1e6, k: 1e3 };
        value = tidy(value * scale[s[1]!.toLowerCase()]!);
        kind = Number.isInteger(value) ? 'cardinal' : 'decimal';
        end += s[0].length;
        i = skipTo(tokens, i, end);
      } else if ((s = /^ ?(?:p\.m\.|pm(?![A-Za-z]))/i.exec(rest))) {
        if (value < 12) value += 12;
        end += s[0].length;
        i = skipTo(tokens, i, end);
      } else if (Number.isInteger(value) && value >= 1 && value <= 31 && isDayNextToMonth(folded, tokens, i, monthAt)) {
        kind = 'day';
      } else if (/^\d{4}$/.test(t.text) && value >= 1800 && value <= 2199) {
        kind = 'year';
      }
      if ((folded[start - 1] === '-') && !/[\p{L}\p{N}]/u.test(folded[start - 2] ?? '') && kind !== 'ordinal' && kind !== 'year') {
        value = -value;
        start -= 1;
      }
      out.push({ value, text: text.slice(start, end), start, end, kind });
      continue;
    }
    if (!EN_CANDIDATES.has(t.lower) && !/^[IVX]{2,}$/.test(t.text)) continue;
    const month = monthAt(i);
    if (month !== undefined) {
      let end = t.end;
      if (folded[end] === '.' && EN_MONTHS.get(t.lower) === undefined) end++;
      out.push({ value: month, text: text.slice(t.start, end), start: t.start, end, kind: 'month' });
      continue;
    }
    const roman = romanValue(folded, tokens, i);
    if (roman !== undefined) {
      out.push({ value: roman, text: t.text, start: t.start, end: t.end, kind: 'ordinal' });
      continue;
    }
    const spelled = parseSpelled(tokens, i, gap);
    if (spelled !== undefined) {
      const last = tokens[spelled.last]!;
      out.push({ value: spelled.value, text: text.slice(t.start, last.end), start: t.start, end: last.end, kind: spelled.kind });
      i = spelled.last;
    }
  }
  return out;
}

function skipTo(tokens: readonly EnToken[], i: number, end: number): number {
  while (i + 1 < tokens.length && tokens[i + 1]!.start < end) i++;
  return i;
}

function monthValue(folded: string, tokens: readonly EnToken[], i: number): number | undefined {
  const t = tokens[i]!;
  if (t.num) return undefined;
  const first = t.text.charCodeAt(0);
  if (first < 0x41 || first > 0x5a) return undefined; // months are capitalised
  const full = EN_MONTHS.get(t.lower);
  const nextNum = (): boolean => {
    const n = tokens[i + 1];
    return n !== undefined && n.num && /^,? $|^ the $/.test(folded.slice(t.end, n.start));
  };
  const prevNum = (): boolean => {
    const p = tokens[i - 1];
    if (p === undefined) return false;
    const between = folded.slice(p.end, t.start);
    if (p.num) return /^(?:st|nd|rd|th)? (?:of )?$/.test(between);
    return p.lower === 'of' && /^(?:st|nd|rd|th) $/.test(folded.slice(tokens[i - 2]?.end ?? 0, p.start)) && tokens[i - 2]?.num === true;
  };
  if (full !== undefined) {
    if (t.lower !== 'may' && t.lower !== 'march') return full;
    if (t.text !== 'May' && t.text !== 'March') return undefined;
    const p = tokens[i - 1];
    const timeWord = p !== undefined && !p.num && EN_TIME_WORDS.has(p.lower) && /^[ -]$/.test(folded.slice(p.end, t.start));
    return timeWord || nextNum() || prevNum() ? full : undefined;
  }
  const abbr = EN_MONTH_ABBR.get(t.lower);
  if (abbr === undefined) return undefined;
  // Abbreviations only with the dot or next to a day: "Jan. 20", "Sept 3", not "Mar" the word.
  return folded[t.end] === '.' || nextNum() || prevNum() ? abbr : undefined;
}

function isDayNextToMonth(
  folded: string,
  tokens: readonly EnToken[],
  i: number,
  monthAt: (i: number) => number | undefined,
): boolean {
  const t = tokens[i]!;
  const p = tokens[i - 1];
  if (p !== undefined && !p.num && /^\.? (?:the )?$/.test(folded.slice(p.end, t.start)) && monthAt(i - 1) !== undefined) return true;
  const rest = folded.slice(t.end, t.end + 8);
  const suffix = /^(?:st|nd|rd|th)?( of)? /.exec(rest);
  if (!suffix) return false;
  let j = i + 1;
  while (j < tokens.length && tokens[j]!.start < t.end + suffix[0].length) j++;
  return j < tokens.length && tokens[j]!.start === t.end + suffix[0].length && monthAt(j) !== undefined;
}

const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;
const ROMAN_VALUE: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10 };

/** Roman numerals of two or more letters after a capitalised word: World War II, Elizabeth II. */
function romanValue(folded: string, tokens: readonly EnToken[], i: number): number | undefined {
  const t = tokens[i]!;
  if (t.text.length < 2 || !ROMAN.test(t.text)) return undefined;
  const p = tokens[i - 1];
  if (p === undefined || p.num || !/^[A-Z][a-z]/.test(p.text) || folded.slice(p.end, t.start) !== ' ') return undefined;
  let v = 0;
  for (let k = 0; k < t.text.length; k++) {
    const c = ROMAN_VALUE[t.text[k]!]!;
    const n = ROMAN_VALUE[t.text[k + 1] ?? ''] ?? 0;
    v += c < n ? -c : c;
  }
  return v >= 2 ? v : undefined;
}

function parseSpelled(
  tokens: readonly EnToken[],
  i: number,
  gap: (a: number, b: number) => string,
): { value: number; kind: NumberKind; last: number } | undefined {
  const t = tokens[i]!;
  if (EN_TIMES.get(t.lower) !== undefined) return { value: EN_TIMES.get(t.lower)!, kind: 'spelled', last: i };
  let total = 0;
  let section = 0;
  let current: number | undefined;
  let j = i;
  let last = -1;
  let kind: NumberKind = 'spelled';
  const joinable = (a: number, b: number): boolean => {
    const g = gap(a, b);
    return g === ' ' || g === '-';
  };
  if (t.lower === 'a' || t.lower === 'an') {
    const n = tokens[i + 1];
    if (n === undefined || n.num || (EN_SCALES.get(n.lower) === undefined && n.lower !== 'dozen') || gap(i, i + 1) !== ' ') return undefined;
    current = 1;
    j = i + 1;
  } else if (!isNumberWord(t.lower)) {
    return undefined;
  }
  for (; j < tokens.length; j++) {
    const w = tokens[j]!;
    if (j > i && !joinable(j - 1, j)) break;
    if (w.num) break;
    const lw = w.lower;
    if (lw === 'and') {
      // "one hundred and five": only between a scale word and a number word.
      const prev = tokens[j - 1]!.lower;
      const next = tokens[j + 1];
      if (last !== j - 1 || EN_SCALES.get(prev) === undefined || next === undefined || !isNumberWord(next.lower) || !joinable(j, j + 1)) break;
      continue;
    }
    const unit = EN_UNITS.get(lw) ?? EN_ORDINAL_UNITS.get(lw);
    const tens = EN_TENS.get(lw) ?? EN_ORDINAL_TENS.get(lw);
    const scale = EN_SCALES.get(lw) ?? EN_ORDINAL_SCALES.get(lw);
    if (unit !== undefined) {
      if (current !== undefined && !(current >= 20 && current <= 90 && current % 10 === 0 && unit < 10 && unit > 0)) break;
      current = (current ?? 0) + unit;
    } else if (tens !== undefined) {
      if (current !== undefined) break;
      current = tens;
    } else if (scale !== undefined) {
      if (scale === 100) {
        if (current === undefined && last === -1) break;
        section += (current ?? 1) * 100;
      } else {
        const s = section + (current ?? 0);
        if (s === 0 && last === -1 && current === undefined) break;
        total += (s === 0 ? 1 : s) * scale;
        section = 0;
      }
      current = undefined;
    } else if (lw === 'dozen') {
      current = (current ?? 1) * 12;
    } else {
      break;
    }
    last = j;
    if (EN_ORDINAL_UNITS.get(lw) !== undefined || EN_ORDINAL_TENS.get(lw) !== undefined || EN_ORDINAL_SCALES.get(lw) !== undefined) {
      kind = 'ordinal';
      break;
    }
  }
  if (last === -1) return undefined;
  // "a" alone before a scale word consumed nothing else: "a hundred" still needs the scale.
  return { value: tidy(total + section + (current ?? 0)), kind, last };
}
