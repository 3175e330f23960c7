// Translation-memory scale benchmark: import, index build, cold/warm load, lookup p50/p99 against a
// plain linear scan with fastest-levenshtein in the same run, recall, peak memory, and cold/warm start
// of the real `kioku lookup` process. Synthetic Japanese and English units from a fixed-seed generator.
//
//   node --expose-gc tests/bench/memory.bench.mjs                 all cases (each in its own process)
//   node --expose-gc tests/bench/memory.bench.mjs --case ja:100000  one case, prints JSON
//   KIOKU_BENCH_SIZES=10000,100000 limits the sizes (the default is 10k, 100k and 1M).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { fmt, peakRssMiB, percentile, rng, ROOT, saveResult, table } from './lib.mjs';

const kioku = await import(join(ROOT, 'dist', 'index.js'));

// --- Deterministic generators ---------------------------------------------------------------------
// Sentences from templates over a vocabulary of realistic size (the article's own words plus ~20,000
// generated ones) picked with a skewed, Zipf-like frequency, so common words are common and most are
// rare, as in real text. (A vocabulary of a few dozen words would make a degenerate corpus where every
// unit is a near-copy of thousands of others.)
const article = readFileSync(join(ROOT, 'tests', 'fixtures', 'article.ja.txt'), 'utf8');
const articleEn = readFileSync(join(ROOT, 'tests', 'fixtures', 'article.en.txt'), 'utf8');
const KANJI = [...new Set(article.match(/[\u4e00-\u9fff]/g))];
const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴザジズゼゾダデドバビブベボパピプペポー';
const JA_VERBS = [
  'した',
  'している',
  'された',
  'する',
  'しない',
  'できる',
  'した後',
  'し続けている',
  'すると述べた',
  'したという',
  'したとみられる',
  'しようとしている',
];
const JA_PARTICLES = ['は', 'が', 'を', 'に', 'で', 'と', 'の', 'から', 'まで', 'へ', 'も'];
const EN_SYL = [
  'ba',
  'ri',
  'to',
  'ma',
  'ne',
  'ko',
  'la',
  'sen',
  'dor',
  'vi',
  'an',
  'tel',
  'mor',
  'sta',
  'pre',
  'con',
  'ist',
  'ment',
  'ly',
  'er',
  'ing',
  'tion',
  'al',
  'ous',
];
const EN_FUNCTION = ['the', 'a', 'of', 'in', 'to', 'and', 'on', 'for', 'with', 'that', 'by', 'from', 'as', 'at', 'is', 'was', 'were', 'has', 'had', 'will'];

function vocabulary(seed, size, make, base) {
  const r = rng(seed);
  const out = [...base];
  const seen = new Set(out);
  while (out.length < size) {
    const w = make(r);
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  // Shuffle deterministically so the article's words are not all the most frequent.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const JA_WORDS = vocabulary(
  11,
  20000,
  (r) =>
    r() < 0.75
      ? Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(r, KANJI)).join('')
      : Array.from({ length: 3 + Math.floor(r() * 3) }, () => pick(r, [...KANA])).join(''),
  [...new Set(article.match(/[\u4e00-\u9fff]{2,}|[\u30a0-\u30ff]{2,}/g))],
);
const EN_WORDS = vocabulary(12, 20000, (r) => Array.from({ length: 2 + Math.floor(r() * 3) }, () => pick(r, EN_SYL)).join(''), [
  ...new Set(articleEn.toLowerCase().match(/[a-z]{3,}/g)),
]);

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

/** Zipf-like: rank ~ V·u^3, so a few words are very common and most are rare. */
function word(r, list) {
  return list[Math.floor(list.length * Math.pow(r(), 3))];
}

function sentenceJa(r) {
  const clauses = 1 + Math.floor(r() * 2);
  let s = '';
  for (let c = 0; c < clauses; c++) {
    const parts = 2 + Math.floor(r() * 3);
    for (let p = 0; p < parts; p++) s += word(r, JA_WORDS) + pick(r, JA_PARTICLES);
    s += word(r, JA_WORDS) + pick(r, JA_VERBS) + (c < clauses - 1 ? '、' : '');
  }
  if (r() < 0.15) s = `${1 + Math.floor(r() * 12)}月${1 + Math.floor(r() * 28)}日、` + s;
  return s + '。';
}

