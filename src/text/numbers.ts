/**
 * Numbers as a reader understands them, in Japanese and English text: `1万1千人` is 11,000, `３．５` is
 * 3.5, `第2次` is the ordinal 2, `seven months` carries 7 and `twice a week` carries 2. The numbers rule
 * of `kioku check` compares them across a translation and the aligner uses them as anchors, so each
 * token keeps its place in the original text.
 *
 * Precision over recall: a word is a number only where it reads as one (`数千` "several thousand" and
 * `thousands` are not numbers; `一部` "some" is not 1; `May` is a month only next to a date or a
 * preposition of time).
 *
 * Both extractors run over every unit of a check, so they scan character codes instead of running
 * regular expressions over the whole text, make no object per word, and return at once when a text has
 * nothing that can start a number (most sentences).
 */
import { foldWidth } from './width.js';
import { primaryLanguage } from './lang.js';

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

/** `ja` for Japanese (`ja`, `ja-JP`; not `jam`, Jamaican Creole), `en` otherwise. */
export function numberLang(lang: string): NumberLang {
  return primaryLanguage(lang) === 'ja' ? 'ja' : 'en';
}

/** An ASCII or a full-width digit. */
const isAnyDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
// One unsigned comparison each (below the range wraps to a large number); c is a code unit, never NaN.
const isDigit = (c: number): boolean => (c - 0x30) >>> 0 < 10;
/** a–z or A–Z: setting bit 5 maps A–Z onto a–z and nothing else into it. */
const isAsciiLetter = (c: number): boolean => ((c | 0x20) - 0x61) >>> 0 < 26;

/** Whether a token was written with digits (as opposed to kanji numerals or English words). */
export function writtenWithDigits(token: NumberToken): boolean {
  return hasDigits(token.text);
}

/** Equality that forgives floating-point noise (1.1万 = 11000). */
export function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function extractNumbers(text: string, lang: NumberLang): NumberToken[] {
  return numberTokens(text, extractNumbersInto(text, lang, new NumberList()));
}

const NO_TOKENS = new Int32Array(0);

/**
 * Numbers as parallel arrays (value, offsets and kind of each), to be refilled text after text: the
 * check rules read the numbers of every unit but need a number's text only to report it, so they keep
 * no object or string per number and take the text from the offsets on that rare path.
 */
export class NumberList {
  /**
   * An empty list frozen for good, so nothing can fill it: not scratch space but an anchor for the
   * engine, held by the class. V8 keeps the hidden class (shape) of a list with its fields only while
   * some list of that shape is alive, and the optimised code of every function that reads or fills
   * lists depends on that shape. A check run's lists die with the run, so a full garbage collection
   * between two runs dropped the shape and deoptimised the number rules and both extractors: the next
   * run paid to optimise them again (about a sixth of a check of numbers). A frozen object's shape is
   * made from the shape of the object it froze and keeps it alive.
   */
  static readonly #shapeAnchor: Readonly<NumberList> = Object.freeze(new NumberList());

  count = 0;
  readonly values: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly kinds: NumberKind[] = [];
  /**
   * Scratch space of the English reader, owned by the list it fills rather than by the module: the
   * token buffer tokenizeEn writes (grown as texts need, so refilling a list text after text makes no
   * garbage) and the pattern digitNumbersEn steps with (a global pattern keeps its place in lastIndex).
   * Nothing in them outlives the call that filled them.
   */
  tokenRoom: Int32Array = NO_TOKENS;
  digitScan: RegExp | undefined = undefined;

  add(value: number, start: number, end: number, kind: NumberKind): void {
    const i = this.count++;
    this.values[i] = value;
    this.starts[i] = start;
    this.ends[i] = end;
    this.kinds[i] = kind;
  }
}

/** extractNumbers into `out` (emptied first): the same numbers, in the same order. */
export function extractNumbersInto(text: string, lang: NumberLang, out: NumberList): NumberList {
  out.count = 0;
  if (lang === 'ja') extractJa(text, out);
  else extractEn(text, out);
  return out;
}

/** The tokens of the numbers `list` holds for `text`. */
export function numberTokens(text: string, list: NumberList): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (let i = 0; i < list.count; i++) {
    const start = list.starts[i]!;
    const end = list.ends[i]!;
    tokens.push({ value: list.values[i]!, text: text.slice(start, end), start, end, kind: list.kinds[i]! });
  }
  return tokens;
}

/** Cheap pre-test: can the text contain a number written with digits? */
export function hasDigits(text: string): boolean {
  return hasDigitsIn(text, 0, text.length);
}

/** hasDigits for the part from..to of the text (writtenWithDigits for a number of a NumberList). */
export function hasDigitsIn(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isAnyDigit(text.charCodeAt(i))) return true;
  return false;
}

const tidy = (v: number): number => (Number.isInteger(v) ? v : Number(v.toPrecision(12)));

function wordMap(entries: Record<string, number>): ReadonlyMap<string, number> {
  return new Map(Object.entries(entries));
}

const codes = (chars: string): ReadonlySet<number> => new Set([...chars].map((c) => c.charCodeAt(0)));

// ---------------------------------------------------------------------------------------------------
// Digit groups (both languages): `1,234.5`, `12.5`, `600`

/** `,ddd` at p. */
function thousandsGroupAt(s: string, p: number): boolean {
  return p + 3 < s.length && s.charCodeAt(p) === 0x2c && isDigit(s.charCodeAt(p + 1)) && isDigit(s.charCodeAt(p + 2)) && isDigit(s.charCodeAt(p + 3));
}

/** After an optional decimal part (`.d+`) at p. */
function decimalEnd(s: string, p: number): number {
  if (p + 1 < s.length && s.charCodeAt(p) === 0x2e && isDigit(s.charCodeAt(p + 1))) {
    p += 2;
    while (p < s.length && isDigit(s.charCodeAt(p))) p++;
  }
  return p;
}

/**
 * The end of the digit group starting at the digit at q: one to three digits with thousands groups
 * (`1,234,567`), else a run of digits, either with an optional decimal part — what
 * `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?` matches there.
 */
