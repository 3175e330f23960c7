// Check benchmark: `npm run build && node --expose-gc tests/bench/run.mjs check`.
// 100,000 units made from the article and its translation (58 real ja→en sentence pairs, cycled: news
// sentences with dates, numbers in Japanese notation, quotes and brackets, bylines), each made unique by a
// speaker label — a katakana name in the source, its romanisation in the target ("バキヌ：…" / "Bakinu:
// …") — so sources do not repeat 1,700 times as they never would in a real file; 5% carry a planted
// defect so findings are produced. The texts are flat strings, as the XLIFF reader makes them (not the
// concatenations that built them). The full rule set (with a glossary, so the glossary rules work too)
// runs against one trivial rule (empty-target) over the same units in the same run, both warmed up, the
// two runs interleaved so machine noise hits both alike, medians of 9 rounds, in wall-clock and in CPU
// time. Both include preparing the units (flags, contexts) and sorting findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, runChecks, segment } from '../../dist/index.js';
import { parseGlossaryCsv } from '../../dist/check/index.js';
import { ROOT, fmt, median, peakRssMiB, rng, saveResult, table, timeOnce } from './lib.mjs';

const N = 100_000;
const ja = segment(readFileSync(join(ROOT, 'tests/fixtures/article.ja.txt'), 'utf8'), { lang: 'ja' });
const en = segment(readFileSync(join(ROOT, 'tests/fixtures/article.en.txt'), 'utf8'), { lang: 'en' });
const pairs = [];
for (const p of ja.paragraphs) {
  const q = en.paragraphs[p.index];
  p.segments.forEach((s, k) => pairs.push([ja.segments[s].text, en.segments[q.segments[k]].text]));
}

/** A unique name for each unit: three or more syllables, in katakana and in its romanisation. */
const SYLLABLES = [
  ['カ', 'ka'],
  ['キ', 'ki'],
  ['ク', 'ku'],
  ['サ', 'sa'],
  ['シ', 'shi'],
  ['タ', 'ta'],
  ['ナ', 'na'],
  ['ニ', 'ni'],
  ['ヌ', 'nu'],
  ['ハ', 'ha'],
  ['ヒ', 'hi'],
  ['マ', 'ma'],
  ['ミ', 'mi'],
  ['ム', 'mu'],
  ['ヤ', 'ya'],
  ['ラ', 'ra'],
  ['リ', 'ri'],
  ['ル', 'ru'],
  ['ワ', 'wa'],
  ['バ', 'ba'],
  ['ビ', 'bi'],
  ['ド', 'do'],
  ['ゴ', 'go'],
  ['ト', 'to'],
  ['ノ', 'no'],
  ['ロ', 'ro'],
];
function speaker(i) {
  let kana = '';
  let roman = '';
  let n = i + SYLLABLES.length ** 2;
  while (n > 0) {
    const [k, r] = SYLLABLES[n % SYLLABLES.length];
    kana = k + kana;
    roman = r + roman;
    n = Math.floor(n / SYLLABLES.length);
  }
  return [kana, roman[0].toUpperCase() + roman.slice(1)];
}

const DEFECTS = [
  (t) => t.replace(/\d/, '7'),
  (t) => t.replace(' ', '  '),
  (t) => t.replace(/\.$/, ''),
  (t) => t.replace('the ', 'the the '),
  (t) => `${t} 平壌`,
];

function benchDocument() {
  const r = rng(42);
  const groups = [];
  let units = [];
  for (let i = 0; i < N; i++) {
    const [s, t] = pairs[i % pairs.length];
    const [kana, roman] = speaker(i);
    const source = `${kana}：${s}`;
    const target = `${roman}: ${t}`;
    const planted = r() < 0.05 ? DEFECTS[Math.floor(r() * DEFECTS.length)](target) : target;
    // Flat strings, as a parser makes them (not the concatenations above).
    units.push(JSON.parse(JSON.stringify({ id: `u${i}`, source, target: planted, state: 'translated', notes: [], candidates: [], line: 3 + i * 5 })));
    if (units.length === 4) {
      groups.push({ id: `p${groups.length}`, units });
      units = [];
    }
  }
  if (units.length) groups.push({ id: `p${groups.length}`, units });
  return { version: '1.2', sourceLang: 'ja', targetLang: 'en', original: 'bench.txt', groups };
}
const document = benchDocument();
const glossary = parseGlossaryCsv(readFileSync(join(ROOT, 'tests/fixtures/check/glossary.csv'), 'utf8'), 'glossary.csv');
if (!glossary.ok) throw new Error(glossary.error.message);
const input = { files: [{ file: 'bench.xlf', document }], glossary: glossary.value };
const trivial = RULES.filter((x) => x.id === 'empty-target');

