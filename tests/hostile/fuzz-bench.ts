// Entry of the path fuzzer at benchmark scale (tests/bench/reliability.bench.mjs): mutants from seeds
// other than CI's, JSON on stdout.   node --import tsx tests/hostile/fuzz-bench.ts [--count 2000]
import { runFuzz } from './fuzz-run.js';

const i = process.argv.indexOf('--count');
const total = i === -1 ? 2000 : Number(process.argv[i + 1]);
const seeds = [101, 102, 103, 104];
const per = Math.ceil(total / seeds.length);
const summary = {
  mutants: 0,
  violations: 0,
  internal: 0,
  hung: 0,
  byFamily: {} as Record<string, number>,
  exits: {} as Record<string, number>,
  bad: [] as string[],
  ms: 0,
};
for (const seed of seeds) {
  const run = await runFuzz(seed, per);
  summary.ms += run.ms;
  if (run.hungAt !== undefined) {
    summary.hung++;
    summary.bad.push(`seed ${seed}: hung on mutant #${run.hungAt}`);
  }
  for (const m of run.mutants) {
    summary.mutants++;
    summary.byFamily[m.family] = (summary.byFamily[m.family] ?? 0) + 1;
    summary.exits[String(m.code)] = (summary.exits[String(m.code)] ?? 0) + 1;
    if (m.violations.length > 0) summary.violations++;
    if (m.internal !== undefined) summary.internal++;
    if ((m.violations.length > 0 || m.internal !== undefined) && summary.bad.length < 20) {
      summary.bad.push(`seed ${seed} #${m.n}: ${m.mutations.join('; ')} → kioku ${m.args.join(' ')} → ${m.violations.join(', ')}${m.internal ?? ''}`);
    }
  }
}
process.stdout.write(JSON.stringify(summary) + '\n');
