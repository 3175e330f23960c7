/**
 * Planning an import of translated bilingual documents into a memory. Pure: the current content and
 * the documents in, either the new content with its buckets or every rejected unit out — nothing is
 * imported unless the whole input is valid.
 */
import type {
  BilingualDocument,
  BilingualUnit,
  CharDiff,
  ExportRecord,
  InlineTag,
  Lang,
  MemoryContent,
  SegmentId,
  TranslationUnit,
  UnitState,
} from '../model.js';
import { APPROVED_STATES } from '../model.js';
import { baseId } from '../segment/id.js';
import { describeCodePoint, findIllegalXmlChar } from '../xml/chars.js';
import { clip } from '../text/clip.js';
import { scriptContradiction, type Script } from '../text/script-fit.js';
import { lastExport, sameLanguage, unitId, upsertUnits } from './content.js';

export interface ImportInput {
  /** The file name as the user gave it (for messages). */
  readonly file: string;
  readonly document: BilingualDocument;
}

export interface ImportOptions {
  /** Reject unit ids the memory does not know from the document's export. */
  readonly strict?: boolean;
  /** ISO time stamped on new and changed records. */
  readonly now: string;
  readonly author?: string;
  /** Expected target language (`--target-lang`); otherwise the exported one, if any. */
  readonly targetLang?: Lang;
  /**
   * Also store units that look translated but were never marked so (`--accept-unreviewed`): a target
   * other than the source and other than the candidates it was exported with, in a state below
   * translated (OmegaT 3.6 leaves `state="needs-translation"` on the targets it fills). They are
   * stored as needs-review: offered as candidates, never as approved 100% translations.
   */
  readonly acceptUnreviewed?: boolean;
  /**
   * The source language the user names (`--source-lang`): it replaces what the files declare, and the
   * declared language is then not checked against the script of the sources (the user has decided).
   */
  readonly sourceLang?: Lang;
}

export type RejectReason = 'source-changed' | 'target-language' | 'source-language' | 'duplicate-id' | 'unknown-id' | 'inline-codes' | 'character';

export interface Rejection {
  readonly file: string;
  readonly line?: number;
  readonly unit?: string;
  /** When the unit is one segment of a CAT unit (BilingualUnit.part): which, for messages. */
  readonly part?: { readonly unit: string; readonly segment: string };
  readonly reason: RejectReason;
  readonly message: string;
  /** How to fix it, when the line should say more than the summary's "fix the files". */
  readonly hint?: string;
  /** For a changed source: exported text → returned text. */
  readonly diff?: readonly CharDiff[];
}

export interface FileReport {
  /** The path of the XLIFF file; a file of several `<file>`s has one report per document. */
  readonly file: string;
  readonly document: string;
  /** The document is a 2.0 `<file>` without `original`, named by its `id` (BilingualDocument.originalFromId). */
  readonly originalFromId?: true;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  /** Of the skipped: units that look translated but are not marked so (see `acceptUnreviewed`). */
  readonly unreviewed: number;
  /**
   * Of those, the ones a CAT tool's own status held back, by the producer's word
   * (`mq:status="PartiallyEdited"` → 3); absent when none, so hints can name the tool, not guess one.
   */
  readonly unreviewedAs?: Readonly<Record<string, number>>;
  /** Of the skipped: units marked `translate="no"` (not content; the reader only counts them). */
  readonly notTranslatable: number;
  /** Of the stored: units taken as needs-review with `acceptUnreviewed`. */
  readonly acceptedUnreviewed: number;
}

export interface ImportReport {
  readonly files: readonly FileReport[];
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly unreviewed: number;
  readonly notTranslatable: number;
  readonly acceptedUnreviewed: number;
  readonly rejected: number;
}

export type ImportPlan =
  | { readonly ok: true; readonly content: MemoryContent; readonly report: ImportReport }
  | { readonly ok: false; readonly rejections: readonly Rejection[] };

/** A character diff function (src/diff's charDiff), passed in so this module stays small. */
export type DiffFn = (a: string, b: string) => CharDiff[];

const OUR_ID = /^([0-9a-f]{12})(\.\d+)?$/;

