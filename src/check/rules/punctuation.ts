import { NO_FINDINGS, finding, quote, type UnitRule } from '../types.js';
import { isWhiteSpace, TextFlag } from '../../text/script.js';

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['（', '）'],
  ['「', '」'],
  ['『', '』'],
  ['【', '】'],
  ['〔', '〕'],
  ['《', '》'],
  ['〈', '〉'],
  ['“', '”'],
  ['［', '］'],
  ['｛', '｝'],
];
/**
 * What each UTF-16 code unit is to bracketProblem: 0 nothing, i + 1 the opening character of PAIRS[i],
 * -(i + 1) its closing one, STRAIGHT_QUOTE the straight double quote. One typed-array read per bracket
 * rather than two Map lookups.
 */
const STRAIGHT_QUOTE = 127;
const BRACKET_KIND: Int8Array = (() => {
  const t = new Int8Array(0x10000);
  PAIRS.forEach(([o, c], i) => {
    t[o.charCodeAt(0)] = i + 1;
    t[c.charCodeAt(0)] = -(i + 1);
  });
  t[0x22] = STRAIGHT_QUOTE;
  return t;
})();
/**
 * Every character bracketProblem looks at (the pairs and the straight double quote), global: it steps from
 * one to the next with lastIndex, so each run of the checks has its own copy (CheckScratch.brackets).
 */
export function bracketScanner(): RegExp {
  return new RegExp(BRACKET, 'g');
}
const BRACKET = new RegExp(
  `[${PAIRS.flat()
    .join('')
    .replace(/[[\]\\]/g, '\\$&')}"]`,
);

/**
 * The first bracket or quote that does not pair, or undefined. Directional pairs must nest; the
 * straight double quote only needs an even count. Apostrophes (’ ') are never judged: they are also
 * the apostrophe.
 */
export function bracketProblem(text: string, scan: RegExp = bracketScanner()): string | undefined {
  const stack: number[] = [];
  let straight = 0;
  // The brackets are found by the pattern (a native scan), not character by character.
  scan.lastIndex = 0;
  while (scan.test(text)) {
    const at = scan.lastIndex - 1;
    const kind = BRACKET_KIND[text.charCodeAt(at)]!;
    if (kind === STRAIGHT_QUOTE) straight++;
    else if (kind > 0) stack.push(kind - 1);
    else if (stack.pop() !== -kind - 1) {
      scan.lastIndex = 0;
      return `unmatched ${text[at]}`;
    }
  }
  if (stack.length > 0) return `unclosed ${PAIRS[stack[stack.length - 1]!]![0]}`;
  if (straight % 2 === 1) return 'an odd number of "';
  return undefined;
}

export const brackets: UnitRule = {
  scope: 'unit',
  id: 'brackets',
  severity: 'warning',
  category: 'punctuation',
  when: { target: TextFlag.PAIRED },
  description: 'Brackets or quotes in the target do not pair up ((), [], 「」, “”, ") although those of the source do.',
  check(cu, ctx) {
    if ((cu.targetFlags & TextFlag.PAIRED) === 0) return NO_FINDINGS;
    const scan = ctx.scratch.brackets;
    const problem = bracketProblem(cu.translation!, scan);
    if (problem === undefined || bracketProblem(cu.unit.source, scan) !== undefined) return NO_FINDINGS;
    return [finding(this, cu, `brackets/quotes in the target do not pair: ${problem}`, { actual: problem, expected: 'balanced as in the source' })];
  },
};

/**
 * Closing quotes, brackets, spaces and asterisks that may follow the real end of a sentence, marked in a
 * table of every UTF-16 code unit (read for the last characters of both texts of every unit).
 */
const TRAILING_CLOSER: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  for (const c of ' \t\n\r\u00a0\u3000"\'”’」』)）]】〕》〉*') t[c.charCodeAt(0)] = 1;
  return t;
})();

const NONE = 0;
const STOP = 1;
const QUESTION = 2;
const EXCLAMATION = 3;
const ELLIPSIS = 4;

/** Where the text really ends: the index of its last character before closing quotes and spaces, or -1. */
function endIndex(text: string): number {
  let e = text.length;
  while (e > 0 && TRAILING_CLOSER[text.charCodeAt(e - 1)] === 1) e--;
  return e - 1;
}

