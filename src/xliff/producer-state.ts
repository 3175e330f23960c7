import type { UnitState } from '../model.js';
import { attr, localName, textContent, type XmlElement } from '../xml/parse.js';
import { clip } from '../text/clip.js';
import { readInline } from './inline.js';
import { atLeast, leastState, stateFrom20 } from './state-base.js';

/**
 * States from every producer: what the tool that wrote an XLIFF file meant by its status, as kioku's
 * UnitState, plus whether the tool locked the unit and the producer's own word for the status (so a
 * message can say `mq:status="PartiallyEdited"` rather than only "needs-review").
 *
 * One table, PRODUCER_STATES, holds every word kioku knows. A word means a UnitState, or one of:
 * - `unconfirmed`: needs-review when the target has text, initial when it has none (a tool's "edited,
 *   not confirmed" statuses: somebody may have typed a translation, nobody confirmed it);
 * - `untouched`: needs-review when the target has text that differs from the source, else initial (a
 *   status that says "not started", while a translation may be there all the same: translate-toolkit's
 *   fuzzy entries, OmegaT 3.6 filling targets without touching the state, Trados without a status);
 * - `filled`: translated when the target has text that differs from the source; initial for a copy of
 *   the source or no text (XLIFF 1.2 without any state: Okapi and OmegaT kits carry a copy of the source
 *   in every untranslated target, and a copy is not a translation).
 *
 * | producer (where the word is) | word → meaning |
 * |---|---|
 * | XLIFF 1.2 `<target state>` (files without vendor attributes) | `new`, `needs-translation` → untouched; `needs-review-translation`, `needs-review-l10n`, `needs-review-adaptation`, `needs-l10n`, `needs-adaptation` → needs-review; `translated` → translated; `signed-off` → reviewed; `final` → final; none → filled; any other (`x-…`) → needs-review |
 * | XLIFF 1.2 `approved` on `<trans-unit>` | `yes` raises a target with text to at least translated (translate-toolkit's meaning); `no` makes a unit without state unconfirmed |
 * | XLIFF 1.2 `state-qualifier` on `<target>` | `rejected-grammar`, `rejected-inaccurate`, `rejected-length`, `rejected-spelling` → at most needs-review; the others only appear in the word |
 * | XLIFF 2.0 `<segment state>` (`<target state>` when the segment has none) | `initial` → initial (needs-review with `subState="kioku:needs-review"`); `translated`, `reviewed`, `final` → themselves; none → initial |
 * | Trados Studio `.sdlxliff` `<sdl:seg conf>` in `<sdl:seg-defs>`, one per `<mrk mtype="seg" mid>` | none, `Unspecified` → untouched; `Draft` → needs-review; `Translated` → translated; `RejectedTranslation` → needs-review; `ApprovedTranslation` → reviewed; `RejectedSignOff` → needs-review; `ApprovedSignOff` → final; other → needs-review. `locked="true"` → locked |
 * | memoQ `.mqxliff` `mq:status` on `<trans-unit>` (namespace `MQXliff`) | `NotStarted` → initial; `Edited`, `PartiallyEdited`, `Pretranslated`, `PreTranslated`, `MachineTranslated`, `AssembledFromFragments`, `Rejected` → unconfirmed; `ManuallyConfirmed`, `Confirmed` → translated; `Reviewer1Confirmed` → reviewed; `Reviewer2Confirmed`, `Proofread` → final; other → unconfirmed. `mq:locked="locked"` → locked; the `<mq:historical-unit>` copies are history, never read |
 * | Memsource / Phrase MXLIFF `m:confirmed` on `<trans-unit>` (namespace `http://www.memsource.com/mxlf/2.0`) | `1` → translated; `0` → unconfirmed. `m:locked="true"` → locked |
 * | Across `ax:state-name` on `<trans-unit>` (namespace `AcrossXliff`) | `Translated` → translated; `Corrected` (proofread) → reviewed; other → unconfirmed |
 *
 * memoQ: `Reviewer1Confirmed` is the reviewer's confirmation, `Reviewer2Confirmed` (`Proofread` in older
 * versions) the second review, so they are reviewed and final; `Confirmed`/`PreTranslated` are spellings
 * other memoQ versions and integrations use. Across documents only `Corrected` in the files at hand
 * (proofread); `Translated` is taken at its word; anything else is not trusted.
 *
 * Two things lower any of these states:
 * - A target under unresolved revision (memoQ `<mrk mtype="x-mq-tc" mq:tctype="ins|del">`, Trados
 *   `<mrk mtype="x-sdl-added|x-sdl-deleted">`) is at most needs-review: what is approved is not yet decided.
 * - Which vendor decides: Trados when the unit has `<sdl:seg-defs>` or the file declares the SDL
 *   namespace; else memoQ, Memsource, Across when their attribute is on the unit; else XLIFF 1.2.
 *
 * A unit of several Trados segments gets the least advanced state of its segments (leastState) and is
 * locked when any segment is (writing the unit back would change the locked one); `segments` gives each
 * segment's own state by `mid`, for a reader that keeps segments apart.
 */

