import type { Lang, Prefill, Revision, SegmentChange, UnitCandidate, UnitState } from '../model.js';
import { APPROVED_STATES } from '../model.js';
import { atLeast } from '../xliff/state.js';
import { charDiff, diffMarkup } from './chars.js';
import { joinSentences } from '../text/lang.js';

/**
 * Carrying translations into a new source revision: for every new segment, what the previous
 * translation becomes, given the diff of the two revisions. Pure; the caller supplies the old
 * translations (from the memory).
 *
 * | change                  | target             | state                          | attached                    |
 * |-------------------------|--------------------|--------------------------------|-----------------------------|
 * | unchanged, moved        | old translation    | as it was                      | —                           |
 * | whitespace, punctuation | old translation    | needs-review (or as it was¹)   | previous version, diff note |
 * | minor, major            | old translation    | needs-review                   | previous version, diff note |
 * | split                   | old translation on the first part only | needs-review / initial | previous version, note |
 * | merged                  | old translations joined | needs-review              | each previous version, note |
 * | added                   | —                  | (memory leverage decides)      | —                           |
 * | removed                 | reported; the memory keeps its translation                             |
 *
 * ¹ `lightChanges: 'keep'`. XLIFF 1.2 writes needs-review as `state="needs-review-translation"`, 2.0 as
 * `state="initial" subState="kioku:needs-review"`; a previous version becomes a 1.2 `<alt-trans
 * alttranstype="previous-version">` with the old source, a 2.0 `<mtc:match subType="kioku:previous-version">`.
 */
export interface OldTranslation {
  readonly target: string;
  readonly state: UnitState;
}

export interface CarryOptions {
  /** Whitespace- and punctuation-only changes: `review` (default) marks them for a light review, `keep` keeps the state. */
  readonly lightChanges?: 'review' | 'keep';
  /** The target language: translations of merged segments are joined by its seam rule (`joinSentences`). */
  readonly targetLang?: Lang;
  /** Joins translations of merged segments instead of targetLang's rule (default without either: a space). */
  readonly targetJoiner?: string;
}

export interface CarryReport {
  /** Unchanged or moved, translation kept as it was. */
  readonly kept: number;
  /** Whitespace/punctuation only, translation kept for a light review. */
  readonly light: number;
  /** Edited, split or merged: back to review with the previous version attached. */
  readonly review: number;
  /** New segments with nothing carried (added, or their old segment had no translation). */
  readonly untranslated: number;
  /** Old segment indices no longer in the new revision (their translations stay in the memory). */
  readonly removed: readonly number[];
}

export interface CarryPlan {
  /** Indexed by new segment. */
  readonly prefill: ReadonlyArray<Prefill | undefined>;
  /** Indexed by new segment: the unit needs a translator's work (for `--changed-only`). */
  readonly needsWork: readonly boolean[];
  /** Indexed by new segment: the change it belongs to. */
  readonly changeOf: ReadonlyArray<SegmentChange>;
  readonly report: CarryReport;
}

const LIGHT: ReadonlySet<string> = new Set(['whitespace', 'punctuation']);

/** The note attached to a unit whose source changed: kind, similarity and the source diff as markup. */
export function changeNote(change: SegmentChange, oldSource: string, newSource: string, part?: { index: number; of: number }): string {
  const pct = Math.round(change.similarity * 100);
  const diff = change.diff ?? charDiff(oldSource, newSource);
  const what =
    change.kind === 'split' && part
      ? `split into ${part.of} segments (this is part ${part.index + 1})`
      : change.kind === 'merged'
        ? `merged from ${change.old.length} segments`
        : LIGHT.has(change.kind)
          ? `${change.kind} only (light review)`
          : `${change.kind} edit`;
  return `Source changed since the previous version: ${what}, similarity ${pct}%: ${diffMarkup(diff)}`;
}

