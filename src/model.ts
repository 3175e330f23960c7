/**
 * The domain types of kioku, as plain data. Every module speaks in these; nothing here has behaviour
 * beyond tiny constructors for `Result`.
 */

/** A BCP 47 language tag as the user wrote it, e.g. `ja`, `en`, `en-US`. */
export type Lang = string;

/**
 * A segment's identity: a hash of its normalised text (NFC, whitespace collapsed), plus `.N` for the
 * N-th repeat of the same text in one document (N ≥ 2). Never derived from position, so an unchanged
 * sentence keeps its id when others are edited, inserted or moved. See `src/segment/id.ts`.
 */
export type SegmentId = string;

/** One sentence (or heading, caption…) of a paragraph. */
export interface Segment {
  readonly id: SegmentId;
  /** 0-based index of the paragraph among the non-empty lines of the document. */
  readonly paragraph: number;
  /** The sentence without the whitespace around it. */
  readonly text: string;
  /** Offsets of `text` in the paragraph's line (UTF-16 code units, end exclusive). */
  readonly start: number;
  readonly end: number;
}

/** A non-empty line of the source document. */
export interface Paragraph {
  readonly index: number;
  /** 1-based line number in the (newline-normalised) input. */
  readonly line: number;
  /** The whole line, exactly as in the input (no newline). */
  readonly text: string;
  /** Indices into `Revision.segments`. */
  readonly segments: readonly number[];
}

/** A segmented document: one revision of a source text. */
export interface Revision {
  readonly lang: Lang;
  readonly paragraphs: readonly Paragraph[];
  /** All segments in document order. */
  readonly segments: readonly Segment[];
}

/**
 * Workflow state of a translation, the union of XLIFF 1.2 and 2.0 vocabularies reduced to what a
 * memory needs. Mapping to and from the XLIFF attributes lives in `src/xliff/state.ts`.
 */
export type UnitState =
  | 'initial' // nothing done yet (1.2 new / needs-translation, 2.0 initial)
  | 'needs-review' // a candidate that a human must confirm (fuzzy, changed source, low-confidence alignment)
  | 'translated'
  | 'reviewed'
  | 'final';

/** States whose target is an approved translation a memory keeps. */
export const APPROVED_STATES: readonly UnitState[] = ['translated', 'reviewed', 'final'];

/** Where a memory record came from. */
export interface Provenance {
  /** Source document name (as in XLIFF `original`), e.g. `article.ja.txt`. */
  readonly document: string;
  readonly segment: SegmentId;
  /** Neighbouring segment ids in that document: the context for in-context (101%) matches. */
  readonly prev?: SegmentId;
  readonly next?: SegmentId;
  /** ISO 8601 timestamps, passed in by the caller (the core never reads the clock). */
  readonly created: string;
  readonly changed: string;
  readonly author?: string;
}

/** One approved (or reviewable) translation: a record of the memory. */
export interface TranslationUnit {
  /** Stable record id (see `src/memory/`). */
  readonly id: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly source: string;
  readonly target: string;
  readonly state: UnitState;
  readonly provenance: Provenance;
}

/** Kind of a memory match, best first. */
export type MatchKind = 'in-context' | 'exact' | 'fuzzy' | 'previous-version';

/** A candidate translation offered for a segment. `score`: 101 in-context, 100 exact, <100 fuzzy. */
export interface Match {
  readonly kind: MatchKind;
  readonly score: number;
  readonly unit: TranslationUnit;
}

/** How a segment changed between two revisions. */
export type ChangeKind = 'unchanged' | 'moved' | 'whitespace' | 'punctuation' | 'minor' | 'major' | 'split' | 'merged' | 'added' | 'removed';

/** One character-level difference operation: -1 deleted, 0 equal, 1 inserted (as fast-diff). */
export type CharDiff = readonly [op: -1 | 0 | 1, text: string];

/** A matched group of old and new segments. `old`/`new` index `Revision.segments`. */
export interface SegmentChange {
  readonly kind: ChangeKind;
  readonly old: readonly number[];
  readonly new: readonly number[];
  /** 0..1, 1 for identical text. */
  readonly similarity: number;
  /** Character diff of the joined old text against the joined new text, for edited pairs. */
  readonly diff?: readonly CharDiff[];
  /** An edited segment that also changed place (matched out of order); `moved` kinds imply it. */
  readonly moved?: boolean;
}