export const SDL_NS = 'http://sdl.com/FileTypes/SdlXliff/1.0';
export const MEMOQ_NS = 'MQXliff';
export const MEMSOURCE_NS = 'http://www.memsource.com/mxlf/2.0';
export const ACROSS_NS = 'AcrossXliff';

/** What a producer's word means (see the comment above). */
export type Meaning = UnitState | 'unconfirmed' | 'untouched' | 'filled';

export interface ProducerRow {
  /** How a message names the producer and the attribute, e.g. `mq:status`. */
  readonly word: string;
  /** The meaning of each value. */
  readonly values: Readonly<Record<string, Meaning>>;
  /** The meaning when the attribute is absent. */
  readonly absent: Meaning;
  /** The meaning of a value not in `values`. */
  readonly unknown: Meaning;
}

export const PRODUCER_STATES = {
  xliff12: {
    word: 'state',
    values: {
      new: 'untouched',
      'needs-translation': 'untouched',
      'needs-review-translation': 'needs-review',
      'needs-review-l10n': 'needs-review',
      'needs-review-adaptation': 'needs-review',
      'needs-l10n': 'needs-review',
      'needs-adaptation': 'needs-review',
      translated: 'translated',
      'signed-off': 'reviewed',
      final: 'final',
    },
    absent: 'filled',
    unknown: 'needs-review',
  },
  xliff20: {
    word: 'state',
    values: { initial: 'initial', translated: 'translated', reviewed: 'reviewed', final: 'final' },
    absent: 'initial',
    unknown: 'initial',
  },
  sdl: {
    word: 'sdl conf',
    values: {
      Unspecified: 'untouched',
      Draft: 'needs-review',
      Translated: 'translated',
      RejectedTranslation: 'needs-review',
      ApprovedTranslation: 'reviewed',
      RejectedSignOff: 'needs-review',
      ApprovedSignOff: 'final',
    },
    absent: 'untouched',
    unknown: 'needs-review',
  },
  memoq: {
    word: 'mq:status',
    values: {
      NotStarted: 'initial',
      Edited: 'unconfirmed',
      PartiallyEdited: 'unconfirmed',
      Pretranslated: 'unconfirmed',
      PreTranslated: 'unconfirmed',
      MachineTranslated: 'unconfirmed',
      AssembledFromFragments: 'unconfirmed',
      Rejected: 'unconfirmed',
      ManuallyConfirmed: 'translated',
      Confirmed: 'translated',
      Reviewer1Confirmed: 'reviewed',
      Reviewer2Confirmed: 'final',
      Proofread: 'final',
    },
    absent: 'unconfirmed',
    unknown: 'unconfirmed',
  },
  memsource: {
    word: 'm:confirmed',
    values: { '1': 'translated', '0': 'unconfirmed' },
    absent: 'unconfirmed',
    unknown: 'unconfirmed',
  },
  across: {
    word: 'ax:state-name',
    values: { Translated: 'translated', Corrected: 'reviewed' },
    absent: 'unconfirmed',
    unknown: 'unconfirmed',
  },
} as const satisfies Record<string, ProducerRow>;

export type Producer = keyof typeof PRODUCER_STATES;

