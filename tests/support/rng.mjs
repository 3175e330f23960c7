/**
 * A deterministic PRNG (mulberry32), so generated corpora, edits and kill times are the same in every
 * run. Plain JavaScript so the benchmarks (run by node on dist/) and the tests (TypeScript) share it.
 */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