/** The units an import will store, checked against the export records; nothing read from the units yet. */
export interface PreparedImport {
  readonly incoming: readonly TranslationUnit[];
  /**
   * Ids of the incoming units taken as needs-review by `acceptUnreviewed`. Such a unit never
   * downgrades an approved record with the same target: the translator left it as it was.
   */
  readonly unreviewed?: readonly string[];
  readonly files: ReadonlyArray<{
    readonly file: string;
    readonly document: string;
    readonly originalFromId?: true;
    readonly ids: readonly string[];
    readonly skipped: number;
    readonly unreviewed: number;
    readonly unreviewedAs?: Readonly<Record<string, number>>;
    readonly notTranslatable: number;
    readonly acceptedUnreviewed: number;
  }>;
}

/**
 * Everything an import decides without the stored units: rejections (they depend on the export
 * records only) and the units to store. A store can then read just the files those units live in.
 *
 * A unit that would be stored is also rejected when the memory could not hold it faithfully: inline
 * codes in its source or target (the reader keeps them beside the text, which alone would be stored
 * as `Click ` for `Click <ph id="1">%s</ph>`; the memory holds plain text until codes are content),
 * or a character XML 1.0 cannot carry (the memory's XLIFF 1.2 and TMX exports could not write it).
 * Units that are skipped are not stored, so their codes lose nothing and reject nothing.
 */
export function prepareImport(
  memory: { readonly exports: readonly ExportRecord[] },
  inputs: readonly ImportInput[],
  options: ImportOptions,
  diff: DiffFn,
): { ok: true; value: PreparedImport } | { ok: false; rejections: readonly Rejection[] } {
  const rejections: Rejection[] = [];
  const incoming: TranslationUnit[] = [];
  const perFile: Array<{
    file: string;
    document: string;
    originalFromId?: true;
    ids: string[];
    skipped: number;
    unreviewed: number;
    unreviewedAs?: Record<string, number>;
    notTranslatable: number;
    acceptedUnreviewed: number;
  }> = [];
  const seenAcross = new Map<string, string>();
  const unreviewed: string[] = [];
  for (const input of inputs) {
    const file = input.file;
    const doc = options.sourceLang !== undefined ? { ...input.document, sourceLang: options.sourceLang } : input.document;
    const record = lastExport(memory, doc.original, { sourceLang: doc.sourceLang });
    const notTranslatable = doc.notTranslatable ?? 0;
    const entry: (typeof perFile)[number] = {
      file,
      document: doc.original,
      ...(doc.originalFromId ? { originalFromId: true as const } : {}),
      ids: [],
      skipped: notTranslatable,
      unreviewed: 0,
      notTranslatable,
      acceptedUnreviewed: 0,
    };
    perFile.push(entry);
    const expected = options.targetLang ?? record?.targetLang;
    if (expected !== undefined && !sameLanguage(expected, doc.targetLang)) {
      rejections.push({
        file,
        reason: 'target-language',
        message: `the file's target language is ${doc.targetLang}, but ${doc.original} was ${options.targetLang ? 'expected in' : 'exported for'} ${expected}`,
      });
      continue;
    }
    const sourceLang = record?.sourceLang ?? doc.sourceLang;
    const targetLang = record?.targetLang ?? doc.targetLang;
    const units = doc.groups.flatMap((g) => g.units);
    // A document kioku exported carries the languages the user gave then (its record): only other
    // tools' files are checked, and only when the user has not named the language.
    const misfiled = options.sourceLang === undefined && record === undefined ? checkSourceScript(doc.sourceLang, units, file) : undefined;
    if (misfiled) {
      rejections.push(misfiled);
      continue;
    }
    const order = record ? exportedOrder(record) : new Map<SegmentId, number>(units.map((u, i) => [u.id, i] as const));
    const sequence: readonly SegmentId[] = record ? record.revision.segments.map((s) => s.id) : units.map((u) => u.id);
    const exported = record ? new Map(record.revision.segments.map((s) => [s.id, s.text] as const)) : undefined;
    const seen = new Set<string>();
    for (const u of units) {
      const key = `${doc.original}\u0000${u.id}`;
      if (seen.has(u.id) || seenAcross.has(key)) {
        rejections.push({
          file,
          line: u.line,
          unit: u.id,
          ...partOf(u),
          reason: 'duplicate-id',
          message: seen.has(u.id) ? 'a second unit with this id in the file' : `the same unit id also comes from ${seenAcross.get(key)}`,
        });
        continue;
      }
      seen.add(u.id);
      seenAcross.set(key, file);
      const decision = storedAs(u, options.acceptUnreviewed === true);
      // Checked before the source: a source whose codes were read apart from its text differs from
      // the exported text, and "the translator changed the source" would name the wrong cause.
      const unstorable = decision.store ? checkStorable(u, file) : undefined;
      if (unstorable) {
        rejections.push(unstorable);
        continue;
      }
      const rejection = checkSource(u, file, doc.original, exported, options.strict === true, diff);
      if (rejection) {
        rejections.push(rejection);
        continue;
      }
      if (!decision.store) {
        entry.skipped++;
        if (decision.unreviewed) {
          entry.unreviewed++;
          // The word that held it back: a CAT tool's status, or, in a file kioku never exported (so not
          // the OmegaT round trip of a --copy-source export), its XLIFF state; none for that round trip.
          const word = u.producerState ?? (record === undefined ? 'XLIFF state below translated' : undefined);
          if (word !== undefined) {
            // Prototype-less: the keys are kioku's words, but a word quotes a value from the file.
            const as = (entry.unreviewedAs ??= Object.create(null) as Record<string, number>);
            as[word] = (as[word] ?? 0) + 1;
          }
        }
        continue;
      }
      const state = decision.state;
      const i = order.get(u.id);
      const prev = i !== undefined ? sequence[i - 1] : undefined;
      const next = i !== undefined ? sequence[i + 1] : undefined;
      const id = unitId(sourceLang, targetLang, doc.original, u.id, u.source);
      entry.ids.push(id);
      if (decision.acceptedUnreviewed) {
        entry.acceptedUnreviewed++;
        unreviewed.push(id);
      }
      incoming.push({
        id,
        sourceLang,
        targetLang,
        source: u.source,
        target: u.target!,
        state,
        provenance: {
          document: doc.original,
          segment: u.id,
          ...(prev !== undefined ? { prev } : {}),
          ...(next !== undefined ? { next } : {}),
          created: options.now,
          changed: options.now,
          ...(options.author !== undefined ? { author: options.author } : {}),
        },
      });
    }
  }
  if (rejections.length > 0) return { ok: false, rejections };
  return { ok: true, value: { incoming, files: perFile, ...(unreviewed.length > 0 ? { unreviewed } : {}) } };
}

