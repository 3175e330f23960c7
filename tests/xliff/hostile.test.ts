/**
 * Hostile inputs: each is refused with one clear line naming the file and the position, quickly, and
 * within bounded memory, through the isolated reader the commands use.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/cli/errors.js';
import { readXliffIsolated } from '../../src/io/xml-worker.js';
import { ROOT } from '../support/env.js';
import { TSX_IMPORT } from '../support/spawn.js';
import { HOSTILE_CASES } from './hostile-cases.js';

describe('hostile XLIFF', () => {
  for (const c of HOSTILE_CASES) {
    it(`refuses ${c.name} with one clear line`, async () => {
      const started = performance.now();
      const r = await readXliffIsolated(c.text(), { file: 'hostile.xlf', ...c.options });
      const seconds = (performance.now() - started) / 1000;
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const line = formatError(r.error);
      expect(line).toMatch(c.message);
      expect(line).toMatch(/^kioku: error: hostile\.xlf:\d+(:\d+)?: /);
      expect(line).not.toMatch(/[\n\r]|\bat .*\(.*:\d+:\d+\)/);
      // The bound for every hostile case (typically well under a second).
      expect(seconds).toBeLessThan(5);
    });
  }

  it('stays within 512 MB for the whole suite, in a process of its own', () => {
    const r = spawnSync(process.execPath, [...TSX_IMPORT, join(ROOT, 'tests', 'xliff', 'hostile-run.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { results: Array<{ name: string; ok: boolean; line: string; ms: number }>; maxRssMiB: number };
    expect(out.results.filter((x) => x.ok)).toEqual([]);
    expect(out.results.length).toBe(HOSTILE_CASES.length);
    expect(out.maxRssMiB).toBeLessThan(512);
  });
});
