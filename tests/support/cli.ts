import { run } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { ROOT } from './env.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output (no build needed), as the real binary would. */
export async function kioku(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; now?: Date; tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: (s) => void (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s) => void (stderr += s), isTTY: options.tty ?? false },
    cwd: options.cwd ?? ROOT,
    env: { ...options.env },
    now: () => options.now ?? new Date('2026-01-01T00:00:00Z'),
  };
  const code = await run(args, ctx);
  return { code, stdout, stderr };
}
