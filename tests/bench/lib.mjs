// Shared helpers for benchmarks: timing, percentiles, peak memory, Markdown tables, result files.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs fn repeatedly for at least minMs (and at least once); returns ms per run (median of rounds). */
export function time(fn, { minMs = 200, rounds = 5 } = {}) {
  const results = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    do {
      fn();
      n++;
      t = performance.now();
    } while (t - t0 < minMs / rounds);
    results.push((t - t0) / n);
  }
  results.sort((a, b) => a - b);
  return results[Math.floor(results.length / 2)];
}

/** Wall-clock and CPU time (user + system, all threads, GC included) of one call, in ms, with its value. */
export function timeOnce(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, ms, cpuMs: (c.user + c.system) / 1000 };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The median of unsorted numbers (of an even count, the upper middle one). */
export function median(values) {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB() {
  return process.resourceUsage().maxRSS / 1024;
}

export function table(headers, rows) {
  const lines = [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

export function fmt(n, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

export function saveResult(name, data) {
  writeFileSync(join(ROOT, 'tests', 'artifacts', 'bench', `${name}.json`), JSON.stringify(data, null, 2) + '\n');
}

/** The shared deterministic PRNG (mulberry32). */
export { rng } from '../support/rng.mjs';
