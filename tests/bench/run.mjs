#!/usr/bin/env node
// `npm run bench [-- NAME…]`: runs each tests/bench/NAME.bench.mjs in its own process (so peak memory
// is per benchmark), against the built dist/. Each benchmark prints Markdown tables and writes
// tests/artifacts/bench/NAME.json. Timings are only ever reported as ratios against a baseline measured
// in the same run, plus absolute figures for this machine.
import { spawnSync } from 'node:child_process';
import { readdirSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.replace(/\.bench\.mjs$/, ''))
  .sort();
const names = wanted.length ? wanted : all;
const unknown = names.filter((n) => !all.includes(n));
if (unknown.length) {
  console.error(`bench: unknown benchmark(s) ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
mkdirSync(join(here, '..', 'artifacts', 'bench'), { recursive: true });
console.log(
  `# kioku benchmarks\n\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
);
let failed = 0;
for (const name of names) {
  console.log(`\n## ${name}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', join(here, `${name}.bench.mjs`)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: ${name} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
