/**
 * The named passes that decide each candidate boundary the base splitter proposes, in order. Each one
 * fixes one thing; the first with an opinion (BREAK or JOIN) wins, and a candidate no pass objects to is
 * a sentence end. A pass may also move the end of the sentence (`b.end`): take a citation along, or cut
 * before an ellipsis that opens the next sentence.
 */
import {
  C,
  EN_CLASS,
  isDigitCode,
  isFullWidthAlnum,
  isHiragana,
  isJapaneseCode,
  isKanji,
  isKatakana,
  isLatinLetterCode,
  isLowerCode,
  isSpaceCode,
  isUpperCode,
} from './chars.js';
import { Abbr, INTRO_PREPOSITIONS, SENTENCE_STARTERS, abbreviationKind, isRomanNumeral, isUnit } from './latin.js';
import { parseMarker } from './lists.js';

export const BREAK = 1;
export const JOIN = 2;
export type Verdict = 0 | typeof BREAK | typeof JOIN;

export const enum CandidateKind {
  /** A run of sentence-final punctuation (。！？.!?…) with its closing quotes. */
  Terminator = 0,
  /** An informal Japanese sentence end: emoji, kaomoji, (笑), w, ＾＾. */
  Informal = 1,
}

/** The candidate under decision. Passes read it and may move `end` (then they also update `next`). */
export interface Boundary {
  line: string;
  readonly lang: 'ja' | 'en';
  /** Start of the current sentence. */
  start: number;
  /** First character of the terminator run. */
  at: number;
  /** Where the sentence ends if this is a boundary (after the run and its closing quotes). */
  end: number;
  /** First non-space character at or after `end` (the line length when nothing follows). */
  next: number;
  kind: CandidateKind;
}

/** What opens a candidate's run. Each pass says which runs it looks at; the others never reach it. */
export const enum Trigger {
  /** 。｡ ． */
  FullStop = 1,
  /** ！？!?‼⁇⁈⁉ */
  Mark = 2,
  /** . (ASCII) */
  Dot = 4,
  /** … ‥ */
  Ellipsis = 8,
  /** Emoji, kaomoji, (笑), w, ＾＾ */
  Informal = 16,
}
const TERMINATORS = Trigger.FullStop | Trigger.Mark | Trigger.Dot | Trigger.Ellipsis;
const ANY = TERMINATORS | Trigger.Informal;

/** The trigger of a candidate (one bit of Trigger). */
export function triggerOf(line: string, at: number, kind: CandidateKind): Trigger {
  if (kind === CandidateKind.Informal) return Trigger.Informal;
  const c = line.charCodeAt(at);
  if (c === 0x2e) return Trigger.Dot;
  if (c === 0x2026 || c === 0x2025) return Trigger.Ellipsis;
  return EN_CLASS[c] === C.Mark ? Trigger.Mark : Trigger.FullStop;
}

export interface Pass {
  readonly name: string;
  /** What it fixes, with an example (shown in the README table of passes). */
  readonly description: string;
  /** The runs it looks at (Trigger bits). */
  readonly triggers: number;
  decide(b: Boundary): Verdict;
}

// ---------------------------------------------------------------------------------------------------
// Small helpers over the line

function codeAt(b: Boundary, i: number): number {
  return i < b.line.length && i >= 0 ? b.line.charCodeAt(i) : -1;
}

function setEnd(b: Boundary, end: number): void {
  b.end = end;
  let i = end;
  while (i < b.line.length && isSpaceCode(b.line.charCodeAt(i))) i++;
  b.next = i;
}

/** The terminator at `at` is an ASCII full stop (not 。 or ．). */
function isAsciiDot(b: Boundary): boolean {
  return b.line.charCodeAt(b.at) === 0x2e;
}

/** The run is made of ASCII punctuation: English rules apply (lower-case continuation etc.). */
function isLatinRun(b: Boundary): boolean {
  const c = b.line.charCodeAt(b.at);
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}

/** Whether the run (or the closing quote after it) is Japanese punctuation, or the text is Japanese. */
function japaneseContext(b: Boundary): boolean {
  if (b.lang === 'ja') return true;
  const c = b.line.charCodeAt(b.at);
  if (c >= 0x3000) return true;
  const last = b.line.charCodeAt(b.end - 1);
  return last >= 0x3000;
}

/**
 * The run seen as an ellipsis: how many dots (… and ‥ count three, ・ one), whether it is spaced
 * (". . ."), and whether it also holds a real stop or mark (。！？).
 */
