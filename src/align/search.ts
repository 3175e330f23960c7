import { bandAroundPath, bandCells, lengthDiagonal, makeBand } from './band.js';
import { alignBeam, type BeamResult } from './beam.js';
import { alignBand, type Bead, type BeadType, type ParagraphMoves } from './dp.js';

/** Half-width (in target sentences) of the first beam; it doubles while the path runs along its edge. */
const FIRST_HALF_WIDTH = 12;
/** Default cap on DP cells (≈ 25 bytes each): the band stops widening there. */
const MAX_CELLS = 20_000_000;
/** Half-width around the best path for the posteriors. */
const POSTERIOR_HALF_WIDTH = 4;
/** Where a path runs along the band's edge, this many rows either side get a wider band. */
const WIDEN_ROWS = 32;
/** At most this many local widenings per stage (each doubles the width where it applies). */
const MAX_WIDENING = 5;

export interface SearchOptions {
  readonly onProgress?: (done: number, total: number) => void;
  readonly maxCells?: number;
  readonly withPosteriors?: boolean;
  readonly moves?: ParagraphMoves;
}

/**
 * Finds the best tiling and its posteriors. Stage 1 (Viterbi only, cheap): a band of half-width 12 that
 * follows the alignment row by row (see alignBeam). Stage 2: forward–backward in a narrow band (±4)
 * around that path (the alternatives that carry probability mass lie near it), which re-runs Viterbi
 * there, so the path can only improve; wherever its path runs along the band's edge, the band is
 * widened there (not everywhere) and stage 2 runs again, a few times at most. All of it is linear in
 * the text size.
 */
export function searchBand(
  sourcePrefix: Float64Array,
  targetPrefix: Float64Array,
  params: { readonly beads: readonly BeadType[] },
  cost: (i0: number, di: number, j0: number, dj: number) => number,
  options: SearchOptions = {},
): readonly Bead[] {
  const n = sourcePrefix.length - 1;
  const m = targetPrefix.length - 1;
  if (n === 0 && m === 0) return [];
  const maxCells = options.maxCells ?? MAX_CELLS;
  const report = options.onProgress;
  const moves = options.moves ? { moves: options.moves } : {};
  // Stage 1 runs again with twice the half-width while its path runs along the beam's edge: where the
  // texts stop corresponding for a long stretch (passages only one side has), a narrow beam can lose
  // the path. Each run is linear; the number of runs is logarithmic in the longest such stretch.
  let half = FIRST_HALF_WIDTH;
  let stage1: BeamResult;
  for (;;) {
    stage1 = alignBeam(n, m, params.beads, cost, {
      half,
      ...moves,
      ...(report ? { onRow: (row: number) => report(row, 2 * n) } : {}),
    });
    if (!stage1.touchesEdge || 2 * half > Math.max(n, m) || stage1.cells * 2 > maxCells) break;
    half *= 2;
  }
  const margins = new Int32Array(n + 1).fill(POSTERIOR_HALF_WIDTH);
  const widen = (rows: readonly number[], to: number) => {
    for (const r of rows) {
      for (let i = Math.max(0, r - WIDEN_ROWS); i <= Math.min(n, r + WIDEN_ROWS); i++) if (margins[i]! < to) margins[i] = to;
    }
  };
  widen(stage1.edgeRows, 2 * half);
  // The path of the last stage-2 run, kept when widening around it would exceed the cell budget.
  let previous: readonly Bead[] | undefined;
  let width = 2 * half;
  for (let round = 0; ; round++) {
    const band = bandAroundPath(previous ?? stage1.path, n, m, POSTERIOR_HALF_WIDTH, margins);
    if (previous && band.rowStart[n + 1]! > maxCells) return previous;
    const result = alignBand(band, params.beads, cost, {
      withPosteriors: options.withPosteriors ?? true,
      ...moves,
      ...(report ? { onRow: (row: number, pass: 0 | 1) => report(pass === 0 ? n + row / 2 : 2 * n - row / 2, 2 * n) } : {}),
    });
    width *= 2;
    if (!result.touchesEdge || round >= MAX_WIDENING) return result.beads;
    widen(result.edgeRows, width);
    previous = result.beads;
  }
}

/**
 * The classic search, used by the Gale–Church baseline: a fixed band of half-width 12 around the length
 * diagonal, doubled everywhere while the best path runs along its edge, then forward–backward in it.
 */
export function searchDiagonal(
  sourcePrefix: Float64Array,
  targetPrefix: Float64Array,
  params: { readonly beads: readonly BeadType[] },
  cost: (i0: number, di: number, j0: number, dj: number) => number,
  options: Pick<SearchOptions, 'maxCells'> = {},
): readonly Bead[] {
  const n = sourcePrefix.length - 1;
  const m = targetPrefix.length - 1;
  if (n === 0 && m === 0) return [];
  const diag = lengthDiagonal(sourcePrefix, targetPrefix);
  const maxCells = options.maxCells ?? MAX_CELLS;
  let half = FIRST_HALF_WIDTH;
  for (;;) {
    const band = makeBand(diag, m, half);
    const result = alignBand(band, params.beads, cost, { withPosteriors: false });
    if (!result.touchesEdge || half >= Math.max(n, m) || bandCells(diag, m, 2 * half) > maxCells) {
      return alignBand(band, params.beads, cost, { withPosteriors: true }).beads;
    }
    half *= 2;
  }
}
