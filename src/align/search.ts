import { bandAroundPath, bandCells, lengthDiagonal, makeBand } from './band.js';
import { alignBand, type Bead, type BeadType, type ParagraphMoves } from './dp.js';

/** Half-width (in target sentences) of the first band; it doubles while the path runs along its edge. */
const FIRST_HALF_WIDTH = 12;
/** Default cap on DP cells (≈ 25 bytes each): the band stops widening there. */
const MAX_CELLS = 20_000_000;
/** Half-width around the best path for the posteriors. */
const POSTERIOR_HALF_WIDTH = 4;

export interface SearchOptions {
  readonly onProgress?: (done: number, total: number) => void;
  readonly maxCells?: number;
  readonly withPosteriors?: boolean;
  readonly moves?: ParagraphMoves;
}

/**
 * Finds the best tiling and its posteriors in two stages. Stage 1 (Viterbi only, cheap): a band of
 * half-width 12 around the length diagonal, doubled while the best path runs along its edge (up to the
 * cell budget). Stage 2: forward–backward in a narrow band around that path (the alternatives that carry
 * probability mass lie near it), which also re-runs Viterbi, so the path can only improve.
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
  const diag = lengthDiagonal(sourcePrefix, targetPrefix);
  const maxCells = options.maxCells ?? MAX_CELLS;
  const report = options.onProgress;
  const moves = options.moves ? { moves: options.moves } : {};
  let half = FIRST_HALF_WIDTH;
  const full = Math.max(n, m);
  let stage1: readonly Bead[];
  let attempt = 0;
  for (;;) {
    const band = makeBand(diag, m, half);
    const a = attempt++;
    const result = alignBand(band, params.beads, cost, {
      withPosteriors: false,
      ...moves,
      // Progress: stage 1 counts as the first half of the work (a widened retry restarts it).
      ...(report ? { onRow: (row: number) => report(a === 0 ? row : row, 2 * n) } : {}),
    });
    const wider = half * 2;
    if (!result.touchesEdge || half >= full || bandCells(diag, m, wider) > maxCells) {
      stage1 = result.beads;
      break;
    }
    half = wider;
  }
  if (options.withPosteriors === false) return stage1;
  const band = bandAroundPath(stage1, n, m, POSTERIOR_HALF_WIDTH);
  const result = alignBand(band, params.beads, cost, {
    withPosteriors: true,
    ...moves,
    ...(report ? { onRow: (row: number, pass: 0 | 1) => report(pass === 0 ? n + row / 2 : 2 * n - row / 2, 2 * n) } : {}),
  });
  return result.beads;
}
