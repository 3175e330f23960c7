/**
 * Leverage: lookups (101 in-context, 100 exact, fuzzy ≥ threshold), pre-fills for an export, concordance
 * search and the match-band analysis of `kioku stats`. Pure.
 */
import type { Lang, Match, Prefill, Revision, SegmentId, TranslationUnit, UnitCandidate, UnitState } from '../model.js';
import type { Memory, MemoryIndex } from './shapes.js';
import { normaliseForId } from '../segment/id.js';
import { pairFilter, pairFits, searchIndex, unitsWithHash } from './fuzzy-index.js';
import { fnv1a32 } from '../text/hash.js';
import { bandOf, BANDS, foldKey, fuzzyScore, looseKey, type Band } from './text.js';

export const DEFAULT_THRESHOLD = 75;
export const DEFAULT_LIMIT = 5;

export interface LookupQuery {
  readonly source: string;
  readonly sourceLang?: Lang;
  readonly targetLang?: Lang;
  /** Neighbouring segment ids and the document/segment of the query, for in-context (101) matches. */
  readonly prev?: SegmentId;
  readonly next?: SegmentId;
  readonly document?: string;
  readonly segment?: SegmentId;
}

export interface LookupOptions {
  /** Lowest fuzzy score offered, 1..100 (default 75). */
  readonly threshold?: number;
  /** At most this many candidates (default 5). */
  readonly limit?: number;
}

const STATE_RANK: Record<UnitState, number> = { final: 4, reviewed: 3, translated: 2, 'needs-review': 1, initial: 0 };

function inContext(unit: TranslationUnit, q: LookupQuery): boolean {
  const p = unit.provenance;
  if (q.document !== undefined && q.segment !== undefined && p.document === q.document && p.segment === q.segment) return true;
  const hasContext = q.prev !== undefined || q.next !== undefined || q.document !== undefined;
  return hasContext && p.prev === q.prev && p.next === q.next;
}

/**
 * The candidates for one source text, best first: in-context exact (101), exact (100), then fuzzy
 * matches at or above the threshold. Candidates with the same source and target are shown once.
 */
export function lookup(memory: Memory, query: LookupQuery, options: LookupOptions = {}): Match[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const source = query.source.normalize('NFC');
  const matches: Match[] = [];
  const seen = new Set<number>();
  const candidates = new Set<number>();
  const unitAt = (n: number) => (memory.overlay ? memory.overlay.unitAt(n) : memory.unit(n));
  for (const { index, offset, hidden } of indexParts(memory)) {
    const pairs = pairFilter(index, query.sourceLang, query.targetLang);
    const usable = (u: number) => pairs[index.pairOf[u]!] === 1 && !hidden?.[u];
    for (const u of unitsWithHash(index.exactHash, index.exactUnit, fnv1a32(source))) {
      if (!usable(u)) continue;
      const unit = unitAt(u + offset);
      if (unit.source.normalize('NFC') !== source) continue;
      seen.add(u + offset);
      const context = inContext(unit, query);
      matches.push({ kind: context ? 'in-context' : 'exact', score: context ? 101 : 100, unit });
    }
    if (threshold <= 99) {
      for (const hit of searchIndex(index, source, threshold / 100, pairs)) if (!hidden?.[hit.unit]) candidates.add(hit.unit + offset);
      // Texts that differ only in whitespace or punctuation score 98–99 even when short.
      for (const u of unitsWithHash(index.looseHash, index.looseUnit, fnv1a32(looseKey(source)))) if (usable(u)) candidates.add(u + offset);
    }
  }
  for (const n of candidates) {
    if (seen.has(n)) continue;
    const unit = unitAt(n);
    const score = fuzzyScore(source, unit.source);
    if (score >= threshold && score < 100) matches.push({ kind: 'fuzzy', score, unit });
  }
  return rankMatches(matches).slice(0, limit);
}

/** The indexes of a memory with the offset of their unit numbers (see MemoryOverlay). */
function indexParts(memory: Memory): Array<{ index: MemoryIndex; offset: number; hidden?: Uint8Array }> {
  if (!memory.overlay) return [{ index: memory.index, offset: 0 }];
  return [
    { index: memory.index, offset: 0, hidden: memory.overlay.hidden },
    { index: memory.overlay.index, offset: memory.index.unitAt.length },
  ];
}

