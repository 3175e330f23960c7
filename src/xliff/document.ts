import type { BilingualDocument, BilingualGroup, BilingualUnit, Lang, Prefill, Revision, XliffVersion } from '../model.js';

export interface DocumentOptions {
  /** Name of the source document, written as `original` (never used as a path by kioku). */
  readonly original: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  /** XLIFF version the document is meant for (default 2.0); `writeXliff` takes its own. */
  readonly version?: XliffVersion;
  /** What to pre-fill for segment i (index into `revision.segments`): memory matches, carried-over translations. */
  readonly prefill?: (segmentIndex: number) => Prefill | undefined;
}

/**
 * The bilingual document of an export: one group per paragraph (`p<N>`, N the 0-based paragraph index
 * as in `kioku segment --json`), one unit per sentence segment with the segment id as unit id, and a
 * note giving the paragraph's other sentences as context (none for a one-sentence paragraph). Pure.
 */
export function documentFromRevision(revision: Revision, options: DocumentOptions): BilingualDocument {
  const groups: BilingualGroup[] = [];
  for (const paragraph of revision.paragraphs) {
    const units: BilingualUnit[] = [];
    paragraph.segments.forEach((segmentIndex, position) => {
      const segment = revision.segments[segmentIndex]!;
      const fill = options.prefill?.(segmentIndex);
      // The neighbours as they stand in the line, with the original spacing between them.
      const span = (from: number, to: number) =>
        from > to ? '' : paragraph.text.slice(revision.segments[paragraph.segments[from]!]!.start, revision.segments[paragraph.segments[to]!]!.end);
      const context = contextNote(span(0, position - 1), span(position + 1, paragraph.segments.length - 1), {
        paragraph: paragraph.index,
        sentence: position + 1,
        of: paragraph.segments.length,
      });
      units.push({
        id: segment.id,
        source: segment.text,
        ...(fill?.target !== undefined ? { target: fill.target } : {}),
        state: fill?.state ?? 'initial',
        notes: [...(context !== undefined ? [context] : []), ...(fill?.notes ?? [])],
        candidates: fill?.candidates ?? [],
        line: 0,
      });
    });
    groups.push({ id: `p${paragraph.index}`, units });
  }
  return {
    version: options.version ?? '2.0',
    sourceLang: options.sourceLang,
    targetLang: options.targetLang,
    original: options.original,
    groups,
  };
}

/** Prefix of the context note, so readers can tell it from other notes. */
export const CONTEXT_NOTE_PREFIX = 'Context: ';

/**
 * `Context: paragraph 3, sentence 2 of 3. Before: …。 After: …。` — what a translator needs to
 * translate one sentence of a paragraph well, in the one place every CAT tool shows (a note).
 */
export function contextNote(before: string, after: string, where: { paragraph: number; sentence: number; of: number }): string | undefined {
  if (before === '' && after === '') return undefined;
  let note = `${CONTEXT_NOTE_PREFIX}paragraph ${where.paragraph}, sentence ${where.sentence} of ${where.of}.`;
  if (before !== '') note += ` Before: ${before}`;
  if (after !== '') note += ` After: ${after}`;
  return note;
}
