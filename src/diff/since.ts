import type { Lang, Prefill, Result, Revision, SegmentChange } from '../model.js';
import type { Memory } from '../memory/shapes.js';
import { APPROVED_STATES, err, ok } from '../model.js';
import { lastExport, sameRevision } from '../memory/content.js';
import { lookup, neighbours } from '../memory/lookup.js';
import { carryForward, combinePrefill, type CarryOptions, type CarryPlan, type OldTranslation } from './carry.js';
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
export function translationsFromMemory(
  memory: Memory,
  revision: Revision,
  query: { document: string; sourceLang?: Lang; targetLang?: Lang },
): (index: number) => OldTranslation | undefined {
  const cache = new Map<number, OldTranslation | undefined>();
  return (i) => {
    if (cache.has(i)) return cache.get(i);
    const seg = revision.segments[i];
    let found: OldTranslation | undefined;
    if (seg) {
      const matches = lookup(
        memory,
        {
          source: seg.text,
          ...(query.sourceLang ? { sourceLang: query.sourceLang } : {}),
          ...(query.targetLang ? { targetLang: query.targetLang } : {}),
          document: query.document,
          segment: seg.id,
          ...neighbours(revision, i),
        },
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
  const record = lastExport(memory, query.document, {
    ...(query.sourceLang ? { sourceLang: query.sourceLang } : {}),
    ...(query.targetLang ? { targetLang: query.targetLang } : {}),
  });
  if (!record) return undefined;
  // Exporting the last exported revision again carries from what that export carried from.
  const from = record.base && sameRevision(record.revision, revision) ? record.base : record;
  const changes = diffRevisions(from.revision, revision, options);
  const translationOfOld = translationsFromMemory(memory, from.revision, {
    document: query.document,
    sourceLang: record.sourceLang,
    targetLang: record.targetLang,
  });
  const plan = carryForward(changes, from.revision, revision, translationOfOld, { targetLang: record.targetLang, ...options });
  return { old: from.revision, exported: from.exported, sourceLang: record.sourceLang, targetLang: record.targetLang, changes, plan, translationOfOld };
}

export interface CarryExport {
  /** The pre-fill for new segment i: the carried translation combined with the memory's leverage. */
  readonly prefill: (segmentIndex: number) => Prefill | undefined;
  /** With `changedOnly`: whether segment i goes into the file (it needs a translator's work). */
  readonly include?: (segmentIndex: number) => boolean;
  /** What changed since the last export; undefined when the document was never exported. */
  readonly since?: SinceLast;
}

/**
 * `kioku export NEW` with a memory: translations carried from the last exported revision of the
 * document (see carryForward), on top of the memory's leverage; with `changedOnly`, only the units
 * that need work. Pure. Fails when `changedOnly` has nothing to compare with.
 */
export function planCarry(
  memory: Memory,
  revision: Revision,
  doc: { document: string; sourceLang: Lang; targetLang: Lang },
  leverage: ((segmentIndex: number) => Prefill | undefined) | undefined,
  options: CarryOptions & { changedOnly?: boolean } = {},
): Result<CarryExport> {
  const since = sinceLastExport(memory, revision, doc, options);
  if (!since) {
    if (options.changedOnly) {
      return err({
        code: 'usage',
        message: `--changed-only needs a previous export of ${doc.document} (${doc.sourceLang}→${doc.targetLang}) in the memory`,
        hint: 'export the whole document once with --memory; later exports can then hold only the changes',
      });
    }
    return ok({ prefill: (i) => leverage?.(i) });
  }
  const prefill = (i: number) => combinePrefill(since.plan.prefill[i], leverage?.(i));
  const include = options.changedOnly
    ? (i: number) => {
        const p = prefill(i);
        return since.plan.needsWork[i] === true && !(p !== undefined && p.target !== undefined && APPROVED_STATES.includes(p.state));
      }
    : undefined;
  return ok({ prefill, ...(include ? { include } : {}), since });
}