/** A link between source and target sentences found by alignment. Indices into each Revision. */
export interface AlignedPair {
  readonly source: readonly number[];
  readonly target: readonly number[];
  /** Confidence 0..1. */
  readonly score: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A QA or completeness problem found by `kioku check`. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly unit: string;
  /** When `unit` is one segment of a CAT unit (BilingualUnit.part): which, for the text report. */
  readonly part?: { readonly unit: string; readonly segment: string };
  readonly message: string;
  readonly actual?: string;
  readonly expected?: string;
}

// ---------------------------------------------------------------------------------------------------
// Bilingual documents (the format-neutral view of an XLIFF file)

/** A candidate shown to the translator next to a unit (1.2 `<alt-trans>`, 2.0 `<mtc:match>`). */
export interface UnitCandidate {
  readonly kind: MatchKind;
  readonly score: number;
  readonly source: string;
  readonly target: string;
  /** Where it came from: `memory`, `previous-version`… */
  readonly origin: string;
}

/** One translatable unit of a bilingual document. */
export interface BilingualUnit {
  readonly id: string;
  readonly source: string;
  /** `undefined` when the unit has no target element at all. */
  readonly target?: string;
  readonly state: UnitState;
  readonly notes: readonly string[];
  readonly candidates: readonly UnitCandidate[];
  /**
   * 1-based line of the unit's element in the file it was read from (0 when built in memory); for a
   * segment of a unit (`part`), the line of its `<mrk mtype="seg">` or `<segment>`.
   */
  readonly line: number;
  /**
   * Inline codes of the source and target as read from XLIFF (1.2 g/x/bx/ex/ph/bpt/ept/it, 2.0
   * pc/ph/sc/ec), in document order; absent when the content has none. `source`/`target` hold the
   * translatable text only (native code inside ph/bpt/ept/it is not text), so a tag's `offset` says
   * where in that text it stands. See src/xliff/inline.ts.
   */
  readonly sourceTags?: readonly InlineTag[];
  readonly targetTags?: readonly InlineTag[];
  /**
   * The producing tool locked the unit (Trados `<sdl:seg locked="true">`, memoQ `mq:locked="locked"`,
   * Memsource `m:locked="true"`): it was not to be edited there. Recorded only; see src/xliff/producer-state.ts.
   */
  readonly locked?: true;
  /**
   * The producer's own word for the status the state was read from, when a vendor attribute (or a
   * misplaced one) decided it: `sdl conf="Draft"`, `mq:status="PartiallyEdited"`, `m:confirmed="0"`.
   */
  readonly producerState?: string;
  /**
   * Set when the unit is one segment of a CAT tool's unit of several (1.2 `<seg-source>` with
   * `<mrk mtype="seg">`, 2.0 `<unit>` with several `<segment>`s): `id` is then `${unit}#${segment}`.
   * Absent for a unit of one segment, which keeps its plain id. See src/xliff/read.ts.
   */
  readonly part?: UnitPart;
}

/** Where a segment of a CAT unit stands in that unit (BilingualUnit.part). */
export interface UnitPart {
  /** The id of the enclosing `<trans-unit>`/`<unit>`. */
  readonly unit: string;
  /** The segment's id: the 1.2 `mid`, the 2.0 `<segment id>`, or its 1-based index when it has none. */
  readonly segment: string;
  /**
   * The text between the previous segment (or the start of the unit) and this one: the whitespace a
   * 1.2 `<seg-source>`/`<target>` holds outside its segment `<mrk>`s, the content of 2.0 `<ignorable>`s.
   * Text only (codes standing there are not kept). Absent when there is none.
   */
  readonly before?: BetweenSegments;
  /** The same after the last segment of the unit (only on the last segment). */
  readonly after?: BetweenSegments;
}

/** Text between segments, on the source side and, when the file has one there, the target side. */
export interface BetweenSegments {
  readonly source: string;
  readonly target?: string;
}

/** One inline code of XLIFF content (an open or close half of a pair, or a standalone code). */
export interface InlineTag {
  /** Local element name: `g`, `x`, `bx`, `ex`, `ph`, `bpt`, `ept`, `it` (1.2); `pc`, `ph`, `sc`, `ec` (2.0). */
  readonly name: string;
  readonly kind: 'open' | 'close' | 'standalone';
  /**
   * What pairs an open with its close and a source tag with a target tag: the `id` attribute (1.2
   * bpt/ept and bx/ex pair through `rid` when present; 2.0 `ec` through `startRef`). '' when absent.
   */
  readonly id: string;
  /** UTF-16 offset in the unit's `source`/`target` text where the code stands. */
  readonly offset: number;
  /** Native code carried by 1.2 ph/bpt/ept/it (e.g. `<b>`), or 2.0 `disp`/`equiv`; absent otherwise. */
  readonly code?: string;
}

