import { NO_FINDINGS, finding, type UnitRule } from '../types.js';
import type { Finding } from '../../model.js';

export const glossaryTerm: UnitRule = {
  scope: 'unit',
  id: 'glossary-term',
  severity: 'error',
  category: 'glossary',
  description: 'A glossary term occurs in the source but the target uses none of its approved translations (--glossary, TBX or CSV).',
  check(cu, ctx) {
    const g = ctx.glossary;
    if (g === undefined || cu.translation === undefined || g.required.length === 0) return NO_FINDINGS;
    let out: Finding[] | undefined;
    for (const term of g.required) {
      const hit = term.source.find((m) => m.test(cu.unit.source));
      if (hit === undefined || term.targets.some((m) => m.test(cu.translation!))) continue;
      const expected = term.targets.map((m) => m.text).join(' | ');
      (out ??= []).push(finding(this, cu, `glossary: “${hit.text}” must be translated as ${term.targets.map((m) => `“${m.text}”`).join(' or ')}`, { actual: cu.translation, expected }));
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
    let out: Finding[] | undefined;
    for (const f of g.forbidden) {
      if (!f.term.test(cu.translation)) continue;
      if (f.source.length > 0 && !f.source.some((m) => m.test(cu.unit.source))) continue;
      (out ??= []).push(finding(this, cu, `glossary: “${f.term.text}” is a forbidden term`, { actual: f.term.text }));
    }
    return out ?? NO_FINDINGS;
  },
};