/** Best first, one per distinct (source, target); ties by state, then most recently changed, then id. */
export function rankMatches(matches: readonly Match[]): Match[] {
  const sorted = [...matches].sort(
    (a, b) =>
      b.score - a.score ||
      STATE_RANK[b.unit.state] - STATE_RANK[a.unit.state] ||
      (a.unit.provenance.changed < b.unit.provenance.changed ? 1 : a.unit.provenance.changed > b.unit.provenance.changed ? -1 : 0) ||
      (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0),
  );
  const out: Match[] = [];
  const shown = new Set<string>();
  for (const m of sorted) {
    const key = `${m.unit.source.normalize('NFC')}\u0000${m.unit.target}`;
    if (shown.has(key)) continue;
    shown.add(key);
    out.push(m);
  }
  return out;
}

/** What an export pre-fills into a unit. */
export type LeveragePrefill = Prefill;

export interface LeverageOptions {
  readonly document: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly threshold?: number;
  readonly limit?: number;
  /** 101/100 matches become `final` instead of `translated`. */
  readonly approveExact?: boolean;
}

/** The neighbours of segment i in document order (the context stored with every unit). */
export function neighbours(revision: Revision, i: number): { prev?: SegmentId; next?: SegmentId } {
  const prev = revision.segments[i - 1]?.id;
  const next = revision.segments[i + 1]?.id;
  return { ...(prev !== undefined ? { prev } : {}), ...(next !== undefined ? { next } : {}) };
}

/** The lookup of segment `i` of a revision: its text, the pair, and its place for in-context matches. */
function segmentQuery(revision: Revision, i: number, options: { readonly sourceLang: Lang; readonly targetLang: Lang; readonly document: string }) {
  const seg = revision.segments[i]!;
  return {
    source: seg.text,
    sourceLang: options.sourceLang,
    targetLang: options.targetLang,
    document: options.document,
    segment: seg.id,
    ...neighbours(revision, i),
  };
}

export function candidateOf(m: Match): UnitCandidate {
  return { kind: m.kind, score: m.score, source: m.unit.source, target: m.unit.target, origin: 'memory' };
}

const APPROVED_RANK = STATE_RANK.translated;

/**
 * Pre-fills for an export: an exact or in-context match of an approved unit (translated or better)
 * fills the target as translated (final with `approveExact`); a fuzzy match, or an exact one of a unit
 * nobody approved (needs-review, e.g. an aligned pair or `import --accept-unreviewed`), fills it as
 * needs-review. So a pre-fill is never more approved than its unit, except that `approveExact` makes
 * approved exact matches final, as asked. Every candidate is listed; an approved exact match is
 * preferred to an unapproved one even when that one is in context.
 */
export function leverage(memory: Memory, revision: Revision, options: LeverageOptions): (segmentIndex: number) => LeveragePrefill | undefined {
  const cache = new Map<number, LeveragePrefill | undefined>();
  return (i) => {
    if (cache.has(i)) return cache.get(i);
    const seg = revision.segments[i];
    let prefill: LeveragePrefill | undefined;
    if (seg) {
      const matches = lookup(memory, segmentQuery(revision, i, options), {
        threshold: options.threshold ?? DEFAULT_THRESHOLD,
        limit: options.limit ?? DEFAULT_LIMIT,
      });
      const approvedExact = matches.find((m) => m.score >= 100 && STATE_RANK[m.unit.state] >= APPROVED_RANK);
      const best = approvedExact ?? matches[0];
      if (best) {
        prefill = {
          target: best.unit.target,
          state: approvedExact ? (options.approveExact ? 'final' : 'translated') : 'needs-review',
          // The match the target comes from leads the list.
          candidates: [best, ...matches.filter((m) => m !== best)].map(candidateOf),
        };
      }
    }
    cache.set(i, prefill);
    return prefill;
  };
}

// --- Concordance -------------------------------------------------------------------------------------

export interface SearchOptions {
  readonly sourceLang?: Lang;
  readonly targetLang?: Lang;
  /** Search in `source`, `target` or both (default). */
  readonly in?: 'source' | 'target' | 'both';
  readonly limit?: number;
}

export interface SearchHit {
  readonly unit: TranslationUnit;
  /** Where the text was found: [start, end) in the unit's source and/or target. */
  readonly source?: readonly [number, number];
  readonly target?: readonly [number, number];
}

/**
 * Concordance: units whose source or target contains the text, compared on folded keys (case, width
 * and whitespace variants match; digits must be equal). Sorted by id for a stable listing.
 */
