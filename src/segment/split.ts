/**
 * Sentence boundaries inside one paragraph (one line).
 *
 * The base splitter is a single linear scan with a bracket stack. It proposes *candidates*: a run of
 * sentence-final punctuation (。！？.!?…, with the closing quotes that follow it) outside balanced
 * brackets, and in Japanese informal sentence ends (emoji, kaomoji, w, ＾＾). An ordered list of small
 * named passes (./passes.ts) then decides each candidate: break, join, or move the boundary (take a
 * citation along, cut before an ellipsis that opens the next sentence). English list items get
 * boundaries before their markers. Spans leave the whitespace between sentences out, so a line is
 * rebuilt exactly from spans + gaps.
 */
import { C, CLOSE_PAREN, CLOSER_KIND, CLOSER_OF, EN_CLASS, JA_CLASS, isJapaneseCode, isSpaceCode } from './chars.js';
import { BREAK, CandidateKind, DEFAULT_PASSES, JOIN, triggerOf, type Boundary, type Pass } from './passes.js';
import { nextListMarker } from './lists.js';

export type Span = readonly [start: number, end: number];

export type SplitLang = 'ja' | 'en';

export interface SplitOptions {
  /** The passes to run, in order (default: all). Tests pass subsets to show what each one does. */
  readonly passes?: readonly Pass[];
}

/**
 * A splitter for one language: call it on each line; it writes the spans as flat [start, end, start,
 * end, …] pairs into `out` (from index 0; entries after the returned count are stale) and returns their
 * number. Its scratch arrays (and `out`) are reused from line to line, so a document is split without
 * per-sentence garbage; make one per document.
 */
export type LineSplitter = (line: string, out: number[]) => number;

/** Sentence spans of one line. */
export function splitParagraph(line: string, lang: SplitLang, options: SplitOptions = {}): Span[] {
  const flat: number[] = [];
  const count = createSplitter(lang, options)(line, flat);
  const spans: Span[] = [];
  for (let i = 0; i < count; i++) spans.push([flat[2 * i]!, flat[2 * i + 1]!]);
  return spans;
}

/** Candidate boundaries of a line, as parallel arrays (reused between lines). */
interface Candidates {
  /** First character of the terminator run. */
  at: number[];
  /** Where the sentence would end. */
  end: number[];
  kind: CandidateKind[];
  length: number;
}

export function createSplitter(lang: SplitLang, options: SplitOptions = {}): LineSplitter {
  const passes = options.passes ?? DEFAULT_PASSES;
  // The passes for each trigger bit, in order: a Japanese 。 never visits the English passes.
  const byTrigger: Pass[][] = [1, 2, 4, 8, 16].map((t) => passes.filter((p) => (p.triggers & t) !== 0));
  const table = lang === 'ja' ? JA_CLASS : EN_CLASS;
  const cands: Candidates = { at: [], end: [], kind: [], length: 0 };
  const stack: BracketStack = { closers: [], marks: [], opens: [], length: 0 };
  const b: Boundary = { line: '', lang, start: 0, at: 0, end: 0, next: 0, kind: CandidateKind.Terminator };
  return (line, out) => {
    let count = 0;
    const n = line.length;
    let start = skipSpaces(line, 0);
    if (start >= n) return 0;
    findCandidates(line, lang, table, cands, stack);
    if (cands.length === 0 && lang === 'ja') {
      // The common case for headings and short paragraphs: nothing to decide.
      out[0] = start;
      out[1] = trimEnd(line, start, n);
      return 1;
    }
    b.line = line;
    let list = lang === 'en' ? nextListMarker(line, start) : -1;
    let k = 0;
    for (;;) {
      const more = k < cands.length;
      const at = more ? cands.at[k]! : n;
      if (list >= 0 && list <= at) {
        // An English list item ("1) first 2) second"): the next marker opens a new sentence.
        const end = trimEnd(line, start, list);
        if (end > start) count = emit(out, count, start, end);
        start = list;
        list = nextListMarker(line, start);
        continue;
      }
      if (!more) break;
      k++;
      if (at < start) continue;
      b.start = start;
      b.at = at;
      b.end = cands.end[k - 1]!;
      b.next = skipSpaces(line, b.end);
      b.kind = cands.kind[k - 1]!;
      if (decide(b, byTrigger[31 - Math.clz32(triggerOf(line, at, b.kind))]!) === BREAK) {
        const end = trimEnd(line, start, b.end);
        if (end > start) count = emit(out, count, start, end);
        start = skipSpaces(line, b.end);
        if (start >= n) break;
        list = lang === 'en' ? nextListMarker(line, start) : -1;
      }
    }
    if (start < n) {
      const end = trimEnd(line, start, n);
      if (end > start) count = emit(out, count, start, end);
    }
    b.line = '';
    return count;
  };
}

