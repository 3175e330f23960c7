/**
 * readXliffDocuments on real CAT-tool files (../shared/corpora/cat-files, counted independently of
 * kioku with xmllint: expected.json) and on the OASIS XLIFF 2.1 suite's segments and ignorables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BilingualDocument, BilingualUnit } from '../../src/model.js';
import { readXliff, readXliffDocuments } from '../../src/xliff/read.js';
import { formatError } from '../../src/cli/errors.js';
import { missing, SHARED } from '../support/env.js';

const CAT = join(SHARED, 'corpora', 'cat-files');
const SUITE = join(SHARED, 'corpora', 'xliff-2.1-test-suite');
const noCat = missing({ shared: 'corpora/cat-files/expected.json' });
const noSuite = missing({ shared: 'corpora/xliff-2.1-test-suite/core/valid' });

interface Expected {
  readonly file: string;
  readonly units: number;
  readonly translatable?: number;
  readonly segments?: number;
  readonly segSourceSegments?: number;
  readonly files: number;
}

const expected = (name: string): Expected => {
  const all = JSON.parse(readFileSync(join(CAT, 'expected.json'), 'utf8')) as Expected[];
  const e = all.find((x) => x.file === name);
  if (!e) throw new Error(`${name} is not in expected.json`);
  return e;
};

/** The text of a corpus file (a UTF-8 BOM dropped, as the CLI's decoder does). */
const text = (name: string) => readFileSync(join(CAT, 'files', name), 'utf8').replace(/^\uFEFF/, '');

function documents(name: string, source = text(name)): readonly BilingualDocument[] {
  const r = readXliffDocuments(source, { file: name });
  if (!r.ok) throw new Error(formatError(r.error));
  return r.value;
}

const unitsOf = (docs: readonly BilingualDocument[]): BilingualUnit[] => docs.flatMap((d) => d.groups.flatMap((g) => g.units));
/** The CAT units the BilingualUnits came from: a segment counts for its unit once. */
const catUnits = (units: readonly BilingualUnit[]) => new Set(units.map((u) => u.part?.unit ?? u.id)).size;

describe.skipIf(noCat)(`CAT files (${noCat ?? 'corpora/cat-files'})`, () => {
  it('Xcode 14 .xcloc: 3 <file>s, 195 units', () => {
    const name = 'xcode14_mastoot-xcloc_en-ja.xliff';
    const e = expected(name);
    const docs = documents(name);
    expect(docs.length).toBe(e.files);
    expect(docs.map((d) => d.original)).toEqual([
      'Mastoot/en.lproj/InfoPlist.strings',
      'Mastoot/Resources/en.lproj/Localizable.strings',
      'NotificationService/en.lproj/InfoPlist.strings',
    ]);
    expect(unitsOf(docs).length).toBe(e.units);
    expect(docs.every((d) => d.sourceLang === 'en' && d.targetLang === 'ja')).toBe(true);
    // readXliff still reads one document: it refuses, naming the second <file>.
    const single = readXliff(text(name), { file: name });
    expect(!single.ok && single.error).toMatchObject({ line: 18, hint: 'kioku import and kioku check read every <file>; split it to read one document here' });
  });

  it('Maxprograms OpenXLIFF: 29 <file>s of XLIFF 2.0, 519 units of one segment each', () => {
    const name = 'maxprograms-openxliff_xliff20_29files_properties_en-es.xlf';
    const e = expected(name);
    const docs = documents(name);
    expect(docs.length).toBe(e.files);
    const units = unitsOf(docs);
    expect(units.length).toBe(e.units);
    expect(units.length).toBe(e.segments);
    expect(units.every((u) => u.part === undefined && u.state === 'final')).toBe(true);
    expect(docs.every((d) => d.originalFromId === undefined)).toBe(true);
  });

  it('Matecat converter: 4 <file>s, two of them internal files with an empty <body/>; 3 units of 4 seg-source segments', () => {
    const name = 'matecat-converter_jsont-mtc_en-fr.xlf';
    const e = expected(name);
    // The first unit's target holds XLIFF 2.0 <pc> elements in the 1.2 namespace: not XLIFF 1.2 content,
    // refused where it stands (as readXliff does).
    const r = readXliffDocuments(text(name), { file: name });
    expect(!r.ok && r.error).toMatchObject({ message: 'unexpected <pc> inside <mrk>', line: 31, unit: 'tu1' });
    // Without those elements (their text kept), the structure reads as counted.
    const docs = documents(name, text(name).replace(/<\/?pc\b[^>]*>/g, ''));
    expect(docs.length).toBe(e.files);
    expect(docs.map((d) => [d.original, d.groups.length])).toEqual([
      ['sample-2.jsont2', 0],
      ['manifest.rkm', 0],
      ['123123123', 1],
      ['456456456', 1],
    ]);
    const units = unitsOf(docs);
    expect(units.length).toBe(e.segSourceSegments);
    expect(catUnits(units)).toBe(e.units);
    expect(units.map((u) => u.id)).toEqual(['tu1#0', 'tu1#1', 'sg5_sf1_tu1', 'sg5_sf1_tu2']);
    expect(units[1]).toMatchObject({ source: 'E io un altro segmento', target: 'Et moi un autre segment', state: 'translated' });
  });

  it('Trados Studio: one paragraph of 5 <mrk mtype="seg"> segments is 5 units, the 2 structure units translate="no"', () => {
    const name = 'trados-studio_statuses-locked_txt_en-fr.sdlxliff';
    const e = expected(name);
    const [doc, ...rest] = documents(name);
    expect(rest).toEqual([]);
    const units = unitsOf([doc!]);
    expect(units.length).toBe(e.segSourceSegments);
    expect(catUnits(units)).toBe(e.translatable);
    expect(doc!.notTranslatable).toBe(e.units - e.translatable!);
    expect(units.map((u) => [u.part?.segment, u.source, u.target])).toEqual([
      ['1', 'First sentence.', 'Première phrase'],
      ['2', 'Second longer sentence.', 'Seconde phrase, plus longue.'],
      ['3', 'Followed by a third one.', 'Et ensuite une troisième.'],
      ['4', 'Modify. ', 'Modifier '],
      ['5', 'And CM match.', 'Et match CM.'],
    ]);
    // The spaces between the segments are kept, so the paragraph can be put back together.
    const joined = units.map((u) => `${u.part?.before?.source ?? ''}${u.source}${u.part?.after?.source ?? ''}`).join('');
    expect(joined).toBe('First sentence. Second longer sentence. Followed by a third one. Modify. And CM match.');
  });

  it('Okapi Rainbow kit: 184 units, 235 seg-source segments in targets segmented the same way', () => {
    const name = 'okapi-rainbow038_sdlxliff-kit_segsource_en-fr.xlf';
    const e = expected(name);
    const units = unitsOf(documents(name));
    expect(units.length).toBe(e.segSourceSegments);
    expect(catUnits(units)).toBe(e.units);
    expect(units.every((u) => u.target !== undefined && u.target !== '')).toBe(true);
  });

  it('Okapi Rainbow 1.42 + OmegaT: 1058 units, bx/ex pairs split across units are read', () => {
    const name = 'okapi-rainbow142-omegat432_html_en-ja.xlf';
    const e = expected(name);
    const units = unitsOf(documents(name));
    expect(units.length).toBe(e.units);
    expect(units.some((u) => u.sourceTags?.some((t) => t.name === 'bx'))).toBe(true);
  });

  it('Phrase (Memsource) XLIFF 2.0: 1 unit of 11 segments is 11 units', () => {
    const name = 'memsource-phrase_xliff20_multisegment_en-ar.xlf';
    const e = expected(name);
    const units = unitsOf(documents(name));
    expect(units.length).toBe(e.segments);
    expect(catUnits(units)).toBe(e.units);
    expect(units.every((u) => u.state === 'initial')).toBe(true);
  });
});

