import type { Lang, Result, Revision, XliffVersion } from '../model.js';
import type { Memory } from '../memory/shapes.js';
import { err, ok } from '../model.js';
import type { MemoryStore } from '../memory/store.js';
import { segment } from '../segment/index.js';
import { planExportOf, type ExportOptions, type ExportPlan } from '../xliff/export.js';
import { planCarry, type SinceLast } from '../diff/index.js';
import { DEFAULT_THRESHOLD, leverage, recordExport } from '../memory/index.js';

/** What `kioku export` was asked for, as values: the decoded text and the options. */
export interface ExportJobInput {
  /** The decoded source text. */
  readonly text: string;
  /** The input's name as the user typed it (for messages). */
  readonly file: string;
  /** The document name: XLIFF `original` and the key of the export record (the file's base name). */
  readonly document: string;
  readonly sourceLang?: Lang;
  readonly targetLang: Lang;
  readonly version: XliffVersion;
  readonly copySource?: boolean;
  /** Lowest fuzzy score pre-filled from the memory (default 75). */
  readonly threshold?: number;
  /** 101/100 matches as final instead of translated. */
  readonly approveExact?: boolean;
  readonly changedOnly?: boolean;
  readonly lightChanges?: 'review' | 'keep';
}

/** The memory an export leverages: none, or a store (with its location as shown, for messages). */
export type ExportMemory = { readonly store: MemoryStore } | { readonly store?: undefined; readonly location: string };

/** The export record to store once the XLIFF is safely written (see `recordExportJob`). */
export interface ExportRecordDraft {
  readonly document: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  /** The revision as exported: segments and paragraphs only. */
  readonly revision: Revision;
}

export interface ExportJob {
  readonly plan: ExportPlan;
  /** What changed since the document's last export, when it was exported with this memory before. */
  readonly since?: SinceLast;
  /** The record to store with `recordExportJob`; undefined without a memory. */
  readonly record?: ExportRecordDraft;
}

/**
 * `kioku export` up to the file: segment the text (once), leverage the memory, carry the translations
 * of the last exported revision forward, build and verify the XLIFF. With `changedOnly`, a memory is
 * needed. The file and the export record are written by the caller (the file is staged first, then
 * `recordExportJob`, then the file committed: the pair is all-or-nothing).
 */
export function exportJob(input: ExportJobInput, memory: ExportMemory): Result<ExportJob> {
  const revision = segment(input.text, input.sourceLang ? { lang: input.sourceLang } : {});
  const doc = { document: input.document, sourceLang: input.sourceLang ?? revision.lang, targetLang: input.targetLang };
  let loaded: Memory | undefined;
  if (memory.store) {
    const read = memory.store.load();
    if (!read.ok) return read;
    loaded = read.value;
  }
  if (input.changedOnly && !loaded) {
    return err({
      code: 'usage',
      message: `--changed-only needs a memory, and there is none at ${memory.store ? memory.store.location : memory.location}`,
      hint: 'give --memory DIR',
    });
  }
  let options: ExportOptions = {
    ...(input.sourceLang ? { sourceLang: input.sourceLang } : {}),
    targetLang: input.targetLang,
    version: input.version,
    ...(input.copySource ? { copySource: true } : {}),
    ...(input.approveExact ? { approveExact: true } : {}),
  };
  let since: SinceLast | undefined;
  if (loaded) {
    const prefill = leverage(loaded, revision, {
      ...doc,
      threshold: input.threshold ?? DEFAULT_THRESHOLD,
      ...(input.approveExact ? { approveExact: true } : {}),
    });
    const carry = planCarry(loaded, revision, doc, prefill, {
      ...(input.changedOnly ? { changedOnly: true } : {}),
      ...(input.lightChanges ? { lightChanges: input.lightChanges } : {}),
    });
    if (!carry.ok) return carry;
    const { include } = carry.value;
    options = { ...options, prefill: (i: number) => carry.value.prefill(i), ...(include ? { include: (i: number) => include(i) } : {}) };
    since = carry.value.since;
  }
  const plan = planExportOf(revision, { file: input.file, original: input.document }, options);
  if (!plan.ok) return plan;
  const record: ExportRecordDraft | undefined = loaded
    ? { ...doc, revision: { lang: revision.lang, paragraphs: revision.paragraphs, segments: revision.segments } }
    : undefined;
  return ok({ plan: plan.value, ...(since ? { since } : {}), ...(record ? { record } : {}) });
}

/**
 * Stores the record of an export at `now` (ISO time). Only the export records are read and written:
 * a large memory's unit shards stay untouched. Re-recording the same revision changes nothing.
 */
export function recordExportJob(store: MemoryStore, record: ExportRecordDraft, now: string): Result<null> {
  const stored = store.updateSelected(() => ({
    ok: true,
    value: {
      units: [],
      apply: (content) => ({
        ok: true,
        value: {
          content: recordExport(content, {
            document: record.document,
            sourceLang: record.sourceLang,
            targetLang: record.targetLang,
            exported: now,
            revision: record.revision,
          }),
          report: null,
        },
      }),
    },
  }));
  return stored.ok ? ok(null) : stored;
}