let fullFindings = 0;
let trivialFindings = 0;
/**
 * Before each timed run (timeOnce: wall-clock and CPU milliseconds) the previous round's garbage is
 * collected, and V8 given a moment to finish sweeping it on its background threads, so that work is
 * not charged to this round.
 */
const settle = () => {
  globalThis.gc?.();
  return new Promise((resolve) => setTimeout(resolve, 100));
};
// Warm up both, then interleave so machine noise hits both alike.
for (let k = 0; k < 2; k++) {
  await settle();
  timeOnce(() => runChecks(input, { rules: trivial }));
  await settle();
  timeOnce(() => runChecks(input));
}
const trivialTimes = [];
const fullTimes = [];
for (let k = 0; k < 9; k++) {
  await settle();
  trivialTimes.push(timeOnce(() => (trivialFindings = runChecks(input, { rules: trivial }).findings.length)));
  await settle();
  fullTimes.push(timeOnce(() => (fullFindings = runChecks(input).findings.length)));
}
const tTrivial = median(trivialTimes.map((t) => t.ms));
const tFull = median(fullTimes.map((t) => t.ms));
// CPU time is less disturbed than wall-clock time by other jobs on a shared machine.
const cTrivial = median(trivialTimes.map((t) => t.cpuMs));
const cFull = median(fullTimes.map((t) => t.cpuMs));

// Where the time goes: each rule alone (on top of the same preparation).
const perRule = [];
for (const rule of RULES) {
  const times = [];
  for (let k = 0; k < 5; k++) {
    await settle();
    times.push(timeOnce(() => runChecks(input, { rules: [rule] })).ms);
  }
  perRule.push([rule.id, median(times)]);
}

const rate = (ms) => N / (ms / 1000);
const result = {
  units: N,
  rules: RULES.length,
  rounds: trivialTimes.length,
  trivialMs: tTrivial,
  fullMs: tFull,
  trivialCpuMs: cTrivial,
  fullCpuMs: cFull,
  trivialUnitsPerSecond: rate(tTrivial),
  fullUnitsPerSecond: rate(tFull),
  fullUnitsPerCpuSecond: rate(cFull),
  ratio: tFull / tTrivial,
  cpuRatio: cFull / cTrivial,
  findings: fullFindings,
  trivialFindings,
  peakRssMiB: peakRssMiB(),
  perRuleMs: Object.fromEntries(perRule),
};
console.log(
  table(
    ['run', 'units', 'rules', 'time (ms)', 'units/s', '× trivial', 'CPU (ms)', 'units/CPU s', '× trivial (CPU)', 'findings'],
    [
      ['trivial rule (empty-target)', N, 1, fmt(tTrivial), fmt(rate(tTrivial), 0), '1.0', fmt(cTrivial), fmt(rate(cTrivial), 0), '1.0', trivialFindings],
      [
        'full rule set (+ glossary)',
        N,
        RULES.length,
        fmt(tFull),
        fmt(rate(tFull), 0),
        fmt(tFull / tTrivial, 2),
        fmt(cFull),
        fmt(rate(cFull), 0),
        fmt(cFull / cTrivial, 2),
        fullFindings,
      ],
    ],
  ),
);
console.log(
  `\nGoals: ≥ 500,000 units/s for the full set (${rate(tFull) >= 500_000 ? 'met' : 'NOT met'}), < 10× the trivial rule (${tFull / tTrivial < 10 ? 'met' : 'NOT met'}). Medians of ${trivialTimes.length} interleaved rounds. Peak RSS ${fmt(peakRssMiB(), 0)} MiB.\n`,
);
console.log(
  table(
    ['rule alone', 'time (ms)', '× trivial'],
    perRule.map(([id, t]) => [id, fmt(t), fmt(t / tTrivial, 2)]),
  ),
);