describe.skipIf(noSuite)(`OASIS XLIFF 2.1 suite (${noSuite ?? 'corpora/xliff-2.1-test-suite'})`, () => {
  const valid = (dir: string) =>
    readdirSync(join(SUITE, dir))
      .filter((f) => f.endsWith('.xlf'))
      .map((f) => [f, readFileSync(join(SUITE, dir, f), 'utf8')] as const);

  it('every core/valid file reads, one BilingualUnit per <segment>', () => {
    for (const [name, xml] of valid('core/valid')) {
      // Files without trgLang are source-only: kioku needs the target language from the caller then.
      const r = readXliffDocuments(xml, { file: name, ...(/trgLang=/.test(xml) ? {} : { targetLang: 'fr' }) });
      if (!r.ok) throw new Error(formatError(r.error));
      const translateNo = /<unit[^>]*translate="no"/.test(xml);
      if (!translateNo) expect([name, unitsOf(r.value).length]).toEqual([name, (xml.match(/<segment[\s>/]/g) ?? []).length]);
    }
  });

  it('toJoin.xlf: 5 segments, the ignorables between them kept; sc in s1 closes in s2', () => {
    const xml = readFileSync(join(SUITE, 'core/valid/toJoin.xlf'), 'utf8');
    const units = unitsOf(documents('toJoin.xlf', xml));
    expect(units.map((u) => [u.id, u.state, u.part?.before?.source])).toEqual([
      ['1#s1', 'translated', undefined],
      ['1#s2', 'translated', ' '],
      ['1#s3', 'final', ' '],
      ['1#s4', 'initial', undefined],
      ['1#s5', 'initial', ' '],
    ]);
    expect(units[0]!.sourceTags).toEqual([{ name: 'sc', kind: 'open', id: '1', offset: 0 }]);
    expect(units[1]!.sourceTags).toEqual([{ name: 'ec', kind: 'close', id: '1', offset: 16 }]);
  });

  it('isolated sc/ec (the size-restriction module examples) stand alone', () => {
    for (const name of ['Good-slr_sizeInfoRef-ec-isolated.xlf', 'Goodslr_sizeRestriction-isolated.xlf']) {
      const xml = readFileSync(join(SUITE, 'modules/valid', name), 'utf8');
      expect(unitsOf(documents(name, xml)).length).toBeGreaterThan(0);
    }
  });
});
