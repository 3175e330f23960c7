/**
 * What an alignment becomes: memory records (for `--import` and `--tmx`) and a bilingual document (for
 * `--xliff`), with the workflow state decided by the link's confidence. Pure.
 */
import type { AlignedPair, BilingualDocument, Lang, Prefill, Revision, TranslationUnit, UnitState } from '../model.js';
import { unitId } from '../memory/content.js';
import { documentFromRevision } from '../xliff/document.js';
import { sentenceSeparator } from '../text/lang.js';

/**
 * Links scoring below this are stored and exported as `needs-review`, the rest as `translated`.
 * Calibrated on the Kyoto sample and the article (plain and with one paragraph event each): links at or
 * above it were correct 99.8% of the time, and it flags 3 in 4 of the wrong links for 6% of all links
 * (README-align.md).
 */
export const DEFAULT_REVIEW_BELOW = 0.9;

export function stateFor(pair: AlignedPair, reviewBelow: number = DEFAULT_REVIEW_BELOW): UnitState {
  return pair.score >= reviewBelow ? 'translated' : 'needs-review';
}

/**
 * The text of some segments of a revision: within a paragraph exactly as written between them; across
 * paragraphs joined by the language's seam rule (`sentenceSeparator`: nothing between Japanese or
 * Chinese sentences, a space otherwise).
 */
export function joinedText(revision: Revision, indices: readonly number[]): string {
  let out = '';
  let k = 0;
  while (k < indices.length) {
    const first = revision.segments[indices[k]!]!;
    let last = first;
    while (k + 1 < indices.length && revision.segments[indices[k + 1]!]!.paragraph === first.paragraph) last = revision.segments[indices[++k]!]!;
    const line = revision.paragraphs[first.paragraph]!.text;
    const text = line.slice(first.start, last.end);
    out += (out === '' ? '' : sentenceSeparator(revision.lang, out, text)) + text;
    k++;
  }
  return out;
}

export interface AlignmentUnitsOptions {
  /** Name of the source document, as `kioku export` records it (the file's base name). */
  readonly document: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  /** ISO timestamp for created/changed. */
  readonly now: string;
  readonly reviewBelow?: number;
  readonly author?: string;
}

/**
 * Memory records for the links that have both sides. Each record carries the provenance an export of
 * the same source file looks for (document, segment id of its first sentence, the segment ids before and
 * after it), so re-exporting the source finds its translations as in-context (101) matches.
 */
export function alignmentUnits(source: Revision, target: Revision, pairs: readonly AlignedPair[], options: AlignmentUnitsOptions): TranslationUnit[] {
  const units: TranslationUnit[] = [];
  for (const pair of pairs) {
    if (pair.source.length === 0 || pair.target.length === 0) continue;
    const first = pair.source[0]!;
    const last = pair.source[pair.source.length - 1]!;
    const segment = source.segments[first]!.id;
    const text = joinedText(source, pair.source);
    const prev = source.segments[first - 1]?.id;
    const next = source.segments[last + 1]?.id;
    units.push({
      id: unitId(options.sourceLang, options.targetLang, options.document, segment, text),
      sourceLang: options.sourceLang,
      targetLang: options.targetLang,
      source: text,
      target: joinedText(target, pair.target),
      state: stateFor(pair, options.reviewBelow),
      provenance: {
        document: options.document,
        segment,
        ...(prev !== undefined ? { prev } : {}),
        ...(next !== undefined ? { next } : {}),
        created: options.now,
        changed: options.now,
        ...(options.author !== undefined ? { author: options.author } : {}),
      },
    });
  }
  // The same source sentence aligned twice in one document (a repeated caption) gets one record: the
  // ids are equal, and the memory keeps ids unique.
  const byId = new Map<string, TranslationUnit>();
  for (const u of units) if (!byId.has(u.id)) byId.set(u.id, u);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface AlignmentDocumentOptions {
  readonly original: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly reviewBelow?: number;
}

/**
 * The source document as XLIFF units pre-filled with the aligned translation. A unit's state follows
 * the link's confidence; links that are not one source sentence (2-1, 2-2…) give their whole translation
 * to the first sentence as needs-review and leave the others empty with a note, since a sentence-level
 * unit cannot hold half a translation; sentences without a translation say so in a note, and target
 * sentences without a source are noted on the unit before them.
 */
export function alignmentDocument(source: Revision, target: Revision, pairs: readonly AlignedPair[], options: AlignmentDocumentOptions): BilingualDocument {
  const fills = new Map<number, Prefill>();
  const extraNotes = new Map<number, string[]>();
  const note = (i: number, text: string) => {
    const list = extraNotes.get(i);
    if (list) list.push(text);
    else extraNotes.set(i, [text]);
  };
  let lastSource = -1;
  for (const pair of pairs) {
    const score = pair.score.toFixed(2);
    if (pair.source.length === 0) {
      // Target text with no source: tell the reviewer where it was (before the first sentence, if so).
      const text = joinedText(target, pair.target);
      if (lastSource >= 0) note(lastSource, `Alignment: the translation continues with text that matches no source sentence: ${text}`);
      else if (source.segments.length > 0) note(0, `Alignment: the translation starts with text that matches no source sentence: ${text}`);
      continue;
    }
    lastSource = pair.source[pair.source.length - 1]!;
    const first = pair.source[0]!;
    if (pair.target.length === 0) {
      note(first, 'Alignment: no translation of this sentence was found in the target text.');
      continue;
    }
    const shape = `${pair.source.length}-${pair.target.length}`;
    const state = pair.source.length === 1 ? stateFor(pair, options.reviewBelow) : 'needs-review';
    const notes = [`Alignment: ${shape} link, confidence ${score}.`];
    if (pair.source.length > 1) notes.push(`Alignment: this translation also covers the next ${pair.source.length - 1} sentence(s).`);
    fills.set(first, { target: joinedText(target, pair.target), state, candidates: [], notes });
    for (const other of pair.source.slice(1)) {
      note(other, `Alignment: translated together with the previous sentence (unit ${source.segments[first]!.id}).`);
    }
  }
  return documentFromRevision(source, {
    original: options.original,
    sourceLang: options.sourceLang,
    targetLang: options.targetLang,
    prefill: (i) => {
      const fill = fills.get(i);
      const extra = extraNotes.get(i) ?? [];
      if (fill) return { ...fill, notes: [...(fill.notes ?? []), ...extra] };
      return extra.length > 0 ? { state: 'initial', candidates: [], notes: extra } : undefined;
    },
  });
}