export function search(memory: Memory, text: string, options: SearchOptions = {}): { hits: SearchHit[]; total: number } {
  const query = text.normalize('NFC');
  const needle = foldKey(query);
  const where = options.in ?? 'both';
  const limit = options.limit ?? Infinity;
  const pairs = pairFilter(memory.index, options.sourceLang, options.targetLang);
  // With an overlay, visible units are not numbered like the base index: compare their languages.
  const fits = memory.overlay ? (u: TranslationUnit) => pairFits(u.sourceLang, u.targetLang, options.sourceLang, options.targetLang) : undefined;
  const hits: SearchHit[] = [];
  let total = 0;
  if (needle.trim() === '') return { hits, total };
  // Keys fold every digit to 0, so digits are compared on the text itself at a key hit.
  const digitAt: Array<[number, number]> = [];
  for (let k = 0; k < query.length; k++) {
    const d = digitValue(query.charCodeAt(k));
    if (d >= 0) digitAt.push([k, d]);
  }
  const find = (s: string): readonly [number, number] | undefined => {
    const key = foldKey(s);
    const nfc = digitAt.length ? s.normalize('NFC') : s;
    for (let at = key.indexOf(needle); at !== -1; at = key.indexOf(needle, at + 1)) {
      if (digitAt.every(([k, d]) => digitValue(nfc.charCodeAt(at + k)) === d)) return [at, at + needle.length];
    }
    return undefined;
  };
  for (let i = 0; i < memory.size; i++) {
    if (!fits && !pairs[memory.index.pairOf[i]!]) continue;
    const unit = memory.unit(i);
    if (fits && !fits(unit)) continue;
    const s = where !== 'target' ? find(unit.source) : undefined;
    const t = where !== 'source' ? find(unit.target) : undefined;
    if (!s && !t) continue;
    total++;
    if (hits.length < limit || fits) hits.push({ unit, ...(s ? { source: s } : {}), ...(t ? { target: t } : {}) });
  }
  // Overlay units come after the base's: restore id order before cutting at the limit.
  if (fits) {
    hits.sort((a, b) => (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0));
    hits.length = Math.min(hits.length, limit);
  }
  return { hits, total };
}

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

// --- Analysis ----------------------------------------------------------------------------------------

export interface Counts {
  segments: number;
  words: number;
  characters: number;
}

export interface Analysis {
  readonly total: Counts;
  readonly bands: Record<Band, Counts>;
  /** Per segment: id, band and best score (undefined = no match ≥ 50). */
  readonly segments: ReadonlyArray<{ readonly id: SegmentId; readonly band: Band; readonly score?: number }>;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u3005\u3006\u30fc]/gu;

/**
 * Words as CAT tools count them: Latin-script words and numbers count one each; Japanese (and other
 * CJK) text counts one per character, since it has no spaces to count words by.
 */
export function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.replace(CJK, ' ').match(/[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
  return cjk + rest;
}

/** Characters without whitespace, in code points. */
export function countCharacters(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/u.test(ch)) n++;
  return n;
}

/**
 * The match-band analysis of a document against a memory: each segment in the band of its best match
 * (50% and up; below is "no match"); a later occurrence of a text already seen in the document that has
 * no 100/101 match counts as a repetition.
 */
export function analyse(memory: Memory, revision: Revision, options: LeverageOptions): Analysis {
  const zero = (): Counts => ({ segments: 0, words: 0, characters: 0 });
  const bands = Object.fromEntries(BANDS.map((b) => [b, zero()])) as Record<Band, Counts>;
  const total = zero();
  const seen = new Set<string>();
  const segments: Array<{ id: SegmentId; band: Band; score?: number }> = [];
  revision.segments.forEach((seg, i) => {
    const best = lookup(memory, segmentQuery(revision, i, options), { threshold: 50, limit: 1 })[0];
    let band = bandOf(best?.score);
    const norm = normaliseForId(seg.text);
    if (band !== '101' && band !== '100' && seen.has(norm)) band = 'repetition';
    seen.add(norm);
    const words = countWords(seg.text);
    const characters = countCharacters(seg.text);
    for (const c of [bands[band], total]) {
      c.segments++;
      c.words += words;
      c.characters += characters;
    }
    segments.push({ id: seg.id, band, ...(best ? { score: best.score } : {}) });
  });
  return { total, bands, segments };
}