function sentenceEn(r) {
  const n = 6 + Math.floor(r() * 12);
  const words = [];
  for (let i = 0; i < n; i++) words.push(r() < 0.45 ? word(r, EN_FUNCTION) : word(r, EN_WORDS));
  if (r() < 0.15) words.splice(Math.floor(r() * words.length), 0, String(Math.floor(r() * 2000)));
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + (r() < 0.1 ? '?' : '.');
}

/** `edits` random character edits of `chars` in place: a replaced (40%), deleted (30%) or inserted character. */
function editChars(r, chars, edits) {
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * chars.length);
    const op = r();
    if (op < 0.4) chars[at] = chars[Math.floor(r() * chars.length)];
    else if (op < 0.7) chars.splice(at, 1);
    else chars.splice(at, 0, chars[Math.floor(r() * chars.length)]);
  }
  return chars.join('');
}

/** A query: an edited copy of a stored sentence (most) or a new sentence. */
function queryFrom(r, sources, make) {
  if (r() < 0.25) return make(r);
  const chars = Array.from(sources[Math.floor(r() * sources.length)]);
  return editChars(r, chars, 1 + Math.floor(r() * Math.max(1, chars.length * 0.12)));
}

/**
 * A harder query for the recall check: an edited copy near the 75% threshold — scattered character
 * edits on 10–26% of the characters, or (for English) replaced, inserted and deleted words.
 */
function hardQueryFrom(r, sources, make, lang) {
  const s = sources[Math.floor(r() * sources.length)];
  if (lang === 'en' && r() < 0.5) {
    const words = s.split(' ');
    const other = make(r).split(' ');
    for (let e = 1 + Math.floor(r() * Math.max(1, words.length * 0.3)); e > 0; e--) {
      const at = Math.floor(r() * words.length);
      const op = r();
      const w = other[Math.floor(r() * other.length)];
      if (op < 0.5) words[at] = w;
      else if (op < 0.75) words.splice(at, 1);
      else words.splice(at, 0, w);
    }
    return words.join(' ');
  }
  const chars = Array.from(s);
  return editChars(r, chars, Math.floor(chars.length * (0.1 + 0.16 * r())));
}

function makeUnits(lang, n) {
  const r = rng(lang === 'ja' ? 1 : 2);
  const make = lang === 'ja' ? sentenceJa : sentenceEn;
  const src = lang === 'ja' ? 'ja' : 'en';
  const tgt = lang === 'ja' ? 'en' : 'ja';
  const units = [];
  const seen = new Set();
  while (units.length < n) {
    const source = make(r);
    if (seen.has(source)) continue;
    seen.add(source);
    const i = units.length;
    units.push({
      id: kioku.unitId(src, tgt, 'bench.txt', `s${i}`, source),
      sourceLang: src,
      targetLang: tgt,
      source,
      target: `T${i}`,
      state: 'translated',
      provenance: { document: 'bench.txt', segment: `s${i}`, created: '2026-01-01T00:00:00Z', changed: '2026-01-01T00:00:00Z' },
    });
  }
  units.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { units, make };
}

function scan(sources, query, t) {
  const found = [];
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    const d = distance(query, s);
    if (1 - d / Math.max(query.length, s.length) >= t) found.push(i);
  }
  return found;
}

function ms(t0) {
  return performance.now() - t0;
}

// --- One case, in two processes -------------------------------------------------------------------
// "build": generate, import through the store, time a bare index build, cold load (parses the shards,
// builds the index, writes the cache). "query": warm load from the cache and lookups — its peak RSS is
// what a lookup process needs — then the linear-scan baseline and recall on a sample of the queries.

