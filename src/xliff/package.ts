import { js2xliff, jsToXliff12, xliff12ToJs, xliff2js, type XliffCallback, type XliffJs } from 'xliff';
import type { Result, XliffVersion } from '../model.js';
import { err, ok } from '../model.js';

/**
 * The `xliff` package (6.4.0) behind a typed, synchronous, Result-returning face. Its functions return
 * a Promise unless given a callback, in which case they run synchronously; they may report an `Error`
 * through the callback (or return it) instead of throwing, and the writers mutate their input. Callers
 * here always pass an object built for the one call.
 */

export type { XliffJs, XliffUnitJs, XliffGroupJs } from 'xliff';

function settle<T>(run: (cb: XliffCallback<T>) => unknown, what: string): Result<T> {
  let value: T | undefined;
  let failure: unknown;
  try {
    const returned = run((e, r) => {
      if (e) failure = e;
      else value = r;
    });
    if (returned instanceof Error) failure = returned;
  } catch (e) {
    failure = e;
  }
  if (failure !== undefined || value === undefined) {
    const reason = failure instanceof Error ? failure.message : failure !== undefined ? String(failure) : 'no result';
    return err({ code: 'xliff', message: `the xliff package could not ${what}: ${reason}` });
  }
  return ok(value);
}

/**
 * Serialises with the package, always with `indent: ''`: its default indentation also indents inside
 * mixed content, which changes the text of sources and targets.
 */
export function packageWrite(version: XliffVersion, js: XliffJs): Result<string> {
  return settle<string>((cb) => (version === '1.2' ? jsToXliff12(js, { indent: '' }, cb) : js2xliff(js, { indent: '' }, cb)), `write XLIFF ${version}`);
}

/**
 * Parses with the package's version-specific reader (`xliff2js` also accepts a 1.2 file without
 * complaint). Not for untrusted input: the package swallows truncation and more (see ARCHITECTURE.md);
 * kioku reads XLIFF with `readXliff`. Used to check that exports read back in the package's own model.
 */
export function packageRead(version: XliffVersion, text: string): Result<XliffJs> {
  return settle<XliffJs>((cb) => (version === '1.2' ? xliff12ToJs(text, cb) : xliff2js(text, cb)), `read XLIFF ${version}`);
}
