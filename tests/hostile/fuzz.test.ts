/**
 * Issue 11's fuzz test: fixed-seed mutants of language attributes, journals and memory layouts (see
 * fuzz-paths.ts), each through a real command. None may create, change or delete a path outside the
 * memory (or a file of the user's inside it), hang, or end in an internal error. CI runs 300 mutants;
 * `npm run bench -- reliability` runs 2,000 more from other seeds.
 */
import { expect, it } from 'vitest';
import { runFuzz } from './fuzz-run.js';

const COUNT = 300;

it(`${COUNT} mutants of language tags, journals and memory layouts never touch a path outside the memory, hang or crash`, async () => {
  const run = await runFuzz(11, COUNT);
  const bad = run.mutants.filter((m) => m.violations.length > 0 || m.internal !== undefined || m.code < 0);
  const show = (m: (typeof run.mutants)[number]) =>
    `#${m.n} ${m.family}: ${m.mutations.join('; ')} → kioku ${m.args.join(' ')} → exit ${m.code}${m.violations.length ? `; ${m.violations.join(', ')}` : ''}${m.internal ? `; ${m.internal}` : ''}`;
  expect(run.hungAt, `hung on mutant #${run.hungAt} (seed 11)\n${run.stderr.slice(0, 2000)}`).toBeUndefined();
  expect(run.stderr.slice(0, 2000)).toBe('');
  expect(bad.map(show).slice(0, 20)).toEqual([]);
  expect(run.mutants.length).toBe(COUNT);
  // Every family was exercised, and the mutants were refused or ran, not skipped.
  for (const f of ['language', 'journal', 'layout'] as const) expect(run.mutants.filter((m) => m.family === f).length).toBeGreaterThan(COUNT / 6);
}, 600_000);
