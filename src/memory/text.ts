/**
 * Text keys and the fuzzy score of kioku's memory. Pure.
 *
 * The fuzzy score (documented in memory/README.md and the README) is a character edit similarity on
 * NFC text in which a few kinds of difference a translator fixes mechanically are penalised lightly
 * instead of counted as edits:
 *
 *   A, B  = foldKey(NFC a), foldKey(NFC b)      1:1 per UTF-16 unit: full-width ASCII → half-width,
 *                                               half-width katakana → full-width, every whitespace
 *                                               (tab, no-break, ideographic space) → space ("width"),
 *                                               letters → lower case ("case"), digits → 0 ("numbers")
 *   base  = floor(100 × (1 − lev(A, B) / max(|A|, |B|)))
 *   if A and B differ only in whitespace and punctuation: base = max(base, 99 if only whitespace else 98)
 *   score = min(99, base − penalties), never below 0; identical NFC texts score 100.
 *   penalties: 1 if width differs, 1 if letter case differs, 2 per number that differs (at most 10).
 *
 * Because the fold maps one code unit to one code unit, lev(A, B) ≤ lev(a, b): the fold never lowers
 * a similarity, so an index over folded keys finds every unit a plain Levenshtein scan would.
 */

const WIDTH = (() => {
  // Half-width katakana (U+FF61–U+FF9F) → their full-width forms; each maps to exactly one code unit.
  const halfKana = '。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜';
  const map = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) map[c] = c;
  // Every whitespace variant (tab, no-break space, ideographic space…) counts as a width variant of a space.
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) map[c] = 0x20;
  for (let c = 0x2000; c <= 0x200a; c++) map[c] = 0x20;
  for (let c = 0xff01; c <= 0xff5e; c++) map[c] = c - 0xfee0;
  for (let i = 0; i < halfKana.length; i++) map[0xff61 + i] = halfKana.charCodeAt(i);
  return map;
})();

const CASE = (() => {
  const map = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      map[c] = c;
      continue;
    }
    const lower = String.fromCharCode(c).toLowerCase();
    map[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  return map;
})();

const FOLD = (() => {
  const map = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const f = CASE[WIDTH[c]!]!;
    map[c] = f >= 0x30 && f <= 0x39 ? 0x30 : f;
  }
  return map;
})();

/** The folded comparison key of a text (NFC first). Same length as the NFC text. */
export function foldKey(text: string): string {
  const nfc = text.normalize('NFC');
  let changed = -1;
  for (let i = 0; i < nfc.length; i++) {
    const c = nfc.charCodeAt(i);
    if (FOLD[c] !== c) {
      changed = i;
      break;
    }
  }
  if (changed === -1) return nfc;
  const codes = new Uint16Array(nfc.length);
  for (let i = 0; i < nfc.length; i++) codes[i] = FOLD[nfc.charCodeAt(i)]!;
  let out = '';
  // Chunked to stay below the argument limit of String.fromCharCode.
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]);
  return out;
}

function mapWith(table: Uint16Array, text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(table[text.charCodeAt(i)]!);
  return out;
}

const STRIP = /[\s\p{P}\p{S}]/gu;
const STRIP_SPACE = /\s/gu;

/** A key without whitespace and punctuation: texts equal here differ only in those. */
export function looseKey(text: string): string {
  return foldKey(text).replace(STRIP, '');
}

// --- Edit distance ----------------------------------------------------------------------------------

const peq = new Uint32Array(0x10000);

/**
 * Levenshtein distance of two code-unit sequences, Myers/Hyyrö bit-parallel (32-bit blocks), with an
 * optional bound: when the distance is certainly above `max`, returns some value > `max` early.
 */
export function editDistance(a: ArrayLike<number>, b: ArrayLike<number>, max = Infinity): number {
  let pattern = a;
  let text = b;
  if (pattern.length > text.length) {
    pattern = b;
    text = a;
  }
  const m = pattern.length;
  const n = text.length;
  if (n - m > max) return n - m;
  if (m === 0) return n;
  if (m <= 32) return myers32(pattern, text, max);
  return myersBlocks(pattern, text, max);
}

function myers32(p: ArrayLike<number>, t: ArrayLike<number>, max: number): number {
  const m = p.length;
  const n = t.length;
  for (let i = 0; i < m; i++) peq[p[i]!]! |= 1 << i;
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let sc = m;
  let j = 0;
  for (; j < n; j++) {
    let eq = peq[t[j]!]!;
    const xv = eq | mv;
    eq |= ((eq & pv) + pv) ^ pv;
    mv |= ~(eq | pv);
    pv &= eq;
    if (mv & last) sc++;
    if (pv & last) sc--;
    mv = (mv << 1) | 1;
    pv = (pv << 1) | ~(xv | mv);
    mv &= xv;
    // Each remaining text character lowers the last row by at most one.
    if (sc - (n - j - 1) > max) {
      sc = max + 1;
      break;
    }
  }
  for (let i = 0; i < m; i++) peq[p[i]!] = 0;
  return sc;
}

