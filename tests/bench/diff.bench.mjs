// Revision diff benchmark: `npm run build && node --expose-gc tests/bench/run.mjs diff`.
// (1) two 10,000-segment revisions with 5% scattered edits, (2) a completely rewritten
// 10,000-segment document, each at 1k/10k/20k segments to show the growth, against (3) a naive
// all-pairs similarity matching measured in the same run. The naive matcher is quadratic: it is
// timed at small sizes and extrapolated (n² fit), which the table says.
import { diffRevisions, segment } from '../../dist/index.js';
import { similarity } from '../../dist/diff/index.js';
import { cpus, loadavg } from 'node:os';
import { fmt, peakRssMiB, rng, saveResult, table, time } from './lib.mjs';

const WHO = [
  'The city council',
  'A research team',
  'Local residents',
  'The spokesman',
  'Police',
  'The committee',
  'The developer',
  'Firefighters',
  'Researchers',
  'The union',
  'The port authority',
  'Inspectors',
];
const VERB = ['built', 'inspected', 'closed', 'opened', 'renovated', 'visited', 'announced', 'approved', 'postponed', 'reopened', 'funded', 'sold'];
const THING = [
  'a bridge',
  'the harbour',
  'the library',
  'a power plant',
  'the water works',
  'the motorway',
  'the hospital',
  'a school',
  'the airport',
  'the market',
  'the park',
  'a laboratory',
];
const PLACE = ['Osaka', 'Sapporo', 'Fukuoka', 'Nagoya', 'Sendai', 'Hiroshima', 'Naha', 'Kanazawa', 'Niigata', 'Takamatsu', 'Matsuyama', 'Nagasaki'];
const pick = (r, a) => a[Math.floor(r() * a.length)];

function sentence(r) {
  const n = 1 + Math.floor(r() * 99999);
  return `${pick(r, WHO)} ${pick(r, VERB)} ${pick(r, THING)} in ${pick(r, PLACE)} at a cost of ${n} yen, officials said on day ${1 + Math.floor(r() * 365)}.`;
}

/** Paragraphs of 1–4 sentences, `count` sentences in all. */
function documentOf(sentences) {
  const lines = [];
  for (let i = 0; i < sentences.length; ) {
    const k = 1 + ((i * 7) % 4);
    lines.push(sentences.slice(i, i + k).join(' '));
    i += k;
  }
  return lines.join('\n') + '\n';
}

function corpus(n, seed) {
  const r = rng(seed);
  return Array.from({ length: n }, () => sentence(r));
}

// The rewritten revision: other words, other sentence shapes (a real rewrite shares little).
const SUBJECT = ['Our correspondent', 'The minister', 'Analysts', 'A witness', 'The mayor', 'Economists', 'Teachers', 'Farmers'];
const ACTION = ['warned about', 'welcomed', 'criticised', 'questioned', 'praised', 'doubted', 'explained', 'described'];
const TOPIC = ['rising prices', 'the new railway', 'school reform', 'the harvest', 'tourism', 'the election', 'tax changes', 'flood defences'];
function rewrittenSentence(r) {
  return `${pick(r, SUBJECT)} ${pick(r, ACTION)} ${pick(r, TOPIC)} during a ${pick(r, ['long', 'short', 'heated', 'calm'])} debate (${1 + Math.floor(r() * 999)}).`;
}
function rewrittenCorpus(n, seed) {
  const r = rng(seed);
  return Array.from({ length: n }, () => rewrittenSentence(r));
}

/** 5% of the segments edited, scattered: figures changed, sentences rewritten, inserted, deleted. */
function scatteredEdits(sentences, seed) {
  const r = rng(seed);
  const out = [...sentences];
  const edits = Math.round(sentences.length * 0.05);
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(r() * out.length);
    const kind = e % 5;
    if (kind <= 1) out[i] = out[i].replace(/\d+ yen/, `${1 + Math.floor(r() * 99999)} yen`);
    else if (kind === 2) out[i] = sentence(r);
    else if (kind === 3) out.splice(i, 0, sentence(r));
    else out.splice(i, 1);
  }
  return out;
}

/** Naive matcher: similarity of every old/new pair, then best pairs first. */
function naive(old, next) {
  const pairs = [];
  for (let i = 0; i < old.length; i++)
    for (let j = 0; j < next.length; j++) {
      const s = similarity(old[i].text, next[j].text);
      if (s >= 0.35) pairs.push([s, i, j]);
    }
  pairs.sort((a, b) => b[0] - a[0] || a[2] - b[2] || a[1] - b[1]);
  const usedO = new Set();
  const usedN = new Set();
  let matched = 0;
  for (const [, i, j] of pairs) {
    if (usedO.has(i) || usedN.has(j)) continue;
    usedO.add(i);
    usedN.add(j);
    matched++;
  }
  return matched;
}

/** Worst cases beyond the goals: every segment's figure changed (no anchor at all), paragraphs shuffled. */
function everyFigure(sentences, seed) {
  const r = rng(seed);
  return sentences.map((x) => x.replace(/\d+ yen/, `${1 + Math.floor(r() * 99999)} yen`));
}
function shuffledParagraphs(text, seed) {
  const r = rng(seed);
  const lines = text.split('\n').filter((l) => l !== '');
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  return lines.join('\n') + '\n';
}

