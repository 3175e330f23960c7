#!/usr/bin/env node
// `node --expose-gc tests/bench/compare.mjs --base DIR`: the headline workloads of the benchmarks, run
// in one process against this checkout's dist/ and against DIR/dist/ (another checkout, built: e.g. a
// `git worktree add` of the commit before a refactor), alternating rounds so machine load hits both
// alike. Prints the median ms of one call on each side and base/this (≥ 1: this checkout is as fast
// or faster). Two identical checkouts give 0.95–1.05 on an idle machine; more under load. Each side's
// library workloads run in a process of their own (see --measure).
// For refactors that must not slow anything down; the full benchmarks stay in `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmt, median, ROOT, table } from './lib.mjs';

const at = process.argv.indexOf('--base');
if (at === -1 || !process.argv[at + 1]) {
  console.error('usage: node --expose-gc tests/bench/compare.mjs --base DIR [--rounds N]');
  process.exit(2);
}
const BASE = resolve(process.argv[at + 1]);
const ri = process.argv.indexOf('--rounds');
const ROUNDS = ri === -1 ? 11 : Number(process.argv[ri + 1]);

/** The modules a workload needs, from one checkout's dist/ (module paths, not the package API, which may differ). */
async function load(root) {
  const m = (rel) => import(pathToFileURL(join(root, 'dist', rel)).href);
  return { root, segment: await m('segment/index.js'), diff: await m('diff/index.js'), align: await m('align/index.js'), check: await m('check/index.js') };
}

const ja = readFileSync(join(ROOT, 'tests/fixtures/article.ja.txt'), 'utf8');
const en = readFileSync(join(ROOT, 'tests/fixtures/article.en.txt'), 'utf8');
const rev2 = readFileSync(join(ROOT, 'tests/fixtures/article.rev2.ja.txt'), 'utf8');
const big = Array.from({ length: 200 }, () => ja).join('\n\n'); // ≈ 0.9 MB of Japanese

function checkInput(mods) {
  const s = mods.segment.segment(ja, { lang: 'ja' });
  const t = mods.segment.segment(en, { lang: 'en' });
  const units = [];
  for (const p of s.paragraphs) {
    const q = t.paragraphs[p.index];
    p.segments.forEach((k, i) => {
      const target = q && q.segments[i] !== undefined ? t.segments[q.segments[i]].text : '';
      units.push({ id: `u${units.length}`, source: s.segments[k].text, target, state: 'translated', notes: [], candidates: [], line: 3 + units.length * 5 });
    });
  }
  const many = [];
  for (let r = 0; r < 200; r++) for (const u of units) many.push({ ...u, id: `${u.id}-${r}` });
  return {
    files: [{ file: 'bench.xlf', document: { version: '1.2', sourceLang: 'ja', targetLang: 'en', original: 'bench.txt', groups: [{ id: 'g', units: many }] } }],
  };
}

const WORKLOADS = [
  ['segment 0.9 MB of Japanese', (m) => () => m.segment.segment(big, { lang: 'ja' })],
  [
    'diff the article against its revision',
    (m) => {
      const a = m.segment.segment(ja, { lang: 'ja' });
      const b = m.segment.segment(rev2, { lang: 'ja' });
      return () => m.diff.diffRevisions(a, b);
    },
  ],
  [
    'align the article ja–en',
    (m) => {
      const a = m.segment.segment(ja, { lang: 'ja' });
      const b = m.segment.segment(en, { lang: 'en' });
      return () => m.align.align(a, b, { sourceLang: 'ja', targetLang: 'en' });
    },
  ],
  [
    'check 11,600 units, every rule',
    (m) => {
      const input = checkInput(m);
      return () => m.check.runChecks(input);
    },
  ],
];

