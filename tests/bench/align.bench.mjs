// Sentence-alignment benchmark: `npm run build && node --expose-gc tests/bench/run.mjs align`.
// 10,000 and 100,000 sentence pairs of real Japanese–English text (tests/align/support/scale-corpus.mjs:
// the Kyoto Wikipedia units drawn with a fixed seed into paragraphs of 1–5 units, 1% of the target
// paragraphs dropped and 1% split in two), aligned by kioku and by the length-only Gale–Church baseline
// in the same run. Segmentation is timed separately (the segmenter's cost, not the aligner's). The
// accuracy at this scale is in `npm run eval -- align`.
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { segment } from '../../dist/index.js';
import { align, alignLengthOnly } from '../../dist/align/index.js';
import { fmt, median, peakRssMiB, ROOT, saveResult, table, timeOnce } from './lib.mjs';
import { scaleDoc, scaleTexts, unitPool } from '../align/support/scale-corpus.mjs';

const SHARED = process.env.KIOKU_SHARED ?? join(ROOT, '..', 'shared');
const POOL = unitPool(SHARED, join(ROOT, 'tests', 'fixtures'));

/** Wall time and CPU time (user + system, all threads) of one call, after a full GC. */
function timed(fn) {
  globalThis.gc?.();
  return timeOnce(fn);
}

/** Medians of `runs` timings (wall and CPU separately): the machine is shared, so both are shown. */
function medianOf(fn, runs) {
  const walls = [];
  const cpus = [];
  let value;
  for (let k = 0; k < runs; k++) {
    const t = timed(fn);
    walls.push(t.ms);
    cpus.push(t.cpuMs);
    value = t.value;
  }
  return { value, ms: median(walls), cpuMs: median(cpus) };
}

const rows = [];
const results = {};
for (const [pairs, runs] of [
  [10_000, 5],
  [100_000, 3],
]) {
  const text = scaleTexts(scaleDoc(POOL, pairs, 42));
  const seg = timed(() => ({ source: segment(text.ja, { lang: 'ja' }), target: segment(text.en, { lang: 'en' }) }));
  const { source, target } = seg.value;
  const kioku = medianOf(() => align(source, target, { sourceLang: 'ja', targetLang: 'en' }), runs);
  const rssKioku = peakRssMiB();
  const gc = medianOf(() => alignLengthOnly(source, target), runs);
  const linked = kioku.value.filter((p) => p.source.length && p.target.length).length;
  const r = {
    sourceSegments: source.segments.length,
    targetSegments: target.segments.length,
    links: kioku.value.length,
    linked,
    segmentMs: seg.ms,
    kiokuMs: kioku.ms,
    kiokuCpuMs: kioku.cpuMs,
    galeChurchMs: gc.ms,
    galeChurchCpuMs: gc.cpuMs,
    pairsPerSecond: source.segments.length / (kioku.ms / 1000),
    pairsPerCpuSecond: source.segments.length / (kioku.cpuMs / 1000),
    galeChurchPairsPerSecond: source.segments.length / (gc.ms / 1000),
    peakRssMiB: rssKioku,
  };
  results[pairs] = r;
  rows.push([
    pairs.toLocaleString('en'),
    `${r.sourceSegments} / ${r.targetSegments}`,
    fmt(r.segmentMs, 0),
    `${fmt(r.kiokuMs, 0)} (${fmt(r.kiokuCpuMs, 0)})`,
    `${Math.round(r.pairsPerSecond).toLocaleString('en')} (${Math.round(r.pairsPerCpuSecond).toLocaleString('en')})`,
    `${fmt(r.galeChurchMs, 0)} (${fmt(r.galeChurchCpuMs, 0)})`,
    fmt(r.kiokuCpuMs / r.galeChurchCpuMs, 2),
    fmt(r.peakRssMiB, 0),
  ]);
}
const growth = results[100_000].kiokuCpuMs / results[10_000].kiokuCpuMs;
const growthGc = results[100_000].galeChurchCpuMs / results[10_000].galeChurchCpuMs;
console.log(
  table(
    [
      'sentence pairs',
      'ja / en segments',
      'segment ms (both)',
      'kioku align ms wall (CPU)',
      'pairs/s wall (CPU)',
      'Gale–Church ms wall (CPU)',
      'kioku ÷ G–C (CPU)',
      'peak RSS MiB',
    ],
    rows,
  ),
);
console.log(
  `\nLoad average during the run: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')} on ${cpus().length} CPUs (wall times suffer on a busy machine; CPU times less).`,
);
console.log(
  `100k ÷ 10k CPU time: kioku ${fmt(growth, 2)}× (goal ≤ 11×; 10× is linear), Gale–Church ${fmt(growthGc, 2)}× (its fixed band must widen everywhere for the drift).`,
);
const slowest = Math.min(results[10_000].pairsPerSecond, results[100_000].pairsPerSecond);
const slowestCpu = Math.min(results[10_000].pairsPerCpuSecond, results[100_000].pairsPerCpuSecond);
console.log(
  `Goal ≥ 20,000 pairs/s: slowest size ${Math.round(slowest).toLocaleString('en')} pairs/s wall, ${Math.round(slowestCpu).toLocaleString('en')} per CPU second.`,
);
saveResult('align', { results, growth, growthGc });
