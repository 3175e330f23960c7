/** The benchmarks' deterministic PRNG (mulberry32), so generated test data never varies. */
export { rng } from '../../bench/lib.mjs';
