/**
 * Sentence boundaries inside one paragraph (one line), as [start, end) spans of the sentences with the
 * whitespace between them left out, so the line is rebuilt exactly from spans + gaps.
 *
 * A single linear scan: a candidate boundary is a terminator run outside brackets and quotes, then
 * small named rules veto or confirm it (abbreviations, initials, decimals, quotative と after 」…).
 */
export type Span = readonly [start: number, end: number];

export type SplitLang = 'ja' | 'en';

const OPENERS: Record<string, string> = {
  '「': '」',
  '『': '』',
  '（': '）',
  '(': ')',
  '【': '】',
  '〔': '〕',
  '［': '］',
  '[': ']',
  '〈': '〉',
  '《': '》',
  '“': '”',
  '‘': '’',
  '｛': '｝',
  '{': '}',
};
const CLOSERS = new Set(Object.values(OPENERS));

const JA_TERMINATORS = new Set(['。', '！', '？', '!', '?', '｡']);
const EN_TERMINATORS = new Set(['.', '!', '?', '。', '！', '？']);
/** Characters that stay with the sentence they follow: closing quotes and brackets, more terminators. */
const TRAILERS = new Set(['"', "'", '”', '’', ')', ']', '」', '』', '）', '］', '】', '〉', '》', '…']);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0' || c === '\f' || c === '\v';
}

/**
 * Pairs brackets with a stack and returns, for each position, whether it lies inside a balanced pair.
 * Unbalanced openers and closers are treated as plain characters so one stray 「 cannot glue a whole
 * paragraph together.
 */
function insideBrackets(line: string): Uint8Array {
  const inside = new Uint8Array(line.length);
  const stack: Array<{ close: string; at: number }> = [];
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const close = OPENERS[c];
    if (close !== undefined) {
      stack.push({ close, at: i });
    } else if (CLOSERS.has(c)) {
      // Pop to the matching opener if there is one; openers skipped over are unbalanced.
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k]!.close === c) {
          pairs.push([stack[k]!.at, i]);
          stack.length = k;
          break;
        }
      }
    }
  }
  for (const [a, b] of pairs) inside.fill(1, a + 1, b);
  return inside;
}

const EN_ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt',
    'sgt', 'cmdr', 'adm', 'gov', 'rep', 'sen', 'pres', 'rev', 'hon', 'messrs', 'mme', 'mlle',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
    'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
    'no', 'nos', 'vol', 'vols', 'p', 'pp', 'fig', 'figs', 'ch', 'sec', 'art', 'ed', 'eds', 'est',
    'approx', 'dept', 'univ', 'inc', 'ltd', 'co', 'corp', 'bros', 'assn', 'ave', 'blvd', 'rd',
    'vs', 'etc', 'al', 'cf', 'viz', 'ca', 'op', 'cit', 'ibid', 'e.g', 'i.e', 'a.m', 'p.m', 'u.s',
    'u.k', 'u.n', 'u.s.a', 'e.u', 'ph.d', 'd.c', 'n.y',
  ],
);
/** Abbreviations that usually end a sentence when followed by a capital (they are often last words). */
const EN_SENTENCE_FINAL_ABBREVIATIONS = new Set(['etc', 'u.s', 'u.k', 'u.n', 'u.s.a', 'e.u', 'd.c', 'n.y', 'a.m', 'p.m', 'inc', 'ltd', 'co', 'corp']);

/** The word (letters and inner dots) that ends right before position `dot`. */
function wordBefore(line: string, dot: number): string {
  let i = dot;
  while (i > 0) {
    const c = line[i - 1]!;
    if (/[\p{L}\p{N}.]/u.test(c)) i--;
    else break;
  }
  return line.slice(i, dot);
}

function nextNonSpace(line: string, from: number): number {
  let i = from;
  while (i < line.length && isSpace(line[i]!)) i++;
  return i;
}