export function carryForward(
  changes: readonly SegmentChange[],
  old: Revision,
  next: Revision,
  translationOf: (oldIndex: number) => OldTranslation | undefined,
  options: CarryOptions = {},
): CarryPlan {
  const light = options.lightChanges ?? 'review';
  const joinTargets = (targets: readonly string[]): string =>
    options.targetJoiner !== undefined
      ? targets.join(options.targetJoiner)
      : options.targetLang !== undefined
        ? joinSentences(options.targetLang, targets)
        : targets.join(' ');
  const prefill: Array<Prefill | undefined> = new Array(next.segments.length).fill(undefined);
  const needsWork: boolean[] = new Array(next.segments.length).fill(true);
  const changeOf: SegmentChange[] = new Array(next.segments.length);
  let kept = 0;
  let lightCount = 0;
  let review = 0;
  let untranslated = 0;
  const removed: number[] = [];
  const oldText = (c: SegmentChange) =>
    joinSentences(
      old.lang,
      c.old.map((o) => old.segments[o]!.text),
    );
  const newText = (c: SegmentChange) =>
    joinSentences(
      next.lang,
      c.new.map((n) => next.segments[n]!.text),
    );
  const previous = (o: number, t: OldTranslation, score: number): UnitCandidate => ({
    kind: 'previous-version',
    score,
    source: old.segments[o]!.text,
    target: t.target,
    origin: 'previous-version',
  });

  for (const c of changes) {
    for (const n of c.new) changeOf[n] = c;
    if (c.kind === 'removed') {
      removed.push(...c.old);
      continue;
    }
    if (c.kind === 'added') {
      untranslated++;
      continue;
    }
    const translations = c.old.map((o) => translationOf(o));
    const score = Math.round(c.similarity * 100);
    if (c.kind === 'unchanged' || c.kind === 'moved') {
      const t = translations[0];
      const n = c.new[0]!;
      if (t) {
        prefill[n] = { target: t.target, state: t.state, candidates: [] };
        needsWork[n] = !APPROVED_STATES.includes(t.state);
        kept++;
      } else untranslated++;
      continue;
    }
    const present = c.old.flatMap((o, k) => (translations[k] ? [{ o, t: translations[k]! }] : []));
    if (present.length === 0) {
      // Nothing to carry: the unit is new work, with the change still explained.
      for (const [k, n] of c.new.entries()) {
        prefill[n] = { state: 'initial', candidates: [], notes: [changeNote(c, oldText(c), newText(c), { index: k, of: c.new.length })] };
      }
      untranslated += c.new.length;
      continue;
    }
    const candidates = present.map(({ o, t }) => previous(o, t, score));
    if (c.kind === 'merged' && present.length > 1) {
      candidates.unshift({
        kind: 'previous-version',
        score,
        source: oldText(c),
        target: joinTargets(present.map((x) => x.t.target)),
        origin: 'previous-version',
      });
    }
    if (LIGHT.has(c.kind)) {
      const t = present[0]!.t;
      const n = c.new[0]!;
      const keep = light === 'keep';
      prefill[n] = { target: t.target, state: keep ? t.state : 'needs-review', candidates, notes: [changeNote(c, oldText(c), newText(c))] };
      needsWork[n] = !keep || !APPROVED_STATES.includes(t.state);
      lightCount++;
      continue;
    }
    c.new.forEach((n, k) => {
      const note = changeNote(c, oldText(c), newText(c), { index: k, of: c.new.length });
      if (c.kind === 'split' && k > 0) {
        // The old translation covers the whole old sentence: it goes to the first part, the others get
        // it as a candidate to take their share from.
        prefill[n] = { state: 'initial', candidates, notes: [note] };
      } else {
        const target = c.kind === 'merged' ? joinTargets(present.map((x) => x.t.target)) : present[0]!.t.target;
        prefill[n] = { target, state: 'needs-review', candidates, notes: [note] };
      }
      review++;
    });
  }
  return { prefill, needsWork, changeOf, report: { kept, light: lightCount, review, untranslated, removed } };
}

/**
 * One pre-fill from the carried translation and the memory's leverage for the same new segment: a
 * carried translation that is still valid wins, unless the memory holds the same target as an
 * approved exact match (then the memory's pre-fill is taken: its 100/101 candidate is shown and
 * `--approve-exact` applies; the state never drops below the carried one). For a changed segment an
 * approved exact memory match of the NEW text (translated elsewhere already) wins, with the previous
 * version still attached; otherwise the carried target stays for review with the memory's candidates
 * after the previous version.
 */
export function combinePrefill(carried: Prefill | undefined, leveraged: Prefill | undefined): Prefill | undefined {
  if (!carried) return leveraged;
  if (!leveraged) return carried;
  const previous = carried.candidates.filter((c) => c.kind === 'previous-version');
  // The memory holds the previous version too: offer each (source, target) once.
  const shown = new Set(previous.map((c) => `${c.source}\u0000${c.target}`));
  const memory = leveraged.candidates.filter((c) => c.kind !== 'previous-version' && !shown.has(`${c.source}\u0000${c.target}`));
  const notes = carried.notes;
  // Leverage pre-fills approved states only from an approved exact or in-context match.
  const exact = APPROVED_STATES.includes(leveraged.state) && leveraged.target !== undefined;
  if (carried.state !== 'needs-review' && carried.state !== 'initial') {
    if (!exact || leveraged.target !== carried.target) return carried;
    return { ...leveraged, state: atLeast(leveraged.state, carried.state), candidates: [...memory, ...previous], ...(notes ? { notes } : {}) };
  }
  if (exact) return { ...leveraged, candidates: [...memory, ...previous], ...(notes ? { notes } : {}) };
  return { ...carried, candidates: [...previous, ...memory] };
}