function digitGroupEnd(s: string, q: number): number {
  let d = q + 1;
  while (d < s.length && isDigit(s.charCodeAt(d))) d++;
  if (d - q <= 3 && thousandsGroupAt(s, d)) {
    let p = d + 4;
    while (thousandsGroupAt(s, p)) p += 4;
    return decimalEnd(s, p);
  }
  return decimalEnd(s, d);
}

/** The value of digits with thousands commas and a decimal point (what Number() makes of it without the commas). */
function digitValue(s: string, from: number, to: number): number {
  let v = 0;
  let digits = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x2c) continue;
    // A decimal point or more digits than a double holds exactly: let Number() round as it does.
    if (c === 0x2e || ++digits > 15) return Number(s.slice(from, to).replace(/,/g, ''));
    v = v * 10 + (c - 0x30);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------
// Japanese

/** What a kanji numeral is: a digit (its value), a small unit (十百千) or a big one (万億兆). */
const KANJI_DIGIT: ReadonlyMap<number, number> = new Map([...'〇零一二三四五六七八九'].map((c, i) => [c.charCodeAt(0), Math.max(0, i - 1)]));
const KANJI_SMALL: ReadonlyMap<number, number> = new Map(
  [
    ['十', 10],
    ['百', 100],
    ['千', 1000],
  ].map(([c, v]) => [(c as string).charCodeAt(0), v as number]),
);
const KANJI_BIG: ReadonlyMap<number, number> = new Map(
  [
    ['万', 1e4],
    ['億', 1e8],
    ['兆', 1e12],
  ].map(([c, v]) => [(c as string).charCodeAt(0), v as number]),
);

/** Character classes for Japanese numbers (bits). */
const JA_DIGIT = 1;
/** 〇零一二三四五六七八九十百千万億兆 */
const JA_KANJI = 2;
/**
 * A character whose width folding matters to Japanese numbers: full-width digits, ，．％－ and the minus
 * sign. Other full-width characters (：（）！ＡＢ, the ideographic space) fold to ASCII that no rule
 * below looks at, so a text without these is read as it is.
 */
const JA_FOLDS = 4;
const JA_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0x30; c <= 0x39; c++) t[c] = JA_DIGIT;
  for (const c of '０１２３４５６７８９，．％－\u2212') t[c.charCodeAt(0)] = JA_FOLDS;
  for (const c of [...KANJI_DIGIT.keys(), ...KANJI_SMALL.keys(), ...KANJI_BIG.keys()]) t[c] = JA_KANJI;
  return t;
})();

/**
 * The end of the run of digit groups and kanji numerals starting at q (in width-folded text):
 * `(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[〇零一二三四五六七八九十百千万億兆])+`, or q when
 * nothing starts there.
 */
function runEnd(s: string, q: number): number {
  while (q < s.length) {
    const kind = JA_CLASS[s.charCodeAt(q)]!;
    if (kind === JA_DIGIT) q = digitGroupEnd(s, q);
    else if (kind === JA_KANJI) q++;
    else break;
  }
  return q;
}

/**
 * Counters after a kanji-only numeral that make it a number (`二人`, `三つ`, `七か月`). Without one (and
 * without 第 before it) kanji numerals are left alone: 一部 "some", 一方 "on the other hand", 十分
 * "enough", 統一 "unification" are words, not numbers.
 */
const JA_COUNTER_CHARS = codes('年月日人名回度個本枚台件週秒歳才倍階位次期割円隻機発頭匹羽冊軒社校国党条項号章段季つ%');
const JA_COUNTER_WORDS = [
  '周年',
  '番目',
  '回目',
  '度目',
  '代目',
  '世紀',
  '世代',
  '時間',
  '分間',
  '段階',
  '師団',
  '旅団',
  '大隊',
  '部隊',
  'パーセント',
  'キロ',
  'メートル',
  'トン',
  'ドル',
  'ユーロ',
  'ウォン',
];
const KA_MONTH = codes('かヶカヵケ箇');
const KA_COUNTRY = codes('かヶカヵ');
const KA_PLACE = codes('かヶカヵ箇');

function counterAt(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  if (jaMarked(c, M_COUNTER_CHAR)) return true;
  const next = s.charCodeAt(p + 1);
  if ((next === 0x6708 /* 月 */ && KA_MONTH.has(c)) || (next === 0x56fd /* 国 */ && KA_COUNTRY.has(c)) || (next === 0x6240 /* 所 */ && KA_PLACE.has(c)))
    return true;
  return wordAt(s, p, JA_COUNTER_WORDS, M_COUNTER_WORD) !== undefined;
}

/** Words that start with a kanji numeral and a counter but mean something else. */
const JA_NOT_NUMBER = ['度と', '度も', '段と', '段落'];
/** Kanji that make a word with a following 一 (統一 "unify", 唯一 "only", 同一 "same"…). */
const JA_WORD_BEFORE = codes('統唯同均画単随逐択純専帰合万');
/** Before a run: an approximation (数千 "several thousand", 何百 "hundreds", 幾千). */
const JA_VAGUE_BEFORE = codes('数何幾');
const JA_ERAS: Readonly<Record<string, number>> = { 令和: 2018, 平成: 1988, 昭和: 1925, 大正: 1911, 明治: 1867 };
/** Counters that may follow 第N (第2次, 第二段階, 第3条). */
const JA_ORDINAL_WORDS = ['段階', '番目', '世紀', '世代'];
const JA_ORDINAL_CHARS = codes('次回期号条項章部位代陣弾');
/** Counters that make an ordinal without 第 (93周年, 3番目, 21世紀, 1位). */
const JA_ORDINAL_SUFFIXES = ['周年', '番目', '回目', '度目', '代目', '世紀'];

/**
 * Bits of JA_MARK: the sets a character is in, and the word lists it starts a word of. A number run
 * asks about its neighbours several times; one table read each rules most of them out.
 */
