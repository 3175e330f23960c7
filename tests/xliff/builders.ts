import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BilingualDocument, BilingualUnit, UnitCandidate, XliffVersion } from '../../src/model.js';
import { segment } from '../../src/segment/index.js';
import { documentFromRevision } from '../../src/xliff/document.js';
import { FIXTURES } from '../support/env.js';

/** Builders for bilingual documents in tests (instead of giant literals). */
export function unit(id: string, source: string, extra: Partial<BilingualUnit> = {}): BilingualUnit {
  return { id, source, state: 'initial', notes: [], candidates: [], line: 0, ...extra };
}

export function candidate(kind: UnitCandidate['kind'], score: number, source: string, target: string, origin = 'memory'): UnitCandidate {
  return { kind, score, source, target, origin };
}

export function doc(groups: Record<string, BilingualUnit[]>, extra: Partial<BilingualDocument> = {}): BilingualDocument {
  return {
    version: '2.0',
    sourceLang: 'ja',
    targetLang: 'en',
    original: 'doc.ja.txt',
    groups: Object.entries(groups).map(([id, units]) => ({ id, units })),
    ...extra,
  };
}

export const ARTICLE = join(FIXTURES, 'article.ja.txt');

export function articleDocument(version: XliffVersion = '2.0'): BilingualDocument {
  const revision = segment(readFileSync(ARTICLE, 'utf8'), { lang: 'ja' });
  return documentFromRevision(revision, { original: 'article.ja.txt', sourceLang: 'ja', targetLang: 'en', version });
}

export function allUnits(d: BilingualDocument): BilingualUnit[] {
  return d.groups.flatMap((g) => g.units);
}

/** A one-unit XLIFF 1.2 file around the given trans-unit body. */
export function xliff12(units: string, fileAttrs = 'original="a.txt" source-language="ja" target-language="en" datatype="plaintext"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file ${fileAttrs}>\n<body>\n${units}\n</body>\n</file>\n</xliff>\n`;
}

export function xliff20(units: string, rootAttrs = 'srcLang="ja" trgLang="en"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" ${rootAttrs}>\n<file id="f1" original="a.txt">\n${units}\n</file>\n</xliff>\n`;
}
