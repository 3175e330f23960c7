import type { AlignedPair, KiokuError, Lang, Result, Revision, TranslationUnit, XliffVersion } from '../model.js';
import { err, ok } from '../model.js';
import type { Memory } from '../memory/shapes.js';
import type { MemoryStore } from '../memory/store.js';
import { segment } from '../segment/index.js';
import { align } from '../align/index.js';
import { alignmentDocument, alignmentUnits, DEFAULT_REVIEW_BELOW } from '../align/output.js';
import { upsertUnits } from '../memory/index.js';
import { writeTmx } from '../tmx/index.js';
import { writeXliff } from '../xliff/index.js';

/** A text to align: its decoded content and the name the user gave it (for messages). */
export interface AlignText {
  readonly name: string;
  readonly text: string;
}

export interface AlignJobInput {
  readonly source: AlignText;
  readonly target: AlignText;
  /** The document name of the source: provenance of the units, `original` of the XLIFF (the file's base name). */
  readonly document: string;
  /** The languages; each detected from its text's script when absent. */
  readonly sourceLang?: Lang;
  readonly targetLang?: Lang;
  /** Confidence under which a pair is needs-review (default DEFAULT_REVIEW_BELOW). */
  readonly reviewBelow?: number;
  /** Recorded on the units (TMX and import). */
  readonly author?: string;
  /** ISO time stamped on the units and the TMX header. */
  readonly now: string;
  /** The tool's version, for the TMX header. */
  readonly toolVersion: string;
  /** Which outputs to build: a TMX, an XLIFF of this version, the units for `importAlignmentJob`. */
  readonly tmx?: boolean;
  readonly xliff?: XliffVersion;
  readonly import?: boolean;
  /**
   * Asked once, with the number of sentences of both texts, before the alignment runs: returns the
   * function to call with the alignment's progress (rows done / total), or nothing for no progress.
   */
  readonly progress?: (sentences: number) => ((done: number, total: number) => void) | undefined;
}

/**
 * The memory an alignment is anchored by: a store that is there, none, or one that cannot be used
 * (the error is returned after the texts are checked, in the order the command has always reported).
 */
export type AlignMemory = { readonly store: MemoryStore } | { readonly store?: undefined; readonly unusable?: KiokuError };

export interface AlignJob {
  readonly source: Revision;
  readonly target: Revision;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly reviewBelow: number;
  readonly pairs: readonly AlignedPair[];
  /** The TMX document, when asked for (built and checked). */
  readonly tmx?: string;
  /** The XLIFF document, when asked for (built and checked). */
  readonly xliff?: string;
  /** The memory records of the linked pairs, when asked for (`import`). */
  readonly units?: readonly TranslationUnit[];
}

/**
 * `kioku align` up to the files: segments both texts, refuses texts that cannot be aligned, anchors
 * the alignment on the memory's known pairs (when there is a memory) and builds every requested
 * output, so that nothing is written when one of them fails.
 */
export function alignJob(input: AlignJobInput, memory: AlignMemory): Result<AlignJob> {
  const source = segment(input.source.text, input.sourceLang ? { lang: input.sourceLang } : {});
  const target = segment(input.target.text, input.targetLang ? { lang: input.targetLang } : {});
  const sourceLang = input.sourceLang ?? source.lang;
  const targetLang = input.targetLang ?? target.lang;
  if (input.sourceLang === undefined && input.targetLang === undefined && sourceLang === targetLang) {
    return err({ code: 'usage', message: `both texts look like ${sourceLang}`, hint: 'name the languages with --source-lang and --target-lang' });
  }
  for (const [file, rev] of [
    [input.source.name, source],
    [input.target.name, target],
  ] as const) {
    if (rev.segments.length === 0) {
      return err({ code: 'usage', message: 'the file has no text to align', file, hint: 'give a text file with one paragraph per line' });
    }
  }
  const reviewBelow = input.reviewBelow ?? DEFAULT_REVIEW_BELOW;

  // The memory's known pairs anchor the alignment.
  if (!memory.store && memory.unusable) return err(memory.unusable);
  let loaded: Memory | undefined;
  if (memory.store) {
    const read = memory.store.load();
    if (!read.ok) return read;
    loaded = read.value;
  }

  const onProgress = input.progress?.(source.segments.length + target.segments.length);
  const pairs = align(source, target, {
    sourceLang,
    targetLang,
    ...(loaded ? { memory: loaded } : {}),
    ...(onProgress ? { onProgress } : {}),
  });

  const { document, now } = input;
  const units =
    input.tmx || input.import
      ? alignmentUnits(source, target, pairs, { document, sourceLang, targetLang, now, reviewBelow, ...(input.author ? { author: input.author } : {}) })
      : undefined;
  let tmx: string | undefined;
  if (input.tmx) {
    const written = writeTmx(units!, { creationtool: 'kioku', creationtoolversion: input.toolVersion, now });
    if (!written.ok) return written;
    tmx = written.value;
  }
  let xliff: string | undefined;
  if (input.xliff) {
    const doc = alignmentDocument(source, target, pairs, { original: document, sourceLang, targetLang, reviewBelow });
    const written = writeXliff({ ...doc, version: input.xliff }, { version: input.xliff });
    if (!written.ok) return written;
    xliff = written.value;
  }
  return ok({
    source,
    target,
    sourceLang,
    targetLang,
    reviewBelow,
    pairs,
    ...(tmx !== undefined ? { tmx } : {}),
    ...(xliff !== undefined ? { xliff } : {}),
    ...(input.import ? { units: units! } : {}),
  });
}

/** What `importAlignmentJob` stored. */
export interface AlignImport {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Units stored as needs-review (links under the review threshold). */
  readonly review: number;
}

/** `kioku align --import`: stores the aligned units (`AlignJob.units`) in the memory, all-or-nothing. */
export function importAlignmentJob(store: MemoryStore, units: readonly TranslationUnit[]): Result<AlignImport> {
  const result = store.update((content) => ok(upsertUnits(content, units)));
  if (!result.ok) return result;
  const { report } = result.value;
  return ok({
    added: report.added.length,
    updated: report.updated.length,
    unchanged: report.unchanged.length,
    review: units.filter((u) => u.state === 'needs-review').length,
  });
}
