import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concurrentImports, crashRuns, gitMergeRuns, runKioku, storedSources, strayFiles, translatedXliff } from './harness.js';
import { missing } from '../support/env.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kioku-durability-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const log = process.env.KIOKU_DURABILITY_LOG === '1' ? (s: string) => console.log(s) : () => {};

describe('durability', () => {
  it('an importer killed with SIGKILL at random moments never leaves a corrupt store, lost units or temp files (20 runs, seed 42)', async () => {
    const stats = await crashRuns(join(work, 'crash'), 20, 42, log);
    expect(stats).toMatchObject({ runs: 20, corrupt: 0, lost: 0, strays: 0 });
    // The seed must actually kill imports mid-way (how many finish depends on the machine's speed;
    // the units of the calibration imports are checked after every run either way).
    expect(stats.killed).toBeGreaterThan(0);
  }, 600_000);

  it('8 concurrent importers × 100 units lose and duplicate nothing', async () => {
    const { inputs, results, stored, strays } = await concurrentImports(join(work, 'concurrent'), 8, 100);
    for (const r of results) expect(r.stderr).toBe('');
    expect(results.map((r) => r.code)).toEqual(new Array(8).fill(0));
    expect(stored.count).toBe(800);
    expect(stored.problems).toBe(0);
    for (const x of inputs) for (const s of x.sources) expect(stored.sources.has(s)).toBe(true);
    expect(strays).toEqual([]);
  }, 300_000);

  it.skipIf(missing({ command: 'git' }))(
    'two branches changing the memory merge with the shipped setup: nothing lost, fsck clean (3 random pairs)',
    async () => {
      const stats = await gitMergeRuns(join(work, 'git'), 3, 7, log);
      expect(stats).toEqual({ pairs: 3, lost: 0, fsckProblems: 0, conflicts: 0 });
    },
    600_000,
  );
});

describe('crash at each step of a commit (real processes, KIOKU_CRASH_AT)', () => {
  it.each([
    ['staged', 'old'],
    ['journal', 'new'],
    ['renamed', 'new'],
    ['applied', 'new'],
  ] as const)(
    'killed after "%s": the next command finds the %s store',
    async (point, which) => {
      const committed = which === 'new';
      const dir = join(work, `point-${point}`);
      mkdirSync(dir, { recursive: true });
      // Two pairs of shards, so a commit renames several files.
      const base = translatedXliff(`base${point}`, 30);
      writeFileSync(join(dir, 'base.xlf'), base.text);
      expect((await runKioku(['import', 'base.xlf'], { cwd: dir })).code).toBe(0);
      const next = translatedXliff(`next${point}`, 40);
      writeFileSync(join(dir, 'next.xlf'), next.text);
      const r = await runKioku(['import', 'next.xlf'], { cwd: dir, env: { KIOKU_CRASH_AT: point } });
      expect(r.signal).toBe('SIGKILL');
      const check = await runKioku(['memory', 'fsck', '--json'], { cwd: dir });
      expect(JSON.parse(check.stdout)).toMatchObject({ clean: true, units: committed ? 70 : 30 });
      expect(strayFiles(join(dir, 'memory'))).toEqual([]);
      const stored = storedSources(join(dir, 'memory'));
      for (const s of base.sources) expect(stored.sources.has(s)).toBe(true);
      for (const s of next.sources) expect(stored.sources.has(s)).toBe(committed);
    },
    120_000,
  );
});
