// Sentence-alignment benchmark: `npm run build && node --expose-gc tests/bench/run.mjs align`.
// 10,000 and 100,000 sentence pairs of real Japanese–English text (tests/align/support/scale-corpus.mjs:
// the Kyoto Wikipedia units drawn with a fixed seed into paragraphs of 1–5 units, 1% of the target
// paragraphs dropped and 1% split in two), aligned by kioku and by the length-only Gale–Church baseline
// in the same run. Segmentation is timed separately (the segmenter's cost, not the aligner's). The
// accuracy at this scale is in `npm run eval -- align`.
import { join } from 'node:path';
import { align, alignLengthOnly, segment } from '../../dist/index.js';
import { fmt, peakRssMiB, ROOT, saveResult, table } from './lib.mjs';
import { scaleDoc, scaleTexts, unitPool } from '../align/support/scale-corpus.mjs';

const SHARED = process.env.KIOKU_SHARED ?? join(ROOT, '..', 'shared');
const POOL = unitPool(SHARED, join(ROOT, 'tests', 'fixtures'));

function timed(fn) {
  globalThis.gc?.();
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

/** Median of `runs` timings. */
function median(fn, runs) {
  const times = [];
  let value;
  for (let k = 0; k < runs; k++) {
    const t = timed(fn);
    times.push(t.ms);
    value = t.value;
  }
  times.sort((a, b) => a - b);
  return { value, ms: times[Math.floor(times.length / 2)] };
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
  const kioku = median(() => align(source, target, { sourceLang: 'ja', targetLang: 'en' }), runs);
  const rssKioku = peakRssMiB();
  const gc = median(() => alignLengthOnly(source, target), runs);
  const linked = kioku.value.filter((p) => p.source.length && p.target.length).length;
  const r = {
    sourceSegments: source.segments.length,
    targetSegments: target.segments.length,
    links: kioku.value.length,
    linked,
    segmentMs: seg.ms,
    kiokuMs: kioku.ms,
    galeChurchMs: gc.ms,
    pairsPerSecond: source.segments.length / (kioku.ms / 1000),
    galeChurchPairsPerSecond: source.segments.length / (gc.ms / 1000),
    peakRssMiB: rssKioku,
  };
  results[pairs] = r;
  rows.push([
    pairs.toLocaleString('en'),
    `${r.sourceSegments} / ${r.targetSegments}`,
    fmt(r.segmentMs, 0),
    fmt(r.kiokuMs, 0),
    Math.round(r.pairsPerSecond).toLocaleString('en'),
    fmt(r.galeChurchMs, 0),
    fmt(r.kiokuMs / r.galeChurchMs, 2),
    fmt(r.peakRssMiB, 0),
  ]);
}
const growth = results[100_000].kiokuMs / results[10_000].kiokuMs;
const growthGc = results[100_000].galeChurchMs / results[10_000].galeChurchMs;
console.log(
  table(
    ['sentence pairs', 'ja / en segments', 'segment ms (both)', 'kioku align ms', 'pairs/s', 'Gale–Church ms', 'kioku ÷ G–C', 'peak RSS MiB'],
    rows,
  ),
);
console.log(`\n100k ÷ 10k time: kioku ${fmt(growth, 2)}× (goal ≤ 11×; 10× is linear), Gale–Church ${fmt(growthGc, 2)}×.`);
console.log(`Goal ≥ 20,000 pairs/s: ${results[100_000].pairsPerSecond >= 20_000 && results[10_000].pairsPerSecond >= 20_000 ? 'met' : 'NOT met'} on this machine.`);
saveResult('align', { results, growth, growthGc });