function emit(out: number[], count: number, start: number, end: number): number {
  out[2 * count] = start;
  out[2 * count + 1] = end;
  return count + 1;
}

/** Runs the passes in order; the first one with an opinion decides. No opinion at all means a break. */
function decide(b: Boundary, passes: readonly Pass[]): typeof BREAK | typeof JOIN {
  for (let p = 0; p < passes.length; p++) {
    const v = passes[p]!.decide(b);
    if (v !== 0) return v;
  }
  return BREAK;
}

function skipSpaces(line: string, from: number): number {
  let i = from;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  return i;
}

function trimEnd(line: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpaceCode(line.charCodeAt(e - 1))) e--;
  return e;
}

/** The bracket stack: expected closer, number of candidates when it opened, opener position. */
interface BracketStack {
  closers: number[];
  marks: number[];
  opens: number[];
  length: number;
}

/**
 * Bounds that keep the scan linear on hostile input: brackets nested deeper than this are read as
 * plain characters, and a closer is matched only against the innermost openers.
 */
const MAX_DEPTH = 256;
const MATCH_DEPTH = 32;

function pushOpen(stack: BracketStack, closer: number, mark: number, open: number): void {
  if (stack.length >= MAX_DEPTH) return;
  const s = stack.length++;
  stack.closers[s] = closer;
  stack.marks[s] = mark;
  stack.opens[s] = open;
}

function findOpen(stack: BracketStack, code: number): number {
  const floor = Math.max(0, stack.length - MATCH_DEPTH);
  for (let s = stack.length - 1; s >= floor; s--) if (stack.closers[s] === code) return s;
  return -1;
}

/** Closes the bracket at stack slot `s`: the candidates found inside it are dropped. */
function closeAt(stack: BracketStack, cands: Candidates, s: number): void {
  cands.length = stack.marks[s]!;
  stack.length = s;
}

/**
 * The base splitter: candidates in line order. A bracket stack pairs openers with closers; when a pair
 * closes, the candidates inside it are dropped (a sentence end inside 「…」 or (…) is not one of the
 * paragraph), unless the bracket never closes, so one stray 「 cannot glue a paragraph together.
 */
function findCandidates(line: string, lang: SplitLang, table: Uint8Array, out: Candidates, stack: BracketStack): void {
  const n = line.length;
  out.length = 0;
  stack.length = 0;
  let i = 0;
  while (i < n) {
    const code = line.charCodeAt(i);
    const cls = table[code]!;
    if (cls <= C.Space) {
      i++;
      continue;
    }
    switch (cls) {
      case C.Open:
        pushOpen(stack, CLOSER_OF[code]!, out.length, i);
        i++;
        break;
      case C.Close: {
        if (code === 0x2019 && isApostrophe(line, i)) {
          i++;
          break;
        }
        const s = findOpen(stack, code);
        if (s >= 0) {
          const open = stack.opens[s]!;
          closeAt(stack, out, s);
          if (lang === 'ja' && (code === 0x29 || code === 0xff09)) {
            const end = kaomojiEnd(line, open, i, table);
            if (end > 0) {
              push(out, open, end, CandidateKind.Informal);
              i = end;
              break;
            }
          }
        }
        i++;
        break;
      }
      case C.DoubleQuote: {
        const s = findOpen(stack, 0x22);
        if (s >= 0) closeAt(stack, out, s);
        else if (opensQuote(line, i)) pushOpen(stack, 0x22, out.length, i);
        i++;
        break;
      }
      case C.Backtick: {
        const j = runOf(line, i, 0x60);
        const s = findOpen(stack, 0x60);
        if (s >= 0 && !isSpaceCode(line.charCodeAt(i - 1))) {
          closeAt(stack, out, s);
        } else if (j < n && !isSpaceCode(line.charCodeAt(j)) && (i === 0 || !isWordCode(line.charCodeAt(i - 1)))) {
          pushOpen(stack, 0x60, out.length, i);
        }
        i = j;
        break;
      }
      case C.SingleQuote: {
        // `quoted' closes with a straight quote that is not an apostrophe ("L'Hôpital's").
        const s = isApostrophe(line, i) ? -1 : findOpen(stack, 0x60);
        if (s >= 0) closeAt(stack, out, s);
        i++;
        break;
      }
      case C.Stop:
      case C.Mark:
      case C.Dot:
      case C.Ellipsis: {
        let j = terminatorRunEnd(line, i + 1, table);
        // Closing brackets and quotes after the run belong to the sentence.
        let closedParen = false;
        let parenOpen = -1;
        while (j < n) {
          const d = line.charCodeAt(j);
          const k = table[d]!;
          if (k === C.Close) {
            if (d === 0x2019 && isApostrophe(line, j)) break;
            const s = findOpen(stack, d);
            if (s >= 0) {
              if (CLOSER_KIND[d] === CLOSE_PAREN) {
                closedParen = true;
                parenOpen = stack.opens[s]!;
              }
              closeAt(stack, out, s);
            }
            j++;
          } else if (k === C.DoubleQuote) {
            const s = findOpen(stack, 0x22);
            if (s >= 0) closeAt(stack, out, s);
            else if (j + 1 < n && !isSpaceCode(line.charCodeAt(j + 1))) break; // opens the next sentence
            j++;
          } else if (k === C.SingleQuote) {
            // A closing ', not the apostrophe of a word glued to the stop ("Jr.'s").
            if (isApostrophe(line, j)) break;
            const s = findOpen(stack, 0x60);
            if (s >= 0) closeAt(stack, out, s);
            j++;
          } else if (k === C.Backtick) {
            const e = runOf(line, j, 0x60);
            const s = findOpen(stack, 0x60);
            if (s >= 0) closeAt(stack, out, s);
            else if (e < n && !isSpaceCode(line.charCodeAt(e))) break; // opens the next quotation
            j = e;
          } else if (k === C.Extend) {
            j += d === 0xdb40 && j + 1 < n ? 2 : 1;
          } else {
            break;
          }
        }
        // A sentence end inside a parenthetical stays inside it: "(He worked as an engineer.) at…",
        // unless the parenthetical is a sentence of its own: "…think!" (Dinah was the cat.) "I hope…".
        if (!closedParen || opensSentence(line, parenOpen, i, table)) push(out, i, j, CandidateKind.Terminator);
        i = j;
        break;
      }
      case C.Emoji: {
        const j = informalRunEnd(line, i, table);
        push(out, i, j, CandidateKind.Informal);
        i = j;
        break;
      }
      case C.Informal: {
        const j = laughterEnd(line, i, code, table);
        if (j > i) {
          push(out, i, j, CandidateKind.Informal);
          i = j;
        } else {
          i++;
        }
        break;
      }
      default:
        i++;
    }
  }
}

