import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TermSet, termMatcher, type Glossary, type TermMatcher } from '../../src/check/glossary.js';
import { textFlags } from '../../src/text/script.js';
import { runChecks } from '../../src/check/run.js';
import { RULES } from '../../src/check/rules/index.js';
import { doc, unit } from './builders.js';

// Pieces that make terms and texts meet in the awkward ways: case variants, ſ and the Kelvin sign,
// full-width letters, plural endings, terms that are prefixes of others or overlap them, hyphens and
// spaces inside terms.
const LATIN = [
  'drone',
  'Drone',
  'DRONE',
  'drones',
  'dron',
  'bus',
  'buses',
  'Kim',
  'KIM',
  'Jong',
  'jong-un',
  'Jong Un',
  'un',
  'S-400',
  'ſ-400',
  '400',
  'kursk',
  '\u212aursk',
  'NIS',
  'nis',
  'es',
  's',
  'ab',
  'abc',
  'bcd',
  'café',
  'C++',
  '…',
];
const CJK = ['平', '壌', '平壌', '平壌市', 'ド', 'ドロ', 'ドローン', 'ローン', 'FPV', 'ＦＰＶ', 'fpv', 'Ｆ', 'P', 'ア', 'アイ', 'イア', '−', '-', '\u3000'];
const GLUE = [' ', '  ', '\u00a0', '.', "'s", '’s', 'x', '1', 'é', '、', '。', '\n'];

const latinTerm = fc.array(fc.constantFrom(...LATIN), { minLength: 1, maxLength: 2 }).map((p) => p.join(' ').trim());
const cjkTerm = fc.array(fc.constantFrom(...CJK), { minLength: 1, maxLength: 3 }).map((p) => p.join('').trim());
const text = fc.array(fc.constantFrom(...LATIN, ...CJK, ...GLUE), { maxLength: 14 }).map((p) => p.join(''));
/** Terms as a glossary compiles them: Latin and CJK, in source (ja) and target (en) languages. */
const matcher = fc.oneof(
  latinTerm.map((t) => termMatcher(t, 'en')),
  cjkTerm.filter((t) => t !== '').map((t) => termMatcher(t, 'ja')),
  cjkTerm.filter((t) => t !== '').map((t) => termMatcher(t, 'en')),
);

/** Enough unrelated terms that a TermSet uses its index, not one search and every term. */
const PADDING = Array.from({ length: 40 }, (_, i) => [termMatcher(`pad${i}word`, 'en'), termMatcher(`詰${String.fromCharCode(0x4e00 + i)}`, 'ja')]).flat();

describe('TermSet.candidates', () => {
  it('names every term that occurs (ascending, each once), for few terms and for many', () => {
    fc.assert(
      fc.property(fc.array(matcher, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.array(text, { minLength: 1, maxLength: 4 }), (some, padded, texts) => {
        const terms: TermMatcher[] = padded ? [...PADDING.slice(0, 20), ...some, ...PADDING.slice(20)] : some;
        const set = new TermSet(terms);
        for (const t of texts) {
          for (const flags of [undefined, textFlags(t)]) {
            const found = set.candidates(t, flags);
            expect([...found].sort((a, b) => a - b)).toEqual([...new Set(found)]);
            const occurring = terms.flatMap((m, i) => (m.test(t, flags) ? [i] : []));
            for (const i of occurring) expect(found).toContain(i);
            if (occurring.length > 0) expect(set.mayOccur(t, flags)).toBe(true);
          }
        }
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('reports owners, and an index walk finds terms anywhere in a long text', () => {
    const terms = [...PADDING, termMatcher('drone', 'en'), termMatcher('ドローン', 'ja'), termMatcher('平', 'ja')];
    const owners = terms.map((_, i) => Math.floor(i / 2));
    const set = new TermSet(terms, owners);
    expect(set.candidates(`${'x '.repeat(500)}DRONES flew`)).toEqual([40]);
    expect(set.candidates('平和なＦＰＶドローン')).toEqual([40, 41]);
    expect(set.candidates('nothing here')).toEqual([]);
  });
});

/** What the glossary rules find when every term is tested one by one (the rules before the index). */
function referenceFindings(glossary: Glossary, units: { id: string; source: string; target: string }[]): string[] {
  const out: string[] = [];
  const compiled = glossary.concepts.map((c) => ({
    source: c.terms.filter((t) => t.lang === 'ja' && t.status !== 'forbidden').map((t) => termMatcher(t.text, 'ja')),
    targets: c.terms.filter((t) => t.lang === 'en' && t.status !== 'forbidden').map((t) => termMatcher(t.text, 'en')),
    forbidden: c.terms.filter((t) => t.lang === 'en' && t.status === 'forbidden').map((t) => termMatcher(t.text, 'en')),
  }));
  for (const u of units) {
    for (const c of compiled) {
      if (c.source.length === 0 || c.targets.length === 0) continue;
      const hit = c.source.find((m) => m.test(u.source));
      if (hit !== undefined && !c.targets.some((m) => m.test(u.target))) out.push(`glossary-term:${u.id}:${hit.text}`);
    }
    for (const c of compiled) {
      for (const f of c.forbidden) {
        if (f.test(u.target) && (c.source.length === 0 || c.source.some((m) => m.test(u.source)))) out.push(`glossary-forbidden:${u.id}:${f.text}`);
      }
    }
  }
  return out;
}

describe('the glossary rules through the index', () => {
  const concept = fc.record({
    source: fc.array(fc.oneof(cjkTerm, latinTerm), { maxLength: 2 }),
    targets: fc.array(fc.oneof(latinTerm, cjkTerm), { maxLength: 2 }),
    forbidden: fc.array(fc.oneof(latinTerm, cjkTerm), { maxLength: 2 }),
  });

  it('find exactly what testing every term one by one finds', () => {
    fc.assert(
      fc.property(fc.array(concept, { minLength: 1, maxLength: 80 }), fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 6 }), (concepts, pairs) => {
        const glossary: Glossary = {
          file: 'g.csv',
          concepts: concepts.map((c, k) => ({
            id: `c${k}`,
            line: k + 2,
            terms: [
              ...c.source.filter((t) => t !== '').map((text) => ({ lang: 'ja', text, status: 'preferred' as const })),
              ...c.targets.filter((t) => t !== '').map((text) => ({ lang: 'en', text, status: 'admitted' as const })),
              ...c.forbidden.filter((t) => t !== '').map((text) => ({ lang: 'en', text, status: 'forbidden' as const })),
            ],
          })),
        };
        const units = pairs.map(([source, target], i) => ({
          id: `u${i}`,
          source: source.trim() === '' ? '。' : source,
          target: target.trim() === '' ? '.' : target,
        }));
        const r = runChecks(
          { files: [{ file: 'a.xlf', document: doc(units.map((u) => unit(u.source, u.target, { id: u.id }))) }], glossary },
          { rules: RULES.filter((x) => x.category === 'glossary') },
        );
        const expected = referenceFindings(glossary, units);
        // Findings are sorted by unit; within a unit and rule they keep the glossary's order.
        const key = (f: string) => `${f.split(':')[1]}:${f.split(':')[0]}`;
        const order = (a: string[]) => [...a].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
        const actual = r.findings.map((f) => `${f.rule}:${f.unit}:${/“(.*?)”/.exec(f.message)![1]}`);
        expect(order(actual)).toEqual(order(expected));
      }),
      { seed: 11, numRuns: 400 },
    );
  });
});
