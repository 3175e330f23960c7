import type { BilingualDocument, KiokuError, Lang, Prefill, Result, Revision, XliffVersion } from '../model.js';
import { err, ok } from '../model.js';
import { segment } from '../segment/index.js';
import { documentFromRevision } from './document.js';
import { readXliff } from './read.js';
import { writeXliff } from './write.js';

export interface ExportInput {
  /** The decoded source text. */
  readonly text: string;
  /** Name for messages (the path as the user typed it). */
  readonly file: string;
  /** Written as `original`: the source file's name. */
  readonly original: string;
}

export interface ExportOptions {
  /** Source language; detected from the script when absent. */
  readonly sourceLang?: Lang;
  readonly targetLang: Lang;
  readonly version: XliffVersion;
  readonly copySource?: boolean;
  readonly approveExact?: boolean;
  /** Pre-filled targets and candidates per segment index (memory leverage, carried-over translations). */
  readonly prefill?: (segmentIndex: number, revision: Revision) => Prefill | undefined;
  /** Which segments become units (all by default; e.g. only the changed ones). */
  readonly include?: (segmentIndex: number, revision: Revision) => boolean;
}

export interface ExportPlan {
  readonly revision: Revision;
  readonly document: BilingualDocument;
  /** The XLIFF file, checked by reading it back. */
  readonly xml: string;
  readonly units: number;
  readonly groups: number;
  /** Units that arrive with a target (pre-filled or copied source). */
  readonly withTarget: number;
}

/**
 * Everything `kioku export` does except reading and writing files: segment, build the bilingual
 * document, write XLIFF, and read the result back to check it carries every unit unchanged. Pure.
 * Errors from the writer are given the input file and the line of the paragraph the unit comes from.
 */
export function planExport(input: ExportInput, options: ExportOptions): Result<ExportPlan> {
  return planExportOf(segment(input.text, options.sourceLang ? { lang: options.sourceLang } : {}), input, options);
}

/**
 * `planExport` of a text already segmented (with `options.sourceLang` when given): a caller that needs
 * the revision before the plan (memory leverage, carry-over) segments once and passes it here.
 */
export function planExportOf(revision: Revision, input: Omit<ExportInput, 'text'>, options: ExportOptions): Result<ExportPlan> {
  const sourceLang = options.sourceLang ?? revision.lang;
  const prefill = options.prefill;
  const include = options.include;
  const full = documentFromRevision(revision, {
    original: input.original,
    sourceLang,
    targetLang: options.targetLang,
    version: options.version,
    ...(prefill ? { prefill: (i: number) => prefill(i, revision) } : {}),
  });
  const document = include ? filterUnits(full, revision, (i) => include(i, revision)) : full;
  const units = document.groups.reduce((n, g) => n + g.units.length, 0);
  if (units === 0) {
    return err({ code: 'content', message: include ? 'no segment to export (none selected)' : 'the file has no text to export', file: input.file });
  }
  const xml = writeXliff(document, {
    version: options.version,
    ...(options.copySource ? { copySource: true } : {}),
    ...(options.approveExact ? { approveExact: true } : {}),
  });
  if (!xml.ok) return err(locate(xml.error, input.file, revision));
  const checked = verifyExport(xml.value, document, options.version);
  if (!checked.ok) return checked;
  const withTarget = checked.value.groups.reduce((n, g) => n + g.units.filter((u) => u.target !== undefined).length, 0);
  return ok({ revision, document, xml: xml.value, units, groups: document.groups.length, withTarget });
}

function filterUnits(doc: BilingualDocument, revision: Revision, keep: (i: number) => boolean): BilingualDocument {
  const indexOf = new Map(revision.segments.map((s, i) => [s.id, i]));
  const groups = doc.groups.map((g) => ({ ...g, units: g.units.filter((u) => keep(indexOf.get(u.id)!)) })).filter((g) => g.units.length > 0);
  return { ...doc, groups };
}

function locate(e: KiokuError, file: string, revision: Revision): KiokuError {
  const seg = e.unit !== undefined ? revision.segments.find((s) => s.id === e.unit) : undefined;
  const line = seg ? revision.paragraphs[seg.paragraph]?.line : undefined;
  return { ...e, file, ...(line !== undefined ? { line } : {}) };
}

/**
 * Reads an export back with kioku's own reader and compares it with the document it was written from:
 * the same units in the same order with the same ids, sources (NFC) and targets. A failure here is a
 * bug in kioku, reported rather than written.
 */
export function verifyExport(xml: string, doc: BilingualDocument, version: XliffVersion): Result<BilingualDocument> {
  const fail = (message: string, unit?: string): Result<never> =>
    err({
      code: 'xliff',
      message: `the export failed its self-check: ${message}`,
      ...(unit !== undefined ? { unit } : {}),
      hint: 'nothing was written; please report this',
    });
  const back = readXliff(xml, { file: 'the export', version, limits: { maxElements: Infinity, maxTextLength: Infinity } });
  if (!back.ok) return fail(back.error.message, back.error.unit);
  const expected = doc.groups.flatMap((g) => g.units);
  const actual = back.value.groups.flatMap((g) => g.units);
  if (actual.length !== expected.length) return fail(`${actual.length} units read back, ${expected.length} written`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (a.id !== e.id) return fail(`unit ${i + 1} reads back as ${a.id}`, e.id);
    if (a.source !== e.source.normalize('NFC')) return fail('the source reads back differently', e.id);
    if (e.target !== undefined && a.target !== e.target.normalize('NFC')) return fail('the target reads back differently', e.id);
  }
  return back;
}