/** CLI workloads: one `kioku` process each, in a scratch project with a copy of the article's memory. */
function cliWorkloads(root) {
  const dir = mkdtempSync(join(tmpdir(), 'kioku-compare-'));
  cpSync(join(ROOT, 'memory'), join(dir, 'memory'), { recursive: true, filter: (p) => !/[\\/]\.(cache|lock|journal)$/.test(p) });
  writeFileSync(join(dir, 'article.ja.txt'), ja);
  const bin = join(root, 'bin', 'kioku.js');
  const kioku =
    (...args) =>
    () => {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      if (r.status !== 0 && r.status !== 1) throw new Error(`${root}: kioku ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    };
  return {
    dir,
    list: [
      ['kioku export --memory (process)', kioku('export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'memory', '-o', 'out.xlf')],
      ['kioku lookup (process)', kioku('lookup', '北朝鮮兵はロシアで戦っている。', '--memory', 'memory')],
      ['kioku check (process)', kioku('check', 'out.xlf')],
    ],
  };
}

/**
 * `--measure ROOT INDEX`: the child side of a library workload. Each checkout's modules run in a
 * process of their own: loaded side by side in one process, the second checkout's copies of the same
 * functions share V8's inline caches and builtins' feedback with the first, which made identical code
 * measure 0.6–0.8× (seen on align and check). Prints the median ms of one call.
 */
const mi = process.argv.indexOf('--measure');
if (mi !== -1) {
  const mods = await load(resolve(process.argv[mi + 1]));
  const fn = WORKLOADS[Number(process.argv[mi + 2])][1](mods);
  // Warm-up until the optimising compiler has settled (at least 10 calls and 400 ms: two calls left
  // the check workload half-optimised, and which side tiers up sooner is not what is compared), then
  // a repeat count that makes each timed run ≥ 100 ms (short runs are mostly noise).
  let calls = 0;
  const t0 = performance.now();
  while (calls < 10 || performance.now() - t0 < 400) {
    fn();
    calls++;
  }
  const t1 = performance.now();
  for (let i = 0; i < 3; i++) fn();
  const reps = Math.max(1, Math.ceil(100 / Math.max(0.01, (performance.now() - t1) / 3)));
  const ms = [];
  for (let r = 0; r < 5; r++) {
    globalThis.gc?.();
    const a = performance.now();
    for (let i = 0; i < reps; i++) fn();
    ms.push((performance.now() - a) / reps);
  }
  console.log(median(ms));
  process.exit(0);
}

const sides = [{ root: BASE }, { root: ROOT }];
const rows = [];
const report = (name, ms) => {
  const [b, t] = ms.map((m) => median(m));
  rows.push([name, fmt(b, 1), fmt(t, 1), fmt(b / t, 2)]);
  console.error(`${name}: base ${fmt(b, 1)} ms, this ${fmt(t, 1)} ms`);
};
const self = new URL(import.meta.url).pathname;
WORKLOADS.forEach(([name], index) => {
  const ms = [[], []];
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const c = spawnSync(process.execPath, ['--expose-gc', self, '--base', BASE, '--measure', sides[side].root, String(index)], { encoding: 'utf8' });
      if (c.status !== 0) throw new Error(`${sides[side].root}: ${name}: ${c.stderr}`);
      ms[side].push(Number(c.stdout.trim()));
    }
  }
  report(name, ms);
});
const run = (name, fns) => {
  for (const fn of fns) fn(); // warm the file cache
  const ms = [[], []];
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const t0 = performance.now();
      fns[side]();
      ms[side].push(performance.now() - t0);
    }
  }
  report(name, ms);
};
const cli = sides.map((s) => cliWorkloads(s.root));
try {
  // Both sides write out.xlf in their own scratch folder first, so `check` has its input.
  for (const c of cli) c.list[0][1]();
  for (let i = 0; i < cli[0].list.length; i++)
    run(
      cli[0].list[i][0],
      cli.map((c) => c.list[i][1]),
    );
} finally {
  for (const c of cli) rmSync(c.dir, { recursive: true, force: true });
}
console.log(`Base: ${BASE}\n`);
console.log(table(['workload', 'base ms (median)', 'this ms (median)', 'base / this'], rows));
