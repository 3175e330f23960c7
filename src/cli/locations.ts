import { Option } from '@commander-js/extra-typings';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore, type MemoryStore } from '../io/store.js';
import type { CliContext } from './context.js';
import { unwrap } from './errors.js';
import { err, ok, type Result } from '../model.js';

/* Where a command finds its memory: the `--memory` option and the store it names. */

/** `--memory DIR` for every command that uses a memory; the default is memory/ in the working directory. */
export function memoryOption() {
  return new Option('--memory <dir>', 'the translation memory directory (default: memory/ in the current directory)');
}

export interface MemoryLocation {
  readonly dir: string;
  readonly display: string;
  /** Whether the directory is there (from the one stat that also refuses a file). */
  readonly exists: boolean;
}

export function memoryLocation(ctx: CliContext, value: string | undefined): MemoryLocation {
  return unwrap(locateMemory(ctx, value));
}

/** `memoryLocation` as a Result, for a command that reports the error later (after its inputs are checked). */
export function locateMemory(ctx: CliContext, value: string | undefined): Result<MemoryLocation> {
  const display = value ?? 'memory';
  const dir = resolve(ctx.cwd, display);
  // A file where the memory should be is a mistake to report, not an empty memory to read (or to fail
  // to create with the system's words).
  const st = statSync(dir, { throwIfNoEntry: false });
  if (st !== undefined && !st.isDirectory()) {
    return err({ code: 'usage', message: 'not a memory directory: it is a file', file: display, hint: 'point --memory at the memory directory' });
  }
  return ok({ dir, display, exists: st !== undefined });
}

export function storeFor(ctx: CliContext, value: string | undefined): MemoryStore {
  return storeAt(memoryLocation(ctx, value));
}

export function storeAt(where: MemoryLocation): MemoryStore {
  return openStore(where.dir, { displayDir: where.display });
}

/** Commands that only read a memory refuse a directory that is not there (a typo would find nothing). */
export function existingStoreFor(ctx: CliContext, value: string | undefined): MemoryStore {
  const where = memoryLocation(ctx, value);
  if (!where.exists) {
    unwrap({
      ok: false,
      error: {
        code: 'usage',
        message: `there is no memory at ${where.display}`,
        hint: 'import translations first (kioku import FILE.xlf or kioku tmx import FILE.tmx), or point --memory at one',
      },
    });
  }
  return storeAt(where);
}
