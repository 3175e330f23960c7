/**
 * The hostile-input suite of issue 7: every case runs a real `kioku` process (the sources through tsx)
 * in its own directory with a copy of a small memory, and must end with the documented exit code, one
 * clear error line naming the file and the position (no stack trace), nothing on the terminal that
 * acts on it, within 5 s and 512 MB, and the memory byte-identical (unless the case says what else).
 *
 * Calibration: a child that only prints `kioku --version` costs about 0.35 s and 100 MiB under tsx
 * (measured below and printed with the suite's summary); the limits are asserted on the whole child,
 * tsx included, so the real margin is that much larger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from './cases.js';
import { listTree } from '../support/tree.js';
import {
  CATEGORY_TITLES,
  cleanupSuite,
  LIMITS,
  runCase,
  STACK_TRACE,
  suiteRoot,
  TERMINAL_CONTROL,
  type Category,
  type HostileCase,
  type Outcome,
} from './harness.js';

const timings: Array<{ name: string; ms: number; rssMiB: number | undefined }> = [];
let calibration: Outcome | undefined;

beforeAll(async () => {
  suiteRoot();
  calibration = (await runCase({ category: 'bytes', name: 'calibration', args: ['--version'], exit: 0, why: 'calibration' })).outcome;
});

afterAll(() => {
  cleanupSuite();
  if (timings.length === 0) return;
  const ms = timings.map((t) => t.ms).sort((a, b) => a - b);
  const rss = timings.map((t) => t.rssMiB ?? 0).sort((a, b) => a - b);
  const slowest = [...timings].sort((a, b) => b.ms - a.ms)[0]!;
  const heaviest = [...timings].sort((a, b) => (b.rssMiB ?? 0) - (a.rssMiB ?? 0))[0]!;
  console.log(
    `hostile suite: ${timings.length} cases; per case median ${Math.round(ms[ms.length >> 1]!)} ms, max ${Math.round(slowest.ms)} ms (${slowest.name}); ` +
      `peak RSS median ${rss[rss.length >> 1]} MiB, max ${heaviest.rssMiB} MiB (${heaviest.name}); ` +
      `calibration (kioku --version under tsx): ${Math.round(calibration?.ms ?? 0)} ms, ${calibration?.rssMiB} MiB`,
  );
});

/** The non-empty lines of stderr (assertCase requires each to be a `kioku: error:` line, usage errors too). */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '');
}

function assertCase(c: HostileCase, o: Outcome): void {
  const show = `exit ${o.code}${o.signal ? ` (${o.signal})` : ''}\nstdout: ${o.stdout.slice(0, 2000)}\nstderr: ${o.stderr.slice(0, 2000)}`;
  expect(o.code, show).toBe(c.exit);
  expect(o.stderr, 'no stack trace').not.toMatch(STACK_TRACE);
  expect(o.stdout, 'no stack trace').not.toMatch(STACK_TRACE);
  // Whatever the data held, nothing that drives a terminal reaches it.
  expect(TERMINAL_CONTROL.test(o.stdout), `terminal control character on stdout:\n${JSON.stringify(o.stdout.slice(0, 2000))}`).toBe(false);
  expect(TERMINAL_CONTROL.test(o.stderr), `terminal control character on stderr:\n${JSON.stringify(o.stderr.slice(0, 2000))}`).toBe(false);
  if (c.exit === 2) {
    const lines = errorLines(o.stderr);
    expect(lines.length, show).toBeGreaterThanOrEqual(1);
    expect(lines.length, `at most ${c.errorLines ?? 1} error line(s)\n${show}`).toBeLessThanOrEqual(c.errorLines ?? 1);
    for (const l of lines) expect(l).toMatch(/^kioku: error: /);
    if (c.usage) expect(lines[0], 'a usage error names the help to read, on the same line').toMatch(/ \(run kioku [a-z -]*--help for usage\)$/);
    expect(lines[0], show).toMatch(c.error!);
  } else {
    expect(c.why, 'a case whose right outcome is not exit 2 says why').toBeTruthy();
    expect(o.stderr, show).not.toMatch(/kioku: (internal )?error/);
  }
  expect(o.ms, `completes within ${LIMITS.ms} ms`).toBeLessThan(LIMITS.ms);
  expect(o.rssMiB, 'the child reached its exit handler (peak memory measured)').toBeDefined();
  expect(o.rssMiB!, `stays within ${LIMITS.rssMiB} MB`).toBeLessThan(LIMITS.rssMiB);
}

const byCategory = new Map<Category, HostileCase[]>();
for (const c of CASES) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);

it('has at least 60 cases across every category of issue 7', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(60);
  expect([...byCategory.keys()].sort()).toEqual(Object.keys(CATEGORY_TITLES).sort());
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

for (const [category, cases] of byCategory) {
  describe.concurrent(`hostile input: ${CATEGORY_TITLES[category]} (${cases.length} cases)`, () => {
    for (const c of cases) {
      it(`${c.name} → exit ${c.exit}`, async () => {
        const { outcome, ctx } = await runCase(c);
        timings.push({ name: c.name, ms: outcome.ms, rssMiB: outcome.rssMiB });
        assertCase(c, outcome);
        if (typeof c.memory === 'function') c.memory(ctx, outcome.memoryBefore, outcome.memoryAfter);
        else expect(outcome.memoryAfter, `memory/ byte-identical; now holds ${listTree(ctx.memory).join(', ')}`).toBe(outcome.memoryBefore);
        // Nothing outside the memory and the case's declared outputs changed: not the project's other
        // files, not the folder above it, not a neighbouring project's memory.
        expect(outcome.outsideAfter, 'nothing created, changed or deleted outside the memory and the declared outputs').toBe(outcome.outsideBefore);
        c.check?.(outcome, ctx);
      });
    }
  });
}
