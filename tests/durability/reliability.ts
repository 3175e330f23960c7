// Entry of tests/bench/reliability.bench.mjs: the durability scenarios at bench scale, JSON on stdout.
//   node --import tsx tests/durability/reliability.ts [--runs 200] [--pairs 100] [--concurrent 8]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concurrentImports, crashRuns, gitMergeRuns } from './harness.js';

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
  const { inputs, results, ms: concurrentMs, stored, strays } = await concurrentImports(join(work, 'concurrent'), n, 100);
  let lost = 0;
  for (const x of inputs) for (const s of x.sources) if (!stored.sources.has(s)) lost++;
  const concurrent = {
    importers: n,
    unitsEach: 100,
    failed: results.filter((r) => r.code !== 0).length,
    stored: stored.count,
    lost,
    duplicated: stored.count - (n * 100 - lost),
    strays: strays.length,
    fsckProblems: stored.problems,
  };
  const t2 = Date.now();
  const git = await gitMergeRuns(join(work, 'git'), arg('pairs', 100), 7);
  const gitMs = Date.now() - t2;
  process.stdout.write(
    JSON.stringify({ crash: { ...crash, ms: crashMs }, concurrent: { ...concurrent, ms: concurrentMs }, git: { ...git, ms: gitMs } }) + '\n',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