const M_VAGUE_BEFORE = 1;
const M_WORD_BEFORE = 2;
const M_COUNTER_CHAR = 4;
const M_ORDINAL_CHAR = 8;
const M_COUNTER_WORD = 16;
const M_NOT_NUMBER = 32;
const M_ORDINAL_WORD = 64;
const M_ORDINAL_SUFFIX = 128;
const JA_MARK: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  const mark = (chars: Iterable<number>, bit: number): void => {
    for (const c of chars) t[c]! |= bit;
  };
  const firsts = (words: readonly string[]): number[] => words.map((w) => w.charCodeAt(0));
  mark(JA_VAGUE_BEFORE, M_VAGUE_BEFORE);
  mark(JA_WORD_BEFORE, M_WORD_BEFORE);
  mark(JA_COUNTER_CHARS, M_COUNTER_CHAR);
  mark(JA_ORDINAL_CHARS, M_ORDINAL_CHAR);
  mark(firsts(JA_COUNTER_WORDS), M_COUNTER_WORD);
  mark(firsts(JA_NOT_NUMBER), M_NOT_NUMBER);
  mark(firsts(JA_ORDINAL_WORDS), M_ORDINAL_WORD);
  mark(firsts(JA_ORDINAL_SUFFIXES), M_ORDINAL_SUFFIX);
  return t;
})();

/** Whether the code unit c (-1 or NaN for none) carries the JA_MARK bit. */
const jaMarked = (c: number, bit: number): boolean => ((JA_MARK[c] ?? 0) & bit) !== 0;

/** The first of `words` that starts at p (their first characters carry `bit`), or undefined. */
function wordAt(s: string, p: number, words: readonly string[], bit: number): string | undefined {
  if (!jaMarked(s.charCodeAt(p), bit)) return undefined;
  for (const w of words) if (s.startsWith(w, p)) return w;
  return undefined;
}

const NEN = 0x5e74; // 年
const TSUKI = 0x6708; // 月
const HI = 0x65e5; // 日
const KAN = 0x9593; // 間

/** The value of a run (see runEnd) from `from` to `to`, or undefined when it is not one numeral (1一, 千千). */
function parseJaNumeral(s: string, from: number, to: number): number | undefined {
  let total = 0;
  let section = 0;
  let current: number | undefined;
  let lastSmall = Infinity;
  let lastBig = Infinity;
  let i = from;
  while (i < to) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      let j = i;
      for (; j < to; j++) {
        const d = s.charCodeAt(j);
        if (!isDigit(d) && d !== 0x2e && d !== 0x2c) break;
      }
      if (current !== undefined) return undefined;
      current = digitValue(s, i, j);
      i = j;
      continue;
    }
    const digit = KANJI_DIGIT.get(c);
    if (digit !== undefined) {
      // Consecutive kanji digits are positional: 二〇二四 = 2024.
      let v = 0;
      let d: number | undefined;
      while (i < to && (d = KANJI_DIGIT.get(s.charCodeAt(i))) !== undefined) {
        v = v * 10 + d;
        i++;
      }
      if (current !== undefined) return undefined;
      current = v;
      continue;
    }
    const small = KANJI_SMALL.get(c);
    if (small !== undefined) {
      if (small >= lastSmall) return undefined;
      section += (current ?? 1) * small;
      current = undefined;
      lastSmall = small;
      i++;
      continue;
    }
    const big = KANJI_BIG.get(c)!;
    if (big >= lastBig) return undefined;
    const sec = section + (current ?? 0);
    total += (sec === 0 ? 1 : sec) * big;
    section = 0;
    current = undefined;
    lastSmall = Infinity;
    lastBig = big;
    i++;
  }
  const v = total + section + (current ?? 0);
  return Number.isFinite(v) ? tidy(v) : undefined;
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** A hyphen at start - 1 that is a minus sign: not joining two words or numbers ("-5", not "A-5"). */
const minusBefore = (s: string, start: number): boolean => start >= 1 && s.charCodeAt(start - 1) === 0x2d && !LETTER_OR_NUMBER.test(s[start - 2] ?? '');

function extractJa(text: string, out: NumberList): void {
  // The text is read as it is until a character whose folding matters turns up (most texts have
  // none); then it is width-folded and read again from the start. Every character is seen by the
  // search for the next run or by runEnd, so none is missed.
  let folded = text;
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    let start = pos;
    let k = 0;
    while (start < n && (k = JA_CLASS[folded.charCodeAt(start)]!) === 0) start++;
    if (start >= n) break;
    if ((k & JA_FOLDS) !== 0) {
      folded = foldWidth(text);
      out.count = 0;
      pos = 0;
      continue;
    }
    let end = runEnd(folded, start);
    pos = end;
    let hasDigit = false;
    for (let d = start; d < end && !hasDigit; d++) hasDigit = isDigit(folded.charCodeAt(d));
    const before = start > 0 ? folded.charCodeAt(start - 1) : -1;
    const after = end < n ? folded.charCodeAt(end) : -1;
    if (jaMarked(before, M_VAGUE_BEFORE) || after === 0x6570 /* 数 */) continue;
    if (!hasDigit && jaMarked(before, M_WORD_BEFORE)) continue;
    let value = parseJaNumeral(folded, start, end);
    if (value === undefined) {
      // Not one numeral (e.g. 1一): keep only the digit groups, each a number of its own.
      if (hasDigit) addDigitGroups(folded, start, end, out);
      continue;
    }
    const ordinalPrefix = before === 0x7b2c; /* 第 */
    if (!hasDigit && !ordinalPrefix && (!counterAt(folded, end) || wordAt(folded, end, JA_NOT_NUMBER, M_NOT_NUMBER) !== undefined)) continue;
    let kind: NumberKind = Number.isInteger(value) ? 'cardinal' : 'decimal';
    const next2 = end + 1 < n ? folded.charCodeAt(end + 1) : -1;
    let suffix: string | undefined;
    if (ordinalPrefix) {
      kind = 'ordinal';
      start -= 1;
      if (jaMarked(after, M_ORDINAL_CHAR)) end += 1;
      else if (wordAt(folded, end, JA_ORDINAL_WORDS, M_ORDINAL_WORD) !== undefined) end += 2;
    } else if (after === NEN && start >= 2 && JA_ERAS[folded.slice(start - 2, start)] !== undefined) {
      value = JA_ERAS[folded.slice(start - 2, start)]! + value;
      kind = 'year';
      start -= 2;
      end += 1;
    } else if (
      (suffix = wordAt(folded, end, JA_ORDINAL_SUFFIXES, M_ORDINAL_SUFFIX)) !== undefined ||
      (after === 0x4f4d /* 位 */ && next2 !== 0x7f6e) /* 置 */
    ) {
      kind = 'ordinal';
      end += suffix?.length ?? 1;
    } else if (after === 0x25 /* % */ || folded.startsWith('パーセント', end)) {
      kind = 'percent';
      end += after === 0x25 ? 1 : 5;
    } else if (after === 0x5272 /* 割 */) {
      value = tidy(value * 10);
      kind = 'percent';
      end += 1;
    } else if (after === NEN && next2 !== KAN && value >= 1000 && Number.isInteger(value)) {
      kind = 'year';
      end += 1;
    } else if (after === TSUKI && next2 !== KAN && value >= 1 && value <= 12 && Number.isInteger(value)) {
      kind = 'month';
      end += 1;
    } else if (after === HI && next2 !== KAN && value >= 1 && value <= 31 && Number.isInteger(value)) {
      kind = 'day';
      end += 1;
    } else if (
      after === 0x6642 /* 時 */ &&
      start >= 2 &&
      folded.charCodeAt(start - 2) === 0x5348 /* 午 */ &&
      folded.charCodeAt(start - 1) === 0x5f8c /* 後 */ &&
      value < 12
    ) {
      value += 12;
    } else if (after === 0x5206 /* 分 */ && next2 === 0x306e /* の */) {
      // N分のM: the fraction M/N.
      const numeratorEnd = runEnd(folded, end + 2);
      const numerator = numeratorEnd > end + 2 ? parseJaNumeral(folded, end + 2, numeratorEnd) : undefined;
      if (numerator !== undefined && value !== 0) {
        value = tidy(numerator / value);
        kind = 'decimal';
        end = numeratorEnd;
        pos = end;
      }
    }
    if (kind !== 'ordinal' && minusBefore(folded, start)) {
      value = -value;
      start -= 1;
    }
    out.add(value, start, end, kind);
  }
}