/** XLIFF 1.2 `state-qualifier` values that say the translation was rejected. */
const REJECTED_QUALIFIERS: ReadonlySet<string> = new Set(['rejected-grammar', 'rejected-inaccurate', 'rejected-length', 'rejected-spelling']);

/** The meaning of a producer's value (`undefined`: the attribute is absent). */
export function meaningOf(producer: Producer, value: string | undefined): Meaning {
  const row: ProducerRow = PRODUCER_STATES[producer];
  if (value === undefined) return row.absent;
  return Object.prototype.hasOwnProperty.call(row.values, value) ? row.values[value]! : row.unknown;
}

/** A meaning applied to a target: `hasText` (non-blank), `isCopy` (its text equals the source). */
export function resolveMeaning(meaning: Meaning, hasText: boolean, isCopy: boolean): UnitState {
  switch (meaning) {
    case 'unconfirmed':
      return hasText ? 'needs-review' : 'initial';
    case 'untouched':
      return hasText && !isCopy ? 'needs-review' : 'initial';
    case 'filled':
      return hasText && !isCopy ? 'translated' : 'initial';
    default:
      return meaning;
  }
}

/** The state the producer meant, whether it locked the unit, and its own word. */
export interface ProducerState {
  readonly state: UnitState;
  readonly locked?: true;
  /** The producer's word, e.g. `mq:status="PartiallyEdited"`; absent for a plain XLIFF reading. */
  readonly producerState?: string;
  /** Trados: each `<mrk mtype="seg">` segment's own state, by `mid` (document order). */
  readonly segments?: ReadonlyMap<string, ProducerState>;
}

export interface Read12 {
  /** The target's `state` attribute, if any. */
  readonly state?: string;
  /** The trans-unit's `approved` attribute, if any. */
  readonly approved?: string;
  /** The target's `state-qualifier` attribute, if any. */
  readonly stateQualifier?: string;
  readonly source: string;
  /** undefined when there is no target element. */
  readonly target?: string;
}

/** XLIFF 1.2 without vendor attributes (the `xliff12` row with `approved` and `state-qualifier`). */
export function stateFrom12(r: Read12): UnitState {
  const hasText = r.target !== undefined && r.target.trim() !== '';
  const isCopy = r.target === r.source;
  let meaning = meaningOf('xliff12', r.state);
  // Without a state, approved="no" says that nobody approved what is there, copy or not.
  if (r.state === undefined && r.approved === 'no') meaning = 'unconfirmed';
  let state = resolveMeaning(meaning, hasText, isCopy);
  if (r.approved === 'yes' && hasText) state = atLeast(state, 'translated');
  if (r.stateQualifier !== undefined && REJECTED_QUALIFIERS.has(r.stateQualifier)) state = leastState(state, 'needs-review');
  return state;
}

/** Namespace prefixes in scope: prefix → URI ('' for the default namespace). */
export type PrefixScope = ReadonlyMap<string, string>;

/**
 * The namespace declarations of the given elements, outermost first (later ones win). The XML tree
 * keeps attributes by qualified name, so vendor attributes are found through their prefix; CAT tools
 * declare their namespaces on the root (Trados, memoQ, Memsource, Across all do).
 */
export function declaredPrefixes(...elements: readonly XmlElement[]): PrefixScope {
  const scope = new Map<string, string>();
  for (const el of elements) {
    for (const [name, value] of Object.entries(el.attributes)) {
      if (name === 'xmlns') scope.set('', value);
      else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
    }
  }
  return scope;
}

/** An attribute in a namespace, whatever prefix the file bound to it. */
function attrNS(el: XmlElement, uri: string, local: string, scope: PrefixScope): string | undefined {
  for (const [prefix, bound] of scope) {
    if (bound !== uri || prefix === '') continue;
    const value = attr(el, `${prefix}:${local}`);
    if (value !== undefined) return value;
  }
  return undefined;
}

