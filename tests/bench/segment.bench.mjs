// Segmentation speed: kioku's segment() (sentences + ids) against Intl.Segmenter (ICU, fed per
// paragraph because it is quadratic on long strings) on the same Japanese corpus (the article repeated)
// in the same run, plus a plain character scan as the ceiling, linearity (cost per character at 10 KB vs
// 10 MB vs 100 MB) and memory. `npm run build && node --expose-gc tests/bench/run.mjs segment`.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { segment } from '../../dist/index.js';
import { ROOT, fmt, peakRssMiB, saveResult, table, time, timeOnce } from './lib.mjs';

const article = readFileSync(join(ROOT, 'tests', 'fixtures', 'article.ja.txt'), 'utf8');
const articleEn = readFileSync(join(ROOT, 'tests', 'fixtures', 'article.en.txt'), 'utf8');

/** The article repeated to about `bytes` of UTF-8, cut at a line end. */
function corpus(text, bytes) {
  const unit = text.endsWith('\n') ? text : `${text}\n`;
  const unitBytes = Buffer.byteLength(unit);
  let out = unit.repeat(Math.ceil(bytes / unitBytes));
  // Cut at the last line end within the budget (characters are 1–3 bytes; trim until it fits).
  while (Buffer.byteLength(out) > bytes) {
    const over = Buffer.byteLength(out) - bytes;
    const cut = out.lastIndexOf('\n', out.length - Math.max(1, Math.floor(over / 3)) - 1);
    out = out.slice(0, cut + 1);
  }
  return out;
}

function gc() {
  globalThis.gc?.();
}

/** Best of `runs` wall-clock timings of fn (ms), each after a full GC, plus the CPU time of that run. */
function measure(fn, runs) {
  let best = Infinity;
  let cpu = Infinity;
  let result;
  for (let r = 0; r < runs; r++) {
    gc();
    const t = timeOnce(fn);
    result = t.value;
    if (t.ms < best) {
      best = t.ms;
      cpu = t.cpuMs;
    }
  }
  return { ms: best, cpuMs: cpu, result };
}

const icuJa = new Intl.Segmenter('ja', { granularity: 'sentence' });
const icuEn = new Intl.Segmenter('en', { granularity: 'sentence' });

function icu(text, segmenter) {
  let count = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue;
    for (const s of segmenter.segment(line)) if (s.segment.trim() !== '') count++;
  }
  return count;
}

function scan(text) {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0;
  return h;
}

const mb = (bytes, ms) => bytes / 1e6 / (ms / 1000);

const rows = [];
const results = { machineLoad: loadavg(), corpora: [] };
console.log(
  `Load average at start: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (other work on the machine slows both sides alike)\n`,
);

for (const [label, text, lang, segmenter, sizes] of [
  ['Japanese', article, 'ja', icuJa, [10e6, 100e6]],
  ['English', articleEn, 'en', icuEn, [10e6]],
]) {
  for (const size of sizes) {
    const input = corpus(text, size);
    const bytes = Buffer.byteLength(input);
    const runs = size > 50e6 ? 3 : 5;
    const k = measure(() => segment(input, { lang }).segments.length, runs);
    // ICU is measured on the whole corpus as well (about 3 s at 100 MB), once at 100 MB.
    const i = measure(() => icu(input, segmenter), size > 50e6 ? 1 : 3);
    const s = measure(() => scan(input), 5);
    const row = {
      corpus: `${label} ${fmt(bytes / 1e6, 0)} MB`,
      bytes,
      chars: input.length,
      segments: k.result,
      icuSegments: i.result,
      kiokuMBs: mb(bytes, k.ms),
      kiokuCpuMBs: mb(bytes, k.cpuMs),
      icuMBs: mb(bytes, i.ms),
      icuCpuMBs: mb(bytes, i.cpuMs),
      scanMBs: mb(bytes, s.ms),
    };
    results.corpora.push(row);
    rows.push([
      row.corpus,
      String(row.segments),
      `${fmt(row.kiokuMBs, 0)} (${fmt(row.kiokuCpuMBs, 0)})`,
      `${fmt(row.icuMBs, 1)} (${fmt(row.icuCpuMBs, 1)})`,
      `${fmt(row.kiokuMBs / row.icuMBs, 1)}× (${fmt(row.kiokuCpuMBs / row.icuCpuMBs, 1)}×)`,
      fmt(row.scanMBs, 0),
    ]);
  }
}

console.log(
  'MB/s of UTF-8 input by wall clock, and in parentheses by the CPU time of the process (all threads,\nGC included), which other load on the machine disturbs less. Best of 5 runs (3 for kioku at 100 MB, 1 for ICU).\n',
);
console.log(table(['corpus', 'segments', 'kioku MB/s', 'ICU MB/s (per paragraph)', 'kioku / ICU', 'char scan MB/s'], rows));

// Linearity: cost per character of segment() from 10 KB to 100 MB of the same text.
const lin = [];
for (const size of [10e3, 1e6, 10e6, 100e6]) {
  const input = corpus(article, size);
  const ms =
    size <= 1e6 ? time(() => segment(input, { lang: 'ja' }), { minMs: 400, rounds: 5 }) : measure(() => segment(input, { lang: 'ja' }), size > 50e6 ? 3 : 5).ms;
  lin.push({ bytes: Buffer.byteLength(input), chars: input.length, nsPerChar: (ms * 1e6) / input.length });
}
const base = lin[0].nsPerChar;
console.log('\nLinearity (Japanese, segment() with ids):\n');
console.log(
  table(
    ['input', 'characters', 'ns per character', 'vs 10 KB'],
    lin.map((l) => [`${fmt(l.bytes / 1e6, l.bytes < 1e6 ? 2 : 0)} MB`, String(l.chars), fmt(l.nsPerChar, 1), `${fmt(l.nsPerChar / base, 2)}×`]),
  ),
);
results.linearity = lin;

// Memory: what a segmented 10 MB document holds on the heap, and the process peak.
gc();
const input = corpus(article, 10e6);
gc();
const before = process.memoryUsage().heapUsed;
const kept = segment(input, { lang: 'ja' });
gc();
const held = process.memoryUsage().heapUsed - before;
console.log(
  `\nMemory: a segmented 10 MB Japanese document holds ${fmt(held / 2 ** 20, 0)} MiB of heap (${fmt(held / kept.segments.length, 0)} bytes per segment, paragraphs and ids included); peak RSS of this benchmark run ${fmt(peakRssMiB(), 0)} MiB (the 100 MB corpus is the largest input).`,
);
results.heldBytes10MB = held;
results.segments10MB = kept.segments.length;
results.peakRssMiB = peakRssMiB();
saveResult('segment', results);