/** Each digit group of a run that is not one numeral (`1一`), as a number of its own. */
function addDigitGroups(folded: string, from: number, to: number, out: NumberList): void {
  let p = from;
  while (p < to) {
    if (!isDigit(folded.charCodeAt(p))) {
      p++;
      continue;
    }
    const end = Math.min(digitGroupEnd(folded, p), to);
    const value = digitValue(folded, p, end);
    out.add(value, p, end, Number.isInteger(value) ? 'cardinal' : 'decimal');
    p = end;
  }
}

// ---------------------------------------------------------------------------------------------------
// English

const EN_UNITS = wordMap({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
});
const EN_TENS = wordMap({
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
});
const EN_SCALES = wordMap({
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
});
const EN_ORDINAL_UNITS = wordMap({
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
});
const EN_ORDINAL_TENS = wordMap({
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
});
const EN_ORDINAL_SCALES = wordMap({
  hundredth: 100,
  thousandth: 1e3,
  millionth: 1e6,
  billionth: 1e9,
});
const EN_TIMES = wordMap({ once: 1, twice: 2, thrice: 3 });
const EN_MONTHS = wordMap({
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
});
const EN_MONTH_ABBR = wordMap({
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
});
/** Words after which `May` and `March` are the months, not the verbs. */
const EN_TIME_WORDS = new Set([
  'in',
  'since',
  'until',
  'till',
  'by',
  'from',
  'early',
  'late',
  'mid',
  'last',
  'next',
  'this',
  'of',
  'through',
  'before',
  'after',
  'during',
  'on',
  'between',
  'to',
  'each',
  'every',
]);

const isNumberWord = (w: string): boolean => EN_UNITS.has(w) || EN_TENS.has(w) || EN_ORDINAL_UNITS.has(w) || EN_ORDINAL_TENS.has(w);

/** Number words that may start a number. */
const EN_CANDIDATES_NUMBERS = new Set<string>([EN_UNITS, EN_TENS, EN_ORDINAL_UNITS, EN_ORDINAL_TENS, EN_TIMES].flatMap((m) => [...m.keys()]));
/** Every word that can start or take part in a number (lower case): the rest are skipped at once. */
const EN_CANDIDATES = new Set<string>(['a', 'an', ...EN_CANDIDATES_NUMBERS, ...EN_MONTHS.keys(), ...EN_MONTH_ABBR.keys()]);

/**
 * The shapes of the candidates (length, first and last letter, and the second letter as a bit of the
 * entry): a word of another shape ("the", "of", "soldiers", "month") is not one, decided without making
 * its lower-case copy.
 */
const SHAPE_MAX = 16;
const shapeIndex = (length: number, first: number, last: number): number => (length * 26 + ((first | 0x20) - 0x61)) * 26 + ((last | 0x20) - 0x61);
const EN_CANDIDATE_SHAPES: Uint32Array = (() => {
  const t = new Uint32Array(SHAPE_MAX * 26 * 26);
  for (const w of EN_CANDIDATES) t[shapeIndex(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1))]! |= 1 << (w.charCodeAt(w.length > 1 ? 1 : 0) - 0x61);
  return t;
})();

const WORD = 0;
/** A word that may be a number, a month or a Roman numeral: EN_CANDIDATES or `[IVX]{2,}`. */
const CANDIDATE = 1;
const DIGITS = 2;

/**
 * The words (`[A-Za-z]+`) and digit groups of a width-folded English text: start, end and kind of each
 * token in one flat typed array (no object per word). The helpers below take a token index.
 */
interface EnTokens {
  readonly folded: string;
  readonly t: Int32Array;
  readonly count: number;
  readonly interesting: boolean;
}

/** The least room a list's token buffer is given (then doubled as texts need). */
const ROOM_MIN = 3 * 256;
/** Texts longer than this many tokens' room get a buffer of their own instead of growing the list's. */
const ROOM_MAX = 3 * 65536;

const startOf = (tk: EnTokens, i: number): number => tk.t[3 * i]!;
const endOf = (tk: EnTokens, i: number): number => tk.t[3 * i + 1]!;
const kindOf = (tk: EnTokens, i: number): number => tk.t[3 * i + 2]!;

