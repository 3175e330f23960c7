import { alignBand, type BeadCost, type BeadType, type ParagraphMoves, type RowPlanner } from './dp.js';

/**
 * How long the second centre may run apart from the best cell before it is brought back: long enough
 * for the true path to overtake a trap, short enough that the average slope (wrong wherever the text
 * has local gaps) cannot drift far.
 */
const MOMENTUM_ROWS = 64;
/** Most the beam widens by itself (either side). */
const MAX_EXTRA = 128;
/** How far right of its range a row may reach to hold a dropped target paragraph. */
const MAX_REACH = 64;

export interface BeamResult {
  readonly path: ReadonlyArray<{ readonly i0: number; readonly di: number; readonly j0: number; readonly dj: number }>;
  /** Whether the best path ran along the edge of the beam somewhere (a wider beam may do better). */
  readonly touchesEdge: boolean;
  /** The rows where it does. */
  readonly edgeRows: readonly number[];
  readonly cells: number;
}

/**
 * Viterbi over a band that follows the alignment instead of a fixed diagonal: each row's range is
 * centred on the best cell of the row before (plus the average slope m/n), `half` cells either side.
 * A fixed diagonal drifts away from the true path wherever the texts do not correspond (a dropped
 * paragraph shifts everything after it; in a long text the shifts add up), so a fixed band must be as
 * wide as the largest drift; the following band stays narrow, which keeps the work linear in the text
 * size whatever the drift. It widens by itself where the best cell runs along its edge, and keeps a
 * second centre moving at the average slope (see below) so a locally cheap wrong path cannot drag it
 * away from the true one. Rows also reach far enough right to hold a dropped target paragraph
 * starting inside them. Row ranges only ever overlap their predecessor's, so every cell stays reachable.
 */
export function alignBeam(
  n: number,
  m: number,
  types: readonly BeadType[],
  cost: BeadCost,
  options: { half: number; moves?: ParagraphMoves; onRow?: (row: number) => void },
): BeamResult {
  const result = alignBand(beamPlanner(n, m, options.half, options.moves), types, cost, {
    withPosteriors: false,
    ...(options.moves ? { moves: options.moves } : {}),
    ...(options.onRow ? { onRow: options.onRow } : {}),
  });
  return { path: result.beads, touchesEdge: result.touchesEdge, edgeRows: result.edgeRows, cells: result.cells };
}

/** The row ranges of the beam (see alignBeam), decided as the DP goes. */
function beamPlanner(n: number, m: number, baseHalf: number, moves?: ParagraphMoves): RowPlanner {
  const slope = n > 0 ? m / n : 0;
  // The beam widens by itself while the best cell sits at its edge (the path runs off: a long dropped
  // or added passage) and narrows back to `baseHalf` once the path is inside again.
  let extra = 0;
  let momentum = 0;
  let momentumAge = 0;
  return {
    n,
    m,
    width: 2 * baseHalf + 1,
    plan(i, argmin, lo, hi) {
      if (i > 0) {
        const atEdge = (argmin - lo[i - 1]! < 2 && lo[i - 1]! > 0) || (hi[i - 1]! - argmin < 2 && hi[i - 1]! < m);
        extra = atEdge ? Math.min(MAX_EXTRA, 2 * extra + baseHalf) : Math.max(0, extra - (extra >> 2) - 1);
      }
      const half = baseHalf + extra;
      let l: number;
      let h: number;
      if (i === 0) {
        l = 0;
        h = Math.min(m, 2 * half);
      } else {
        // Two centres: where the best partial path is, and where it would be had it kept the average
        // slope since they last agreed. They differ when the best partial path is a trap (dropping
        // sentence after sentence looks cheapest for a while before the true path, which had to pay to
        // skip a passage, overtakes it); the band covers both until they meet again.
        const centre = argmin + slope;
        momentum += slope;
        if (Math.abs(momentum - centre) <= 2 || ++momentumAge > MOMENTUM_ROWS) {
          momentum = centre;
          momentumAge = 0;
        }
        l = Math.max(0, Math.min(Math.round(Math.min(centre, momentum)) - half, hi[i - 1]!, m));
        h = Math.min(m, Math.max(Math.round(Math.max(centre, momentum)) + half, l));
        if (l < lo[i - 1]!) l = Math.min(lo[i - 1]!, h);
      }
      if (i === n) h = m;
      if (moves) {
        // Room for a whole target paragraph dropped from a cell of this row, and one more after it. (More
        // in a row are rare; where they happen the path touches the edge and the caller widens the beam.)
        let reach = h;
        for (let j = l; j <= h; j++) {
          const lt = moves.targetStarting[j]!;
          if (lt > 0 && j + lt > reach) reach = j + lt;
        }
        // And a second paragraph dropped right after the first.
        let reach2 = reach;
        for (let j = h + 1; j <= reach && j <= m; j++) {
          const lt = moves.targetStarting[j]!;
          if (lt > 0 && j + lt > reach2) reach2 = j + lt;
        }
        h = Math.min(m, h + MAX_REACH, reach2);
      }
      lo[i] = l;
      hi[i] = h;
    },
  };
}
