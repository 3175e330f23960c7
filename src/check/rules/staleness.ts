import { NO_FINDINGS, finding, findingAt, quote, type CollectionRule, type UnitRule } from '../types.js';
import type { Finding } from '../../model.js';

export const staleSource: UnitRule = {
  scope: 'unit',
  id: 'stale-source',
  severity: 'error',
  category: 'staleness',
  description:
    'The source the unit was translated from no longer matches the current source (--source): the translation is out of date. The message shows the source diff.',
  check(cu, ctx) {
    const stale = ctx.sourceComparison?.stale.get(cu.unit.id);
    if (stale === undefined) return NO_FINDINGS;
    return [
      finding(this, cu, `the source changed since it was translated (${ctx.sourceComparison!.sourceFile} line ${stale.line}): ${stale.diff}`, {
        actual: cu.unit.source,
        expected: stale.current,
      }),
    ];
  },
};

export const removedSegment: UnitRule = {
  scope: 'unit',
  id: 'removed-segment',
  severity: 'warning',
  category: 'staleness',
  description: 'The unit translates a sentence that is no longer in the current source (--source).',
  check(cu, ctx) {
    if (ctx.sourceComparison?.removed.has(cu.unit.id) !== true) return NO_FINDINGS;
    return [finding(this, cu, `the sentence ${quote(cu.unit.source)} is no longer in ${ctx.sourceComparison.sourceFile}`, { actual: cu.unit.source })];
  },
};

export const missingUnit: CollectionRule = {
  scope: 'collection',
  id: 'missing-unit',
  severity: 'error',
  category: 'staleness',
  description: 'A sentence of the current source (--source) has no unit in the XLIFF file: it was added after the export.',
  checkAll(prepared) {
    const out: Finding[] = [];
    for (const ctx of prepared.contexts) {
      const cmp = ctx.sourceComparison;
      if (cmp === undefined) continue;
      for (const m of cmp.missing) {
        out.push(
          findingAt(this, cmp.sourceFile, m.line, m.segment.id, `no unit in ${ctx.file} translates ${quote(m.segment.text)}; export the file again`, {
            expected: m.segment.text,
          }),
        );
      }
    }
    return out;
  },
};
