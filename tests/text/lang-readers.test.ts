/** Every reader validates language attributes and hands on canonical tags (src/text/lang.ts). */
import { describe, expect, it } from 'vitest';
import { readXliff } from '../../src/xliff/read.js';
import { readTmx, tmxToUnits } from '../../src/tmx/index.js';
import { parseGlossaryCsv, parseGlossaryTbx } from '../../src/check/glossary.js';
import { xliff12, xliff20 } from '../xliff/builders.js';

const UNIT20 = '<unit id="u1"><segment state="translated"><source>猫。</source><target>A cat.</target></segment></unit>';
const UNIT12 = '<trans-unit id="u1"><source>猫。</source><target state="translated">A cat.</target></trans-unit>';
const tmx = (tus: string, header = 'srclang="ja"') =>
  `<?xml version="1.0"?>\n<tmx version="1.4">\n<header creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="t" ${header}/>\n<body>\n${tus}\n</body>\n</tmx>\n`;

describe('XLIFF language attributes', () => {
  it('reach the document in canonical form', () => {
    const d20 = readXliff(xliff20(UNIT20, 'srcLang="ja_JP" trgLang="EN-us"'));
    expect(d20.ok && [d20.value.sourceLang, d20.value.targetLang]).toEqual(['ja-JP', 'en-US']);
    const d12 = readXliff(xliff12(UNIT12, 'original="a.txt" source-language="JA" target-language="zh_hant_tw"'));
    expect(d12.ok && [d12.value.sourceLang, d12.value.targetLang]).toEqual(['ja', 'zh-Hant-TW']);
  });

  it('are refused when they are no language tag, naming the attribute, the file and the position', () => {
    const cases: Array<[string, RegExp]> = [
      [xliff20(UNIT20, 'srcLang="ja_en/../ja" trgLang="en"'), /^srcLang="ja_en\/\.\.\/ja" is not a language tag/],
      [xliff20(UNIT20, 'srcLang="ja" trgLang="../../x"'), /^trgLang="\.\.\/\.\.\/x" is not/],
      [xliff20(UNIT20.replace('<target>', '<target xml:lang="en/..">'), 'srcLang="ja" trgLang="en"'), /^xml:lang="en\/\.\." is not/],
      [xliff12(UNIT12, 'original="a.txt" source-language="../ja" target-language="en"'), /^source-language="\.\.\/ja" is not/],
      [xliff12(UNIT12, 'original="a.txt" source-language="ja" target-language=""'), /^target-language="" is empty/],
      [xliff12(UNIT12.replace('<target ', '<target xml:lang="x/y" '), 'original="a.txt" source-language="ja" target-language="en"'), /^xml:lang="x\/y" is not/],
      [xliff12(UNIT12.replace('<target ', '<target xml:lang="x/y" '), 'original="a.txt" source-language="ja"'), /^xml:lang="x\/y" is not/],
    ];
    for (const [text, message] of cases) {
      const r = readXliff(text, { file: 'job.xlf' });
      expect(r.ok, text).toBe(false);
      if (r.ok) continue;
      expect(r.error.message).toMatch(message);
      expect(r.error).toMatchObject({ code: 'xliff', file: 'job.xlf', hint: 'fix the attribute in the file' });
      expect(r.error.line).toBeGreaterThan(0);
      expect(r.error.column).toBeGreaterThan(0);
    }
  });

  it('compare by the one rule: region aside, explicit scripts not', () => {
    // The old reader compared by prefix, so en-GB did not fit en-US; now it does (issue 13: region-insensitive by default).
    expect(readXliff(xliff20(UNIT20, 'srcLang="ja" trgLang="en-GB"'), { targetLang: 'en-US' }).ok).toBe(true);
    expect(readXliff(xliff20(UNIT20.replace('<target>', '<target xml:lang="en-US">'), 'srcLang="ja" trgLang="en-GB"')).ok).toBe(true);
    const script = readXliff(xliff20(UNIT20, 'srcLang="ja" trgLang="zh-Hant"'), { targetLang: 'zh-Hans' });
    expect(!script.ok && script.error.message).toBe('the target language is zh-Hant, but zh-Hans is expected');
  });

  it("refuses a library caller's expected language that is no tag", () => {
    const r = readXliff(xliff20(UNIT20), { targetLang: '../en' });
    expect(!r.ok && r.error.message).toMatch(/^the expected targetLang="\.\.\/en" is not a language tag/);
  });
});