function ellipsisShape(b: Boundary): { dots: number; spaced: boolean; marks: boolean } {
  let dots = 0;
  let spaced = false;
  let marks = false;
  for (let i = b.at; i < b.end; i++) {
    const c = b.line.charCodeAt(i);
    if (c === 0x2e || c === 0xff0e || c === 0x30fb || c === 0xff65) dots++;
    else if (c === 0x2026 || c === 0x2025) dots += 3;
    else if (c === 0x20) spaced = true;
    else if (EN_CLASS[c] === C.Mark || EN_CLASS[c] === C.Stop) marks = true;
  }
  return { dots, spaced, marks };
}

/** Start of the Latin word (letters, digits, inner dots, °) that ends right before `end`. */
function wordStart(line: string, from: number, end: number): number {
  let i = end;
  while (i > from) {
    const c = line.charCodeAt(i - 1);
    if (isLatinLetterCode(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0xb0 || c === 0x26) i--;
    else break;
  }
  // A word does not start with a dot (". . . word" or "(.") or "&".
  while (i < end && (line.charCodeAt(i) === 0x2e || line.charCodeAt(i) === 0x26)) i++;
  return i;
}

/** The word starting at `i`: letters and apostrophes ("It's"). */
function wordAt(line: string, i: number): string {
  let j = i;
  while (j < line.length) {
    const c = line.charCodeAt(j);
    if (isLatinLetterCode(c) || c === 0x27 || c === 0x2019) j++;
    else break;
  }
  return line.slice(i, j).replace(/’/g, "'");
}

/** Skips spaces and dashes ("voila! -- you", "see? - Posted") to the next word. */
function nextWordIndex(b: Boundary): number {
  let i = b.next;
  const n = b.line.length;
  while (i < n) {
    const c = b.line.charCodeAt(i);
    if (isSpaceCode(c) || c === 0x2d || c === 0x2013 || c === 0x2014) i++;
    else break;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------------
// The passes

/** A run that opens the sentence is not its end: "...and so", "! ! !", ". . . The practice". */
export const emptySentence: Pass = {
  name: 'empty-sentence',
  description: 'punctuation that opens a sentence cannot end it (". . . The", "！！" alone)',
  triggers: ANY,
  decide: (b) => (b.at <= b.start ? JOIN : 0),
};

/** Nothing follows the run: the line end closes the sentence anyway. */
export const lineEnd: Pass = {
  name: 'line-end',
  description: 'a run at the end of the line needs no boundary of its own',
  triggers: ANY,
  decide: (b) => (b.next >= b.line.length ? JOIN : 0),
};

const CREDIT_MAX = 200;

/** Nothing but a credit after the stop: it belongs to the caption before it. */
export const credit: Pass = {
  name: 'credit',
  description: 'a bracketed credit closing the line stays with its caption ("…参加した。[キム・ウォンジン/AFP通信]")',
  triggers: ANY,
  decide(b) {
    const line = b.line;
    const n = line.length;
    const open = line.charCodeAt(b.next);
    const close = open === 0x5b ? 0x5d : open === 0xff3b ? 0xff3d : open === 0x3010 ? 0x3011 : 0;
    if (close === 0) return 0;
    // A credit is short: look for its closing bracket nearby only (keeps the pass linear).
    let end = -1;
    for (let i = b.next + 1; i < n && i < b.next + CREDIT_MAX; i++) {
      if (line.charCodeAt(i) === close) {
        end = i;
        break;
      }
    }
    if (end < 0) return 0;
    for (let i = end + 1; i < n; i++) if (!isSpaceCode(line.charCodeAt(i))) return 0;
    // A numeric reference ("[1]") is a citation, handled next; a credit has words in it.
    return /^\[[\d\s,–-]+\]$/.test(line.slice(b.next, end + 1)) ? 0 : JOIN;
  },
};

const CITATION = /^\s?(?:\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\])+/;

/** Reference marks after the stop stay with the sentence: "…martyr.[1] The emperor…", "gas. [1][2] It". */
export const citation: Pass = {
  name: 'citation',
  description: 'reference marks after the stop stay with the sentence ("…gas. [1][2] It is…")',
  triggers: TERMINATORS,
  decide(b) {
    if (b.next >= b.line.length || b.line.charCodeAt(b.next) !== 0x5b) return 0;
    let end = b.end;
    for (;;) {
      const m = CITATION.exec(b.line.slice(end, end + 64));
      if (m === null) break;
      end += m[0].length;
    }
    if (end === b.end) return 0;
    setEnd(b, end);
    return b.next >= b.line.length ? JOIN : 0;
  },
};

/** A quote token standing alone between spaces ('' ' " `` `), as in tokenised text. */
function freeQuoteEnd(line: string, i: number): number {
  const c = line.charCodeAt(i);
  if (c !== 0x27 && c !== 0x22 && c !== 0x60) return -1;
  let j = i + 1;
  while (j < line.length && j - i < 2 && line.charCodeAt(j) === c) j++;
  return j >= line.length || isSpaceCode(line.charCodeAt(j)) ? j : -1;
}

/** How far back to count quote tokens (keeps the pass linear on pathological lines). */
const QUOTE_LOOKBACK = 300;

/**
 * Tokenised text ("…to do ? '' Graham was…"): a quote standing alone after the stop closes the
 * quotation the sentence is in, so it stays with it, unless an even, non-zero number of such quotes
 * came before it on the line (then it opens the next quotation: "…, '' she wrote . '' Why did…").
 */
export const freeQuote: Pass = {
  name: 'free-quote',
  description: "a quote standing alone after the stop closes the sentence's quotation in tokenised text (\"to do ? '' Graham\")",
  triggers: Trigger.Dot | Trigger.Mark | Trigger.Ellipsis,
  decide(b) {
    const line = b.line;
    if (b.next === b.end) return 0;
    const q = freeQuoteEnd(line, b.next);
    if (q < 0) return 0;
    // The run already closed its quotation ("next?' ' I was…"): this one opens the next.
    const last = line.charCodeAt(b.end - 1);
    if (last === 0x27 || last === 0x22 || last === 0x60 || last === 0x2019 || last === 0x201d) return 0;
    const token = line.slice(b.next, q);
    let count = 0;
    for (let i = Math.max(0, b.at - QUOTE_LOOKBACK); i < b.at; i++) {
      if ((i === 0 || isSpaceCode(line.charCodeAt(i - 1))) && line.startsWith(token, i) && freeQuoteEnd(line, i) === i + token.length) count++;
    }
    if (count > 0 && count % 2 === 0) return 0;
    setEnd(b, q);
    return b.next >= line.length ? JOIN : 0;
  },
};

/** "３．５", "3.14", "1026.253.553": a dot between digits is a decimal point or a separator. */
export const decimal: Pass = {
  name: 'decimal',
  description: 'a dot between digits is not a full stop ("３．２９％", "$100.00", "11.18.2014")',
  triggers: Trigger.FullStop | Trigger.Dot,
  decide(b) {
    const c = b.line.charCodeAt(b.at);
    if (c !== 0x2e && c !== 0xff0e) return 0;
    return b.end === b.at + 1 && isDigitCode(codeAt(b, b.at - 1)) && isDigitCode(codeAt(b, b.at + 1)) ? JOIN : 0;
  },
};

/** A comma, colon, closing punctuation or another mark right after the run continues the sentence. */
export const continuation: Pass = {
  name: 'continuation',
  description: 'punctuation that cannot open a sentence continues it ("p.m., the", "Alone!, he", "Fig. ??", "」、", "「…？」――。")',
  triggers: ANY,
  decide(b) {
    const c = codeAt(b, b.next);
    if (c === 0x2c || c === 0x3001 || c === 0xff0c || c === 0x3b || c === 0xff1b || c === 0x3a || c === 0xff1a) return JOIN;
    const k = EN_CLASS[c];
    if (k === C.Mark || k === C.Stop || k === C.Dot || k === C.Close) return JOIN;
    if (c === 0x2015 || c === 0x2014 || c === 0x2500) {
      // A dash that trails off into the stop: 「本当に大丈夫なのか？」――。
      let i = b.next;
      while (i < b.line.length && (b.line.charCodeAt(i) === c || isSpaceCode(b.line.charCodeAt(i)))) i++;
      const after = EN_CLASS[codeAt(b, i)];
      if (after === C.Stop || after === C.Mark || codeAt(b, i) === -1) return JOIN;
    }
    return 0;
  },
};

/**
 * An ASCII full stop glued to what follows is part of a token: "example.com", "Jr.'s", "No.1",
 * "Node.js", "A.M". Exception: two words glued by a missing space, "world.Today is" (English).
 */
export const gluedDot: Pass = {
  name: 'glued-dot',
  description:
    'a dot glued to the next character is part of a token ("example.com", "No.1", "Node.jsなら", "Y!J", "!Kung"), unless a missing space glues two sentences ("world.Today is")',
  triggers: Trigger.Dot | Trigger.Mark,
  decide(b) {
    if (b.end >= b.line.length || b.next !== b.end) return 0;
    const line = b.line;
    const c = line.charCodeAt(b.end);
    const t = line.charCodeAt(b.at);
    if (t === 0x21 || t === 0x3f) {
      // "Y!J", "He speaks !Xũ": an exclamation or question mark glued to a Latin word is part of it.
      return b.lang === 'en' && (isLatinLetterCode(c) || isDigitCode(c)) && b.end === b.at + 1 ? JOIN : 0;
    }
    if (t !== 0x2e) return 0;
    if (isJapaneseCode(c)) return 0; // "それは.何ですか", "Dr.山田": decided by later passes
    if (EN_CLASS[c] === C.Open || EN_CLASS[c] === C.DoubleQuote) return 0;
    if (b.lang === 'en' && b.end === b.at + 1 && isUpperCode(c)) {
      // "world.Today is", "1,000.That is": a lower-case word or a number, then a capitalised word.
      const w = wordStart(line, b.start, b.at);
      const prev = line.slice(w, b.at);
      const next = wordAt(line, b.end);
      const after = codeAt(b, b.end + next.length);
      const glued =
        /^(?:[A-Z]?[a-z]{2,}|[\d,]*\d)$/.test(prev) &&
        abbreviationKind(prev.toLowerCase()) === Abbr.None &&
        /^[A-Z][a-z']+$/.test(next) &&
        (after === -1 ||
          isSpaceCode(after) ||
          after === 0x2c ||
          after === 0x21 ||
          after === 0x3f ||
          (after === 0x2e && (codeAt(b, b.end + next.length + 1) === -1 || isSpaceCode(codeAt(b, b.end + next.length + 1)))));
      if (glued) return BREAK;
    }
    return JOIN;
  },
};

/**
 * Ellipses: "…that.... She left" ends, "…what I mean...see" and "…thing is . . . I didn’t" do not; a
 * full stop followed by a spaced ellipsis that opens the next sentence ("compounds. . . . The") ends
 * after the full stop. In Japanese an ellipsis alone (…, ‥, ・・・, ...) does not end a sentence.
 */
export const ellipsis: Pass = {
  name: 'ellipsis',
  description: 'ellipses ("that.... She" ends; "is . . . I didn’t" and "それは…違う" do not)',
  triggers: TERMINATORS,
  decide(b) {
    if (b.kind !== CandidateKind.Terminator) return 0;
    const first = b.line.charCodeAt(b.at);
    if (b.end === b.at + 1 && first !== 0x2026 && first !== 0x2025) return 0;
    const shape = ellipsisShape(b);
    if (shape.dots < 2) return 0;
    const line = b.line;
    if (japaneseContext(b) && !isLatinLetterCode(codeAt(b, b.at - 1))) {
      // Only an ellipsis, no 。！？: the sentence goes on.
      return shape.marks ? 0 : JOIN;
    }
    const w = nextWordIndex(b);
    const c = codeAt(b, w);
    if (c === -1) return JOIN;
    if (isLowerCode(c)) return JOIN;
    const word = wordAt(line, w);
    // "…the thing is . . . I didn’t mean it": a trailing-off "I" goes on.
    if (word === 'I' || word.startsWith("I'")) return JOIN;
    if (
      shape.spaced &&
      shape.dots === 4 &&
      line.charCodeAt(b.at) === 0x2e &&
      b.at > 0 &&
      !isSpaceCode(line.charCodeAt(b.at - 1)) &&
      line.charCodeAt(b.at + 1) === 0x20
    ) {
      // "compounds. . . . The practice": the full stop ends, the ellipsis opens the next sentence.
      setEnd(b, b.at + 1);
      return BREAK;
    }
    return 0;
  },
};

/** "1.) The first item", "a. The first", "• 9. The first", "1.）これは": a list marker is not a sentence. */
export const listMarker: Pass = {
  name: 'list-marker',
  description: 'the dot of a list marker opening the sentence is not a full stop ("1. The first item", "1.）これは…")',
  triggers: Trigger.FullStop | Trigger.Dot,
  decide(b) {
    const c = b.line.charCodeAt(b.at);
    if (c !== 0x2e && c !== 0xff0e) return 0;
    const line = b.line;
    let i = b.start;
    const first = line.charCodeAt(i);
    if (first === 0x2022 || first === 0x2043 || first === 0x2023 || first === 0x25e6 || first === 0x25aa || first === 0x25cf) {
      i++;
      while (i < b.at && isSpaceCode(line.charCodeAt(i))) i++;
    }
    const token = line.slice(i, b.at);
    if (!/^(?:\d{1,3}|[０-９]{1,3}|[A-Za-zＡ-Ｚａ-ｚ]|[ivxIVX]{1,5})$/.test(token)) return 0;
    if (token.length > 1 && !/^\d+$|^[０-９]+$/.test(token) && !isRomanNumeral(token)) return 0;
    // The marker is followed by a space or a closing bracket: "1. The", "1.) The", "1.）これ".
    const after = codeAt(b, b.at + 1);
    if (after === -1) return 0;
    // Japanese markers run on into the text: "１．概要", "Ｑ．今後は？".
    if (c === 0xff0e && japaneseContext(b)) return JOIN;
    if (parseMarker(line, i) !== undefined || after === 0xff09 || after === 0x29 || isSpaceCode(after)) return JOIN;
    return 0;
  },
};

/** Sentence-initial words starting with と (so と after 。 is not always a quotative particle). */
const TO_WORDS = [
  'ところ',
  'とにかく',
  'とはいえ',
  'とは言え',
  'とはいっても',
  'とりあえず',
  'とても',
  'ともかく',
  'ともあれ',
  'とりわけ',
  'とくに',
  'とうとう',
  'ときに',
  'ときどき',
  'ときには',
  'とっくに',
  'とたん',
  'ともに',
  'と同時に',
  'とある',
  'とっさに',
  'ともすれば',
  'とすれば',
  'とすると',
  'となると',
  'となれば',
  'としたら',
  'とはいうものの',
  'とまれ',
  'とも言える',
];

/** Particles and the copula that follow a quotation used as a noun. */
const AFTER_QUOTE = ['が', 'は', 'で', 'も', 'や', 'より', 'から', 'まで', 'だ', 'です', 'である', 'でした', 'という', 'とか'];
/** Sentence openers that start like one of them. */
const OPENERS_AFTER_QUOTE = [
  'が、',
  'はい',
  'はじめ',
  'では',
  'でも',
  'で、',
  'もし',
  'もう',
  'もちろん',
  'もっと',
  'もっとも',
  'やはり',
  'やがて',
  'やっと',
  'やっぱり',
  'からだ',
  'だが',
  'だから',
  'だって',
  'だけど',
  'だけれど',
  'だとすれば',
  'だとしても',
  'ですが',
  'ですから',
];

/** Kana that never begin a sentence: small kana, the long-vowel mark, ん, を, and の. */
function neverStartsSentence(c: number): boolean {
  switch (c) {
    case 0x3041:
    case 0x3043:
    case 0x3045:
    case 0x3047:
    case 0x3049:
    case 0x3063:
    case 0x3083:
    case 0x3085:
    case 0x3087:
    case 0x308e:
    case 0x3095:
    case 0x3096:
    case 0x30a1:
    case 0x30a3:
    case 0x30a5:
    case 0x30a7:
    case 0x30a9:
    case 0x30c3:
    case 0x30e3:
    case 0x30e5:
    case 0x30e7:
    case 0x30ee:
    case 0x30f5:
    case 0x30f6:
    case 0x30fc:
    case 0xff70:
    case 0x3093:
    case 0x3092:
    case 0x306e:
    case 0x309d:
    case 0x309e:
    case 0x30fd:
    case 0x30fe:
      return true;
    default:
      return false;
  }
}

/**
 * Japanese continuations: 「…。」と述べた, 「…？」と聞いた, …かな？って, だな。と、思った (quotative と/って),
 * 「…」の, …？に属して (particles), モー娘。のコンサート (の, を, small kana never open a sentence).
 */
export const quotative: Pass = {
  name: 'quotative',
  description: 'a quotative particle or a particle after the stop continues the sentence (「…。」と述べた, 「…」と、…語った, …かな？って)',
  triggers: ANY,
  decide(b) {
    if (!japaneseContext(b)) return 0;
    const line = b.line;
    const c = codeAt(b, b.next);
    if (c === -1) return 0;
    if (neverStartsSentence(c)) return JOIN;
    if (c === 0x3068 /* と */) {
      for (const w of TO_WORDS) if (line.startsWith(w, b.next)) return 0;
      return JOIN;
    }
    // After ？！ or a closing quote a few more particles only continue: …？に属して, 「…！」が口癖.
    const last = line.charCodeAt(b.end - 1);
    const afterMarkOrQuote = EN_CLASS[last] === C.Mark || EN_CLASS[last] === C.Close || last === 0x22;
    if (afterMarkOrQuote || b.kind === CandidateKind.Informal) {
      if (c === 0x306b /* に */ || c === 0x3078 /* へ */) return JOIN;
      if (c === 0x304c /* が */ && codeAt(b, b.next + 1) !== 0x3001) return JOIN;
      if (line.startsWith('など', b.next)) return JOIN;
      if (b.kind === CandidateKind.Informal && (c === 0x306f /* は */ || c === 0x3067) /* で */) return JOIN;
    }
    // After a closing 」』 a particle or the copula goes on with the quotation as a noun:
    // 『吾輩は猫である。』だ, 「…。」は, 「…。」という — unless it opens a sentence (だが, でも, もし…).
    if (last === 0x300d || last === 0x300f) {
      for (const w of AFTER_QUOTE) {
        if (line.startsWith(w, b.next)) {
          for (const x of OPENERS_AFTER_QUOTE) if (line.startsWith(x, b.next)) return 0;
          return JOIN;
        }
      }
    }
    return 0;
  },
};

/** Informal Japanese sentence ends break only before the next sentence's text. */
export const informalEnd: Pass = {
  name: 'informal-end',
  description: 'an emoji, kaomoji, (笑), w or ＾＾ ends a Japanese sentence when text follows ("予約しました😄まだ…")',
  triggers: Trigger.Informal,
  decide(b) {
    if (b.kind !== CandidateKind.Informal) return 0;
    const c = codeAt(b, b.next);
    const opensText =
      isHiragana(c) ||
      isKatakana(c) ||
      isKanji(c) ||
      isLatinLetterCode(c) ||
      isFullWidthAlnum(c) ||
      (c >= 0xd840 && c <= 0xd87f) ||
      c === 0x300c ||
      c === 0x300e ||
      c === 0xff08;
    if (opensText) return BREAK;
    // After a face or a pictograph a number opens the next sentence; after ☆ it is a rating ("☆5").
    const last = b.line.charCodeAt(b.end - 1);
    const faceOrPictograph = last === 0x29 || last === 0xff09 || (last >= 0xdc00 && last <= 0xdfff) || last === 0xfe0f;
    return faceOrPictograph && isDigitCode(c) ? BREAK : JOIN;
  },
};

/** How far back an introductory phrase may begin ("At 5 a.m." is short); keeps the pass linear. */
const INTRO_MAX = 200;

/**
 * Clause start: after the sentence start or the last colon or semicolon before `end`; -1 when it is
 * further back than an introductory phrase can be.
 */
function clauseStart(line: string, start: number, end: number): number {
  const floor = Math.max(start, end - INTRO_MAX);
  for (let i = end - 1; i > floor; i--) {
    const c = line.charCodeAt(i);
    if ((c === 0x3a || c === 0x3b) && isSpaceCode(line.charCodeAt(i + 1))) return i + 1;
  }
  return floor === start ? start : -1;
}

/** The word before `w` (skipping spaces) is a number or a unit ("5 lb.", "12 sq. ft."). */
function afterNumber(line: string, start: number, w: number): boolean {
  let i = w;
  while (i > start && isSpaceCode(line.charCodeAt(i - 1))) i--;
  if (i === w) {
    // "6a.m": the number is glued to the word.
    return false;
  }
  const ws = wordStart(line, start, i);
  const prev = line.slice(ws, i).toLowerCase();
  if (/^[\d.,/]*\d$/.test(prev)) return true;
  return prev.endsWith('.')
    ? isUnit(prev.slice(0, -1)) && afterNumber(line, start, ws)
    : /^(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few|many)$/.test(prev);
}

const DOTTED = /^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u;

/** Abbreviations in the BEFORE_NUMBER list that are also plain English words. */
const ORDINARY_WORDS = new Set(['no', 'art', 'ex', 'tab', 'ref', 'ser', 'ver', 'ed', 'pt', 'ch', 'sec']);

/** Weekdays and months (with their abbreviations) that follow a time: "6 p.m. Friday". */
const DATE_WORDS = new Set([
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'Mon',
  'Tue',
  'Tues',
  'Wed',
  'Thu',
  'Thur',
  'Thurs',
  'Fri',
  'Sat',
  'Sun',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
]);

function isStreet(lower: string): boolean {
  return lower === 'st' || lower === 'ave' || lower === 'rd' || lower === 'blvd' || lower === 'hwy';
}

/** "Main St.", "5th St.": the word before names a street, so "St." is Street, not Saint. */
function namesStreet(line: string, start: number, ws: number): boolean {
  let e = ws;
  while (e > start && isSpaceCode(line.charCodeAt(e - 1))) e--;
  if (e === ws) return false;
  const prev = line.slice(wordStart(line, start, e), e);
  return /^[A-Z][a-z]+$|^\d+(?:st|nd|rd|th)$/.test(prev) && !SENTENCE_STARTERS.has(prev);
}

/**
 * Abbreviations before the stop: titles (Mr., Dr., Gen., Sen., Mt.) never end a sentence; "No. 5",
 * "p. 55", "Jan. 5" join before a number; "Co.", "Inc.", "etc.", "U.S." end one only before a typical
 * sentence opener ("in the U.S. How about you?" vs "U.S. Government"); units after a number ("5 lb. Tom")
 * and degrees ("Ph.D. Tom") end one before any capital; times and eras ("6 p.m. Mr. Smith", "753 B.C.
 * Augustus") end one unless the clause opened with a preposition ("At 5 a.m. Mr. Smith went…"). In
 * Japanese text a Latin abbreviation before Japanese continues the sentence ("Dr.山田", "U.S.の").
 */
export const abbreviation: Pass = {
  name: 'abbreviation',
  description: 'abbreviations (Mr., Dr., Gen., Sept., No. 5, U.S., e.g., a.m., Co., Ph.D., 5 lb.) end a sentence only where an English reader would say so',
  triggers: Trigger.Dot,
  decide(b) {
    if (!isAsciiDot(b)) return 0;
    const line = b.line;
    let wordEnd = b.at;
    let ws = wordStart(line, b.start, wordEnd);
    if (ws === wordEnd && wordEnd - 1 > b.start && line.charCodeAt(wordEnd - 1) === 0x20) {
      // Tokenised text: "Mr . Robinson", "U.S . Highway".
      wordEnd--;
      ws = wordStart(line, b.start, wordEnd);
    }
    if (ws === wordEnd) return 0;
    let word = line.slice(ws, wordEnd);
    const m = /^\d+([a-z].*)$/i.exec(word); // "6a.m", "7a.m"
    if (m !== null && /^[ap]\.m$/i.test(m[1]!)) word = m[1]!;
    const lower = word.toLowerCase();
    const c = codeAt(b, b.next);
    if (c === -1) return 0;
    const upper = isUpperCode(c);
    const digit = isDigitCode(c);
    const nextWord = upper ? wordAt(line, b.next) : '';
    const starter = upper && SENTENCE_STARTERS.has(nextWord);
    const japanese = isJapaneseCode(c);

    if (isUnit(lower) && afterNumber(line, b.start, ws)) return upper ? BREAK : JOIN;
    let kind = abbreviationKind(lower);
    if (kind === Abbr.None && lower === 'm' && /[ap]\.\s$/i.test(line.slice(Math.max(b.start, ws - 3), ws))) kind = Abbr.TimeOrEra; // "5 a. m."
    if (kind === Abbr.None && DOTTED.test(word)) kind = Abbr.MayEnd;
    if (isStreet(lower) && (lower !== 'st' || namesStreet(line, b.start, ws))) kind = Abbr.MayEnd; // "Main St. The…" vs "St. Louis"
    switch (kind) {
      case Abbr.None:
        return 0;
      case Abbr.NeverFinal:
        return JOIN;
      case Abbr.BeforeNumber:
        if (digit || (upper && isRomanNumeral(nextWord))) return JOIN;
        // "He said no. Trump…": a plain word unless a number follows.
        if (ORDINARY_WORDS.has(lower)) return 0;
        return starter ? BREAK : upper || japanese || digit ? JOIN : 0;
      case Abbr.MayEnd:
        return starter ? BREAK : upper || digit || japanese || c === 0x28 ? JOIN : 0;
      case Abbr.Degree:
        return upper ? BREAK : japanese ? JOIN : 0;
      case Abbr.TimeOrEra: {
        if (japanese) return JOIN;
        if (!upper && !digit) return 0;
        if (starter) return BREAK;
        // "9 a.m. ET on Monday", "6 p.m. Friday", "5 p.m. Jan. 5": a time zone or a date goes on.
        if (/^[A-Z]{2,4}$/.test(nextWord) || DATE_WORDS.has(nextWord)) return JOIN;
        // "A.D. 79 saw…": an era opening the sentence; "At 5 a.m. Mr. Smith went…": an introductory phrase.
        if (ws === b.start) return JOIN;
        const cs = clauseStart(line, b.start, ws);
        if (cs < 0) return BREAK;
        let f = cs;
        while (f < ws && !isLatinLetterCode(line.charCodeAt(f))) f++;
        const firstWord = wordAt(line, f).toLowerCase();
        return INTRO_PREPOSITIONS.has(firstWord) ? JOIN : BREAK;
      }
    }
    return 0;
  },
};

/** Names that end in an exclamation mark. */
const EXCLAMATION_NAMES = new Set(['Yahoo', 'Jeopardy', 'Wham', 'Oklahoma', 'Joomla', 'Panic', 'Oprah']);

/** "Yahoo! Research", "Jeopardy! champion": a name's exclamation mark does not end the sentence. */
export const exclamationName: Pass = {
  name: 'exclamation-name',
  description: 'a name spelt with "!" does not end the sentence ("at Yahoo! Research")',
  triggers: Trigger.Mark,
  decide(b) {
    if (b.line.charCodeAt(b.at) !== 0x21 || b.end !== b.at + 1) return 0;
    const ws = wordStart(b.line, b.start, b.at);
    if (!EXCLAMATION_NAMES.has(b.line.slice(ws, b.at))) return 0;
    const c = codeAt(b, b.next);
    return isUpperCode(c) && !SENTENCE_STARTERS.has(wordAt(b.line, b.next)) ? JOIN : 0;
  },
};

/** "Jonas E. Smith", "J. R. R. Tolkien", "Q. What…": an initial; "…you and I. Did you…": the pronoun. */
export const initial: Pass = {
  name: 'initial',
  description: 'a single capital before the dot is an initial ("Jonas E. Smith", "Albert I. Jones"), except the pronoun ("you and I. Did")',
  triggers: Trigger.Dot,
  decide(b) {
    if (!isAsciiDot(b) || b.at < 1) return 0;
    const line = b.line;
    const letter = line.charCodeAt(b.at - 1);
    if (!isUpperCode(letter)) return 0;
    if (b.at - 1 > b.start) {
      const p = line.charCodeAt(b.at - 2);
      if (!isSpaceCode(p) && p !== 0x2e && p !== 0x2d && p !== 0x28) return 0;
    }
    const c = codeAt(b, b.next);
    if (!isUpperCode(c) && !isJapaneseCode(c)) return 0;
    if (letter === 0x49 /* I */ && b.at - 1 > b.start) {
      // The pronoun after a lower-case word ends the sentence; after a first name it is an initial.
      let e = b.at - 1;
      while (e > b.start && isSpaceCode(line.charCodeAt(e - 1))) e--;
      const ws = wordStart(line, b.start, e);
      const prev = line.slice(ws, e);
      if (/^[a-z]+$/.test(prev)) return BREAK;
    }
    return JOIN;
  },
};

/**
 * A lower-case word after an ASCII stop continues the sentence: "Yahoo! in", "co. at", "'This is
 * great.' she said", "voila! -- you". Camel-case brand names open a sentence ("…last year. iPhone sales").
 */
export const lowercaseContinues: Pass = {
  name: 'lowercase',
  description: 'a lower-case word after an ASCII stop continues the sentence ("Yahoo! in the…", "\'This is great.\' she said")',
  triggers: TERMINATORS,
  decide(b) {
    if (!isLatinRun(b) && b.lang !== 'en') return 0;
    let i = nextWordIndex(b);
    while (i < b.line.length && (b.line.charCodeAt(i) === 0x27 || b.line.charCodeAt(i) === 0x60 || b.line.charCodeAt(i) === 0x22)) i++;
    const c = codeAt(b, i);
    if (!isLowerCode(c)) return 0;
    // "…Smith. a. here it is", "…world. ii) Hello": a list item opens a sentence (the first item of a
    // list, or the item after the one that opened this sentence), while "5 a. m. we" goes on.
    const m = parseMarker(b.line, b.next);
    if (m !== undefined && m.bullet === 0) {
      const prev = parseMarker(b.line, b.start);
      const first = (m.kind === 2 && m.value === 0x61) || (m.kind === 3 && m.value === 1);
      const follows = prev !== undefined && prev.kind === m.kind && prev.suffix === m.suffix && prev.value + 1 === m.value;
      if (first || follows) return 0;
    }
    return isUpperCode(codeAt(b, i + 1)) ? 0 : JOIN;
  },
};

/** The passes in the order they run. */
export const DEFAULT_PASSES: readonly Pass[] = [
  emptySentence,
  lineEnd,
  freeQuote,
  credit,
  citation,
  decimal,
  continuation,
  gluedDot,
  ellipsis,
  listMarker,
  quotative,
  informalEnd,
  abbreviation,
  exclamationName,
  initial,
  lowercaseContinues,
];