function myersBlocks(p: ArrayLike<number>, t: ArrayLike<number>, max: number): number {
  const m = p.length;
  const n = t.length;
  const hsize = Math.ceil(n / 32);
  const vsize = Math.ceil(m / 32);
  const phc = new Int32Array(hsize).fill(-1);
  const mhc = new Int32Array(hsize);
  let score = m;
  for (let blk = 0; blk < vsize; blk++) {
    const start = blk * 32;
    const end = Math.min(m, start + 32);
    const lastBlock = blk === vsize - 1;
    for (let k = start; k < end; k++) peq[p[k]!]! |= 1 << (k - start);
    let mv = 0;
    let pv = -1;
    const topBit = end - start - 1;
    // Row `end` of the distance matrix, followed along the text: D[end][0] = end. Any alignment
    // crosses that row at some column i and still needs |(m − end) − (n − i)| edits after it, so
    // when every column is past `max` the distance is too (checked after each block).
    let row = end;
    let best = row + Math.abs(m - end - n);
    for (let i = 0; i < n; i++) {
      const eq = peq[t[i]!]!;
      const w = i >>> 5;
      const pb = (phc[w]! >>> (i & 31)) & 1;
      const mb = (mhc[w]! >>> (i & 31)) & 1;
      const xv = eq | mv;
      const xh = ((((eq | mb) & pv) + pv) ^ pv) | eq | mb;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      row += ((ph >>> topBit) & 1) - ((mh >>> topBit) & 1);
      const rest = Math.abs(m - end - (n - i - 1));
      if (row + rest < best) best = row + rest;
      if ((ph >>> 31) ^ pb) phc[w]! ^= 1 << (i & 31);
      if ((mh >>> 31) ^ mb) mhc[w]! ^= 1 << (i & 31);
      ph = (ph << 1) | pb;
      mh = (mh << 1) | mb;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
    }
    for (let k = start; k < end; k++) peq[p[k]!] = 0;
    if (lastBlock) score = row;
    else if (best > max) return max + 1;
  }
  return score;
}

function codes(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Levenshtein distance of two strings (UTF-16 code units). */
export function levenshtein(a: string, b: string): number {
  return editDistance(codes(a), codes(b));
}

/** Edit similarity 0..1: 1 − distance / longer length (1 for two empty strings). */
export function editSimilarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  return len === 0 ? 1 : 1 - levenshtein(a, b) / len;
}

// --- The score --------------------------------------------------------------------------------------

function numbersOf(text: string): string[] {
  return text.match(/[0-9]+/g) ?? [];
}

/** Why a fuzzy score is what it is: the parts that make it up, for `kioku lookup` to explain. */
export interface ScoreExplanation {
  readonly score: number;
  /** 100 × edit similarity of the folded keys, floored. */
  readonly base: number;
  readonly distance: number;
  readonly penalties: ReadonlyArray<{ readonly reason: 'width' | 'case' | 'numbers'; readonly points: number }>;
  /** Set when the texts differ only in whitespace (`whitespace`) or whitespace and punctuation. */
  readonly only?: 'whitespace' | 'punctuation';
}

/** The fuzzy score of a memory source against a query, with its parts (see the module comment). */
export function explainScore(query: string, candidate: string): ScoreExplanation {
  const a = query.normalize('NFC');
  const b = candidate.normalize('NFC');
  if (a === b) return { score: 100, base: 100, distance: 0, penalties: [] };
  const A = foldKey(a);
  const B = foldKey(b);
  const distance = levenshtein(A, B);
  const len = Math.max(A.length, B.length);
  let base = Math.floor(100 * (1 - distance / len) + 1e-9);
  let only: ScoreExplanation['only'];
  if (distance > 0 && A.replace(STRIP, '') === B.replace(STRIP, '')) {
    only = A.replace(STRIP_SPACE, '') === B.replace(STRIP_SPACE, '') ? 'whitespace' : 'punctuation';
    base = Math.max(base, only === 'whitespace' ? 99 : 98);
  }
  const penalties: Array<{ reason: 'width' | 'case' | 'numbers'; points: number }> = [];
  // A kind of difference counts when removing it by folding lowers the distance.
  const wa = mapWith(WIDTH, a);
  const wb = mapWith(WIDTH, b);
  const d0 = levenshtein(a, b);
  const d1 = levenshtein(wa, wb);
  if (d0 > d1) penalties.push({ reason: 'width', points: 1 });
  const ca = mapWith(CASE, wa);
  const cb = mapWith(CASE, wb);
  const d2 = levenshtein(ca, cb);
  if (d1 > d2) penalties.push({ reason: 'case', points: 1 });
  const na = numbersOf(ca);
  const nb = numbersOf(cb);
  let differing = Math.abs(na.length - nb.length);
  for (let i = 0; i < Math.min(na.length, nb.length); i++) if (na[i] !== nb[i]) differing++;
  if (differing > 0 && d2 > distance) penalties.push({ reason: 'numbers', points: Math.min(10, 2 * differing) });
  const total = penalties.reduce((s, p) => s + p.points, 0);
  const score = Math.max(0, Math.min(99, base - total));
  return { score, base, distance, penalties, ...(only ? { only } : {}) };
}

/** The fuzzy score 0..100 of a candidate source against a query (100 only for identical NFC text). */
export function fuzzyScore(query: string, candidate: string): number {
  return explainScore(query, candidate).score;
}

/** Match bands as CAT tools report them before a job. */
export const BANDS = ['101', '100', '95-99', '85-94', '75-84', '50-74', 'no-match', 'repetition'] as const;
export type Band = (typeof BANDS)[number];

export function bandOf(score: number | undefined): Band {
  if (score === undefined || score < 50) return 'no-match';
  if (score >= 101) return '101';
  if (score >= 100) return '100';
  if (score >= 95) return '95-99';
  if (score >= 85) return '85-94';
  if (score >= 75) return '75-84';
  return '50-74';
}
