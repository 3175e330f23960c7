import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './env.js';

/**
 * Runs the CLI as a separate process from the TypeScript sources (through tsx, so no build is needed):
 * for what only a real process shows (exit codes set by bin, crashes, signals, concurrency).
 */
export const CLI_ENTRY = join(ROOT, 'tests', 'support', 'kioku-dev.ts');
/** tsx's loader by absolute URL, so a child started in any cwd (a temp dir) still finds it. */
export const TSX_IMPORT = ['--import', import.meta.resolve('tsx')];

export function spawnKioku(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string; timeout?: number } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...TSX_IMPORT, CLI_ENTRY, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeout ?? 30_000,
  });
}