/** How a text ends (NONE…ELLIPSIS), given endIndex(text). */
function endingKind(text: string, at: number): number {
  if (at < 0) return NONE;
  switch (text.charCodeAt(at)) {
    case 0x2e: // .
    case 0x3002: // 。
    case 0xff0e: // ．
      return at >= 2 && text.charCodeAt(at - 1) === 0x2e && text.charCodeAt(at - 2) === 0x2e ? ELLIPSIS : STOP;
    case 0x3f: // ?
    case 0xff1f: // ？
      return QUESTION;
    case 0x21: // !
    case 0xff01: // ！
      return EXCLAMATION;
    case 0x2026: // …
    case 0x2025: // ‥
      return ELLIPSIS;
    default:
      return NONE;
  }
}

const LETTER = /\p{L}/u;
/** The character at an endIndex, for messages ('' for -1). */
const charAt = (text: string, at: number): string => (at >= 0 ? text[at]! : '');

export const endPunctuation: UnitRule = {
  scope: 'unit',
  id: 'end-punctuation',
  severity: 'warning',
  category: 'punctuation',
  description:
    'The end of the target does not match the source: a sentence that lost its final stop, a heading that gained one, a question turned into a statement, or an ASCII period ending a Japanese target.',
  check(cu, ctx) {
    const target = cu.translation;
    if (target === undefined) return NO_FINDINGS;
    const source = cu.unit.source;
    const sAt = endIndex(source);
    const tAt = endIndex(target);
    const s = endingKind(source, sAt);
    const t = endingKind(target, tAt);
    let problem: string | undefined;
    if (s !== NONE && t === NONE) problem = `the source ends with “${charAt(source, sAt)}” but the target has no end punctuation`;
    else if (s === NONE && t === STOP && LETTER.test(source)) problem = `the source has no end punctuation but the target ends with “${charAt(target, tAt)}”`;
    else if (s === QUESTION && t === STOP) problem = 'the source is a question but the target ends with a period';
    else if (t === STOP && ctx.targetCjk && !ctx.sourceCjk && target.charCodeAt(tAt) === 0x2e) problem = 'the Japanese target ends with an ASCII period';
    if (problem === undefined) return NO_FINDINGS;
    const tail = (x: string): string => (x.length > 12 ? '…' + x.slice(-12) : x);
    return [finding(this, cu, problem, { actual: tail(target.trimEnd()), expected: s === NONE ? '(no end punctuation)' : charAt(source, sAt) })];
  },
};

const LEADING = /^\s+/u;
const TRAILING = /\s+$/u;

export const edgeWhitespace: UnitRule = {
  scope: 'unit',
  id: 'edge-whitespace',
  severity: 'warning',
  category: 'punctuation',
  when: { source: TextFlag.EDGE_SPACE, target: TextFlag.EDGE_SPACE },
  description: 'Leading or trailing whitespace of the target differs from the source.',
  check(cu) {
    if (cu.translation === undefined || ((cu.sourceFlags | cu.targetFlags) & TextFlag.EDGE_SPACE) === 0) return NO_FINDINGS;
    const target = cu.translation;
    const source = cu.unit.source;
    const problems: string[] = [];
    if (LEADING.test(source) !== LEADING.test(target))
      problems.push(LEADING.test(target) ? 'the target starts with whitespace' : 'the source starts with whitespace, the target does not');
    if (TRAILING.test(source) !== TRAILING.test(target))
      problems.push(TRAILING.test(target) ? 'the target ends with whitespace' : 'the source ends with whitespace, the target does not');
    if (problems.length === 0) return NO_FINDINGS;
    return [
      finding(this, cu, problems.join('; '), {
        actual: JSON.stringify(target.match(LEADING)?.[0] ?? '') + '…' + JSON.stringify(target.match(TRAILING)?.[0] ?? ''),
        expected: JSON.stringify(source.match(LEADING)?.[0] ?? '') + '…' + JSON.stringify(source.match(TRAILING)?.[0] ?? ''),
      }),
    ];
  },
};

const INNER_DOUBLE_SPACE = /\S([ \t]{2,})\S/u;

export const doubleSpace: UnitRule = {
  scope: 'unit',
  id: 'double-space',
  severity: 'warning',
  category: 'punctuation',
  when: { target: TextFlag.DOUBLE_SPACE },
  description: 'Two or more spaces in a row inside the target (where the source has none).',
  check(cu) {
    if ((cu.targetFlags & TextFlag.DOUBLE_SPACE) === 0 || (cu.sourceFlags & TextFlag.DOUBLE_SPACE) !== 0) return NO_FINDINGS;
    const m = INNER_DOUBLE_SPACE.exec(cu.translation!);
    if (m === null) return NO_FINDINGS;
    const at = m.index;
    const excerpt = cu.translation!.slice(Math.max(0, at - 15), at + m[0].length + 15);
    return [finding(this, cu, `doubled space in the target: ${quote(excerpt)}`, { actual: excerpt })];
  },
};

