import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BilingualDocument, BilingualGroup, BilingualUnit, UnitState } from '../../src/model.js';
import { segment } from '../../src/segment/index.js';
import { FIXTURES } from '../support/env.js';

/** A unit with sensible defaults; override what the test is about. */
export function unit(source: string, target: string | undefined, extra: Partial<BilingualUnit> = {}): BilingualUnit {
  return {
    id: extra.id ?? `u${Math.abs(hashOf(source)).toString(36)}`,
    source,
    ...(target !== undefined ? { target } : {}),
    state: 'translated' as UnitState,
    notes: [],
    candidates: [],
    line: 0,
    ...extra,
  };
}

function hashOf(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

export function doc(
  units: readonly BilingualUnit[] | readonly (readonly BilingualUnit[])[],
  langs: { source?: string; target?: string } = {},
): BilingualDocument {
  const groups: BilingualGroup[] = (Array.isArray(units[0]) ? (units as BilingualUnit[][]) : [units as BilingualUnit[]]).map((g, i) => ({
    id: `p${i}`,
    units: g,
  }));
  return { version: '1.2', sourceLang: langs.source ?? 'ja', targetLang: langs.target ?? 'en', original: 'test.txt', groups };
}

/** The article and its translation as one bilingual document (segments paired per paragraph). */
export function articleDocument(): BilingualDocument {
  const ja = segment(readFileSync(join(FIXTURES, 'article.ja.txt'), 'utf8'), { lang: 'ja' });
  const en = segment(readFileSync(join(FIXTURES, 'article.en.txt'), 'utf8'), { lang: 'en' });
  const groups: BilingualGroup[] = ja.paragraphs.map((p) => {
    const q = en.paragraphs[p.index]!;
    if (q.segments.length !== p.segments.length) throw new Error(`paragraph ${p.index} does not pair`);
    return {
      id: `p${p.index}`,
      units: p.segments.map((si, k) => {
        const s = ja.segments[si]!;
        const t = en.segments[q.segments[k]!]!;
        return { id: s.id, source: s.text, target: t.text, state: 'translated' as UnitState, notes: [], candidates: [], line: p.line };
      }),
    };
  });
  return { version: '1.2', sourceLang: 'ja', targetLang: 'en', original: 'article.ja.txt', groups };
}