/**
 * What the memory (or a previous revision) offers for one segment on export (see
 * `documentFromRevision` in src/xliff/document.ts). MEM builds it from lookups, DIFF adds
 * previous-version candidates and a note with the source diff.
 */
export interface Prefill {
  /** The pre-filled target; absent to offer candidates only. */
  readonly target?: string;
  readonly state: UnitState;
  readonly candidates: readonly UnitCandidate[];
  readonly notes?: readonly string[];
}

/** A paragraph of units (XLIFF `<group>`). */
export interface BilingualGroup {
  readonly id: string;
  readonly units: readonly BilingualUnit[];
}

/** The content of one XLIFF file, independent of the XLIFF version. */
export interface BilingualDocument {
  readonly version: XliffVersion;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  /** Name of the source document (1.2 `original`, 2.0 `<file original>`, or its `id` without one). */
  readonly original: string;
  /** A 2.0 `<file>` without `original`: `original` holds the file's `id` instead. */
  readonly originalFromId?: true;
  readonly groups: readonly BilingualGroup[];
  /** Units marked `translate="no"` in a file read: not content, so not in `groups`, only counted (absent when 0). */
  readonly notTranslatable?: number;
}

export type XliffVersion = '1.2' | '2.0';

// ---------------------------------------------------------------------------------------------------
// Expected failures

/** Stable error codes; the CLI maps every one of them to exit code 2. */
export type ErrorCode =
  | 'usage' // bad arguments
  | 'io' // cannot read or write a file
  | 'too-large' // over the size cap
  | 'encoding' // not decodable text, or an encoding we refuse
  | 'xml' // not well-formed or over a limit
  | 'xliff' // well-formed but not usable XLIFF
  | 'tmx'
  | 'tbx'
  | 'csv'
  | 'content' // a character XML cannot carry, an id collision…
  | 'import' // a unit rejected on import
  | 'memory' // a corrupt memory store
  | 'lock' // the memory is locked by a live process
  | 'timeout'; // parsing took too long

export interface KiokuError {
  readonly code: ErrorCode;
  /** What is wrong, in one sentence. */
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly unit?: string;
  /** How to fix it. */
  readonly hint?: string;
  /**
   * The operating-system error behind an `io` error, when there was one: what code decides on (a
   * read-only memory, a missing file) instead of the wording of `message`.
   */
  readonly cause?: ErrorCause;
}

/** The system error a KiokuError was made from (Node's `code` and `syscall`). */
export interface ErrorCause {
  /** The error code, e.g. `ENOENT`, `EACCES`, `EROFS`. */
  readonly errno?: string;
  /** The system call that failed, e.g. `open`, `rename`. */
  readonly syscall?: string;
}

export type Result<T, E = KiokuError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E = KiokuError>(error: E): Result<never, E> => ({ ok: false, error });

// ---------------------------------------------------------------------------------------------------
// Translation memory (src/memory/, stored by src/io/store.ts; format in memory/README.md)

/**
 * The segment list of a document as it was last exported with a memory: what the translator received.
 * Import compares returned sources with it; `kioku diff --since-last` diffs against it.
 */
export interface ExportRecord {
  /** The document name as in XLIFF `original`. */
  readonly document: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  /** ISO 8601 time of the export. */
  readonly exported: string;
  /** The exported revision, exactly (paragraph lines and segment offsets), so it can be rebuilt. */
  readonly revision: Revision;
  /**
   * The export before this one when its revision differed: what this export carried translations
   * over from. Exporting the same revision again carries from here again, so a re-export (another
   * XLIFF version, `--changed-only` after a full export) gives the same units, not "nothing changed".
   */
  readonly base?: { readonly exported: string; readonly revision: Revision };
}

/** The content of a translation memory as plain data: what updates, merges and TMX work on. */
export interface MemoryContent {
  /** Sorted by id; ids unique. */
  readonly units: readonly TranslationUnit[];
  /** One per (document, sourceLang, targetLang), sorted by those keys. */
  readonly exports: readonly ExportRecord[];
}
