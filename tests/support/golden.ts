import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Golden files are rewritten only on request (`KIOKU_UPDATE_GOLDEN=1`, or `UPDATE_GOLDEN=1`): a missing
 * golden file is a failure that says how to make it, so a deleted or misnamed file cannot pass by being
 * written from the very output it should check.
 */
export const UPDATE_GOLDEN = process.env.KIOKU_UPDATE_GOLDEN === '1' || process.env.UPDATE_GOLDEN === '1';

/** `actual` equals the golden file at `path` (written first when UPDATE_GOLDEN is set). */
export function expectGolden(actual: string, path: string, regenerate: string): void {
  if (UPDATE_GOLDEN) writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing: after reviewing the output, regenerate it with KIOKU_UPDATE_GOLDEN=1 ${regenerate}`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