const results = { sizes: {}, naive: {}, worst: {} };
// Warm-up, so the smallest size is not charged with JIT compilation.
{
  const base = corpus(2000, 1);
  diffRevisions(segment(documentOf(base), { lang: 'en' }), segment(documentOf(scatteredEdits(base, 2)), { lang: 'en' }));
  diffRevisions(segment(documentOf(base), { lang: 'en' }), segment(documentOf(rewrittenCorpus(2000, 3)), { lang: 'en' }));
}
const rows = [];
for (const n of [1000, 10000, 20000]) {
  const base = corpus(n, 7);
  const old = segment(documentOf(base), { lang: 'en' });
  const edited = segment(documentOf(scatteredEdits(base, 8)), { lang: 'en' });
  const rewritten = segment(documentOf(rewrittenCorpus(n, 99)), { lang: 'en' });
  globalThis.gc?.();
  const tEdits = time(() => diffRevisions(old, edited), { minMs: n >= 10000 ? 1 : 300, rounds: n >= 10000 ? 3 : 5 });
  const tRewrite = time(() => diffRevisions(old, rewritten), { minMs: n >= 10000 ? 1 : 300, rounds: n >= 10000 ? 3 : 5 });
  const changes = diffRevisions(old, edited);
  const flagged = changes.filter((c) => c.kind !== 'unchanged').length;
  results.sizes[n] = { segments: old.segments.length, editsMs: tEdits, rewriteMs: tRewrite, flagged };
  rows.push([
    old.segments.length,
    fmt(tEdits, 0),
    fmt(tRewrite, 0),
    flagged,
    fmt((tEdits / old.segments.length) * 1000, 1),
    fmt((tRewrite / old.segments.length) * 1000, 1),
  ]);
}
console.log(table(['segments', '5% edits (ms)', 'rewritten (ms)', 'changes flagged (5% edits)', 'µs/segment (edits)', 'µs/segment (rewritten)'], rows));

const worstRows = [];
for (const n of [1000, 10000]) {
  const base = corpus(n, 7);
  const text = documentOf(base);
  const old = segment(text, { lang: 'en' });
  const all = segment(documentOf(everyFigure(base, 5)), { lang: 'en' });
  const shuffled = segment(shuffledParagraphs(text, 6), { lang: 'en' });
  const sameShape = segment(documentOf(corpus(n, 99)), { lang: 'en' });
  const tAll = time(() => diffRevisions(old, all), { minMs: 1, rounds: 3 });
  const tShuffled = time(() => diffRevisions(old, shuffled), { minMs: 1, rounds: 3 });
  const tSame = time(() => diffRevisions(old, sameShape), { minMs: 1, rounds: 3 });
  const minor = diffRevisions(old, all).filter((c) => c.kind === 'minor').length;
  const moved = diffRevisions(old, shuffled).filter((c) => c.kind === 'moved').length;
  results.worst[n] = { everyFigureMs: tAll, shuffledMs: tShuffled, sameShapeMs: tSame, minorFound: minor, movedFound: moved };
  worstRows.push([old.segments.length, fmt(tAll, 0), `${minor} / ${old.segments.length}`, fmt(tShuffled, 0), fmt(tSame, 0)]);
}
console.log('\nHarder cases (not goals): every segment edited; paragraphs shuffled; every sentence replaced by another of the same shape and vocabulary:\n');
console.log(table(['segments', 'every figure changed (ms)', 'found as minor', 'paragraphs shuffled (ms)', 'same-shape rewrite (ms)'], worstRows));

// Naive all-pairs on small sizes, fitted to c·n² and extrapolated to 10,000.
const naiveRows = [];
let coefficient = 0;
for (const n of [200, 400]) {
  const base = corpus(n, 7);
  const old = segment(documentOf(base), { lang: 'en' });
  const edited = segment(documentOf(scatteredEdits(base, 8)), { lang: 'en' });
  const tNaive = time(() => naive(old.segments, edited.segments), { minMs: 1, rounds: 1 });
  const tOurs = time(() => diffRevisions(old, edited), { minMs: 200, rounds: 5 });
  coefficient = tNaive / (old.segments.length * edited.segments.length);
  results.naive[n] = { naiveMs: tNaive, oursMs: tOurs };
  naiveRows.push([n, fmt(tNaive, 0), fmt(tOurs, 1), fmt(tNaive / tOurs, 0) + '×']);
}
const ten = results.sizes[10000];
const extrapolated = coefficient * ten.segments * ten.segments;
naiveRows.push([`10000 (extrapolated n²)`, fmt(extrapolated, 0), fmt(ten.editsMs, 0), fmt(extrapolated / ten.editsMs, 0) + '×']);
results.naive.extrapolated10k = extrapolated;
console.log('\nNaive all-pairs similarity matching vs diffRevisions (5% scattered edits):\n');
console.log(table(['segments', 'naive (ms)', 'diffRevisions (ms)', 'speed-up'], naiveRows));
const growthEdits = results.sizes[20000].editsMs / results.sizes[10000].editsMs;
const growthRewrite = results.sizes[20000].rewriteMs / results.sizes[10000].rewriteMs;
console.log(`\nGrowth 10k → 20k segments: ×${fmt(growthEdits, 2)} (5% edits), ×${fmt(growthRewrite, 2)} (rewritten); linear would be ×2.`);
console.log(
  `Goals: 10k with 5% edits < 1000 ms: ${ten.editsMs < 1000 ? 'met' : 'NOT met'} (${fmt(ten.editsMs, 0)} ms); rewritten 10k < 5000 ms: ${ten.rewriteMs < 5000 ? 'met' : 'NOT met'} (${fmt(ten.rewriteMs, 0)} ms).`,
);
results.peakRssMiB = peakRssMiB();
console.log(
  `Peak RSS: ${fmt(results.peakRssMiB, 0)} MiB; load average at the end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(', ')} on ${cpus().length} cores (timings scale with it).`,
);
results.loadavg = loadavg();
saveResult('diff', results);
