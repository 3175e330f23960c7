import fastDiff from 'fast-diff';
import type { CharDiff } from '../model.js';

/**
 * Character-level comparison of two segment texts: the diff a reviewer sees, the similarity derived
 * from it, and the classification of an edit (whitespace, punctuation, minor, major).
 *
 * fast-diff has no time budget, so the quadratic part is bounded here: common prefix and suffix are
 * measured first (cheap, and most edits are local), and when what remains is larger than `maxCells`
 * (product of the two lengths) the middle is reported as one replacement instead.
 */

/** Thresholds of the revision diff, documented in README "Revision diff". */
export const DIFF_THRESHOLDS = {
  /** An edited pair at or above this similarity is `minor`, below it `major`. */
  minor: 0.75,
  /** Lowest similarity at which an old and a new segment in the same place are paired (`major`). */
  pairInPlace: 0.35,
  /** Lowest similarity at which an old and a new segment in different places are paired. */
  pairMoved: 0.55,
  /**
   * Lowest similarity of an old segment to the joined new segments for `split` (and reverse for
   * `merged`). Splitting or merging sentences changes few words; a heavier rewrite is reported as
   * major plus added (or removed), which sends it to review just the same.
   */
  split: 0.7,
  /** Each part of a split or merge must have at least this share of its characters kept from the other side. */
  part: 0.5,
} as const;

/** Largest product of the two (prefix/suffix-stripped) lengths fast-diff is run on. */
export const DEFAULT_MAX_CELLS = 4_000_000;

