/**
 * Pure operations on memory content: record ids, adding units into named buckets, export records, and
 * the three-way merge behind `kioku memory merge-driver`.
 */
import type { ExportRecord, Lang, MemoryContent, Revision, SegmentId, TranslationUnit } from '../model.js';
import { normaliseForId } from '../segment/id.js';
import { hash64 } from '../text/hash.js';
import { compareExports, exportKey } from './codec.js';
import { sameLanguage } from '../text/lang.js';

export const EMPTY_CONTENT: MemoryContent = { units: [], exports: [] };

/**
 * A record's stable id: 16 hex digits of a hash of the language pair, the document, the segment id and
 * the normalised source. Re-importing the same document updates its records; the same sentence from
 * another document is another record (with its own provenance and context).
 */
export function unitId(sourceLang: Lang, targetLang: Lang, document: string, segment: SegmentId, source: string): string {
  return hash64([sourceLang, targetLang, document, segment, normaliseForId(source)].join('\u0000'));
}

export function compareIds(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface UpsertReport {
  readonly added: readonly TranslationUnit[];
  readonly updated: readonly TranslationUnit[];
  readonly unchanged: readonly TranslationUnit[];
}

/**
 * Adds or replaces units by id. A unit whose target and state are already stored is `unchanged` (and
 * keeps its stored timestamps); a replaced one keeps its `created` time.
 */
export function upsertUnits(content: MemoryContent, incoming: readonly TranslationUnit[]): { content: MemoryContent; report: UpsertReport } {
  const byId = new Map<string, TranslationUnit>();
  for (const u of content.units) byId.set(u.id, u);
  const added: TranslationUnit[] = [];
  const updated: TranslationUnit[] = [];
  const unchanged: TranslationUnit[] = [];
  for (const u of incoming) {
    const old = byId.get(u.id);
    if (!old) {
      byId.set(u.id, u);
      added.push(u);
    } else if (
      old.target === u.target &&
      old.state === u.state &&
      old.source === u.source &&
      old.provenance.prev === u.provenance.prev &&
      old.provenance.next === u.provenance.next
    ) {
      unchanged.push(old);
    } else {
      const merged: TranslationUnit = { ...u, provenance: { ...u.provenance, created: old.provenance.created } };
      byId.set(u.id, merged);
      updated.push(merged);
    }
  }
  const units = added.length === 0 && updated.length === 0 ? content.units : [...byId.values()].sort(compareIds);
  return { content: { units, exports: content.exports }, report: { added, updated, unchanged } };
}

/** Records (or replaces) the revision of a document as exported. */
export function recordExport(content: MemoryContent, record: ExportRecord): MemoryContent {
  const key = exportKey(record);
  const previous = content.exports.find((r) => exportKey(r) === key);
  // The same revision exported again keeps its record (and its base): the memory is not rewritten
  // and the next export carries from the same base, so re-exports are idempotent.
  if (previous && sameRevision(previous.revision, record.revision)) return content;
  const exports = content.exports.filter((r) => exportKey(r) !== key);
  const { base: _dropped, ...plain } = record;
  exports.push(previous ? { ...plain, base: { exported: previous.exported, revision: previous.revision } } : plain);
  exports.sort(compareExports);
  return { units: content.units, exports };
}

/**
 * Whether two revisions hold the same text segmented the same way (line numbers aside: blank lines
 * added or removed do not make a new revision for translation).
 */
export function sameRevision(a: Revision, b: Revision): boolean {
  if (a.paragraphs.length !== b.paragraphs.length || a.segments.length !== b.segments.length) return false;
  for (let i = 0; i < a.paragraphs.length; i++) if (a.paragraphs[i]!.text !== b.paragraphs[i]!.text) return false;
  for (let i = 0; i < a.segments.length; i++) {
    const x = a.segments[i]!;
    const y = b.segments[i]!;
    if (x.id !== y.id || x.paragraph !== y.paragraph || x.start !== y.start || x.end !== y.end) return false;
  }
  return true;
}

// The one rule for "same language" (region-insensitive; differing explicit scripts differ) lives in
// src/text/lang.ts; these names stay for the library's users.
export { sameLanguage, primaryLanguage as primary } from '../text/lang.js';

/**
 * The record of a document's last export, or undefined. With languages given, the record must be for
 * that pair (sameLanguage: region aside); without, the most recent export of the document.
 */
export function lastExport(
  memory: { readonly exports: readonly ExportRecord[] },
  document: string,
  langs: { sourceLang?: Lang; targetLang?: Lang } = {},
): ExportRecord | undefined {
  let best: ExportRecord | undefined;
  for (const r of memory.exports) {
    if (r.document !== document) continue;
    if (langs.sourceLang !== undefined && !sameLanguage(r.sourceLang, langs.sourceLang)) continue;
    if (langs.targetLang !== undefined && !sameLanguage(r.targetLang, langs.targetLang)) continue;
    if (!best || r.exported > best.exported) best = r;
  }
  return best;
}

/** The last exported revision of a document (what `kioku diff --since-last` compares with). */
export function lastRevision(
  memory: { readonly exports: readonly ExportRecord[] },
  document: string,
  langs: { sourceLang?: Lang; targetLang?: Lang } = {},
): Revision | undefined {
  return lastExport(memory, document, langs)?.revision;
}

export interface MergeConflict {
  readonly id: string;
  /** The version kept (changed last; ties broken by text, so both sides of a merge agree). */
  readonly kept: 'ours' | 'theirs';
}

/**
 * Three-way merge of memory contents by record id: a side's change wins over the base; when both
 * sides changed a record differently, the one changed last is kept (reported as a conflict, resolved).
 * A record deleted on one side and unchanged on the other is deleted. Deterministic and symmetric.
 */
export function mergeContents(base: MemoryContent, ours: MemoryContent, theirs: MemoryContent): { content: MemoryContent; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [];
  const units = mergeKeyed(
    base.units,
    ours.units,
    theirs.units,
    (u) => u.id,
    (u) => u.provenance.changed,
    (id, kept) => conflicts.push({ id, kept }),
  ).sort(compareIds);
  const exports = mergeKeyed(
    base.exports,
    ours.exports,
    theirs.exports,
    exportKey,
    (r) => r.exported,
    () => {},
  ).sort(compareExports);
  return { content: { units, exports }, conflicts };
}

function mergeKeyed<T>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
  key: (t: T) => string,
  time: (t: T) => string,
  conflict: (key: string, kept: 'ours' | 'theirs') => void,
): T[] {
  const b = new Map(base.map((t) => [key(t), t] as const));
  const o = new Map(ours.map((t) => [key(t), t] as const));
  const t = new Map(theirs.map((x) => [key(x), x] as const));
  const keys = new Set([...o.keys(), ...t.keys(), ...b.keys()]);
  const out: T[] = [];
  const same = (x: T | undefined, y: T | undefined) => (x === undefined ? y === undefined : y !== undefined && JSON.stringify(x) === JSON.stringify(y));
  for (const k of keys) {
    const bv = b.get(k);
    const ov = o.get(k);
    const tv = t.get(k);
    let v: T | undefined;
    if (same(ov, tv)) v = ov;
    else if (same(ov, bv)) v = tv;
    else if (same(tv, bv)) v = ov;
    else if (ov === undefined)
      v = tv; // deleted on one side, changed on the other: keep the change
    else if (tv === undefined) v = ov;
    else {
      const ot = time(ov);
      const tt = time(tv);
      const takeTheirs = tt !== ot ? tt > ot : JSON.stringify(tv) > JSON.stringify(ov);
      v = takeTheirs ? tv : ov;
      conflict(k, takeTheirs ? 'theirs' : 'ours');
    }
    if (v !== undefined) out.push(v);
  }
  return out;
}