/** English rule: is the full stop at `dot` (with the text after it at `next`) a sentence end? */
function englishFullStopEnds(line: string, dot: number, afterRun: number): boolean {
  const next = nextNonSpace(line, afterRun);
  if (next >= line.length) return true;
  // No space after the dot: "3.5", "e.g.x", "example.com" are not boundaries.
  if (next === afterRun) return false;
  const word = wordBefore(line, dot);
  const lower = word.toLowerCase();
  const following = line[next]!;
  const startsUpper = /[\p{Lu}\p{Lt}"“'‘(\[\d]/u.test(following) || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(following);
  if (!startsUpper) return false;
  // Ellipsis "..." followed by a capital is a boundary.
  if (dot > 0 && line[dot - 1] === '.') return true;
  // Single initials ("J. K. Rowling") do not end sentences.
  if (/^\p{Lu}$/u.test(word)) return false;
  if (EN_ABBREVIATIONS.has(lower)) {
    if (EN_SENTENCE_FINAL_ABBREVIATIONS.has(lower)) {
      // "in the U.S. He said" ends; "U.S. Army" does not. A following pronoun/article is a good sign.
      return /^(?:He|She|It|They|We|I|The|This|That|These|Those|But|And|In|On|At|A|An|There|His|Her|Its|Their|Our|My)\b/.test(
        line.slice(next),
      );
    }
    return false;
  }
  // Dotted acronyms not in the list ("N.A.S.A.") behave like the listed ones.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return false;
  return true;
}

export function splitParagraph(line: string, lang: SplitLang): Span[] {
  const spans: Span[] = [];
  const inside = insideBrackets(line);
  const terminators = lang === 'ja' ? JA_TERMINATORS : EN_TERMINATORS;
  let start = nextNonSpace(line, 0);
  let i = start;
  const n = line.length;
  while (i < n) {
    const c = line[i]!;
    const isTerm = terminators.has(c) || (lang === 'ja' && c === '.' && isLatinFullStop(line, i));
    if (!isTerm || inside[i]) {
      i++;
      continue;
    }
    // Extend over the terminator run and any closers that belong to the sentence.
    let j = i + 1;
    while (j < n && (terminators.has(line[j]!) || line[j] === '.' || TRAILERS.has(line[j]!))) j++;
    let ends = true;
    if (c === '.' ) ends = englishFullStopEnds(line, i, j);
    else if (lang === 'en' && (c === '!' || c === '?')) {
      const next = nextNonSpace(line, j);
      // "Yahoo! is" stays whole: a lowercase continuation is not a new sentence.
      ends = next >= n || next > j && !/\p{Ll}/u.test(line[next]!);
    }
    if (ends && lang === 'ja' && startsQuotative(line, j)) ends = false;
    if (ends) {
      let end = j;
      while (end > start && isSpace(line[end - 1]!)) end--;
      if (end > start) spans.push([start, end]);
      start = nextNonSpace(line, j);
      i = start;
    } else {
      i = j;
    }
  }
  let end = n;
  while (end > start && isSpace(line[end - 1]!)) end--;
  if (end > start) spans.push([start, end]);
  return spans;
}

/** In Japanese text a "." ends a sentence only after Latin text followed by a space, e.g. "…the end. 次". */
function isLatinFullStop(line: string, i: number): boolean {
  const prev = line[i - 1];
  const next = line[i + 1];
  if (prev === undefined || !/[A-Za-z]/.test(prev)) return false;
  return next === undefined ? false : isSpace(next) && englishFullStopEnds(line, i, i + 1);
}

/** 」と述べた / 」と、…語った: a quotation followed by the quotative particle belongs to the sentence. */
function startsQuotative(line: string, afterRun: number): boolean {
  const prev = line[afterRun - 1];
  if (prev !== '」' && prev !== '』' && prev !== '"' && prev !== '”') return false;
  const next = line[nextNonSpace(line, afterRun)];
  return next === 'と' || next === 'っ' || next === 'て' || next === 'との' || next === '、';
}
