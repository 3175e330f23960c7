import type { UnitState } from '../model.js';
import { NEEDS_REVIEW_SUBSTATE } from './state-base.js';

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
 * - no state: a non-empty target other than the source is translated, unless `approved="no"` (then
 *   needs-review); a copy of the source (Okapi and OmegaT kits put one in every untranslated target), no
 *   target or an empty one is initial;
 * - a `rejected-…` `state-qualifier` keeps the unit at most needs-review.
 * Reading 2.0: the segment `state` (default initial); `initial` with a `subState` of `kioku:needs-review`
 * is needs-review; a unit of several segments takes the least advanced state of its segments. A
 * `state` on `<target>` (not XLIFF 2.0, but written by Angular's fast-xml-parser merge) counts when the
 * segment has none.
 * Vendor statuses (Trados `sdl:seg conf`, memoQ `mq:status`, Memsource `m:confirmed`, Across
 * `ax:state-name`), locks and tracked changes are read through the one table in producer-state.ts,
 * which also holds the 1.2 reading above.
 */

export { NEEDS_REVIEW_SUBSTATE };

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

export { leastState, atLeast } from './state-base.js';
// Reading 1.2 lives with the vendors' states in one table (producer-state.ts).
export { stateFrom12 } from './producer-state.js';
export type { Read12 } from './producer-state.js';

export interface State20 {
  readonly state: 'initial' | 'translated' | 'reviewed' | 'final';
  readonly subState?: string;
}

export function stateTo20(state: UnitState): State20 {
  if (state === 'needs-review') return { state: 'initial', subState: NEEDS_REVIEW_SUBSTATE };
  return { state };
}

export { stateFrom20 } from './state-base.js';