function buildPhase(lang, n, dir) {
  const { units } = makeUnits(lang, n);
  const mem = join(dir, 'memory');
  globalThis.gc?.();
  let t0 = performance.now();
  const written = kioku.updateMemory(mem, (c) => ({ ok: true, value: kioku.upsertUnits(c, units) }));
  if (!written.ok) throw new Error(written.error.message);
  const importMs = ms(t0);
  t0 = performance.now();
  kioku.buildIndex(units);
  const buildMs = ms(t0);
  units.length = 0;
  globalThis.gc?.();
  t0 = performance.now();
  const cold = kioku.loadMemory(mem);
  const coldMs = ms(t0);
  if (!cold.ok) throw new Error(cold.error.message);
  return { importMs, importUnitsPerS: n / (importMs / 1000), buildMs, buildUnitsPerS: n / (buildMs / 1000), coldLoadMs: coldMs, buildPeakRssMiB: peakRssMiB() };
}

function queryPhase(lang, n, dir) {
  const make = lang === 'ja' ? sentenceJa : sentenceEn;
  let t0 = performance.now();
  const warm = kioku.loadMemory(join(dir, 'memory'));
  const warmMs = ms(t0);
  if (!warm.ok) throw new Error(warm.error.message);
  const memory = warm.value;
  // Queries are edits of stored sources (sampled by position) or new sentences.
  const r = rng(7);
  const sampleSources = Array.from({ length: 2000 }, () => memory.unit(Math.floor(r() * memory.size)).source);
  const queries = Array.from({ length: 300 }, () => queryFrom(r, sampleSources, make));
  for (const q of queries.slice(0, 20)) kioku.lookup(memory, { source: q }, { threshold: 75 });
  const times = [];
  for (const q of queries) {
    const t = performance.now();
    kioku.lookup(memory, { source: q }, { threshold: 75, limit: 5 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const queryPeakRssMiB = peakRssMiB();
  const sources = [];
  const ids = [];
  for (let i = 0; i < memory.size; i++) {
    const u = memory.unit(i);
    sources.push(u.source.normalize('NFC'));
    ids.push(u.id);
  }
  const sampleSize = n >= 1_000_000 ? 20 : n >= 100_000 ? 60 : 300;
  const sample = queries.slice(0, sampleSize);
  const hr = rng(8);
  const hard = Array.from({ length: sampleSize }, () => hardQueryFrom(hr, sampleSources, make, lang));
  const scanTimes = [];
  /** Recall per similarity band of the scan's matches: [found, expected] for 75–84 and 85–100. */
  const recallOf = (list, timed) => {
    const bands = { low: [0, 0], high: [0, 0] };
    let indexMatches = 0;
    for (const q of list) {
      const nq = q.normalize('NFC');
      t0 = performance.now();
      const want = scan(sources, nq, 0.75);
      if (timed) scanTimes.push(ms(t0));
      const got = new Set(kioku.lookup(memory, { source: q }, { threshold: 75, limit: Infinity }).map((m) => m.unit.id));
      indexMatches += got.size;
      for (const i of want) {
        const s = sources[i];
        const band = 1 - distance(nq, s) / Math.max(nq.length, s.length) < 0.85 ? bands.low : bands.high;
        band[1]++;
        if (got.has(ids[i])) band[0]++;
      }
    }
    const found = bands.low[0] + bands.high[0];
    const expected = bands.low[1] + bands.high[1];
    return { recall: expected ? found / expected : 1, expected, bands, indexMatches };
  };
  const main = recallOf(sample, true);
  const harder = recallOf(hard, false);
  scanTimes.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const scanP50 = percentile(scanTimes, 50);
  return {
    warmLoadMs: warmMs,
    p50,
    p99: percentile(times, 99),
    scanP50,
    scanSample: sampleSize,
    speedup: scanP50 / p50,
    recall: main.recall,
    scanMatches: main.expected,
    indexMatches: main.indexMatches,
    recallBands: main.bands,
    hardRecall: harder.recall,
    hardMatches: harder.expected,
    hardBands: harder.bands,
    queryPeakRssMiB,
    query: queries[0],
  };
}

function child(args) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', new URL(import.meta.url).pathname, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function runCase(lang, n) {
  const dir = mkdtempSync(join(tmpdir(), `kioku-bench-${lang}-${n}-`));
  try {
    const build = child(['--phase', 'build', lang, String(n), dir]);
    const query = child(['--phase', 'query', lang, String(n), dir]);
    return { lang, units: n, ...build, ...query, cli: n >= 100_000 ? cliStart(dir, query.query) : undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall time of the real CLI: cold (no cache, index rebuilt) and warm (cache present), one lookup each. */
function cliStart(dir, query) {
  const bin = join(ROOT, 'bin', 'kioku.js');
  const once = () => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bin, 'lookup', query, '--memory', join(dir, 'memory')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return performance.now() - t;
  };
  rmSync(join(dir, 'memory', '.cache'), { recursive: true, force: true });
  const cold = once();
  const warm = Math.min(once(), once(), once());
  return { coldMs: cold, warmMs: warm };
}

// --- Driver -------------------------------------------------------------------------------------------
const phase = process.argv.indexOf('--phase');
const arg = process.argv.indexOf('--case');
if (phase !== -1) {
  const [which, lang, n, dir] = process.argv.slice(phase + 1);
  const out = which === 'build' ? buildPhase(lang, Number(n), dir) : queryPhase(lang, Number(n), dir);
  process.stdout.write(JSON.stringify(out) + '\n');
} else if (arg !== -1) {
  const [lang, n] = process.argv[arg + 1].split(':');
  process.stdout.write(JSON.stringify(runCase(lang, Number(n))) + '\n');
} else {
  const sizes = (process.env.KIOKU_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  const results = [];
  for (const lang of ['ja', 'en']) {
    for (const n of sizes) {
      results.push(runCase(lang, n));
      const r = results[results.length - 1];
      console.error(
        `${lang} ${n}: p50 ${fmt(r.p50, 3)} ms, ${Math.round(r.speedup)}× the scan, recall ${fmt(r.recall, 4)}, near-threshold queries ${fmt(r.hardRecall, 4)}`,
      );
    }
  }
  console.log(
    table(
      [
        'text',
        'units',
        'import (units/s)',
        'index build (units/s)',
        'cold load ms',
        'warm load ms',
        'lookup p50 ms',
        'p99 ms',
        'scan p50 ms (sample)',
        'speed-up',
        'recall ≥75%',
        'recall, near-threshold queries (75–84% band)',
        'peak RSS MiB: lookups / build',
      ],
      results.map((r) => [
        r.lang === 'ja' ? 'Japanese' : 'English',
        r.units.toLocaleString('en'),
        `${fmt(r.importMs / 1000, 1)} s (${Math.round(r.importUnitsPerS).toLocaleString('en')})`,
        `${fmt(r.buildMs / 1000, 2)} s (${Math.round(r.buildUnitsPerS).toLocaleString('en')})`,
        fmt(r.coldLoadMs, 0),
        fmt(r.warmLoadMs, 0),
        fmt(r.p50, 3),
        fmt(r.p99, 2),
        `${fmt(r.scanP50, 1)} (${r.scanSample})`,
        `${Math.round(r.speedup)}×`,
        `${fmt(r.recall, 4)} (${r.scanMatches})`,
        `${fmt(r.hardRecall, 4)} (${r.hardMatches}; ${r.hardBands.low[0]}/${r.hardBands.low[1]})`,
        `${fmt(r.queryPeakRssMiB, 0)} / ${fmt(r.buildPeakRssMiB, 0)}`,
      ]),
    ),
  );
  const cli = results.filter((r) => r.cli);
  if (cli.length) {
    console.log('\n`kioku lookup` as a process (node startup included), one lookup:\n');
    console.log(
      table(
        ['text', 'units', 'cold start (no cache) ms', 'warm start ms'],
        cli.map((r) => [r.lang, r.units.toLocaleString('en'), fmt(r.cli.coldMs, 0), fmt(r.cli.warmMs, 0)]),
      ),
    );
  }
  saveResult('memory', results);
}
