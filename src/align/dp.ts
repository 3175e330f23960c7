import type { Band } from './band.js';

/**
 * A bead: di source sentences linked to dj target sentences (1-1, 2-1, 1-0…). The DP tiles both texts
 * with beads, in order; every sentence ends up in exactly one bead.
 */
export interface BeadType {
  readonly di: number;
  readonly dj: number;
}

/** Cost (in nats, lower is better) of the bead that covers source [i0, i0+di) and target [j0, j0+dj). */
export type BeadCost = (i0: number, di: number, j0: number, dj: number) => number;

/**
 * Paragraph-sized moves. A paragraph of 2+ sentences that the other text leaves out is one event, not
 * 2+ independent 1-0 links (which would make a missing paragraph so costly that the DP would rather shift
 * every following link). And two paragraphs that correspond but whose sentences do not (the segmenter
 * cut one side differently, a list, a run of quotations) may be linked whole, when no combination of
 * the fixed bead types fits. `sourceEnding[i]` is the length of the source paragraph that ends at
 * sentence boundary i (0 if none), `sourceStarting[i]` of the one starting there; the same for the
 * target. `cost(i0, di, j0, dj)` prices a move: with di or dj = 0 it drops a paragraph, with both > 0 it
 * links two whole paragraphs.
 */
export interface ParagraphMoves {
  readonly sourceEnding: Int32Array;
  readonly sourceStarting: Int32Array;
  readonly targetEnding: Int32Array;
  readonly targetStarting: Int32Array;
  readonly cost: BeadCost;
}

/** Whether a paragraph move of this shape is allowed (the fixed bead types cover the rest). */
export function paragraphMoveAllowed(di: number, dj: number): boolean {
  if (di === 0) return dj >= 2;
  if (dj === 0) return di >= 2;
  return di + dj > 4;
}

export interface Bead {
  readonly i0: number;
  readonly di: number;
  readonly j0: number;
  readonly dj: number;
  readonly cost: number;
  /** Posterior probability that this bead is part of the alignment (forward–backward), 0..1. */
  readonly posterior: number;
}

export interface DpResult {
  readonly beads: readonly Bead[];
  /** Whether the best path runs along the edge of the band (then a wider band may find a better one). */
  readonly touchesEdge: boolean;
  /** The rows where it does. */
  readonly edgeRows: readonly number[];
  /** Total cost of the best path. */
  readonly cost: number;
  /** Cells the DP visited. */
  readonly cells: number;
}

/**
 * Decides the band row by row while the DP runs, for a band that follows the path (src/align/beam.ts):
 * before row i is computed, `plan` sets lo[i] and hi[i] knowing the best cell of row i − 1.
 */
export interface RowPlanner {
  readonly n: number;
  readonly m: number;
  /** Expected cells per row, to size the first allocation. */
  readonly width: number;
  plan(i: number, previousBest: number, lo: Int32Array, hi: Int32Array): void;
}

/** The paragraph moves possible at a cell, as (code, di, dj) triples in `out`; returns how many. */
function movesAt(ls: number, lt: number, out: Int32Array): number {
  let k = 0;
  // code 0: drop the source paragraph; 1: drop the target paragraph; 2: link the two whole paragraphs.
  if (ls > 0 && paragraphMoveAllowed(ls, 0)) {
    out[k++] = 0;
    out[k++] = ls;
    out[k++] = 0;
  }
  if (lt > 0 && paragraphMoveAllowed(0, lt)) {
    out[k++] = 1;
    out[k++] = 0;
    out[k++] = lt;
  }
  if (ls > 0 && lt > 0 && paragraphMoveAllowed(ls, lt)) {
    out[k++] = 2;
    out[k++] = ls;
    out[k++] = lt;
  }
  return k / 3;
}

/**
 * Best tiling (Viterbi) inside the band, and for each of its beads the posterior probability from a
 * forward–backward pass over all tilings in the band, with bead probabilities exp(−cost).
 *
 * The forward pass runs in probability space with one scale factor per row (as for HMMs), so it needs one
 * exp per candidate bead and no log-sum-exp; the bead probabilities are kept (Float32) for the backward
 * pass, which therefore evaluates no cost at all except for the rare paragraph moves. Time
 * O(cells · bead types), memory ≈ (13 + 4 · bead types) bytes per cell.
 *
 * With a RowPlanner instead of a Band, the band is decided as the DP goes (Viterbi only).
 */