// A termbase of thousands: 5,000 generated concepts, kanji source terms of three or four characters and
// katakana ones of four to six (made of the same syllables as the speaker names, so that the speakers'
// names are full of terms' first characters, and now and then hold a term) and English targets, one in
// twenty with a forbidden variant; 2% are words of the article itself (so most sources hold some term,
// as with a real termbase). The full rule set with it against the trivial rule, interleaved, medians.
// Both runs include compiling the glossary.
const KANJI = '国軍北南東西政府大統領兵士部隊攻撃防衛首都市州地域報道発表会議外交経済核武器弾道飛行発射'.split('');
function bigGlossary(concepts) {
  const r = rng(7);
  const pick = (a) => a[Math.floor(r() * a.length)];
  // An article term's target is the word most often in the translations of the sentences that hold it,
  // so that, as in a file checked against its termbase, few units break the glossary.
  const article = pairs.flatMap(([s]) =>
    (s.match(/[\u30a0-\u30ff]{2,}|[\u4e00-\u9fff]{2,}/g) ?? []).map((run) => {
      const term = run.slice(0, 2 + Math.floor(r() * 3));
      const counts = new Map();
      for (const [s2, t2] of pairs) {
        if (!s2.includes(term)) continue;
        for (const w of new Set(t2.toLowerCase().split(/[^a-z]+/))) if (w.length > 3) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      return [term, [...counts].reduce((a, b) => (b[1] > a[1] ? b : a), ['news', 0])[0]];
    }),
  );
  const rows = ['ja,en,status'];
  const seen = new Set();
  while (seen.size < concepts) {
    let ja;
    let en;
    if (r() < 0.02) [ja, en] = pick(article);
    else {
      const kanji = r() < 0.3;
      const len = kanji ? 3 + Math.floor(r() * 2) : 4 + Math.floor(r() * 3);
      let roman = '';
      ja = '';
      for (let k = 0; k < len; k++) {
        if (kanji) ja += pick(KANJI);
        else {
          const [kana, rom] = pick(SYLLABLES);
          ja += kana;
          roman += rom;
        }
      }
      en = kanji ? `term${seen.size}` : roman + (r() < 0.3 ? ' system' : '');
    }
    if (seen.has(ja)) continue;
    seen.add(ja);
    rows.push(`${ja},${en},preferred`);
    if (r() < 0.05) rows.push(`${ja},${en.toUpperCase()}-X,forbidden`);
  }
  return parseGlossaryCsv(rows.join('\n') + '\n', 'big.csv');
}
const big = bigGlossary(5000);
if (!big.ok) throw new Error(big.error.message);
const bigInput = { files: [{ file: 'bench.xlf', document }], glossary: big.value };
const BIG_ROUNDS = Number(process.env.KIOKU_BENCH_BIG_ROUNDS ?? 5);
let bigFindings = 0;
await settle();
timeOnce(() => runChecks(bigInput));
const bigTrivial = [];
const bigFull = [];
for (let k = 0; k < BIG_ROUNDS; k++) {
  await settle();
  bigTrivial.push(timeOnce(() => runChecks(bigInput, { rules: trivial })).ms);
  await settle();
  bigFull.push(timeOnce(() => (bigFindings = runChecks(bigInput).findings.length)).ms);
}
const tBigTrivial = median(bigTrivial);
const tBig = median(bigFull);
console.log(
  '\n' +
    table(
      ['run (5,000-concept glossary)', 'units', 'time (ms)', 'units/s', '× trivial', 'findings'],
      [
        ['trivial rule (empty-target)', N, fmt(tBigTrivial), fmt(rate(tBigTrivial), 0), '1.0', 0],
        ['full rule set (+ 5,000 concepts)', N, fmt(tBig), fmt(rate(tBig), 0), fmt(tBig / tBigTrivial, 2), bigFindings],
      ],
    ),
);
console.log(`Medians of ${BIG_ROUNDS} interleaved rounds.`);
result.bigGlossary = { concepts: 5000, rounds: BIG_ROUNDS, trivialMs: tBigTrivial, fullMs: tBig, ratio: tBig / tBigTrivial, findings: bigFindings };
saveResult('check', result);
