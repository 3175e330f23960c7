/**
 * Child-process runner for the hostile cases: reads each through `readXliffIsolated` (the worker with
 * a heap limit and a timeout) and prints one JSON line with the outcomes and the peak memory of the
 * whole process (main thread and workers).
 */
import { readXliffIsolated } from '../../src/io/xml-worker.js';
import { formatError } from '../../src/cli/errors.js';
import { HOSTILE_CASES } from './hostile-cases.js';

const results = [];
for (const c of HOSTILE_CASES) {
  const started = performance.now();
  const r = await readXliffIsolated(c.text(), { file: 'hostile.xlf', ...c.options });
  results.push({ name: c.name, ok: r.ok, line: r.ok ? '' : formatError(r.error), ms: Math.round(performance.now() - started) });
}
process.stdout.write(JSON.stringify({ results, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