export function alignBand(
  bandOrPlanner: Band | RowPlanner,
  types: readonly BeadType[],
  cost: BeadCost,
  options: { withPosteriors?: boolean; moves?: ParagraphMoves; onRow?: (row: number, pass: 0 | 1) => void } = {},
): DpResult {
  const planner = 'plan' in bandOrPlanner ? bandOrPlanner : undefined;
  const withPosteriors = planner ? false : (options.withPosteriors ?? true);
  const moves = options.moves;
  const onRow = options.onRow;
  const { n, m } = bandOrPlanner;
  const lo = planner ? new Int32Array(n + 1) : (bandOrPlanner as Band).lo;
  const hi = planner ? new Int32Array(n + 1) : (bandOrPlanner as Band).hi;
  const rowStart = planner ? new Int32Array(n + 2) : (bandOrPlanner as Band).rowStart;
  let capacity = planner ? Math.max(1024, (n + 1) * planner.width) : rowStart[n + 1]!;
  const nt = types.length;
  const DI = Int32Array.from(types.map((t) => t.di));
  const DJ = Int32Array.from(types.map((t) => t.dj));
  let maxDi = 0;
  for (let t = 0; t < nt; t++) maxDi = Math.max(maxDi, DI[t]!);
  let best = new Float64Array(capacity).fill(Infinity);
  let back = new Uint8Array(capacity);
  // Forward probabilities, scaled per row: α(i, j) = fwd[cell] · exp(−fScale[i]).
  const fwd = withPosteriors ? new Float32Array(capacity) : undefined;
  const fScale = new Float64Array(n + 1);
  // exp(−cost) of bead type t ending in a cell, for the backward pass.
  const prob = withPosteriors ? new Float32Array(capacity * nt) : undefined;
  const rowFactor = new Float64Array(maxDi + 1);
  const scratch = new Int32Array(9);
  best[0] = 0;
  if (fwd) fwd[0] = 1;
  let argmin = 0;
  for (let i = 0; i <= n; i++) {
    if (planner) {
      planner.plan(i, argmin, lo, hi);
      rowStart[i + 1] = rowStart[i]! + (hi[i]! - lo[i]! + 1);
      if (rowStart[i + 1]! > capacity) {
        capacity = Math.max(2 * capacity, rowStart[i + 1]!);
        const grownBest = new Float64Array(capacity).fill(Infinity);
        grownBest.set(best.subarray(0, rowStart[i]!));
        best = grownBest;
        const grownBack = new Uint8Array(capacity);
        grownBack.set(back.subarray(0, rowStart[i]!));
        back = grownBack;
      }
    }
    const loI = lo[i]!;
    const hiI = hi[i]!;
    const base = rowStart[i]! - loI;
    if (fwd) {
      fScale[i] = i > 0 ? fScale[i - 1]! : 0;
      for (let d = 0; d <= maxDi && d <= i; d++) rowFactor[d] = Math.exp(fScale[i]! - fScale[i - d]!);
    }
    let rowMax = 0;
    let rowBest = Infinity;
    for (let j = loI; j <= hiI; j++) {
      const cell = base + j;
      if (i === 0 && j === 0) {
        rowBest = 0;
        argmin = 0;
        continue;
      }
      let b = Infinity;
      let bt = 0;
      let f = 0;
      for (let t = 0; t < nt; t++) {
        const di = DI[t]!;
        const dj = DJ[t]!;
        const pi = i - di;
        const pj = j - dj;
        if (pi < 0 || pj < lo[pi]! || pj > hi[pi]!) continue;
        const prev = rowStart[pi]! + pj - lo[pi]!;
        const pb = best[prev]!;
        if (pb === Infinity) continue;
        const c = cost(pi, di, pj, dj);
        const v = pb + c;
        if (v < b) {
          b = v;
          bt = t;
        }
        if (fwd) {
          const e = Math.exp(-c);
          prob![cell * nt + t] = e;
          f += fwd[prev]! * rowFactor[di]! * e;
        }
      }
      if (moves) {
        // Paragraph moves into (i, j): drop the source paragraph ending at i, drop the target paragraph
        // ending at j, or link the two whole paragraphs.
        const count = movesAt(moves.sourceEnding[i]!, moves.targetEnding[j]!, scratch);
        for (let x = 0; x < count; x++) {
          const di = scratch[3 * x + 1]!;
          const dj = scratch[3 * x + 2]!;
          const pi = i - di;
          const pj = j - dj;
          if (pj < lo[pi]! || pj > hi[pi]!) continue;
          const prev = rowStart[pi]! + pj - lo[pi]!;
          const pb = best[prev]!;
          if (pb === Infinity) continue;
          const c = moves.cost(pi, di, pj, dj);
          if (pb + c < b) {
            b = pb + c;
            bt = nt + scratch[3 * x]!;
          }
          if (fwd) f += fwd[prev]! * Math.exp(fScale[i]! - fScale[pi]! - c);
        }
      }
      best[cell] = b;
      back[cell] = bt;
      if (b < rowBest) {
        rowBest = b;
        argmin = j;
      }
      if (fwd) {
        fwd[cell] = f;
        if (f > rowMax) rowMax = f;
      }
    }
    if (fwd && rowMax > 0 && (rowMax > 1e4 || rowMax < 1e-4)) {
      // Rescale the row to keep Float32 in range.
      const inv = 1 / rowMax;
      for (let j = loI; j <= hiI; j++) fwd[base + j] = fwd[base + j]! * inv;
      fScale[i] = fScale[i]! - Math.log(rowMax);
    }
    onRow?.(i, 0);
  }
  const cells = rowStart[n + 1]!;

  // Trace the best path back from (n, m).
  const path: Array<{ i0: number; di: number; j0: number; dj: number; cost: number }> = [];
  const edgeRows: number[] = [];
  {
    let i = n;
    let j = m;
    while (i > 0 || j > 0) {
      const at = rowStart[i]! + j - lo[i]!;
      if ((j - lo[i]! < 1 && lo[i]! > 0) || (hi[i]! - j < 1 && hi[i]! < m)) edgeRows.push(i);
      const t = back[at]!;
      const di = t < nt ? DI[t]! : t === nt + 1 ? 0 : moves!.sourceEnding[i]!;
      const dj = t < nt ? DJ[t]! : t === nt ? 0 : moves!.targetEnding[j]!;
      const from = rowStart[i - di]! + (j - dj) - lo[i - di]!;
      path.push({ i0: i - di, di, j0: j - dj, dj, cost: best[at]! - best[from]! });
      i -= di;
      j -= dj;
    }
    path.reverse();
  }
  const touchesEdge = edgeRows.length > 0;
  const total = best[cells - 1]!;
  if (!fwd || !prob) return { beads: path.map((p) => ({ ...p, posterior: 1 })), touchesEdge, edgeRows, cost: total, cells };

  // Backward probabilities, scaled per row the same way: β(i, j) = bwd[cell] · exp(−bScale[i]).
  const bwd = new Float32Array(cells);
  const bScale = new Float64Array(n + 1);
  bwd[cells - 1] = 1;
  for (let i = n; i >= 0; i--) {
    const loI = lo[i]!;
    const hiI = hi[i]!;
    const base = rowStart[i]! - loI;
    bScale[i] = i < n ? bScale[i + 1]! : 0;
    for (let d = 0; d <= maxDi && i + d <= n; d++) rowFactor[d] = Math.exp(bScale[i]! - bScale[i + d]!);
    let rowMax = 0;
    for (let j = hiI; j >= loI; j--) {
      if (i === n && j === m) continue;
      let f = 0;
      for (let t = 0; t < nt; t++) {
        const di = DI[t]!;
        const ni = i + di;
        const nj = j + DJ[t]!;
        if (ni > n || nj < lo[ni]! || nj > hi[ni]!) continue;
        const next = rowStart[ni]! + nj - lo[ni]!;
        const nb = bwd[next]!;
        if (nb === 0) continue;
        f += prob[next * nt + t]! * nb * rowFactor[di]!;
      }
      if (moves) {
        const count = movesAt(moves.sourceStarting[i]!, moves.targetStarting[j]!, scratch);
        for (let x = 0; x < count; x++) {
          const di = scratch[3 * x + 1]!;
          const dj = scratch[3 * x + 2]!;
          const ni = i + di;
          const nj = j + dj;
          if (nj < lo[ni]! || nj > hi[ni]!) continue;
          const nb = bwd[rowStart[ni]! + nj - lo[ni]!]!;
          if (nb !== 0) f += nb * Math.exp(bScale[i]! - bScale[ni]! - moves.cost(i, di, j, dj));
        }
      }
      bwd[base + j] = f;
      if (f > rowMax) rowMax = f;
    }
    if (rowMax > 0 && (rowMax > 1e4 || rowMax < 1e-4)) {
      const inv = 1 / rowMax;
      for (let j = loI; j <= hiI; j++) bwd[base + j] = bwd[base + j]! * inv;
      bScale[i] = bScale[i]! - Math.log(rowMax);
    }
    onRow?.(i, 1);
  }
  // log Z = log α(n, m).
  const logZ = Math.log(fwd[cells - 1]!) - fScale[n]!;
  const beads = path.map((p) => {
    const from = rowStart[p.i0]! + p.j0 - lo[p.i0]!;
    const i1 = p.i0 + p.di;
    const to = rowStart[i1]! + p.j0 + p.dj - lo[i1]!;
    const logA = Math.log(fwd[from]!) - fScale[p.i0]!;
    const logB = Math.log(bwd[to]!) - bScale[i1]!;
    const posterior = Math.exp(logA - p.cost + logB - logZ);
    return { ...p, posterior: Number.isFinite(posterior) ? Math.min(1, Math.max(0, posterior)) : 0 };
  });
  return { beads, touchesEdge, edgeRows, cost: total, cells };
}
