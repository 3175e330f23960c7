import type { Lang, Memory, Revision, SegmentChange } from '../model.js';
import { APPROVED_STATES } from '../model.js';
import { lastExport } from '../memory/content.js';
import { lookup, neighbours } from '../memory/lookup.js';
import { carryForward, type CarryOptions, type CarryPlan, type OldTranslation } from './carry.js';
import { diffRevisions, type DiffOptions } from './revisions.js';

/**
 * The memory side of carrying translations forward: the last exported revision of a document (the
 * memory records it at every export) and the current translation of each of its segments.
 */
export interface SinceLastQuery {
  /** The document name as exported (XLIFF `original`, normally the file's base name). */
  readonly document: string;
  readonly sourceLang?: Lang;
  readonly targetLang?: Lang;
}

/** The translation the memory holds for segment i of a revision: in-context or exact, best state first. */
export function translationsFromMemory(memory: Memory, revision: Revision, query: { document: string; sourceLang?: Lang; targetLang?: Lang }): (index: number) => OldTranslation | undefined {
  const cache = new Map<number, OldTranslation | undefined>();
  return (i) => {
    if (cache.has(i)) return cache.get(i);
    const seg = revision.segments[i];
    let found: OldTranslation | undefined;
    if (seg) {
      const matches = lookup(
        memory,
        { source: seg.text, ...(query.sourceLang ? { sourceLang: query.sourceLang } : {}), ...(query.targetLang ? { targetLang: query.targetLang } : {}), document: query.document, segment: seg.id, ...neighbours(revision, i) },
        { threshold: 100, limit: 5 },
      );
      // Approved translations before drafts; lookup already ranks in-context first, then by state.
      const best = matches.find((m) => m.score >= 100 && APPROVED_STATES.includes(m.unit.state)) ?? matches.find((m) => m.score >= 100);
      if (best) found = { target: best.unit.target, state: best.unit.state };
    }
    cache.set(i, found);
    return found;
  };
}

export interface SinceLast {
  /** The revision last exported. */
  readonly old: Revision;
  readonly exported: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly changes: readonly SegmentChange[];
  readonly plan: CarryPlan;
  /** Current translations of the old segments, for reports. */
  readonly translationOfOld: (oldIndex: number) => OldTranslation | undefined;
}

/** What changed since the document was last exported, with the translations carried; undefined if never exported. */
export function sinceLastExport(memory: Memory, revision: Revision, query: SinceLastQuery, options: CarryOptions & DiffOptions = {}): SinceLast | undefined {
  const record = lastExport(memory, query.document, { ...(query.sourceLang ? { sourceLang: query.sourceLang } : {}), ...(query.targetLang ? { targetLang: query.targetLang } : {}) });
  if (!record) return undefined;
  const changes = diffRevisions(record.revision, revision, options);
  const translationOfOld = translationsFromMemory(memory, record.revision, { document: query.document, sourceLang: record.sourceLang, targetLang: record.targetLang });
  const cjk = /^(ja|zh|ko)\b/i.test(record.targetLang);
  const plan = carryForward(changes, record.revision, revision, translationOfOld, { ...options, ...(options.targetJoiner === undefined ? { targetJoiner: cjk ? '' : ' ' } : {}) });
  return { old: record.revision, exported: record.exported, sourceLang: record.sourceLang, targetLang: record.targetLang, changes, plan, translationOfOld };
}
