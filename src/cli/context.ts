/**
 * Everything a command may touch of the outside world, passed in so that tests run commands in-process
 * with captured output, a fixed clock and a fixed working directory.
 */
export interface OutputStream {
  write(chunk: string): void;
  readonly isTTY?: boolean;
}

export interface CliContext {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The clock, for timestamps in the memory. */
  readonly now: () => Date;
}

/** A command's outcome: 0 success, 1 findings/changes the user asked to fail on, 2 could not run. */
export type ExitCode = 0 | 1 | 2;

/** The context of the real process. */
export function processContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
  };
}
