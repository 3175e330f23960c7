// Entry of tests/bench/reliability.bench.mjs: the durability scenarios at bench scale, JSON on stdout.
//   node --import tsx tests/durability/reliability.ts [--runs 200] [--pairs 100] [--concurrent 8]
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashRuns, gitMergeRuns, runKioku, storedSources, strayFiles, translatedXliff } from './harness.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const work = mkdtempSync(join(tmpdir(), 'kioku-reliability-'));
try {
  const t0 = Date.now();
  const crash = await crashRuns(join(work, 'crash'), arg('runs', 200), 42);
  const crashMs = Date.now() - t0;
  const n = arg('concurrent', 8);
  const dir = join(work, 'concurrent');
  mkdirSync(dir, { recursive: true });
  const inputs = Array.from({ length: n }, (_, i) => translatedXliff(`c${i}`, 100));
  inputs.forEach((x, i) => writeFileSync(join(dir, `c${i}.xlf`), x.text));
  const t1 = Date.now();
  const results = await Promise.all(inputs.map((_, i) => runKioku(['import', `c${i}.xlf`], { cwd: dir })));
  const concurrentMs = Date.now() - t1;
  const stored = storedSources(join(dir, 'memory'));
  let lost = 0;
  for (const x of inputs) for (const s of x.sources) if (!stored.sources.has(s)) lost++;
  const concurrent = { importers: n, unitsEach: 100, failed: results.filter((r) => r.code !== 0).length, stored: stored.count, lost, duplicated: stored.count - (n * 100 - lost), strays: strayFiles(join(dir, 'memory')).length, fsckProblems: stored.problems };
  const t2 = Date.now();
  const git = await gitMergeRuns(join(work, 'git'), arg('pairs', 100), 7);
  const gitMs = Date.now() - t2;
  process.stdout.write(JSON.stringify({ crash: { ...crash, ms: crashMs }, concurrent: { ...concurrent, ms: concurrentMs }, git: { ...git, ms: gitMs } }) + '\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