export type ProducerInput =
  | {
      readonly version: '1.2';
      readonly unit: XmlElement;
      /** The unit's `<target>`, if any. */
      readonly target?: XmlElement;
      /** The unit's source and target text as read (without deleted revision runs). */
      readonly sourceText: string;
      readonly targetText?: string;
      /** The target holds tracked changes (inline.ts `trackedChanges`). */
      readonly trackedChanges?: string;
      /** Prefixes declared on the root and `<file>`. */
      readonly scope: PrefixScope;
      /** Elements of the XLIFF core namespace (the document's version). */
      readonly core: ReadonlySet<string>;
    }
  | {
      readonly version: '2.0';
      readonly segment: XmlElement;
      readonly target?: XmlElement;
      readonly trackedChanges?: string;
    };

/** The one entry point of the reader: the state of a 1.2 unit or of a 2.0 segment, as its producer meant it. */
export function producerState(input: ProducerInput): ProducerState {
  const found = input.version === '2.0' ? segment20(input) : unit12(input);
  return input.trackedChanges !== undefined ? underRevision(found, input.trackedChanges) : found;
}

/** A target with unresolved tracked changes is at most needs-review, whatever its status says. */
function underRevision(p: ProducerState, tool: string): ProducerState {
  const segments = p.segments && new Map([...p.segments].map(([mid, s]) => [mid, underRevision(s, tool)] as const));
  return {
    ...p,
    state: leastState(p.state, 'needs-review'),
    producerState: `${p.producerState ?? 'the target'} with unresolved ${tool} tracked changes`,
    ...(segments ? { segments } : {}),
  };
}

function segment20(input: Extract<ProducerInput, { version: '2.0' }>): ProducerState {
  const { segment, target } = input;
  if (!target) return { state: 'initial' };
  const s = attr(segment, 'state');
  const onTarget = target ? attr(target, 'state') : undefined;
  // 2.0 allows state on <segment> only; Angular's XLIFF 2.0 merged by fast-xml-parser writes it on
  // <target>. With no state on the segment, that is the only statement of the producer: take it.
  if (s === undefined && onTarget !== undefined) {
    return {
      state: stateFrom20(onTarget, undefined),
      producerState: `<target state="${clip(onTarget, 40)}"> (XLIFF 2.0 puts state on <segment>; read as its producer meant it)`,
    };
  }
  return { state: stateFrom20(s, attr(segment, 'subState')) };
}

function unit12(input: Extract<ProducerInput, { version: '1.2' }>): ProducerState {
  const { unit, scope } = input;
  const unitScope = declaresAny(unit) ? new Map([...scope, ...declaredPrefixes(unit)]) : scope;
  const segDefs = unit.children.find((c): c is XmlElement => typeof c !== 'string' && c.uri === SDL_NS && localName(c.name) === 'seg-defs');
  if (segDefs || [...unitScope.values()].includes(SDL_NS)) return trados(input, segDefs);
  const hasText = input.targetText !== undefined && input.targetText.trim() !== '';
  const isCopy = input.targetText === input.sourceText;
  const vendor = (producer: 'memoq' | 'memsource' | 'across', uri: string, local: string, lockedWhen?: { local: string; value: string }) => {
    const value = attrNS(unit, uri, local, unitScope);
    if (value === undefined) return undefined;
    const state = resolveMeaning(meaningOf(producer, value), hasText, isCopy);
    const locked = lockedWhen !== undefined && attrNS(unit, uri, lockedWhen.local, unitScope) === lockedWhen.value;
    return { state, ...(locked ? { locked: true as const } : {}), producerState: `${PRODUCER_STATES[producer].word}="${clip(value, 40)}"` };
  };
  const found =
    vendor('memoq', MEMOQ_NS, 'status', { local: 'locked', value: 'locked' }) ??
    vendor('memsource', MEMSOURCE_NS, 'confirmed', { local: 'locked', value: 'true' }) ??
    vendor('across', ACROSS_NS, 'state-name');
  if (found) return found;
  const target = input.target;
  const state = target ? attr(target, 'state') : undefined;
  const stateQualifier = target ? attr(target, 'state-qualifier') : undefined;
  const approved = attr(unit, 'approved');
  return {
    state: stateFrom12({
      source: input.sourceText,
      ...(input.targetText !== undefined ? { target: input.targetText } : {}),
      ...(state !== undefined ? { state } : {}),
      ...(approved !== undefined ? { approved } : {}),
      ...(stateQualifier !== undefined ? { stateQualifier } : {}),
    }),
  };
}