/** Adds a candidate; one that starts where the previous one ends extends it ("。」！" is one run). */
function push(out: Candidates, at: number, end: number, kind: CandidateKind): void {
  const last = out.length - 1;
  if (last >= 0 && out.end[last] === at) {
    out.end[last] = end;
    return;
  }
  out.at[out.length] = at;
  out.end[out.length] = end;
  out.kind[out.length] = kind;
  out.length++;
}

/** A straight double quote opens a quotation at the line start or after a space or an opener. */
function opensQuote(line: string, i: number): boolean {
  if (i + 1 >= line.length || isSpaceCode(line.charCodeAt(i + 1))) return false;
  if (i === 0) return true;
  const p = line.charCodeAt(i - 1);
  return isSpaceCode(p) || EN_CLASS[p] === C.Open || p === 0x2d || p === 0x2014 || p === 0x3a || isJapaneseCode(p);
}

/** A quote mark between two letters, or after a letter and before one: "it's", "dragon’s", "L'Hôpital". */
function isApostrophe(line: string, i: number): boolean {
  return i + 1 < line.length && isWordCode(line.charCodeAt(i + 1)) && i > 0 && !isSpaceCode(line.charCodeAt(i - 1));
}

function runOf(line: string, i: number, code: number): number {
  let j = i;
  while (j < line.length && line.charCodeAt(j) === code) j++;
  return j;
}

/**
 * Whether the parenthesis opened at `open` holds a sentence of its own (words, then the stop at `stop`)
 * and starts at the line start or after a sentence end.
 */
function opensSentence(line: string, open: number, stop: number, table: Uint8Array): boolean {
  const o = line.charCodeAt(open);
  if ((o !== 0x28 && o !== 0xff08) || stop - open < 3) return false;
  let p = open - 1;
  while (p >= 0 && isSpaceCode(line.charCodeAt(p))) p--;
  if (p < 0) return true;
  if (p === open - 1) return false;
  const k = table[line.charCodeAt(p)]!;
  return k === C.Stop || k === C.Mark || k === C.Dot || k === C.Ellipsis || k === C.Close || k === C.DoubleQuote || k === C.SingleQuote;
}

function isWordCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f);
}

/**
 * End of a run of sentence-final punctuation starting before `from`: more terminators ("？！", "!!",
 * "。。。"), dots, ellipses, combining marks, Japanese middle-dot ellipses ("！！！・・・"), emoji in
 * Japanese ("！😎"), and spaced runs ("! ! !", ". . .").
 */
