import { NO_FINDINGS, finding, type UnitRule } from '../types.js';
import type { Finding } from '../../model.js';
import type { TermMatcher } from '../glossary.js';

/** The first of the terms that occurs in `text` (whose textFlags are `flags`), or undefined. */
function firstIn(terms: readonly TermMatcher[], text: string, flags: number): TermMatcher | undefined {
  for (let i = 0; i < terms.length; i++) if (terms[i]!.test(text, flags)) return terms[i];
  return undefined;
}

export const glossaryTerm: UnitRule = {
  scope: 'unit',
  id: 'glossary-term',
  severity: 'error',
  category: 'glossary',
  description: 'A glossary term occurs in the source but the target uses none of its approved translations (--glossary, TBX or CSV).',
  check(cu, ctx) {
    const g = ctx.glossary;
    if (g === undefined || cu.translation === undefined || g.required.length === 0) return NO_FINDINGS;
    // Without the set (an index built elsewhere), every term is a candidate.
    const candidates = g.requiredSources?.candidates(cu.unit.source, cu.sourceFlags);
    const count = candidates?.length ?? g.required.length;
    let out: Finding[] | undefined;
    for (let k = 0; k < count; k++) {
      const term = g.required[candidates === undefined ? k : candidates[k]!]!;
      const hit = firstIn(term.source, cu.unit.source, cu.sourceFlags);
      if (hit === undefined || firstIn(term.targets, cu.translation, cu.targetFlags) !== undefined) continue;
      const expected = term.targets.map((m) => m.text).join(' | ');
      (out ??= []).push(
        finding(this, cu, `glossary: “${hit.text}” must be translated as ${term.targets.map((m) => `“${m.text}”`).join(' or ')}`, {
          actual: cu.translation,
          expected,
        }),
      );
    }
    return out ?? NO_FINDINGS;
  },
};

export const glossaryForbidden: UnitRule = {
  scope: 'unit',
  id: 'glossary-forbidden',
  severity: 'error',
  category: 'glossary',
  description: 'The target uses a term the glossary forbids (deprecated or superseded).',
  check(cu, ctx) {
    const g = ctx.glossary;
    if (g === undefined || cu.translation === undefined || g.forbidden.length === 0) return NO_FINDINGS;
    const candidates = g.forbiddenTerms?.candidates(cu.translation, cu.targetFlags);
    const count = candidates?.length ?? g.forbidden.length;
    let out: Finding[] | undefined;
    for (let k = 0; k < count; k++) {
      const f = g.forbidden[candidates === undefined ? k : candidates[k]!]!;
      if (!f.term.test(cu.translation, cu.targetFlags)) continue;
      if (f.source.length > 0 && firstIn(f.source, cu.unit.source, cu.sourceFlags) === undefined) continue;
      (out ??= []).push(finding(this, cu, `glossary: “${f.term.text}” is a forbidden term`, { actual: f.term.text }));
    }
    return out ?? NO_FINDINGS;
  },
};
