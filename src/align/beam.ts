import { paragraphMoveAllowed, type BeadCost, type BeadType, type ParagraphMoves } from './dp.js';

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
  const { moves, onRow } = options;
  const nt = types.length;
  const DI = Int32Array.from(types.map((t) => t.di));
  const DJ = Int32Array.from(types.map((t) => t.dj));
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  const rowStart = new Int32Array(n + 2);
  let capacity = Math.max(1024, (n + 1) * (2 * options.half + 1));
  let best = new Float64Array(capacity);
  let back = new Uint8Array(capacity);
  const slope = n > 0 ? m / n : 0;
  let argmin = 0;
  // The beam widens by itself while the best cell sits at its edge (the path runs off: a long dropped
  // or added passage) and narrows back to `half` once the path is inside again.
  let extra = 0;
  let momentum = 0;
  let momentumAge = 0;
  for (let i = 0; i <= n; i++) {
    // This row's range.
    if (i > 0) {
      const atEdge = (argmin - lo[i - 1]! < 2 && lo[i - 1]! > 0) || (hi[i - 1]! - argmin < 2 && hi[i - 1]! < m);
      extra = atEdge ? Math.min(MAX_EXTRA, 2 * extra + options.half) : Math.max(0, extra - (extra >> 2) - 1);
    }
    const half = options.half + extra;
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
      // Room for a whole target paragraph dropped from a cell of this row. (Several in a row are rare;
      // where they happen the path touches the edge and the caller widens the beam there.)
      let reach = h;
      for (let j = l; j <= h; j++) {
        const lt = moves.targetStarting[j]!;
        if (lt > 0 && j + lt > reach) reach = j + lt;
      }
      h = Math.min(m, h + MAX_REACH, reach);
    }
    lo[i] = l;
    hi[i] = h;
    rowStart[i + 1] = rowStart[i]! + (h - l + 1);
    if (rowStart[i + 1]! > capacity) {
      capacity = Math.max(capacity * 2, rowStart[i + 1]!);
      const b = new Float64Array(capacity);
      b.set(best.subarray(0, rowStart[i]!));
      best = b;
      const k = new Uint8Array(capacity);
      k.set(back.subarray(0, rowStart[i]!));
      back = k;
    }
    const base = rowStart[i]! - l;
    let rowBest = Infinity;
    argmin = l;
    for (let j = l; j <= h; j++) {
      const cell = base + j;
      if (i === 0 && j === 0) {
        best[cell] = 0;
        rowBest = 0;
        argmin = 0;
        continue;
      }
      let b = Infinity;
      let bt = 0;
      for (let t = 0; t < nt; t++) {
        const di = DI[t]!;
        const dj = DJ[t]!;
        const pi = i - di;
        const pj = j - dj;
        if (pi < 0 || pj < lo[pi]! || pj > hi[pi]!) continue;
        const pb = best[rowStart[pi]! + pj - lo[pi]!]!;
        if (pb === Infinity) continue;
        const v = pb + cost(pi, di, pj, dj);
        if (v < b) {
          b = v;
          bt = t;
        }
      }
      if (moves) {
        const ls = moves.sourceEnding[i]!;
        const lt = moves.targetEnding[j]!;
        for (let code = 0; code < 3; code++) {
          const di = code === 1 ? 0 : ls;
          const dj = code === 0 ? 0 : lt;
          if ((code !== 1 && ls === 0) || (code !== 0 && lt === 0) || !paragraphMoveAllowed(di, dj)) continue;
          const pi = i - di;
          const pj = j - dj;
          if (pj < lo[pi]! || pj > hi[pi]!) continue;
          const pb = best[rowStart[pi]! + pj - lo[pi]!]!;
          if (pb === Infinity) continue;
          const v = pb + moves.cost(pi, di, pj, dj);
          if (v < b) {
            b = v;
            bt = nt + code;
          }
        }
      }
      best[cell] = b;
      back[cell] = bt;
      if (b < rowBest) {
        rowBest = b;
        argmin = j;
      }
    }
    onRow?.(i);
  }
  const path: Array<{ i0: number; di: number; j0: number; dj: number }> = [];
  const edgeRows: number[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if ((j - lo[i]! < 1 && lo[i]! > 0) || (hi[i]! - j < 1 && hi[i]! < m)) edgeRows.push(i);
    const t = back[rowStart[i]! + j - lo[i]!]!;
    const di = t < nt ? DI[t]! : t === nt + 1 ? 0 : moves!.sourceEnding[i]!;
    const dj = t < nt ? DJ[t]! : t === nt ? 0 : moves!.targetEnding[j]!;
    path.push({ i0: i - di, di, j0: j - dj, dj });
    i -= di;
    j -= dj;
  }
  path.reverse();
  return { path, touchesEdge: edgeRows.length > 0, edgeRows, cells: rowStart[n + 1]! };
}