export interface CharDiffOptions {
  /** Largest product of the middle lengths diffed character by character; above it, one replacement. */
  readonly maxCells?: number;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Never cut a surrogate pair in two.
  if (i > 0 && i < n && isHighSurrogate(a.charCodeAt(i - 1))) i--;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  const n = Math.min(a.length, b.length) - limit;
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  if (i > 0 && i < n && isLowSurrogate(a.charCodeAt(a.length - i))) i--;
  return i;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Character diff of `a` against `b`: fast-diff over tokens (see TOKEN), then coincidental
 * one-character equalities inside a rewritten phrase are folded into the edit (see dropCoincidences).
 * Joining the `0` and `-1` parts gives `a`; joining the `0` and `1` parts gives `b`.
 */
export function charDiff(a: string, b: string, options: CharDiffOptions = {}): CharDiff[] {
  if (a === b) return a === '' ? [] : [[0, a]];
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  const pre = commonPrefix(a, b);
  const suf = commonSuffix(a, b, pre);
  const midA = a.length - pre - suf;
  const midB = b.length - pre - suf;
  if (midA * midB <= maxCells) return tokenDiff(a, b);
  return replacement(a, b, pre, suf);
}

/**
 * The character diff to show for two texts: the one a SegmentChange already carries when it rebuilds
 * exactly these texts, else a fresh one (split/merged segments may be joined differently for display).
 */
export function displayDiff(existing: readonly CharDiff[] | undefined, a: string, b: string): readonly CharDiff[] {
  return existing !== undefined && rebuilds(existing, a, b) ? existing : charDiff(a, b);
}

function rebuilds(diff: readonly CharDiff[], a: string, b: string): boolean {
  let x = '';
  let y = '';
  for (const [op, t] of diff) {
    if (op !== 1) x += t;
    if (op !== -1) y += t;
  }
  return x === a && y === b;
}

/**
 * A word of Latin letters or a number (with inner separators: 1,200 / 3.5 / don't) is one token;
 * any other code point (kana, kanji, punctuation, space) is a token of its own. Diffing tokens keeps
 * a reviewer's diff on word boundaries in English (600 → 1,200 rather than 6 → 1,2 with 00 kept)
 * and at characters in Japanese, and stops coincidental shared letters from raising similarity.
 */
const TOKEN = /[\p{Script=Latin}\p{Nd}]+(?:[.,'’][\p{Script=Latin}\p{Nd}]+)*|[\s\S]/gu;

/** The tokens the diff works on (see TOKEN); joined they give the text back. */
export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function tokenDiff(a: string, b: string): CharDiff[] {
  const ta = tokens(a);
  const tb = tokens(b);
  const codes = new Map<string, string>();
  const encode = (tokens: readonly string[]): string | undefined => {
    let out = '';
    for (const t of tokens) {
      let c = codes.get(t);
      if (c === undefined) {
        if (codes.size >= TOKEN_CODES) return undefined;
        c = String.fromCharCode(tokenCode(codes.size));
        codes.set(t, c);
      }
      out += c;
    }
    return out;
  };
  const ea = encode(ta);
  const eb = encode(tb);
  if (ea === undefined || eb === undefined) return fastDiff(a, b, undefined, true) as CharDiff[];
  const out: CharDiff[] = [];
  let ia = 0;
  let ib = 0;
  for (const [op, run] of fastDiff(ea, eb)) {
    let text = '';
    if (op === 1) for (let k = 0; k < run.length; k++) text += tb[ib++]!;
    else {
      for (let k = 0; k < run.length; k++) text += ta[ia++]!;
      if (op === 0) ib += run.length;
    }
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === op) out[out.length - 1] = [op, last[1] + text];
    else out.push([op, text]);
  }
  return dropCoincidences(out);
}

/**
 * Equal runs of less than two visible characters between two edits are coincidences (a particle は,
 * a space between two replaced words): they become part of the edit, so a rewritten phrase reads as
 * one replacement and does not count as kept. (fast-diff's own semantic cleanup goes further and
 * also swallows real shared phrases such as "key military technology" inside a rewrite.)
 */
function dropCoincidences(diff: CharDiff[]): CharDiff[] {
  let changed = false;
  for (let k = 1; k < diff.length - 1; k++) {
    const [op, text] = diff[k]!;
    if (op === 0 && text.trim().length < 2) changed = true;
  }
  if (!changed) return diff;
  let del = '';
  let ins = '';
  const out: CharDiff[] = [];
  const flush = () => {
    if (del) out.push([-1, del]);
    if (ins) out.push([1, ins]);
    del = '';
    ins = '';
  };
  for (let k = 0; k < diff.length; k++) {
    const [op, text] = diff[k]!;
    if (op === -1) del += text;
    else if (op === 1) ins += text;
    else if (k > 0 && k < diff.length - 1 && text.trim().length < 2) {
      del += text;
      ins += text;
    } else {
      flush();
      out.push([0, text]);
    }
  }
  flush();
  return out;
}

/** Code units for tokens, skipping surrogates (fast-diff's Unicode repair would misread them). */
function tokenCode(n: number): number {
  return n < 0xd800 ? n : n + 0x800;
}
const TOKEN_CODES = 0x10000 - 0x800;

/** The cost measure of diffing two texts: product of the lengths left after common prefix and suffix. */
export function diffCells(a: string, b: string): number {
  const pre = commonPrefix(a, b);
  const suf = commonSuffix(a, b, pre);
  return (a.length - pre - suf) * (b.length - pre - suf);
}

/** The diff that keeps common prefix and suffix and replaces the middle wholesale (the cheap fallback). */
export function replacementDiff(a: string, b: string): CharDiff[] {
  if (a === b) return a === '' ? [] : [[0, a]];
  const pre = commonPrefix(a, b);
  return replacement(a, b, pre, commonSuffix(a, b, pre));
}

function replacement(a: string, b: string, pre: number, suf: number): CharDiff[] {
  const midA = a.length - pre - suf;
  const midB = b.length - pre - suf;
  const out: CharDiff[] = [];
  if (pre > 0) out.push([0, a.slice(0, pre)]);
  if (midA > 0) out.push([-1, a.slice(pre, a.length - suf)]);
  if (midB > 0) out.push([1, b.slice(pre, b.length - suf)]);
  if (suf > 0) out.push([0, a.slice(a.length - suf)]);
  return out;
}

/** Characters both sides keep in a diff. */
export function equalLength(diff: readonly CharDiff[]): number {
  let n = 0;
  for (const [op, text] of diff) if (op === 0) n += text.length;
  return n;
}

/** Similarity of two texts given their diff: 2·kept / (|a| + |b|), 1 for identical, 0 for nothing kept. */
export function similarityOf(diff: readonly CharDiff[], aLength: number, bLength: number): number {
  const total = aLength + bLength;
  if (total === 0) return 1;
  return (2 * equalLength(diff)) / total;
}

/** Similarity 0..1 of two texts (Ratcliff/Obershelp-style ratio over the semantic character diff). */
export function similarity(a: string, b: string, options: CharDiffOptions = {}): number {
  if (a === b) return 1;
  return similarityOf(charDiff(a, b, options), a.length, b.length);
}

/**
 * An upper bound of `similarity(a, b)` that costs one pass over each string: the shared multiset of
 * characters. The diff keeps a common subsequence, which can never be larger. Used to skip fast-diff
 * on pairs that cannot reach a threshold.
 */
export function similarityUpperBound(a: string, b: string): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  const counts = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    const k = counts.get(c);
    if (k !== undefined && k > 0) {
      counts.set(c, k - 1);
      shared++;
    }
  }
  return (2 * shared) / total;
}

