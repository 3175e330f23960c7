// Reliability figures for the README: SIGKILL crash injection into real `kioku import` processes
// (200 runs, fixed seed), 8 concurrent importers × 100 units, and 100 random pairs of git branches
// merged with the shipped merge setup. Runs the built bin (dist/) for speed; the scenarios live in
// tests/durability/harness.ts (the CI test runs the same code at smaller counts).
//   node tests/bench/reliability.bench.mjs   (KIOKU_RELIABILITY_RUNS / _PAIRS to change the counts)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, saveResult, table } from './lib.mjs';

const runs = process.env.KIOKU_RELIABILITY_RUNS ?? '200';
const pairs = process.env.KIOKU_RELIABILITY_PAIRS ?? '100';
const child = spawnSync(
  process.execPath,
  ['--import', import.meta.resolve('tsx'), join(ROOT, 'tests', 'durability', 'reliability.ts'), '--runs', runs, '--pairs', pairs],
  { encoding: 'utf8', env: { ...process.env, KIOKU_DURABILITY_BIN: '1' }, maxBuffer: 1 << 24 },
);
if (child.status !== 0) {
  console.error(child.stderr);
  process.exit(1);
}
const r = JSON.parse(child.stdout.trim().split('\n').pop());
console.log(
  table(
    ['scenario', 'runs', 'result'],
    [
      [
        '`kioku import` killed with SIGKILL at a random moment (seed 42), then `kioku memory fsck`',
        String(r.crash.runs),
        `${r.crash.killed} killed mid-run, ${r.crash.completed} finished; corrupt stores ${r.crash.corrupt}, lost reported units ${r.crash.lost}, stray temp files after the next command ${r.crash.strays}`,
      ],
      [
        `${r.concurrent.importers} concurrent \`kioku import\` × ${r.concurrent.unitsEach} units`,
        '1',
        `${r.concurrent.stored} stored, lost ${r.concurrent.lost}, duplicated ${r.concurrent.duplicated}, failed ${r.concurrent.failed}, fsck problems ${r.concurrent.fsckProblems}`,
      ],
      [
        'two git branches change the memory, merged with the shipped driver',
        String(r.git.pairs),
        `lost units ${r.git.lost}, fsck problems ${r.git.fsckProblems}, conflicts ${r.git.conflicts}`,
      ],
    ],
  ),
);
console.log(`\n(${(r.crash.ms / 1000).toFixed(0)} s crash runs, ${(r.git.ms / 1000).toFixed(0)} s merges)`);

// The path fuzzer of issue 11 at scale: mutants of language attributes, journals and memory layouts.
const mutants = process.env.KIOKU_RELIABILITY_MUTANTS ?? '2000';
const fuzzChild = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'tests', 'hostile', 'fuzz-bench.ts'), '--count', mutants], {
  encoding: 'utf8',
  maxBuffer: 1 << 24,
});
if (fuzzChild.status !== 0) {
  console.error(fuzzChild.stderr);
  process.exit(1);
}
const fuzz = JSON.parse(fuzzChild.stdout.trim().split('\n').pop());
r.fuzz = fuzz;
const fam = Object.entries(fuzz.byFamily)
  .map(([k, v]) => `${v} ${k}`)
  .join(', ');
const exits = Object.entries(fuzz.exits)
  .sort()
  .map(([k, v]) => `exit ${k}: ${v}`)
  .join(', ');
console.log(
  '\n' +
    table(
      ['scenario', 'mutants', 'result'],
      [
        [
          `untrusted language tags, journals and memory layouts (${fam}; seeds 101–104)`,
          String(fuzz.mutants),
          `paths outside the memory touched: ${fuzz.violations}; internal errors: ${fuzz.internal}; hangs: ${fuzz.hung} (${exits})`,
        ],
      ],
    ),
);
for (const b of fuzz.bad) console.log(`  ${b}`);
console.log(`\n(${(fuzz.ms / 1000).toFixed(0)} s fuzzing)`);
saveResult('reliability', r);
const bad =
  fuzz.violations +
  fuzz.internal +
  fuzz.hung +
  r.crash.corrupt +
  r.crash.lost +
  r.crash.strays +
  r.concurrent.lost +
  r.concurrent.duplicated +
  r.concurrent.failed +
  r.git.lost +
  r.git.fsckProblems +
  r.git.conflicts;
process.exit(bad === 0 ? 0 : 1);
