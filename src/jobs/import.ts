import type { KiokuError, Result } from '../model.js';
import { err, ok } from '../model.js';
import type { MemoryStore } from '../memory/store.js';
import { charDiff } from '../diff/chars.js';
import { applyImport, prepareImport, type ImportInput, type ImportOptions, type ImportReport, type Rejection } from '../memory/index.js';

/** An import that did not happen: units were rejected (nothing stored), or the memory failed. */
export type ImportJobError =
  | { readonly kind: 'rejected'; readonly rejections: readonly Rejection[]; readonly error: KiokuError }
  | { readonly kind: 'failed'; readonly error: KiokuError };

export interface ImportJobDone {
  readonly report: ImportReport;
  readonly written: boolean;
}

/**
 * The store's error as it reaches the job. The store knows one error type only; a refusal of the
 * plan is a KiokuError that also carries the rejected units, so they come back with the result that
 * the store returns instead of through a variable beside it.
 */
interface RejectedPlan extends KiokuError {
  readonly rejections: readonly Rejection[];
}

const isRejectedPlan = (e: KiokuError): e is RejectedPlan => Array.isArray((e as Partial<RejectedPlan>).rejections);

/**
 * `kioku import` of documents already read and parsed: every unit is checked against the memory's
 * export records first; one rejected unit rejects the whole import (nothing is written). Otherwise the
 * store reads just the shards the stored units live in and commits them all-or-nothing.
 */
export function importJob(store: MemoryStore, inputs: readonly ImportInput[], options: ImportOptions): Result<ImportJobDone, ImportJobError> {
  const result = store.updateSelected<ImportReport>((exports) => {
    const prepared = prepareImport({ exports }, inputs, options, (a, b) => charDiff(a, b));
    if (!prepared.ok) {
      const n = prepared.rejections.length;
      const refusal: RejectedPlan = {
        code: 'import',
        message: `${n} unit${n === 1 ? '' : 's'} rejected; nothing was imported (${store.location} unchanged)`,
        hint: 'fix the files (or re-export) and import again',
        rejections: prepared.rejections,
      };
      return err(refusal);
    }
    return ok({ units: prepared.value.incoming, apply: (content) => ok(applyImport(content, prepared.value)) });
  });
  if (result.ok) return ok(result.value);
  const e = result.error;
  if (isRejectedPlan(e) && e.rejections.length > 0) {
    const { rejections, ...error } = e;
    return err({ kind: 'rejected', rejections, error });
  }
  return err({ kind: 'failed', error: e });
}