function terminatorRunEnd(line: string, from: number, table: Uint8Array): number {
  const n = line.length;
  let j = from;
  while (j < n) {
    const d = line.charCodeAt(j);
    const k = table[d]!;
    if (k === C.Stop || k === C.Mark || k === C.Dot || k === C.Ellipsis) {
      j++;
    } else if (k === C.Extend) {
      j += d === 0xdb40 && j + 1 < n ? 2 : 1;
    } else if ((d === 0x30fb || d === 0xff65) && j + 1 < n && line.charCodeAt(j + 1) === d) {
      while (j < n && line.charCodeAt(j) === d) j++;
    } else if (k === C.Emoji) {
      j = informalRunEnd(line, j, table);
    } else if (d === 0x20 && j + 1 < n) {
      // Spaced runs: "! ! !", "? ? ?", ". . ." (only when the dot is not a decimal point or initial).
      const e = line.charCodeAt(j + 1);
      const ke = table[e]!;
      if (ke === C.Mark) {
        j += 2;
      } else if (
        e === 0x2e &&
        (j + 2 >= n ||
          isSpaceCode(line.charCodeAt(j + 2)) ||
          line.charCodeAt(j + 2) === 0x2e ||
          table[line.charCodeAt(j + 2)] === C.Close ||
          table[line.charCodeAt(j + 2)] === C.DoubleQuote ||
          table[line.charCodeAt(j + 2)] === C.SingleQuote)
      ) {
        j += 2;
      } else {
        break;
      }
    } else {
      break;
    }
  }
  return j;
}

/** End of a run of emoji (with their low surrogates, modifiers, joiners) and marks that trail them. */
function informalRunEnd(line: string, from: number, table: Uint8Array): number {
  const n = line.length;
  let j = from;
  while (j < n) {
    const d = line.charCodeAt(j);
    const k = table[d]!;
    if (k === C.Emoji) {
      j += d >= 0xd800 && d <= 0xdbff && j + 1 < n ? 2 : 1;
    } else if (k === C.Extend) {
      j += d === 0xdb40 && j + 1 < n ? 2 : 1;
    } else if (k === C.Mark || k === C.Stop) {
      j++;
    } else if (d === 0xd83c && j + 1 < n) {
      j += 2;
    } else {
      break;
    }
  }
  return j;
}

/**
 * Laughter and face marks after Japanese text: "楽しかったw", "遊ぼwww", "ありがとう＾＾". Returns the end
 * of the run, or `i` when it is not one (w inside a Latin word, a single ^).
 */
function laughterEnd(line: string, i: number, code: number, table: Uint8Array): number {
  if (i === 0) return i;
  const prev = line.charCodeAt(i - 1);
  if (!isJapaneseCode(prev) && prev !== 0x30fc) return i;
  const isW = code === 0x77 || code === 0xff57;
  let j = i;
  while (j < line.length) {
    const d = line.charCodeAt(j);
    if (isW ? d === 0x77 || d === 0xff57 : d === 0x5e || d === 0xff3e) j++;
    else break;
  }
  if (!isW && j - i < 2) return i;
  if (j < line.length) {
    const d = line.charCodeAt(j);
    // "wifi" after kana is a word, not laughter.
    if (!isSpaceCode(d) && !isJapaneseCode(d) && table[d] !== C.Mark && table[d] !== C.Stop && table[d] !== C.Emoji) return i;
  }
  return informalRunEnd(line, j, table);
}

const KAOMOJI_FACE = /[\^＾;；_＿*＊´`ω∀≧≦▽∇ﾟ°･・εдД◕‿╹◡⌒@＠ΦφΘ><＞＜～~≡ε′]/u;
const KAOMOJI_WORD = /^(?:笑|汗|泣|涙|爆|怒|喜|照|苦笑|爆笑|嬉)$/u;
const WORDISH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}0-9０-９]|[A-Za-z]{2}/u;

/**
 * When the parenthesis closing at `close` (opened at `open`) is a kaomoji or a (笑)-style aside, the
 * end of the informal sentence end (with trailing arms, marks and emoji); else 0.
 */
function kaomojiEnd(line: string, open: number, close: number, table: Uint8Array): number {
  const len = close - open - 1;
  if (len < 1 || len > 16) return 0;
  const inner = line.slice(open + 1, close);
  if (!KAOMOJI_WORD.test(inner) && (WORDISH.test(inner) || !KAOMOJI_FACE.test(inner))) return 0;
  let j = close + 1;
  while (j < line.length) {
    const d = line.charCodeAt(j);
    if (
      d === 0xff0f ||
      d === 0x2f ||
      d === 0xff3c ||
      d === 0x30ce ||
      d === 0x309e ||
      d === 0x266a ||
      d === 0x2606 ||
      d === 0x2605 ||
      d === 0x301c ||
      d === 0xff5e
    )
      j++;
    else break;
  }
  return informalRunEnd(line, j, table);
}