const romanLetter = (c: number): boolean => c === 0x49 || c === 0x56 || c === 0x58; // I V X

/** Words after which `a`/`an` starts a number ("a hundred", "a dozen"). */
const EN_AFTER_A = new Set([...EN_SCALES.keys(), 'dozen']);
/** Lower-case candidates that only count capitalised (months and their abbreviations: "may", "march"). */
const EN_CAPITALISED_ONLY = new Set([...EN_MONTHS.keys(), ...EN_MONTH_ABBR.keys()].filter((w) => !EN_CANDIDATES_NUMBERS.has(w)));

/**
 * CANDIDATE for a word from..to (ASCII letters) that can be or start a number, a month or a Roman
 * numeral, else WORD. Exact, not a guess: a WORD yields no number wherever it stands. `a`/`an` count only
 * before a scale word ("a thousand"), a month only capitalised.
 */
export function wordKind(s: string, from: number, to: number): number {
  const length = to - from;
  const first = s.charCodeAt(from);
  if (length >= 2 && romanLetter(first)) {
    let roman = true;
    for (let k = from + 1; k < to && roman; k++) roman = romanLetter(s.charCodeAt(k));
    if (roman) return CANDIDATE;
  }
  if (length >= SHAPE_MAX) return WORD;
  const seconds = EN_CANDIDATE_SHAPES[shapeIndex(length, first, s.charCodeAt(to - 1))]!;
  if (seconds === 0 || ((seconds >>> ((s.charCodeAt(length > 1 ? from + 1 : from) | 0x20) - 0x61)) & 1) === 0) return WORD;
  // The only candidates of one or two letters are `a` and `an` (the shape says which).
  if (length <= 2) return aBeforeScale(s, to) ? CANDIDATE : WORD;
  const lower = s.slice(from, to).toLowerCase();
  if (!EN_CANDIDATES.has(lower)) return WORD;
  if (first >= 0x61 && EN_CAPITALISED_ONLY.has(lower)) return WORD;
  return CANDIDATE;
}

/**
 * `wordKind` as its comment says, without the shape table, for the tests only (not part of the
 * library; tests/text/numbers-reference.test.ts checks that both answer alike).
 */
export function referenceWordKind(s: string, from: number, to: number): number {
  const word = s.slice(from, to);
  if (/^[IVX]{2,}$/.test(word)) return CANDIDATE;
  const lower = word.toLowerCase();
  if (!EN_CANDIDATES.has(lower)) return WORD;
  if (lower === 'a' || lower === 'an') return aBeforeScale(s, to) ? CANDIDATE : WORD;
  if (/^[a-z]/.test(word) && EN_CAPITALISED_ONLY.has(lower)) return WORD;
  return CANDIDATE;
}

/** `a`/`an` ending at `to` is followed by a space and a scale word or "dozen" ("a hundred", "a dozen"). */
function aBeforeScale(s: string, to: number): boolean {
  if (s.charCodeAt(to) !== 0x20) return false;
  let e = to + 1;
  while (e < s.length && isAsciiLetter(s.charCodeAt(e))) e++;
  const length = e - to - 1;
  return length >= 5 && length <= 8 && EN_AFTER_A.has(s.slice(to + 1, e).toLowerCase());
}

/** Character classes of the English tokenizer. */
const EN_DIGIT = 1;
const EN_LETTER = 2;
/** A character `foldWidth` changes (full-width ASCII, the ideographic space, the minus sign). */
const EN_FOLDABLE = 3;
const EN_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0x30; c <= 0x39; c++) t[c] = EN_DIGIT;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = t[c + 0x20] = EN_LETTER;
  // foldedCode's ranges, written out: asking it about every code unit would cost a millisecond at start-up.
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = EN_FOLDABLE;
  t[0x3000] = t[0x2212] = EN_FOLDABLE;
  return t;
})();

/**
 * The tokens of a text, and whether any can be (part of) a number: a digit group or a candidate word.
 * Undefined when the text has a character folding would change: fold it first.
 */
function tokenizeEn(folded: string, owner: NumberList): EnTokens | undefined {
  const n = folded.length;
  // At most one token per character: room for all of them once, not a check per token.
  const room = owner.tokenRoom;
  if (3 * n + 3 > room.length && 3 * n + 3 <= ROOM_MAX) owner.tokenRoom = new Int32Array(Math.max(3 * n + 3, 2 * room.length, ROOM_MIN));
  const t = 3 * n + 3 <= owner.tokenRoom.length ? owner.tokenRoom : new Int32Array(3 * n + 3);
  let w = 0;
  let interesting = false;
  let i = 0;
  while (i < n) {
    const k = EN_CLASS[folded.charCodeAt(i)]!;
    if (k === 0) {
      i++;
      continue;
    }
    if (k === EN_FOLDABLE) return undefined;
    let e: number;
    let kind: number;
    if (k === EN_DIGIT) {
      e = digitGroupEnd(folded, i);
      kind = DIGITS;
      interesting = true;
    } else {
      e = i + 1;
      while (e < n && EN_CLASS[folded.charCodeAt(e)] === EN_LETTER) e++;
      kind = wordKind(folded, i, e);
      if (kind === CANDIDATE) interesting = true;
    }
    t[w] = i;
    t[w + 1] = e;
    t[w + 2] = kind;
    w += 3;
    i = e;
  }
  return { folded, t, count: w / 3, interesting };
}

const textOf = (tk: EnTokens, i: number): string => tk.folded.slice(startOf(tk, i), endOf(tk, i));
const lowerOf = (tk: EnTokens, i: number): string => textOf(tk, i).toLowerCase();
/** The text between tokens a and b. */
const gap = (tk: EnTokens, a: number, b: number): string => tk.folded.slice(endOf(tk, a), startOf(tk, b));