describe('TMX language attributes', () => {
  const TU = '<tu tuid="t1"><tuv xml:lang="JA_jp"><seg>猫。</seg></tuv><tuv xml:lang="en-us"><seg>A cat.</seg></tuv></tu>';

  it('reach the document in canonical form (*all* stays)', () => {
    const d = readTmx(tmx(TU, 'srclang="JA_jp"'));
    expect(d.ok && [d.value.srclang, ...d.value.units[0]!.variants.map((v) => v.lang)]).toEqual(['ja-JP', 'ja-JP', 'en-US']);
    const all = readTmx(tmx(TU, 'srclang="*all*"'));
    expect(all.ok && all.value.srclang).toBe('*all*');
    const units = all.ok ? tmxToUnits(all.value, { sourceLang: 'ja', targetLang: 'en', document: 'x', now: '2026-01-01T00:00:00Z' }) : undefined;
    expect(units?.ok && units.value.units.map((u) => [u.sourceLang, u.targetLang])).toEqual([['ja', 'en']]);
  });

  it('are refused when they are no language tag, after --map renamed them', () => {
    const cases: Array<[string, RegExp, Record<string, string>?]> = [
      [tmx(TU, 'srclang="../escaped/ja"'), /^srclang="\.\.\/escaped\/ja" is not a language tag/],
      [tmx(TU, 'srclang="ja"').replace('adminlang="en"', 'adminlang="e n"'), /^adminlang="e n" is not/],
      [tmx(TU.replace('xml:lang="en-us"', 'xml:lang="../x"')), /^xml:lang="\.\.\/x" is not/],
      [tmx(TU.replace('xml:lang="en-us"', 'lang="../x"')), /^lang="\.\.\/x" is not/],
      // A file's non-tag renamed by --map is fine; a library's map onto a non-tag is named as such.
      [tmx(TU.replace('xml:lang="en-us"', 'xml:lang="english (US)"')), /^xml:lang="english \(US\)" \(mapped to "\.\.\/y"\) is not/, { 'english (US)': '../y' }],
    ];
    for (const [text, message, langMap] of cases) {
      const r = readTmx(text, { file: 'x.tmx', ...(langMap ? { langMap } : {}) });
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(message);
        expect(r.error).toMatchObject({ code: 'tmx', file: 'x.tmx' });
        expect(r.error.line).toBeGreaterThan(0);
      }
    }
    const mapped = readTmx(tmx(TU.replace('xml:lang="en-us"', 'xml:lang="english (US)"')), { langMap: { 'english (US)': 'en-US' } });
    expect(mapped.ok && mapped.value.units[0]!.variants[1]!.lang).toBe('en-US');
  });

  it("tmxToUnits refuses a library caller's pair that is no tag", () => {
    const d = readTmx(tmx(TU));
    const r = d.ok ? tmxToUnits(d.value, { sourceLang: 'ja', targetLang: '../../en', document: 'x', now: '2026-01-01T00:00:00Z' }) : undefined;
    expect(r && !r.ok && r.error.message).toMatch(/^targetLang="\.\.\/\.\.\/en" is not a language tag/);
  });
});

describe('glossary languages', () => {
  it('TBX xml:lang is validated and canonical', () => {
    const tbx = (lang: string) =>
      `<?xml version="1.0"?>\n<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n<conceptEntry id="c1"><langSec xml:lang="ja"><termSec><term>平壌</term></termSec></langSec><langSec xml:lang="${lang}"><termSec><term>Pyongyang</term></termSec></langSec></conceptEntry>\n</body></text></tbx>\n`;
    const good = parseGlossaryTbx(tbx('EN_gb'), 'g.tbx');
    expect(good.ok && good.value.concepts[0]!.terms.map((t) => t.lang)).toEqual(['ja', 'en-GB']);
    const bad = parseGlossaryTbx(tbx('../en'), 'g.tbx');
    expect(!bad.ok && bad.error).toMatchObject({
      code: 'tbx',
      file: 'g.tbx',
      line: 3,
      message: 'xml:lang="../en" is not a language tag (BCP 47, such as ja, en or en-US)',
    });
  });

  it('CSV language columns are tags with a 2–3 letter language, canonical; other names stay unknown columns', () => {
    const good = parseGlossaryCsv('ja_JP,EN-us,status\n平壌,Pyongyang,preferred\n', 'g.csv');
    expect(good.ok && good.value.concepts[0]!.terms.map((t) => t.lang)).toEqual(['ja-JP', 'en-US']);
    for (const header of ['ja,english', 'ja,term', 'ja,../en', 'ja,en/x']) {
      const r = parseGlossaryCsv(`${header}\n平壌,Pyongyang\n`, 'g.csv');
      expect(!r.ok && r.error.message, header).toMatch(/^unknown column/);
    }
  });
});