/** Doubles that are grammatical English. */
const FINE_DOUBLES = new Set(['had', 'that']);

const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);

/** A word glued to digits, apostrophes or hyphens is part of something longer (o'clock, re-read). */
const glued = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2d || (c >= 0x30 && c <= 0x39);

/** Each word (Latin letters) directly repeated after whitespace, case-insensitively: "the the". */
function doubledWords(text: string): string[] {
  let out: string[] | undefined;
  let prevStart = -1;
  let prevEnd = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isLetter(text.charCodeAt(i))) i++;
    const end = i;
    if (glued(text.charCodeAt(start - 1)) || glued(text.charCodeAt(end))) {
      prevStart = -1;
      continue;
    }
    if (prevStart >= 0 && end - start === prevEnd - prevStart && (text.charCodeAt(start) | 0x20) === (text.charCodeAt(prevStart) | 0x20)) {
      let spaces = prevEnd < start;
      for (let k = prevEnd; spaces && k < start; k++) spaces = isWhiteSpace(text.charCodeAt(k));
      if (spaces && text.slice(prevStart, prevEnd).toLowerCase() === text.slice(start, end).toLowerCase()) (out ??= []).push(text.slice(prevStart, end));
    }
    prevStart = start;
    prevEnd = end;
  }
  return out ?? [];
}

export const doubleWord: UnitRule = {
  scope: 'unit',
  id: 'double-word',
  severity: 'warning',
  category: 'punctuation',
  when: { target: TextFlag.REPEATED_WORD },
  description: 'The same word twice in a row in the target ("the the"), unless the source repeats it too or it is grammatical ("had had", "that that").',
  check(cu) {
    // The flags pass compared each word with the one before: no repeat there, no doubled word.
    if ((cu.targetFlags & TextFlag.REPEATED_WORD) === 0) return NO_FINDINGS;
    let out;
    for (const pair of doubledWords(cu.translation!)) {
      const word = pair.slice(0, pair.search(/\s/));
      if (FINE_DOUBLES.has(word.toLowerCase())) continue;
      if (cu.unit.source.toLowerCase().includes(pair.toLowerCase())) continue;
      (out ??= []).push(finding(this, cu, `doubled word “${pair}” in the target`, { actual: pair, expected: word }));
    }
    return out ?? NO_FINDINGS;
  },
};

const LINK =
  /\b(?:https?|ftp):\/\/[^\s<>"“”「」『』（）\u3000、。]+|\bwww\.[^\s<>"“”「」『』（）\u3000、。]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|\b[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\/[^\s<>"“”「」『』（）\u3000、。]*/g;
const LINK_TRAILING = /[.,;:!?)\]}'’”]+$/;

/** URLs (with a scheme, www., or a domain with a path such as t.me/name) and e-mail addresses. */
export function links(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LINK)) {
    let link = m[0].replace(LINK_TRAILING, '');
    // A closing bracket that belongs to the URL (Wikipedia links) stays when it has its opener.
    if (m[0].length > link.length && m[0][link.length] === ')' && link.includes('(')) link += ')';
    if (link.length > 3) out.push(link);
  }
  return out;
}

export const urls: UnitRule = {
  scope: 'unit',
  id: 'urls',
  severity: 'error',
  category: 'punctuation',
  when: { source: TextFlag.DOT | TextFlag.SLASH },
  description: 'A URL or e-mail address of the source is not in the target exactly as written.',
  check(cu) {
    const target = cu.translation;
    if (target === undefined) return NO_FINDINGS;
    const source = cu.unit.source;
    // Every link has "://" or a dot (www., a domain, an e-mail address): without them there is none.
    const f = cu.sourceFlags;
    if ((f & TextFlag.DOT) === 0 && ((f & TextFlag.SLASH) === 0 || !source.includes('://'))) return NO_FINDINGS;
    if ((f & (TextFlag.SLASH | TextFlag.AT)) === 0 && !source.includes('www.')) return NO_FINDINGS;
    const out = [];
    for (const link of new Set(links(source))) {
      if (target.includes(link)) continue;
      out.push(
        finding(this, cu, `${link.includes('@') && !link.includes('/') ? 'the e-mail address' : 'the URL'} ${link} is missing from the target`, {
          actual: links(target).join(' ') || '(none)',
          expected: link,
        }),
      );
    }
    return out.length === 0 ? NO_FINDINGS : out;
  },
};
