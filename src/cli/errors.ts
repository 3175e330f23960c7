import type { KiokuError } from '../model.js';
import { safeText } from './output.js';

/**
 * Thrown inside a command to stop with an expected failure; `run` catches it, prints one line and
 * returns exit code 2. Commands use `unwrap(result)` rather than constructing it.
 */
export class KiokuFailure extends Error {
  constructor(readonly error: KiokuError) {
    super(error.message);
  }
}

/** The value of an ok Result, or a KiokuFailure carrying its error. */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: KiokuError }): T {
  if (!result.ok) throw new KiokuFailure(result.error);
  return result.value;
}

/**
 * One line: `kioku: FILE:LINE:COL: MESSAGE (unit ID); HINT`. Everything from the data is escaped so a
 * hostile file name or id cannot drive the terminal.
 */
export function formatError(e: KiokuError): string {
  let where = '';
  if (e.file !== undefined) {
    where = e.file;
    if (e.line !== undefined) where += `:${e.line}`;
    if (e.line !== undefined && e.column !== undefined) where += `:${e.column}`;
    where += ': ';
  }
  const unit = e.unit !== undefined ? ` (unit ${e.unit})` : '';
  const hint = e.hint !== undefined ? `; ${e.hint}` : '';
  return safeText(`kioku: error: ${where}${e.message}${unit}${hint}`, { singleLine: true });
}
