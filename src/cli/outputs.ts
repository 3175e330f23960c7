import { resolve } from 'node:path';
import { checkOutput, outputTarget, type GuardedPath } from '../io/files.js';
import type { CliContext } from './context.js';
import { KiokuFailure, unwrap } from './errors.js';

/** The output name that means standard output, where a command supports it. */
export const STDOUT = '-';

export interface OutputGuard {
  /** The files the command reads, as typed (`-` and undefined entries are skipped). */
  readonly inputs: ReadonlyArray<string | undefined>;
  /** `--memory DIR` when given; memory/ in the working directory is always guarded as well. */
  readonly memory?: string | false | undefined;
}

/**
 * Refuses, before anything is read or written, every output that would destroy what the command
 * works from: an output that is one of its inputs (the same file however it is named: `./a.xlf`, a
 * hard link, a symlink), one that lies inside the memory folder (a TMX written over a shard leaves the
 * memory unreadable), or two outputs that are the same file. One line, exit 2, nothing written.
 * Every command that writes a file calls this with all its outputs (`-` = standard output is skipped).
 */
export function guardOutputs(ctx: CliContext, outputs: ReadonlyArray<string | undefined>, guard: OutputGuard): void {
  const typed = (name: string): GuardedPath => ({ path: resolve(ctx.cwd, name), display: name });
  const inputs = guard.inputs.filter((f): f is string => f !== undefined && f !== STDOUT).map(typed);
  const memories = [typed('memory'), ...(typeof guard.memory === 'string' ? [typed(guard.memory)] : [])];
  const seen = new Map<string, string>();
  for (const output of outputs) {
    if (output === undefined || output === STDOUT) continue;
    const path = resolve(ctx.cwd, output);
    unwrap(checkOutput(path, output, { inputs, memories }));
    const { path: target, kind } = unwrap(outputTarget(path, output));
    // A device or FIFO named twice is written twice, in place: nothing is replaced.
    if (kind !== 'file' && kind !== 'missing') continue;
    const other = seen.get(target);
    if (other !== undefined) {
      throw new KiokuFailure({ code: 'usage', message: `two outputs are the same file (${other})`, file: output, hint: 'give each output its own name' });
    }
    seen.set(target, output);
  }
}
