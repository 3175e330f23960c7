import type { UnitState } from '../model.js';

/**
 * The mapping between kioku's UnitState and the XLIFF attributes.
 *
 * | UnitState      | XLIFF 1.2 written                              | XLIFF 2.0 written                          |
 * |----------------|------------------------------------------------|--------------------------------------------|
 * | initial        | no target, or `state="needs-translation"`      | `state="initial"`                          |
 * | needs-review   | `state="needs-review-translation"`             | `state="initial" subState="kioku:needs-review"` |
 * | translated     | `state="translated"` + `approved="yes"`        | `state="translated"`                       |
 * | reviewed       | `state="signed-off"` + `approved="yes"`        | `state="reviewed"`                         |
 * | final          | `state="final"` + `approved="yes"`             | `state="final"`                            |
 *
 * `approved="yes"` goes with every state the memory keeps (APPROVED_STATES): translate-toolkit counts a
 * unit as translated only with it (without it, `state="translated"` is "fuzzy").
 *
 * Reading 1.2 is more forgiving, because other tools use the attributes differently:
 * - `new`, `needs-translation` → initial, unless the target holds text that differs from the source:
 *   then needs-review (translate-toolkit writes fuzzy entries as `needs-translation` + `approved="no"`,
 *   and OmegaT 3.6 fills targets without touching the state: a translation is there, nobody approved it);
 * - the `needs-review-*`, `needs-adaptation`, `needs-l10n` states and unknown `x-…` states → needs-review;
 *   so the one state a 1.2 round trip changes is initial with a target other than the source, which
 *   reads back as needs-review;
 * - `translated` → translated, `signed-off` → reviewed, `final` → final;
 * - `approved="yes"` raises the state to at least translated (translate-toolkit's meaning);
 * - no state: a non-empty target is translated, unless `approved="no"` (then needs-review); no target or
 *   an empty one is initial.
 * Reading 2.0: the segment `state` (default initial); `initial` with a `subState` of `kioku:needs-review`
 * is needs-review; a unit of several segments takes the least advanced state of its segments.
 */

export const NEEDS_REVIEW_SUBSTATE = 'kioku:needs-review';

/** 2.0 `<mtc:match subType>` of a previous-version candidate (1.2 uses `alttranstype="previous-version"`). */
export const PREVIOUS_VERSION_SUBTYPE = 'kioku:previous-version';

export interface State12 {
  readonly state: string;
  readonly approved?: 'yes';
}

export function stateTo12(state: UnitState): State12 {
  switch (state) {
    case 'initial':
      return { state: 'needs-translation' };
    case 'needs-review':
      return { state: 'needs-review-translation' };
    case 'translated':
      return { state: 'translated', approved: 'yes' };
    case 'reviewed':
      return { state: 'signed-off', approved: 'yes' };
    case 'final':
      return { state: 'final', approved: 'yes' };
  }
}

const ORDER: readonly UnitState[] = ['initial', 'needs-review', 'translated', 'reviewed', 'final'];

/** The less advanced of two states. */
export function leastState(a: UnitState, b: UnitState): UnitState {
  return ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b;
}

/** `a`, raised to `floor` if it is less advanced. */
export function atLeast(a: UnitState, floor: UnitState): UnitState {
  return ORDER.indexOf(a) >= ORDER.indexOf(floor) ? a : floor;
}

export interface Read12 {
  /** The target's `state` attribute, if any. */
  readonly state?: string;
  /** The trans-unit's `approved` attribute, if any. */
  readonly approved?: string;
  readonly source: string;
  /** undefined when there is no target element. */
  readonly target?: string;
}

export function stateFrom12(r: Read12): UnitState {
  const hasText = r.target !== undefined && r.target.trim() !== '';
  let state: UnitState;
  switch (r.state) {
    case undefined:
      state = hasText && r.approved !== 'no' ? 'translated' : hasText ? 'needs-review' : 'initial';
      break;
    case 'new':
    case 'needs-translation':
      state = hasText && r.target !== r.source ? 'needs-review' : 'initial';
      break;
    case 'translated':
      state = 'translated';
      break;
    case 'signed-off':
      state = 'reviewed';
      break;
    case 'final':
      state = 'final';
      break;
    default:
      // needs-review-translation, needs-review-l10n, needs-review-adaptation, needs-l10n,
      // needs-adaptation and x-… extensions: something that a human must look at.
      state = 'needs-review';
  }
  if (r.approved === 'yes' && hasText) state = atLeast(state, 'translated');
  return state;
}

export interface State20 {
  readonly state: 'initial' | 'translated' | 'reviewed' | 'final';
  readonly subState?: string;
}

export function stateTo20(state: UnitState): State20 {
  if (state === 'needs-review') return { state: 'initial', subState: NEEDS_REVIEW_SUBSTATE };
  return { state };
}

/** One segment's state; `undefined` attribute means the 2.0 default, initial. */
export function stateFrom20(state: string | undefined, subState: string | undefined): UnitState {
  switch (state) {
    case 'translated':
    case 'reviewed':
    case 'final':
      return state;
    default:
      return subState === NEEDS_REVIEW_SUBSTATE ? 'needs-review' : 'initial';
  }
}