const WHITESPACE = /\s+/gu;
// Punctuation and typographic symbols whose change rarely changes a translation: quotes, brackets,
// dashes, stops, commas, middle dots… (Unicode P*), after NFKC so width variants compare equal.
const PUNCTUATION = /[\p{P}\s]+/gu;

/** Text with every whitespace removed, NFC: equal for texts that differ only in whitespace. */
export function withoutWhitespace(text: string): string {
  return text.normalize('NFC').replace(WHITESPACE, '');
}

/** Text with whitespace and punctuation removed, NFKC (so ３ and 3, （ and ( compare equal). */
export function withoutPunctuation(text: string): string {
  return text.normalize('NFKC').replace(PUNCTUATION, '');
}

export type EditKind = 'unchanged' | 'whitespace' | 'punctuation' | 'minor' | 'major';

/**
 * What kind of edit turns `a` into `b`, given their similarity.
 * - whitespace: equal once all whitespace is removed (NFC): a doubled space, a space after 、.
 * - punctuation: equal once punctuation and whitespace are removed (NFKC): 、→，, ”→」, full-width
 *   digits or brackets to half-width.
 * - minor: similarity ≥ DIFF_THRESHOLDS.minor, or a single small replacement (one word, a number, a
 *   date: at most 4 characters out and 4 in) — short sentences drop below the ratio with one word.
 * - major: anything else (the caller decides whether the pair is close enough to be paired at all).
 */
export function classifyEdit(a: string, b: string, diff: readonly CharDiff[], sim: number): EditKind {
  if (a === b) return 'unchanged';
  if (withoutWhitespace(a) === withoutWhitespace(b)) return 'whitespace';
  if (withoutPunctuation(a) === withoutPunctuation(b)) return 'punctuation';
  if (sim >= DIFF_THRESHOLDS.minor) return 'minor';
  if (isSmallEdit(diff)) return 'minor';
  return 'major';
}

/**
 * One contiguous change, each side at most 4 characters or one word/number without spaces (a date,
 * a figure, a typo), with at least as much kept around it.
 */
function isSmallEdit(diff: readonly CharDiff[]): boolean {
  let hunks = 0;
  let deleted = 0;
  let inserted = 0;
  let kept = 0;
  let inHunk = false;
  for (const [op, text] of diff) {
    if (op === 0) {
      kept += text.length;
      inHunk = false;
      continue;
    }
    if (!inHunk) hunks++;
    inHunk = true;
    if (op === -1) deleted += text.length;
    else inserted += text.length;
  }
  const small = (text: string, n: number) => n <= 4 || (n <= 16 && !/\s/u.test(text.trim()));
  let out = '';
  let ins = '';
  for (const [op, text] of diff) {
    if (op === -1) out += text;
    else if (op === 1) ins += text;
  }
  return hunks === 1 && small(out, deleted) && small(ins, inserted) && kept >= Math.max(4, deleted, inserted);
}

/**
 * The diff as plain text with git-style word-diff markers: `[-deleted-]{+inserted+}`. Used in notes
 * attached to XLIFF units and in terminal output without colour.
 */
export function diffMarkup(diff: readonly CharDiff[]): string {
  let out = '';
  for (const [op, text] of diff) {
    if (op === 0) out += text;
    else if (op === -1) out += `[-${text}-]`;
    else out += `{+${text}+}`;
  }
  return out;
}
