import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../fixtures/check/build.js';
import { readXliff } from '../../src/xliff/index.js';
import { segment } from '../../src/segment/index.js';
import { runChecks } from '../../src/check/run.js';
import { parseGlossaryCsv } from '../../src/check/glossary.js';
import { RULES } from '../../src/check/rules/index.js';
import type { CheckInput } from '../../src/check/types.js';
import { FIXTURES } from '../support/env.js';

const CHECK = join(FIXTURES, 'check');
const read = (name: string): string => readFileSync(join(CHECK, name), 'utf8');

function input(xliff: string, file: string, sourceFile: string, sourceText: string): CheckInput {
  const document = readXliff(read(xliff), { file });
  if (!document.ok) throw new Error(document.error.message);
  const glossary = parseGlossaryCsv(read('glossary.csv'), 'glossary.csv');
  if (!glossary.ok) throw new Error(glossary.error.message);
  return {
    files: [{ file, document: document.value }],
    sources: [{ file: sourceFile, for: file, revision: segment(sourceText, { lang: 'ja' }) }],
    glossary: glossary.value,
  };
}

describe('check fixtures', () => {
  it('the committed fixtures hold what build.ts makes (compared as documents: the XLIFF writer may change its layout)', () => {
    const b = build();
    const units = (xliff: string) => {
      const d = readXliff(xliff, {});
      if (!d.ok) throw new Error(d.error.message);
      return d.value.groups.flatMap((g) => g.units.map((u) => [g.id, u.id, u.source, u.target, u.state]));
    };
    expect(units(read('article.en.xlf'))).toEqual(units(b.clean12));
    expect(units(read('article.en.v2.xlf'))).toEqual(units(b.clean20));
    expect(units(read('defects.xlf'))).toEqual(units(b.defects));
    expect(read('article.ja.revised.txt')).toBe(b.revised);
    expect(JSON.parse(read('defects.expected.json'))).toEqual(b.expected);
  });

  it.each(['article.en.xlf', 'article.en.v2.xlf'])('the article translation (%s) has zero findings', (name) => {
    const r = runChecks(input(name, name, 'article.ja.txt', readFileSync(join(FIXTURES, 'article.ja.txt'), 'utf8')));
    expect(r.unitCount).toBe(58);
    expect(r.findings).toEqual([]);
  });

  it('the seeded-defect copy yields exactly the planted findings, every rule at least twice', () => {
    const r = runChecks(input('defects.xlf', 'defects.xlf', 'article.ja.revised.txt', read('article.ja.revised.txt')));
    const expected = JSON.parse(read('defects.expected.json')) as Array<{ rule: string; unit: string }>;
    const key = (f: { rule: string; unit: string }) => `${f.rule} ${f.unit}`;
    expect(r.findings.map(key).sort()).toEqual(expected.map(key).sort());
    const perRule = new Map<string, number>();
    for (const f of expected) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
    for (const rule of RULES) expect(perRule.get(rule.id) ?? 0, rule.id).toBeGreaterThanOrEqual(2);
    // Every finding points at its unit's line in the file (or the source line for missing units).
    for (const f of r.findings) expect(f.line, `${f.rule} ${f.unit}`).toBeGreaterThan(0);
  });
});