/**
 * Whether a unit is stored, and as what (a `locked` unit like any other: the lock is the producing
 * tool's, recorded by the reader; it decides nothing here yet): approved states as they are; a translation nobody marked as
 * one as needs-review with `acceptUnreviewed` (else skipped and counted as unreviewed); no target, a
 * blank one, or one that is not a translation (a copy of the source, an untouched candidate) skipped.
 */
function storedAs(
  u: BilingualUnit,
  acceptUnreviewed: boolean,
): { store: true; state: UnitState; acceptedUnreviewed: boolean } | { store: false; unreviewed: boolean } {
  if (u.target === undefined || u.target.trim() === '') return { store: false, unreviewed: false };
  if ((APPROVED_STATES as readonly string[]).includes(u.state)) return { store: true, state: u.state, acceptedUnreviewed: false };
  if (!looksTranslated(u)) return { store: false, unreviewed: false };
  return acceptUnreviewed ? { store: true, state: 'needs-review', acceptedUnreviewed: true } : { store: false, unreviewed: true };
}

/** A rejection's `part`: the CAT unit and segment a segment's unit came from. */
function partOf(u: BilingualUnit): { part?: { unit: string; segment: string } } {
  return u.part ? { part: { unit: u.part.unit, segment: u.part.segment } } : {};
}

/** How many codes a rejection line names before it says how many more there are. */
const CODES_NAMED = 3;