function extractEn(text: string, out: NumberList): void {
  // Width folding (３ → 3, Ａ → A) keeps offsets; most texts have nothing to fold and are read as they are.
  let folded = text;
  let tk = tokenizeEn(text, out);
  if (tk === undefined) tk = tokenizeEn((folded = foldWidth(text)), out)!;
  // No digit group and no candidate word: no number.
  if (!tk.interesting) return;
  const count = tk.count;
  for (let i = 0; i < count; i++) {
    const k = kindOf(tk, i);
    if (k === DIGITS) {
      const end = addDigitNumber(out, folded, startOf(tk, i), endOf(tk, i), tk, i);
      // A suffix ("3rd", "5 million") may cover the next word tokens.
      if (end > endOf(tk, i)) i = skipTo(tk, i, end);
      continue;
    }
    if (k !== CANDIDATE) continue;
    const tStart = startOf(tk, i);
    const tEnd = endOf(tk, i);
    const month = monthValue(tk, i);
    if (month !== undefined) {
      let end = tEnd;
      if (folded.charCodeAt(end) === 0x2e && EN_MONTHS.get(lowerOf(tk, i)) === undefined) end++;
      out.add(month, tStart, end, 'month');
      continue;
    }
    const roman = romanValue(tk, i);
    if (roman !== undefined) {
      out.add(roman, tStart, tEnd, 'ordinal');
      continue;
    }
    const spelled = parseSpelled(tk, i);
    if (spelled !== undefined) {
      const lastEnd = endOf(tk, spelled.last);
      out.add(spelled.value, tStart, lastEnd, spelled.kind);
      i = spelled.last;
    }
  }
}

/**
 * Adds the number of the digit group from..to of `folded` (the text width-folded, or the text itself): its
 * value and kind with the suffix after it (`3rd`, `1990s`, `5 percent`, `1.5 million`, `$3m`, `5 pm`)
 * and a minus sign before it. Only a day ("April 25") needs the words around it: `tk` and `i` give them;
 * without them such a number stays a cardinal (its value is the same).
 */
function addDigitNumber(out: NumberList, folded: string, from: number, to: number, tk: EnTokens | undefined, i: number): number {
  let value = digitValue(folded, from, to);
  let start = from;
  let end = to;
  let kind: NumberKind = Number.isInteger(value) ? 'cardinal' : 'decimal';
  let suffixed = false;
  if (suffixMayFollow(folded, end)) {
    // What these patterns match at `end`, read by character codes:
    // /^(?:st|nd|rd|th)(?![A-Za-z])/i, /^'?s(?![A-Za-z])/, /^ ?(?:%|percent|per cent|pct)/i,
    // /^[ -]?(hundred|thousand|million|billion|trillion)(?![A-Za-z])/i, /^ ?(bn|tn)/i, after a currency
    // sign /^ ?([mk])/i, and /^ ?(?:p\.m\.|pm)/i (words not followed by a letter).
    const c = folded.charCodeAt(end);
    const q = c === 0x20 ? end + 1 : end;
    // A scale word may also follow a hyphen ("a 5-million budget").
    const w = c === 0x20 || c === 0x2d ? end + 1 : end;
    let e: number;
    let scale: number;
    suffixed = true;
    if (Number.isInteger(value) && (e = ordinalSuffixEnd(folded, end)) >= 0) {
      kind = 'ordinal';
      end = e;
    } else if (isFourDigits(folded, from, to) && (e = decadeSuffixEnd(folded, end)) >= 0) {
      kind = 'year';
      end = e;
    } else if ((e = percentEnd(folded, q)) >= 0) {
      kind = 'percent';
      end = e;
    } else if ((e = scaleWordEnd(folded, w)) >= 0) {
      value = tidy(value * EN_SCALES.get(folded.slice(w, e).toLowerCase())!);
      end = e;
      kind = Number.isInteger(value) ? 'cardinal' : 'decimal';
    } else if ((scale = shortScaleAt(folded, q, isCurrency(folded.charCodeAt(start - 1)))) !== 0) {
      end = q + (scale >= 1e9 ? 2 : 1);
      value = tidy(value * scale);
      kind = Number.isInteger(value) ? 'cardinal' : 'decimal';
    } else if ((e = pmEnd(folded, q)) >= 0) {
      if (value < 12) value += 12;
      end = e;
    } else {
      suffixed = false;
    }
  }
  if (suffixed) {
    // The suffix decided the kind.
  } else if (Number.isInteger(value) && value >= 1 && value <= 31) {
    if (tk !== undefined && isDayNextToMonth(tk, i)) kind = 'day';
  } else if (isFourDigits(folded, from, to) && value >= 1800 && value <= 2199) {
    kind = 'year';
  }
  if (kind !== 'ordinal' && kind !== 'year' && minusBefore(folded, start)) {
    value = -value;
    start -= 1;
  }
  out.add(value, start, end, kind);
  return end;
}

/**
 * The numbers written with digits in an English text, into `out` (emptied first): the same values and
 * offsets as those of `extractNumbers(text, 'en')` written with digits, in the same order, found without
 * reading the words between them (a digit group's value depends only on the characters next to it); a
 * day stays a cardinal, as no words say it is one. False when the text has a character width folding
 * changes: then extractNumbers reads a folded copy, so use it.
 */
export function digitNumbersEn(text: string, out: NumberList): boolean {
  // One native scan (faster here than a loop over the characters) from one digit group to the next,
  // which also meets anything that needs folding: the characters it skips are a group's digits,
  // commas and points, which folding leaves alone. The groups read before such a character are dropped.
  out.count = 0;
  const scan = (out.digitScan ??= new RegExp(DIGIT_OR_FOLDABLE, 'g'));
  scan.lastIndex = 0;
  while (scan.test(text)) {
    const from = scan.lastIndex - 1;
    if (!isDigit(text.charCodeAt(from))) {
      out.count = 0;
      return false;
    }
    const to = digitGroupEnd(text, from);
    addDigitNumber(out, text, from, to, undefined, 0);
    // A suffix never holds a digit, so the next group starts after this one's digits.
    scan.lastIndex = to;
  }
  return true;
}

/**
 * An ASCII digit or a character `foldWidth` changes (those foldedCode maps; a test holds the two
 * together); each list makes its own global copy (digitScan), for stepping from one to the next with lastIndex.
 */
const DIGIT_OR_FOLDABLE = /[0-9\u2212\u3000\uff01-\uff5e]/;

