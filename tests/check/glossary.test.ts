import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseGlossary, parseGlossaryCsv, parseGlossaryTbx, glossaryIndex, termMatcher, parseCsvRecords, TermSet } from '../../src/check/glossary.js';
import { textFlags } from '../../src/text/script.js';
import { runChecks } from '../../src/check/run.js';
import { RULES } from '../../src/check/rules/index.js';
import { doc, unit } from './builders.js';

const errorOf = (r: { ok: boolean; error?: unknown }) =>
  r.ok ? undefined : (r as { error: { code: string; message: string; line?: number; column?: number } }).error;

describe('CSV glossary', () => {
  it('reads term columns by language, status and note; merges rows of one source term', () => {
    const g = parseGlossaryCsv(
      'ja,en,status,note\n平壌,Pyongyang,,\n金正恩,Kim Jong Un,preferred,\n金正恩,"Kim Jong-un",forbidden,"house style, no hyphen"\n,Kim Il,forbidden,\n',
      'g.csv',
    );
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(g.value.concepts.map((c) => c.terms.map((t) => `${t.lang}:${t.text}:${t.status}`))).toEqual([
      ['ja:平壌:preferred', 'en:Pyongyang:preferred'],
      ['ja:金正恩:preferred', 'en:Kim Jong Un:preferred', 'en:Kim Jong-un:forbidden'],
      ['en:Kim Il:forbidden'],
    ]);
  });

  it('parses RFC 4180 quoting: doubled quotes, commas and newlines in quotes, CRLF, blank lines', () => {
    const r = parseCsvRecords('a,b\r\n"x ""y""","1,\n2"\r\n\r\nc,d', 'f.csv');
    expect(r.ok && r.value).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x "y"', '1,\n2'] },
      { line: 5, fields: ['c', 'd'] },
    ]);
  });

  it.each([
    ['ja,en\n"平壌,Pyongyang\n', 'unterminated quoted field', 2],
    ['ja,en\n平"壌,Pyongyang\n', 'a double quote inside an unquoted field', 2],
    ['ja,en\n"平壌"x,Pyongyang\n', 'text after a closing quote', 2],
    ['ja,en\n平壌,Pyongyang,extra\n', 'expected 2 fields as in the header, found 3', 2],
    ['ja,en,status\n平壌,Pyongyang,maybe\n', 'unknown status "maybe"', 2],
    ['ja,en,colour\n', 'unknown column "colour" in the header', 1],
    ['ja,ja\n', 'duplicate column "ja" in the header', 1],
    ['ja\n平壌\n', 'the header needs two term columns: source,target or language tags such as ja,en', 1],
    ['ja,en\n,Pyongyang\n', 'a row without a source term', 2],
    ['ja,en\n平壌,\n', 'a row without a target term', 2],
    ['', 'the glossary is empty', undefined],
  ])('refuses %j: %s', (text, message, line) => {
    const e = errorOf(parseGlossaryCsv(text, 'g.csv'));
    expect(e?.code).toBe('csv');
    expect(e?.message).toBe(message);
    expect(e?.line).toBe(line);
  });
});

const TBX3 = `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="ja"><termSec><term>平壌</term></termSec></langSec>
      <langSec xml:lang="en">
        <termSec><term>Pyongyang</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>Pyeongyang</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>`;

const MARTIF = `<?xml version="1.0"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <langSet xml:lang="ja"><tig><term>ドローン</term></tig></langSet>
      <langSet xml:lang="en-US">
        <tig><term>drone</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>UAV</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termGrp></ntig>
      </langSet>
    </termEntry>
  </body></text>
</martif>`;

describe('TBX glossary', () => {
  it('reads TBX-Basic 2019 (<tbx>, conceptEntry/langSec/termSec) and 2008 (<martif>, termEntry/langSet/tig/ntig)', () => {
    const a = parseGlossaryTbx(TBX3, 'g.tbx');
    const b = parseGlossaryTbx(MARTIF, 'g.tbx');
    expect(a.ok && a.value.concepts.map((c) => c.terms.map((t) => `${t.lang}:${t.text}:${t.status}`))).toEqual([
      ['ja:平壌:preferred', 'en:Pyongyang:preferred', 'en:Pyeongyang:forbidden'],
    ]);
    expect(b.ok && b.value.concepts.map((c) => c.terms.map((t) => `${t.lang}:${t.text}:${t.status}`))).toEqual([
      ['ja:ドローン:preferred', 'en-US:drone:admitted', 'en-US:UAV:forbidden'],
    ]);
  });

  it('refuses malformed XML through the gate, other roots and unknown statuses, with positions', () => {
    expect(errorOf(parseGlossaryTbx('<tbx><text>', 'g.tbx'))?.code).toBe('xml');
    expect(errorOf(parseGlossaryTbx('<!DOCTYPE x [<!ENTITY a "b">]><tbx/>', 'g.tbx'))?.code).toBe('xml');
    expect(errorOf(parseGlossaryTbx('<xliff/>', 'g.tbx'))).toMatchObject({ code: 'tbx', message: 'not a TBX file: the root element is <xliff>', line: 1 });
    const e = errorOf(parseGlossaryTbx(TBX3.replace('preferredTerm-admn-sts', 'greatTerm'), 'g.tbx'));
    expect(e).toMatchObject({ code: 'tbx', message: 'unknown administrative status "greatTerm"', line: 8 });
    expect(errorOf(parseGlossaryTbx(TBX3.replace('<langSec xml:lang="ja">', '<langSec>'), 'g.tbx'))?.message).toBe('<langSec> without xml:lang');
  });

  it('parseGlossary picks the format by extension or content', () => {
    expect(parseGlossary(TBX3, 'terms.tbx').ok).toBe(true);
    expect(parseGlossary('ja,en\n平壌,Pyongyang\n', 'terms.csv').ok).toBe(true);
    expect(parseGlossary(MARTIF, 'terms.txt').ok).toBe(true);
  });
});