/** `<ph id="1">, <x id="2"> and 3 more`: the opening and standalone codes, as the file names them. */
function describeCodes(tags: readonly InlineTag[]): string {
  // Opening and standalone codes name a pair once; a unit with closing halves only (an `<ex/>` whose
  // `<bx/>` is in another unit) names those.
  const opening = tags.filter((t) => t.kind !== 'close');
  const named = (opening.length > 0 ? opening : tags).map((t) => `<${t.name}${t.id !== '' ? ` id="${clip(t.id, 40)}"` : ''}>`);
  const distinct = [...new Set(named)];
  const shown = distinct.slice(0, CODES_NAMED).join(', ');
  return distinct.length > CODES_NAMED ? `${shown} and ${distinct.length - CODES_NAMED} more` : shown;
}

/** Why a unit that would be stored cannot be stored faithfully, if it cannot. */
function checkStorable(u: BilingualUnit, file: string): Rejection | undefined {
  const at = { file, line: u.line, unit: u.id, ...partOf(u) };
  const source = u.sourceTags ?? [];
  const target = u.targetTags ?? [];
  if (source.length > 0 || target.length > 0) {
    const where = source.length > 0 && target.length > 0 ? 'the source and the target have' : source.length > 0 ? 'the source has' : 'the target has';
    return {
      ...at,
      reason: 'inline-codes',
      message: `${where} inline codes (${describeCodes([...source, ...target])}); kioku cannot store inline codes yet, so nothing was imported`,
      hint: 'leave this unit untranslated (or translate it without codes) and import again; its text alone would lose the codes',
    };
  }
  // The reader refuses a <cp> of such a character at its position (`forMemory`); this is the wall for
  // documents that came another way.
  for (const [what, text] of [
    ['source', u.source],
    ['target', u.target ?? ''],
  ] as const) {
    const bad = findIllegalXmlChar(text);
    if (bad) {
      return {
        ...at,
        reason: 'character',
        message: `the ${what} holds ${describeCodePoint(bad.codePoint)}, which XLIFF 1.2 and TMX cannot carry`,
        hint: 'remove it; kioku stores only what it can write back',
      };
    }
  }
  return undefined;
}

/**
 * A unit that holds a translation nobody marked as one: a target other than the source (OmegaT and
 * `--copy-source` start from a copy) and other than every candidate it carries (an untouched fuzzy
 * pre-fill is another sentence's translation).
 */
export function looksTranslated(u: BilingualUnit): boolean {
  if (u.target === undefined) return false;
  const target = u.target.normalize('NFC').trim();
  if (target === '' || target === u.source.normalize('NFC').trim()) return false;
  return !u.candidates.some((c) => c.target.normalize('NFC').trim() === target);
}

/**
 * A declared source language that the sources' script contradicts (src/text/script-fit.ts): the
 * units would be filed under a pair nobody looks them up in. One rejection per document, naming the
 * first unit that shows it; `--source-lang` overrides the declaration.
 */
function checkSourceScript(declared: Lang, units: readonly BilingualUnit[], file: string): Rejection | undefined {
  const c = scriptContradiction(
    declared,
    units.map((u) => u.source),
  );
  if (!c) return undefined;
  const u = units[c.first]!;
  const pct = Math.round((100 * c.inUsual) / c.letters);
  return {
    file,
    line: u.line,
    unit: u.id,
    reason: 'source-language',
    message: `the file declares the source language ${declared}, but its sources are written in ${c.suggest === 'ja' ? 'Japanese kanji and kana' : SCRIPT_NAMES[c.seen]} (${pct}% of ${c.letters} letters in ${c.usual.map((s) => SCRIPT_NAMES[s]).join(' or ')})`,
    hint: `pass --source-lang with the language the sources are written in (e.g. --source-lang ${c.suggest}), or fix the file's source-language`,
  };
}

const SCRIPT_NAMES: Readonly<Record<Script, string>> = {
  latin: 'Latin letters',
  han: 'Han characters',
  kana: 'kana',
  hangul: 'Hangul',
  cyrillic: 'Cyrillic',
  greek: 'Greek',
  arabic: 'Arabic',
  hebrew: 'Hebrew',
  thai: 'Thai',
  devanagari: 'Devanagari',
};

