/**
 * Runs the path fuzzer (fuzz-paths.ts) in a child process and collects its mutants. A child that
 * prints nothing for `quietMs` is hung on a mutant: it is killed, and the mutant after the last one
 * it reported is named as the hang (reproduce it with the same seed and `--count n+1`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/env.js';
import { TSX_IMPORT } from '../support/spawn.js';
import type { MutantResult } from './fuzz-paths.js';

export interface FuzzRun {
  readonly mutants: readonly MutantResult[];
  /** The number of the mutant the child hung on, when it did. */
  readonly hungAt?: number;
  readonly exit: number | null;
  readonly stderr: string;
  readonly ms: number;
}

export function runFuzz(seed: number, count: number, options: { quietMs?: number } = {}): Promise<FuzzRun> {
  const quietMs = options.quietMs ?? 20_000;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TSX_IMPORT, join(ROOT, 'tests', 'hostile', 'fuzz-paths.ts'), '--seed', String(seed), '--count', String(count)], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const mutants: MutantResult[] = [];
    let pending = '';
    let stderr = '';
    let hung = false;
    let timer = setTimeout(() => kill(), quietMs);
    const kill = () => {
      hung = true;
      child.kill('SIGKILL');
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => kill(), quietMs);
      pending += d;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.trim() !== '') mutants.push(JSON.parse(line) as MutantResult);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr += d));
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve({ mutants, exit, stderr, ms: performance.now() - started, ...(hung ? { hungAt: mutants.length } : {}) });
    });
  });
}
