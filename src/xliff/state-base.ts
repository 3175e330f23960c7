import type { UnitState } from '../model.js';

/*
 * The parts of state.ts that producer-state.ts needs too (the order of the states, the 2.0 reading):
 * their own module, so that state.ts can re-export producer-state.ts without an import cycle.
 */

export const NEEDS_REVIEW_SUBSTATE = 'kioku:needs-review';

/** kioku's UnitState, least advanced first. */
const ORDER: readonly UnitState[] = ['initial', 'needs-review', 'translated', 'reviewed', 'final'];

/** The less advanced of two states. */
export function leastState(a: UnitState, b: UnitState): UnitState {
  return ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b;
}

/** `a`, raised to `floor` if it is less advanced. */
export function atLeast(a: UnitState, floor: UnitState): UnitState {
  return ORDER.indexOf(a) >= ORDER.indexOf(floor) ? a : floor;
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