/** Stores prepared units into the content (which must hold at least every stored unit with their ids). */
export function applyImport(content: MemoryContent, prepared: PreparedImport): { content: MemoryContent; report: ImportReport } {
  const kept = keptApproved(content, prepared);
  const incoming = kept.size === 0 ? prepared.incoming : prepared.incoming.filter((u) => !kept.has(u.id));
  const { content: next, report } = upsertUnits(content, incoming);
  const bucket = (list: readonly TranslationUnit[]) => new Set(list.map((u) => u.id));
  const unreviewed = new Set(prepared.unreviewed ?? []);
  const added = bucket(report.added);
  const updated = bucket(report.updated);
  const files: FileReport[] = prepared.files.map((f) => ({
    file: f.file,
    document: f.document,
    ...(f.originalFromId ? { originalFromId: true as const } : {}),
    added: f.ids.filter((id) => added.has(id)).length,
    updated: f.ids.filter((id) => updated.has(id)).length,
    unchanged: f.ids.filter((id) => !added.has(id) && !updated.has(id)).length,
    skipped: f.skipped,
    unreviewed: f.unreviewed,
    ...(f.unreviewedAs ? { unreviewedAs: f.unreviewedAs } : {}),
    notTranslatable: f.notTranslatable,
    acceptedUnreviewed: f.ids.filter((id) => unreviewed.has(id) && !kept.has(id)).length,
  }));
  const sum = (k: 'added' | 'updated' | 'unchanged' | 'skipped' | 'unreviewed' | 'notTranslatable' | 'acceptedUnreviewed') =>
    files.reduce((s, f) => s + f[k], 0);
  return {
    content: next,
    report: {
      files,
      added: sum('added'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
      skipped: sum('skipped'),
      unreviewed: sum('unreviewed'),
      notTranslatable: sum('notTranslatable'),
      acceptedUnreviewed: sum('acceptedUnreviewed'),
      rejected: 0,
    },
  };
}

/**
 * The unreviewed incoming units (`acceptUnreviewed`) whose record is approved with the same target
 * (NFC, edges trimmed): the translator's tool reset the state (OmegaT 3.6 writes needs-translation on
 * every target it saves), the translation did not change, so the approved record stays as it is.
 */
function keptApproved(content: MemoryContent, prepared: PreparedImport): Set<string> {
  const kept = new Set<string>();
  if (!prepared.unreviewed || prepared.unreviewed.length === 0) return kept;
  const unreviewed = new Set(prepared.unreviewed);
  const incoming = new Map(prepared.incoming.filter((u) => unreviewed.has(u.id)).map((u) => [u.id, u] as const));
  const same = (a: string, b: string) => a.normalize('NFC').trim() === b.normalize('NFC').trim();
  for (const old of content.units) {
    const u = incoming.get(old.id);
    if (u && (APPROVED_STATES as readonly string[]).includes(old.state) && same(old.target, u.target)) kept.add(old.id);
  }
  return kept;
}

export function planImport(content: MemoryContent, inputs: readonly ImportInput[], options: ImportOptions, diff: DiffFn): ImportPlan {
  const prepared = prepareImport(content, inputs, options, diff);
  if (!prepared.ok) return prepared;
  return { ok: true, ...applyImport(content, prepared.value) };
}

function exportedOrder(record: ExportRecord): Map<SegmentId, number> {
  return new Map(record.revision.segments.map((s, i) => [s.id, i] as const));
}

/** The source must be what was exported (or, without an export record, still match its own id). */
function checkSource(
  u: BilingualUnit,
  file: string,
  document: string,
  exported: ReadonlyMap<SegmentId, string> | undefined,
  strict: boolean,
  diff: DiffFn,
): Rejection | undefined {
  const at = { file, line: u.line, unit: u.id, ...partOf(u) };
  if (exported) {
    const original = exported.get(u.id);
    if (original === undefined) {
      return strict ? { ...at, reason: 'unknown-id', message: `unknown unit id: not in the exported revision of ${document}` } : undefined;
    }
    if (original.normalize('NFC') !== u.source.normalize('NFC')) {
      return { ...at, reason: 'source-changed', message: 'the source was changed by the translator', diff: diff(original, u.source) };
    }
    return undefined;
  }
  if (strict) return { ...at, reason: 'unknown-id', message: `unknown unit id: ${document} was never exported with this memory` };
  const m = OUR_ID.exec(u.id);
  if (m && baseId(u.source) !== m[1]) {
    return { ...at, reason: 'source-changed', message: 'the source no longer matches its segment id: it was changed by the translator' };
  }
  return undefined;
}
