import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignBand, paragraphMoveAllowed, type BeadCost, type BeadType, type ParagraphMoves } from '../../src/align/dp.js';
import { bandAroundPath, lengthDiagonal, makeBand, prefixSums } from '../../src/align/band.js';
import { DEFAULT_PARAMS } from '../../src/align/scorer.js';

const TYPES: readonly BeadType[] = DEFAULT_PARAMS.beads;

interface Tiling {
  readonly beads: Array<[number, number, number, number]>;
  readonly cost: number;
}

/** Every tiling of (n, m) by the bead types and paragraph moves, by plain recursion. */
function allTilings(n: number, m: number, cost: BeadCost, moves?: ParagraphMoves): Tiling[] {
  const out: Tiling[] = [];
  const walk = (i: number, j: number, beads: Array<[number, number, number, number]>, total: number) => {
    if (i === n && j === m) {
      out.push({ beads: [...beads], cost: total });
      return;
    }
    const step = (di: number, dj: number, c: number) => {
      beads.push([i, di, j, dj]);
      walk(i + di, j + dj, beads, total + c);
      beads.pop();
    };
    for (const t of TYPES) if (i + t.di <= n && j + t.dj <= m) step(t.di, t.dj, cost(i, t.di, j, t.dj));
    if (moves) {
      const ls = moves.sourceStarting[i]!;
      const lt = moves.targetStarting[j]!;
      if (ls > 0 && paragraphMoveAllowed(ls, 0)) step(ls, 0, moves.cost(i, ls, j, 0));
      if (lt > 0 && paragraphMoveAllowed(0, lt)) step(0, lt, moves.cost(i, 0, j, lt));
      if (ls > 0 && lt > 0 && paragraphMoveAllowed(ls, lt)) step(ls, lt, moves.cost(i, ls, j, lt));
    }
  };
  walk(0, 0, [], 0);
  return out;
}

/** Paragraph bounds from a list of paragraph lengths. */
function bounds(lengths: readonly number[]): { ending: Int32Array; starting: Int32Array } {
  const total = lengths.reduce((a, b) => a + b, 0);
  const ending = new Int32Array(total + 1);
  const starting = new Int32Array(total + 1);
  let at = 0;
  for (const l of lengths) {
    starting[at] = l;
    ending[at + l] = l;
    at += l;
  }
  return { ending, starting };
}

const paragraphs = (max: number) => fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: max });

describe('alignBand (the DP) against brute force', () => {
  it('finds the cheapest tiling and exact posteriors, with and without paragraph moves', () => {
    fc.assert(
      fc.property(paragraphs(3), paragraphs(3), fc.integer({ min: 0, max: 1_000_000 }), fc.boolean(), (sp, tp, seed, withMoves) => {
        const n = sp.reduce((a, b) => a + b, 0);
        const m = tp.reduce((a, b) => a + b, 0);
        fc.pre(n <= 5 && m <= 5);
        // A deterministic pseudo-random cost per bead (positive and negative, like real bead costs).
        const cost: BeadCost = (i0, di, j0, dj) => {
          const h = Math.sin(seed + i0 * 7.1 + di * 13.3 + j0 * 3.7 + dj * 29.9) * 10000;
          return (h - Math.floor(h)) * 6 - 2;
        };
        const s = bounds(sp);
        const t = bounds(tp);
        const moves: ParagraphMoves | undefined = withMoves
          ? {
              sourceEnding: s.ending,
              sourceStarting: s.starting,
              targetEnding: t.ending,
              targetStarting: t.starting,
              cost: (i0, di, j0, dj) => cost(i0, di, j0, dj) + 1,
            }
          : undefined;
        const tilings = allTilings(n, m, cost, moves);
        const best = Math.min(...tilings.map((x) => x.cost));
        const z = tilings.reduce((a, x) => a + Math.exp(-x.cost), 0);
        const band = makeBand(lengthDiagonal(prefixSums(Array(n).fill(1)), prefixSums(Array(m).fill(1))), m, 10);
        const result = alignBand(band, TYPES, cost, moves ? { moves } : {});
        expect(result.cost).toBeCloseTo(best, 9);
        for (const b of result.beads) {
          const mass = tilings
            .filter((x) => x.beads.some(([i0, di, j0, dj]) => i0 === b.i0 && di === b.di && j0 === b.j0 && dj === b.dj))
            .reduce((a, x) => a + Math.exp(-x.cost), 0);
          expect(b.posterior).toBeCloseTo(mass / z, 5);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('tiles both sides completely and in order inside any band', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 6 }), (n, m, half) => {
        fc.pre(n + m > 0);
        const band = makeBand(lengthDiagonal(prefixSums(Array(n).fill(2)), prefixSums(Array(m).fill(1))), m, half);
        const { beads } = alignBand(band, TYPES, (_i0, di, _j0, dj) => (di === dj ? 0 : 1));
        let i = 0;
        let j = 0;
        for (const b of beads) {
          expect([b.i0, b.j0]).toEqual([i, j]);
          i += b.di;
          j += b.dj;
        }
        expect([i, j]).toEqual([n, m]);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('keeps posteriors finite when costs are large (scaled forward–backward)', () => {
    const n = 3000;
    const band = makeBand(lengthDiagonal(prefixSums(Array(n).fill(1)), prefixSums(Array(n).fill(1))), n, 4);
    // Strongly negative costs (anchors) and strongly positive ones (bad beads) over a long text.
    const result = alignBand(band, TYPES, (_i0, di, _j0, dj) => (di === 1 && dj === 1 ? -12 : 30));
    expect(result.beads).toHaveLength(n);
    for (const b of result.beads) expect(b.posterior).toBeGreaterThan(0.99);
  });
});

describe('bands', () => {
  it('a band around a path contains the path and stays connected', () => {
    const path = [
      { i0: 0, di: 1, j0: 0, dj: 1 },
      { i0: 1, di: 3, j0: 1, dj: 0 },
      { i0: 4, di: 1, j0: 1, dj: 2 },
      { i0: 5, di: 0, j0: 3, dj: 4 },
    ];
    const band = bandAroundPath(path, 5, 7, 0);
    for (const p of path) {
      for (let i = p.i0; i <= p.i0 + p.di; i++) {
        expect(band.lo[i]).toBeLessThanOrEqual(p.j0);
        expect(band.hi[i]).toBeGreaterThanOrEqual(p.j0 + p.dj);
      }
    }
    for (let i = 0; i < 5; i++) expect(band.hi[i]).toBeGreaterThanOrEqual(band.lo[i + 1]!);
  });
});