/** English month names by number; March and May are also words, so they are not listed. */
const MONTH_NAMES: readonly (string | undefined)[] = (() => {
  const names: (string | undefined)[] = new Array<string | undefined>(13).fill(undefined);
  for (const [name, month] of EN_MONTHS) if (name !== 'may' && name !== 'march') names[month] = name[0]!.toUpperCase() + name.slice(1);
  return names;
})();

/**
 * Whether `extractNumbers(text, 'en')` certainly has the month `value`, by the capitalised name of the
 * month standing as a word of its own ("April" is always the month; "May" and "March" are not always,
 * so they answer false, as does anything else). For a text without full-width letters: width folding
 * would join them to the words next to them.
 */
export function hasMonthNameEn(text: string, value: number): boolean {
  const name = MONTH_NAMES[value];
  if (name === undefined) return false;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if ((at === 0 || !isAsciiLetter(text.charCodeAt(at - 1))) && !isAsciiLetter(text.charCodeAt(at + name.length))) return true;
  }
  return false;
}

/** The ASCII letter at i in lower case, or -1 (also past the end). */
function lowerAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return isAsciiLetter(c) ? c | 0x20 : -1;
}

/** The end of `word` (lower-case letters and spaces) at p in any case, when no letter follows; else -1. */
function wordEndAt(s: string, p: number, word: string): number {
  for (let k = 0; k < word.length; k++) {
    const w = word.charCodeAt(k);
    if (w === 0x20 ? s.charCodeAt(p + k) !== 0x20 : lowerAt(s, p + k) !== w) return -1;
  }
  return isAsciiLetter(s.charCodeAt(p + word.length)) ? -1 : p + word.length;
}

/** `st`, `nd`, `rd` or `th` at p (any case, no letter after): its end, else -1. */
function ordinalSuffixEnd(s: string, p: number): number {
  const a = lowerAt(s, p);
  const b = lowerAt(s, p + 1);
  const pair = (a === 0x73 && b === 0x74) || (a === 0x6e && b === 0x64) || (a === 0x72 && b === 0x64) || (a === 0x74 && b === 0x68);
  return pair && !isAsciiLetter(s.charCodeAt(p + 2)) ? p + 2 : -1;
}

/** `s` or `'s` at p (lower case, no letter after), as in "1990s": its end, else -1. */
function decadeSuffixEnd(s: string, p: number): number {
  const q = s.charCodeAt(p) === 0x27 ? p + 1 : p;
  return s.charCodeAt(q) === 0x73 && !isAsciiLetter(s.charCodeAt(q + 1)) ? q + 1 : -1;
}

/** `%`, `percent`, `per cent` or `pct` at p: its end, else -1. */
function percentEnd(s: string, p: number): number {
  if (s.charCodeAt(p) === 0x25) return p + 1;
  if (lowerAt(s, p) !== 0x70) return -1;
  const e = wordEndAt(s, p, 'percent');
  if (e >= 0) return e;
  const f = wordEndAt(s, p, 'per cent');
  return f >= 0 ? f : wordEndAt(s, p, 'pct');
}

/** The end of a scale word of EN_SCALES (hundred … trillion) at p, else -1. */
function scaleWordEnd(s: string, p: number): number {
  switch (lowerAt(s, p)) {
    case 0x68:
      return wordEndAt(s, p, 'hundred');
    case 0x74: {
      const e = wordEndAt(s, p, 'thousand');
      return e >= 0 ? e : wordEndAt(s, p, 'trillion');
    }
    case 0x6d:
      return wordEndAt(s, p, 'million');
    case 0x62:
      return wordEndAt(s, p, 'billion');
    default:
      return -1;
  }
}

/** The value of `bn` / `tn` at p, or after a currency sign of `m` / `k` ("$3m"), or 0. */
function shortScaleAt(s: string, p: number, currency: boolean): number {
  const a = lowerAt(s, p);
  if ((a === 0x62 || a === 0x74) && lowerAt(s, p + 1) === 0x6e && !isAsciiLetter(s.charCodeAt(p + 2))) return a === 0x62 ? 1e9 : 1e12;
  if (currency && (a === 0x6d || a === 0x6b) && !isAsciiLetter(s.charCodeAt(p + 1))) return a === 0x6d ? 1e6 : 1e3;
  return 0;
}

/** $ € £ ¥ */
const isCurrency = (c: number): boolean => c === 0x24 || c === 0x20ac || c === 0xa3 || c === 0xa5;

/** `p.m.` or `pm` (no letter after) at p: its end, else -1. */
function pmEnd(s: string, p: number): number {
  if (lowerAt(s, p) !== 0x70) return -1;
  if (s.charCodeAt(p + 1) === 0x2e && lowerAt(s, p + 2) === 0x6d && s.charCodeAt(p + 3) === 0x2e) return p + 4;
  return lowerAt(s, p + 1) === 0x6d && !isAsciiLetter(s.charCodeAt(p + 2)) ? p + 2 : -1;
}

/**
 * Whether what follows a digit group at p can be a suffix of the number, by its first letters: right
 * after the digits an ordinal ending (st nd rd th), 's, %, a percent word, a scale word (hundred…
 * trillion), bn/tn, m/k or pm; after a space only %, percent/pct/per cent, a scale word, bn/tn, m/k
 * and p.m.; after a hyphen only a scale word. Most numbers are followed by something else and skip the
 * suffix patterns.
 */
function suffixMayFollow(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  if (c === 0x27 || c === 0x25) return true; // ' %
  if (c === 0x20 || c === 0x2d) {
    const next = s.charCodeAt(p + 1) | 0x20;
    if (c === 0x2d) return next === 0x68 || next === 0x74 || next === 0x6d || next === 0x62; // h t m b
    return next === 0x25 || next === 0x70 || next === 0x68 || next === 0x74 || next === 0x6d || next === 0x62 || next === 0x6b; // % p h t m b k
  }
  switch (c | 0x20) {
    case 0x62: // b
    case 0x68: // h
    case 0x6b: // k
    case 0x6d: // m
    case 0x6e: // n
    case 0x70: // p
    case 0x72: // r
    case 0x73: // s
    case 0x74: // t
      return true;
    default:
      return false;
  }
}

