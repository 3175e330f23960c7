/**
 * The search band of the alignment DP: for every number of source sentences consumed (row i, 0..n) the
 * range [lo[i], hi[i]] of target sentences consumed that the path may visit. Centred on the "length
 * diagonal" (where the cumulative target length reaches the same share of the whole as the cumulative
 * source length), so a text whose sentence counts differ a lot still gets a band that follows it.
 * Work and memory are O(n · width): linear in the text for a fixed width.
 */
export interface Band {
  readonly n: number;
  readonly m: number;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  /** Offset of row i's first cell in the flat cell arrays; rowStart[n + 1] is the cell count. */
  readonly rowStart: Int32Array;
  readonly half: number;
}

/** Prefix sums: prefix[k] = sum of lengths[0..k). */
export function prefixSums(lengths: ArrayLike<number>): Float64Array {
  const out = new Float64Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) out[i + 1] = out[i]! + lengths[i]!;
  return out;
}

/** Target index on the length diagonal for each source row. */
export function lengthDiagonal(sourcePrefix: Float64Array, targetPrefix: Float64Array): Int32Array {
  const n = sourcePrefix.length - 1;
  const m = targetPrefix.length - 1;
  const totalS = sourcePrefix[n]!;
  const totalT = targetPrefix[m]!;
  const diag = new Int32Array(n + 1);
  let j = 0;
  for (let i = 0; i <= n; i++) {
    if (totalS <= 0 || totalT <= 0) {
      diag[i] = n === 0 ? m : Math.round((i * m) / n);
      continue;
    }
    const want = (sourcePrefix[i]! / totalS) * totalT;
    while (j < m && targetPrefix[j + 1]! <= want) j++;
    // Pick the nearer of j and j+1.
    if (j < m && want - targetPrefix[j]! > targetPrefix[j + 1]! - want) diag[i] = j + 1;
    else diag[i] = j;
  }
  diag[0] = 0;
  diag[n] = m;
  return diag;
}

/** A band of half-width `half` around `diag`, made connected (neighbouring rows overlap). */
export function makeBand(diag: Int32Array, m: number, half: number): Band {
  const n = diag.length - 1;
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    lo[i] = diag[i]! - half;
    hi[i] = diag[i]! + half;
  }
  return bandFromRanges(lo, hi, m, half);
}

/**
 * A band around a known path: each row gets the range of target positions the path visits in it,
 * widened by `half` on both sides (or by `margins[i]` for row i, where given).
 */
export function bandAroundPath(
  path: ReadonlyArray<{ readonly i0: number; readonly di: number; readonly j0: number; readonly dj: number }>,
  n: number,
  m: number,
  half: number,
  margins?: Int32Array,
): Band {
  const lo = new Int32Array(n + 1).fill(m);
  const hi = new Int32Array(n + 1);
  const visit = (i: number, j: number) => {
    if (j < lo[i]!) lo[i] = j;
    if (j > hi[i]!) hi[i] = j;
  };
  visit(0, 0);
  for (const b of path) {
    // Every row the bead spans gets the bead's whole target range (rows inside a 2-1 or a paragraph
    // move are not on the path but must stay connected).
    for (let i = b.i0; i <= b.i0 + b.di; i++) {
      visit(i, b.j0);
      visit(i, b.j0 + b.dj);
    }
  }
  for (let i = 0; i <= n; i++) {
    const w = margins ? Math.max(half, margins[i]!) : half;
    lo[i] = lo[i]! - w;
    hi[i] = hi[i]! + w;
  }
  return bandFromRanges(lo, hi, m, half);
}

/** Clamps row ranges into [0, m], makes them monotone and connected, and lays out the cells. */
function bandFromRanges(lo: Int32Array, hi: Int32Array, m: number, half: number): Band {
  const n = lo.length - 1;
  for (let i = 0; i <= n; i++) {
    lo[i] = Math.max(0, Math.min(m, lo[i]!));
    hi[i] = Math.max(lo[i]!, Math.min(m, hi[i]!));
  }
  lo[0] = 0;
  hi[n] = m;
  // Monotone by widening, never by narrowing: a row widened on purpose keeps its width, and its
  // neighbours grow to match.
  for (let i = 1; i <= n; i++) if (hi[i]! < hi[i - 1]!) hi[i] = hi[i - 1]!;
  for (let i = n - 1; i >= 0; i--) if (lo[i]! > lo[i + 1]!) lo[i] = lo[i + 1]!;
  // Row i must reach row i+1 with a 1-0 step, so their ranges must overlap.
  for (let i = 0; i < n; i++) if (hi[i]! < lo[i + 1]!) hi[i] = lo[i + 1]!;
  for (let i = n; i > 0; i--) if (lo[i]! > hi[i - 1]!) lo[i] = hi[i - 1]!;
  const rowStart = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) rowStart[i + 1] = rowStart[i]! + (hi[i]! - lo[i]! + 1);
  return { n, m, lo, hi, rowStart, half };
}

/** Cells a band of this half-width would have (to stay under a memory budget before building it). */
export function bandCells(diag: Int32Array, m: number, half: number): number {
  let cells = 0;
  for (let i = 0; i < diag.length; i++) cells += Math.min(m, diag[i]! + half) - Math.max(0, diag[i]! - half) + 1;
  return cells;
}
