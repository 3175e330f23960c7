/** Inputs for the hostile suite: small real documents to break, and wrappers for TMX and TBX. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BilingualDocument, TranslationUnit } from '../../src/model.js';
import { segment } from '../../src/segment/index.js';
import { documentFromRevision } from '../../src/xliff/document.js';
import { writeXliff } from '../../src/xliff/write.js';
import { openStore } from '../../src/io/store.js';
import { upsertUnits } from '../../src/memory/index.js';
import { layoutStore } from '../../src/memory/codec.js';
import { unitId } from '../../src/memory/content.js';
import { FIXTURES } from '../support/env.js';
import { HOSTILE_CASES } from '../xliff/hostile-cases.js';

export { xliff12, xliff20 } from '../xliff/builders.js';
export { encodeLegacy, encodeUtf16 } from '../segment/legacy-encoders.js';

export const ARTICLE_JA = readFileSync(join(FIXTURES, 'article.ja.txt'), 'utf8');
export const ARTICLE_EN = readFileSync(join(FIXTURES, 'article.en.txt'), 'utf8');

/** The text of one of the XLIFF suite's hostile cases (tests/xliff/hostile-cases.ts), by name. */
export function xliffCase(name: string): string {
  const c = HOSTILE_CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no XLIFF hostile case named ${name}`);
  return c.text();
}

/** articleXliff without an edit, by version and count: many cases send the same file. */
const unedited = new Map<string, string>();

/**
 * The article as kioku exports it (document article.ja.txt, the one the memory recorded), with the
 * first `translated` units given the English of the same sentence, as a translator returns it.
 */
export function articleXliff(version: '1.2' | '2.0', edit?: (doc: BilingualDocument) => BilingualDocument, translated = 5): string {
  const key = edit === undefined ? `${version} ${translated}` : undefined;
  const cached = key === undefined ? undefined : unedited.get(key);
  if (cached !== undefined) return cached;
  const ja = segment(ARTICLE_JA, { lang: 'ja' });
  const en = segment(ARTICLE_EN, { lang: 'en' });
  const doc = documentFromRevision(ja, { original: 'article.ja.txt', sourceLang: 'ja', targetLang: 'en', version });
  let n = 0;
  const filled: BilingualDocument = {
    ...doc,
    groups: doc.groups.map((g) => ({
      ...g,
      units: g.units.map((u) => {
        const i = ja.segments.findIndex((s) => s.id === u.id);
        if (n >= translated || i < 0 || en.segments[i] === undefined) return u;
        n++;
        return { ...u, target: en.segments[i]!.text, state: 'translated' as const };
      }),
    })),
  };
  const xml = writeXliff(edit ? edit(filled) : filled, { version });
  if (!xml.ok) throw new Error(xml.error.message);
  if (key !== undefined) unedited.set(key, xml.value);
  return xml.value;
}

/** The ids and sources of the article's units, in order. */
export function articleUnits(): Array<{ id: string; source: string }> {
  return segment(ARTICLE_JA, { lang: 'ja' }).segments.map((s) => ({ id: s.id, source: s.text }));
}

export function tmx(tus: string, header = 'srclang="ja"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="t" ${header}/>\n<body>\n${tus}\n</body>\n</tmx>\n`;
}

export function tu(ja: string, en: string, extra = ''): string {
  return `<tu${extra}><tuv xml:lang="ja"><seg>${ja}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`;
}

export function tbx(entries: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n<text><body>\n${entries}\n</body></text>\n</tbx>\n`;
}

export function termEntry(id: string, ja: string, en: string): string {
  return `<conceptEntry id="${id}"><langSec xml:lang="ja"><termSec><term>${ja}</term></termSec></langSec><langSec xml:lang="en"><termSec><term>${en}</term></termSec></langSec></conceptEntry>`;
}

/** A memory unit for planting data in a memory (in-process, before the case runs). */
export function memoryUnit(source: string, target: string, extra: { doc?: string; seg?: string } = {}): TranslationUnit {
  const doc = extra.doc ?? 'planted.txt';
  const seg = extra.seg ?? `s${source.length}`;
  return {
    id: unitId('ja', 'en', doc, seg, source),
    sourceLang: 'ja',
    targetLang: 'en',
    source,
    target,
    state: 'translated',
    provenance: { document: doc, segment: seg, created: '2026-01-01T00:00:00Z', changed: '2026-01-01T00:00:00Z' },
  };
}

/** Adds units to the memory in `dir` through the store (sorted, checksummed, as kioku writes them). */
export function plantUnits(dir: string, units: readonly TranslationUnit[]): void {
  const r = openStore(dir).update((content) => {
    const { content: next, report } = upsertUnits(content, units);
    return { ok: true, value: { content: next, report } };
  });
  if (!r.ok) throw new Error(r.error.message);
}

/**
 * Writes shards as a committed folder would hold them, past the store's write checks: for records
 * kioku itself refuses to store (control characters) but a pull request can still commit.
 */
export function plantRecords(dir: string, units: readonly TranslationUnit[]): void {
  for (const [path, text] of layoutStore(upsertUnits({ units: [], exports: [] }, units).content)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** The document with the source of its first translated unit changed by `edit` (a translator "fixing" the source). */
export function editFirstSource(edit: (source: string) => string): (doc: BilingualDocument) => BilingualDocument {
  return (doc) => {
    let done = false;
    return {
      ...doc,
      groups: doc.groups.map((g) => ({
        ...g,
        units: g.units.map((u) => {
          if (done || u.target === undefined) return u;
          done = true;
          return { ...u, source: edit(u.source) };
        }),
      })),
    };
  };
}