/** Four ASCII digits (a year): `^\d{4}$` for the digit group from..to. */
function isFourDigits(s: string, from: number, to: number): boolean {
  return to - from === 4 && isDigit(s.charCodeAt(from + 1)) && isDigit(s.charCodeAt(from + 2)) && isDigit(s.charCodeAt(from + 3));
}

function skipTo(tk: EnTokens, i: number, end: number): number {
  while (i + 1 < tk.count && startOf(tk, i + 1) < end) i++;
  return i;
}

/** A digit group right after token i: "May 5", "May, 5", "May the 5". */
function numberFollows(tk: EnTokens, i: number): boolean {
  return i + 1 < tk.count && kindOf(tk, i + 1) === DIGITS && /^,? $|^ the $/.test(gap(tk, i, i + 1));
}

/** A day right before token i: "5 May", "5th of May". */
function numberPrecedes(tk: EnTokens, i: number): boolean {
  if (i === 0) return false;
  if (kindOf(tk, i - 1) === DIGITS) return /^(?:st|nd|rd|th)? (?:of )?$/.test(gap(tk, i - 1, i));
  return i >= 2 && kindOf(tk, i - 2) === DIGITS && lowerOf(tk, i - 1) === 'of' && /^(?:st|nd|rd|th) $/.test(gap(tk, i - 2, i - 1));
}

function monthValue(tk: EnTokens, i: number): number | undefined {
  // Months and their abbreviations are candidates: any other word is not one.
  if (kindOf(tk, i) !== CANDIDATE) return undefined;
  const folded = tk.folded;
  const first = folded.charCodeAt(startOf(tk, i));
  if (first < 0x41 || first > 0x5a) return undefined; // months are capitalised
  const lower = lowerOf(tk, i);
  const full = EN_MONTHS.get(lower);
  if (full !== undefined) {
    if (lower !== 'may' && lower !== 'march') return full;
    const word = textOf(tk, i);
    if (word !== 'May' && word !== 'March') return undefined;
    const timeWord = i > 0 && kindOf(tk, i - 1) !== DIGITS && EN_TIME_WORDS.has(lowerOf(tk, i - 1)) && /^[ -]$/.test(gap(tk, i - 1, i));
    return timeWord || numberFollows(tk, i) || numberPrecedes(tk, i) ? full : undefined;
  }
  const abbr = EN_MONTH_ABBR.get(lower);
  if (abbr === undefined) return undefined;
  // Abbreviations only with the dot or next to a day: "Jan. 20", "Sept 3", not "Mar" the word.
  return folded.charCodeAt(endOf(tk, i)) === 0x2e || numberFollows(tk, i) || numberPrecedes(tk, i) ? abbr : undefined;
}

function isDayNextToMonth(tk: EnTokens, i: number): boolean {
  const folded = tk.folded;
  const tEnd = endOf(tk, i);
  // Only a candidate word can be a month.
  if (i > 0 && kindOf(tk, i - 1) === CANDIDATE && /^\.? (?:the )?$/.test(gap(tk, i - 1, i)) && monthValue(tk, i - 1) !== undefined) return true;
  const c = folded.charCodeAt(tEnd);
  if (c !== 0x20 && c !== 0x73 && c !== 0x6e && c !== 0x72 && c !== 0x74) return false; // " ", st, nd, rd, th
  const suffix = /^(?:st|nd|rd|th)?( of)? /.exec(folded.slice(tEnd, tEnd + 8));
  if (!suffix) return false;
  const at = tEnd + suffix[0].length;
  let j = i + 1;
  while (j < tk.count && startOf(tk, j) < at) j++;
  return j < tk.count && startOf(tk, j) === at && monthValue(tk, j) !== undefined;
}

const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;
const ROMAN_VALUE: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10 };

/** Roman numerals of two or more letters after a capitalised word: World War II, Elizabeth II. */
function romanValue(tk: EnTokens, i: number): number | undefined {
  const word = textOf(tk, i);
  if (word.length < 2 || !ROMAN.test(word)) return undefined;
  if (i === 0 || kindOf(tk, i - 1) === DIGITS || !/^[A-Z][a-z]/.test(textOf(tk, i - 1)) || gap(tk, i - 1, i) !== ' ') return undefined;
  let v = 0;
  for (let k = 0; k < word.length; k++) {
    const c = ROMAN_VALUE[word[k]!]!;
    const n = ROMAN_VALUE[word[k + 1] ?? ''] ?? 0;
    v += c < n ? -c : c;
  }
  return v >= 2 ? v : undefined;
}

/** Words of one number are joined by one space or a hyphen ("twenty-five", "one hundred"). */
function joinable(tk: EnTokens, a: number, b: number): boolean {
  const between = endOf(tk, a);
  const next = startOf(tk, b);
  if (next - between !== 1) return false;
  const c = tk.folded.charCodeAt(between);
  return c === 0x20 || c === 0x2d;
}

function parseSpelled(tk: EnTokens, i: number): { value: number; kind: NumberKind; last: number } | undefined {
  const count = tk.count;
  const lower = lowerOf(tk, i);
  const times = EN_TIMES.get(lower);
  if (times !== undefined) return { value: times, kind: 'spelled', last: i };
  let total = 0;
  let section = 0;
  let current: number | undefined;
  let j = i;
  let last = -1;
  let kind: NumberKind = 'spelled';
  if (lower === 'a' || lower === 'an') {
    if (i + 1 >= count || kindOf(tk, i + 1) === DIGITS) return undefined;
    const next = lowerOf(tk, i + 1);
    if (!EN_AFTER_A.has(next) || gap(tk, i, i + 1) !== ' ') return undefined;
    current = 1;
    j = i + 1;
  } else if (!isNumberWord(lower)) {
    return undefined;
  }
  for (; j < count; j++) {
    if (j > i && !joinable(tk, j - 1, j)) break;
    if (kindOf(tk, j) === DIGITS) break;
    const lw = lowerOf(tk, j);
    if (lw === 'and') {
      // "one hundred and five": only between a scale word and a number word.
      const prev = lowerOf(tk, j - 1);
      if (last !== j - 1 || EN_SCALES.get(prev) === undefined || j + 1 >= count || !isNumberWord(lowerOf(tk, j + 1)) || !joinable(tk, j, j + 1)) break;
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