function declaresAny(el: XmlElement): boolean {
  for (const name of Object.keys(el.attributes)) if (name === 'xmlns' || name.startsWith('xmlns:')) return true;
  return false;
}

/** `<mrk mtype="seg" mid>` elements under `el` (in `<g>` too), by mid, in document order. */
function segmentMarkers(el: XmlElement | undefined, core: ReadonlySet<string>): Map<string, XmlElement> {
  const out = new Map<string, XmlElement>();
  if (!el) return out;
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (typeof c === 'string' || !core.has(c.uri)) continue;
      if (localName(c.name) === 'mrk' && attr(c, 'mtype') === 'seg') {
        const mid = attr(c, 'mid');
        if (mid !== undefined && !out.has(mid)) out.set(mid, c);
      } else walk(c);
    }
  };
  walk(el);
  return out;
}

/** The text of a segment marker as the reader reads content (codes' native data and deleted runs left out). */
function markerText(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const r = readInline(el, '1.2');
  return r.ok ? r.value.text : textContent(el);
}

/** Trados Studio: one `<sdl:seg>` per `<mrk mtype="seg" mid>`; a segment without one has no status. */
function trados(input: Extract<ProducerInput, { version: '1.2' }>, segDefs: XmlElement | undefined): ProducerState {
  const { unit, core } = input;
  const records = new Map<string, XmlElement>();
  for (const c of segDefs?.children ?? []) {
    if (typeof c === 'string' || c.uri !== SDL_NS || localName(c.name) !== 'seg') continue;
    const id = attr(c, 'id');
    if (id !== undefined && !records.has(id)) records.set(id, c);
  }
  const segSource = unit.children.find((c): c is XmlElement => typeof c !== 'string' && core.has(c.uri) && localName(c.name) === 'seg-source');
  const sourceMarks = segmentMarkers(segSource, core);
  const targetMarks = segmentMarkers(input.target, core);
  const mids = sourceMarks.size > 0 ? [...sourceMarks.keys()] : [...records.keys()];
  const one = (record: XmlElement | undefined, sourceText: string, targetText: string | undefined): ProducerState => {
    const conf = record ? attr(record, 'conf') : undefined;
    const hasText = targetText !== undefined && targetText.trim() !== '';
    const state = resolveMeaning(meaningOf('sdl', conf), hasText, targetText === sourceText);
    const locked = record !== undefined && attr(record, 'locked') === 'true';
    const word = record === undefined ? 'sdl: no <sdl:seg> status' : conf === undefined ? 'sdl: <sdl:seg> without conf' : `sdl conf="${clip(conf, 40)}"`;
    return { state, ...(locked ? { locked: true as const } : {}), producerState: word };
  };
  if (mids.length === 0) return one(undefined, input.sourceText, input.targetText);
  const segments = new Map<string, ProducerState>();
  for (const mid of mids) {
    const targetMark = targetMarks.get(mid);
    segments.set(
      mid,
      one(
        records.get(mid),
        markerText(sourceMarks.get(mid)) ?? input.sourceText,
        targetMark ? markerText(targetMark) : mids.length === 1 ? input.targetText : undefined,
      ),
    );
  }
  if (mids.length === 1) return { ...segments.get(mids[0]!)!, segments };
  let least: [string, ProducerState] | undefined;
  for (const entry of segments) if (!least || leastState(entry[1].state, least[1].state) !== least[1].state) least = entry;
  const [mid, p] = least!;
  const all = [...segments.values()];
  const locked = all.some((s) => s.locked);
  // One word for all segments needs no segment named; otherwise the least advanced one is the word.
  const same = all.every((s) => s.producerState === p.producerState);
  return {
    state: p.state,
    ...(locked ? { locked: true as const } : {}),
    producerState: same ? p.producerState! : `${p.producerState} (segment mid="${clip(mid, 40)}", least advanced of ${segments.size})`,
    segments,
  };
}