describe('term matching and the glossary rules', () => {
  it('whole words, case-insensitive, plural allowed; acronyms exact; CJK as substrings', () => {
    const drone = termMatcher('drone', 'en');
    expect(['Drones flew', 'a drone', "the drone's"].map((s) => drone.test(s))).toEqual([true, true, true]);
    expect(['dronework', 'androne'].map((s) => drone.test(s))).toEqual([false, false]);
    expect(termMatcher('NIS', 'en').test('the nis')).toBe(false);
    expect(termMatcher('Kim Jong Un', 'en').test('Kim Jong-un')).toBe(false);
    expect(termMatcher('平壌', 'ja').test('北朝鮮の平壌で')).toBe(true);
  });

  it('a TermSet never rules out a text one of its terms occurs in', () => {
    const terms = [
      termMatcher('drone', 'en'),
      termMatcher('Kim Jong-un', 'en'),
      termMatcher('S-400 missile', 'en'),
      termMatcher('NIS', 'en'),
      termMatcher('Kursk', 'en'),
      termMatcher('平壌', 'ja'),
      termMatcher('ＦＰＶドローン', 'ja'),
      termMatcher('…', 'en'),
    ];
    const pieces = fc.constantFrom(
      'drone',
      'DRONES',
      'Kim',
      ' ',
      '\u00a0',
      'Jong-un',
      'jong',
      'ſ-400 missiles',
      'S-400',
      'missile',
      'nis',
      'NIS',
      '\u212aursk',
      'kursk',
      '平壌',
      'FPVドローン',
      'ＦＰＶドローン',
      'fpvドローン',
      '…',
      'x',
      '.',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), fc.subarray(terms, { minLength: 1 }), (parts, some) => {
        const text = parts.join('');
        const set = new TermSet(some);
        for (const flags of [undefined, textFlags(text)]) {
          if (some.some((t) => t.test(text, flags))) expect(set.mayOccur(text, flags)).toBe(true);
        }
      }),
      { seed: 42, numRuns: 2000 },
    );
    expect(new TermSet([termMatcher('Pyongyang', 'en')]).mayOccur('Seoul said', 0)).toBe(false);
    expect(new TermSet([]).mayOccur('anything')).toBe(false);
  });

  it('glossary-term and glossary-forbidden on a ja→en document, by language (en matches en-US)', () => {
    const g = parseGlossaryTbx(MARTIF, 'g.tbx');
    if (!g.ok) throw new Error(g.error.message);
    const units = [
      unit('ドローンが飛んだ。', 'Drones flew.', { id: 'ok' }),
      unit('ドローンが飛んだ。', 'UAVs flew.', { id: 'both' }),
      unit('無人機が飛んだ。', 'A UAV flew.', { id: 'forbidden-anyway' }),
      unit('兵士が来た。', 'Soldiers came.', { id: 'none' }),
    ];
    const r = runChecks({ files: [{ file: 'a.xlf', document: doc(units) }], glossary: g.value }, { rules: RULES.filter((x) => x.category === 'glossary') });
    expect(r.findings.map((f) => `${f.rule}:${f.unit}`)).toEqual(['glossary-term:both', 'glossary-forbidden:both']);
    expect(r.findings[0]!.message).toBe('glossary: “ドローン” must be translated as “drone”');
    expect(glossaryIndex(g.value, 'ja', 'fr').required).toEqual([]);
  });

  it('a CSV forbidden row without a source applies everywhere; with a source only when it occurs', () => {
    const g = parseGlossaryCsv('source,target,status\n,Kim Il,forbidden\n金正恩,Kim Jong-un,forbidden\n', 'g.csv');
    if (!g.ok) throw new Error(g.error.message);
    const units = [
      unit('兵士', 'Kim Il came', { id: 'a' }),
      unit('兵士', 'Kim Jong-un came', { id: 'b' }),
      unit('金正恩が来た', 'Kim Jong-un came', { id: 'c' }),
    ];
    const r = runChecks({ files: [{ file: 'a.xlf', document: doc(units) }], glossary: g.value }, { rules: RULES.filter((x) => x.category === 'glossary') });
    expect(r.findings.map((f) => `${f.rule}:${f.unit}`)).toEqual(['glossary-forbidden:a', 'glossary-forbidden:c']);
  });
});
