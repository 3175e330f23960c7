/** readXliff on files written by real clients, on 1.2/2.0 features, and on every error it names. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KiokuError } from '../../src/model.js';
import { stateFrom12 } from '../../src/xliff/state.js';
import { readXliff, type ReadXliffOptions } from '../../src/xliff/read.js';
import { formatError } from '../../src/cli/errors.js';
import { FIXTURES } from '../support/env.js';
import { allUnits, xliff12, xliff20 } from './builders.js';

const CLIENTS = join(FIXTURES, 'xliff', 'clients');
const client = (name: string) => readFileSync(join(CLIENTS, name), 'utf8');

function read(text: string, options: ReadXliffOptions = {}) {
  const r = readXliff(text, { file: 'in.xlf', ...options });
  if (!r.ok) throw new Error(formatError(r.error));
  return r.value;
}

function fail(text: string, options: ReadXliffOptions = {}): KiokuError {
  const r = readXliff(text, { file: 'in.xlf', ...options });
  if (r.ok) throw new Error('accepted');
  expect(r.error.file).toBe('in.xlf');
  expect(formatError(r.error)).not.toMatch(/\n/);
  return r.error;
}

describe('files written back by real clients', () => {
  it('OmegaT 3.6: every unit, memory-filled targets as needs-review (OmegaT leaves the state), the rest initial', () => {
    const d = read(client('omegat-3.6.article.en.xlf'), { version: '1.2', sourceLang: 'ja', targetLang: 'en' });
    const units = allUnits(d);
    expect(units.length).toBe(58);
    expect(d.groups.length).toBe(40);
    const filled = units.filter((u) => u.target !== u.source);
    expect(filled.map((u) => u.target)).toEqual([
      'International Affairs',
      'Dying for Moscow: why North Korea keeps sending soldiers to Russia',
      'The audience applauded.',
    ]);
    expect(filled.every((u) => u.state === 'needs-review')).toBe(true);
    expect(units.filter((u) => u.target === u.source).every((u) => u.state === 'initial')).toBe(true);
  });

  it('translate-toolkit 3.8 (Python API): approved="yes" is translated, its fuzzy (approved="no" + needs-translation) needs review', () => {
    const units = allUnits(read(client('translate-toolkit-3.8.written.xlf')));
    expect(units.slice(0, 4).map((u) => [u.state, u.target])).toEqual([
      ['translated', 'International Affairs'],
      ['needs-review', 'Dying for Moscow: why North Korea keeps sending soldiers to Russia'],
      ['translated', 'North Korean soldiers are losing their lives.  '],
      ['translated', 'And Kim Jong Un <b>is</b> trying & failing.\n'],
    ]);
    expect(units.slice(4).every((u) => u.state === 'initial' && u.target === undefined)).toBe(true);
  });

  it('translate-toolkit pofilter: a 1.1 root around prefixed 1.2 units, no groups, its notes', () => {
    const d = read(client('translate-toolkit-3.8.pofilter.xlf'));
    expect(d.version).toBe('1.2');
    expect(d.groups.map((g) => g.id)).toEqual(['']);
    const [first, second] = allUnits(d);
    expect(first).toMatchObject({
      id: '8554b01a130b',
      state: 'translated',
      notes: ['simplecaps: Different capitalization', 'startcaps: Different capitalization at the start'],
    });
    expect(second!.state).toBe('needs-review');
    expect(allUnits(d).length).toBe(58);
  });

  it('translate-toolkit po2xliff: no target-language (taken from the PO header unit, which is skipped, or from the caller)', () => {
    const text = client('translate-toolkit-3.8.po2xliff.xlf');
    // The PO header kept as a unit says `Language: en`; without it, a clear error (tests/xliff/po2xliff.test.ts).
    expect(read(text).targetLang).toBe('en');
    expect(fail(text.replace(/Language: en/g, 'X-Language: none')).message).toBe('no target-language attribute');
    const d = read(text, { targetLang: 'en' });
    expect(d.sourceLang).toBe('en-US');
    expect(allUnits(d).map((u) => [u.id, u.state, u.target])).toEqual([
      ['3', 'translated', 'It is sunny today.'],
      ['4', 'needs-review', 'It will rain tomorrow.'],
      ['5', 'initial', ''],
    ]);
    // po2xliff writes source-language="en-US" whatever the PO holds: a wrong language, named.
    expect(fail(text, { sourceLang: 'ja', targetLang: 'en' })).toMatchObject({ message: 'the source language is en-US, but ja is expected', line: 3 });
  });
});

describe('XLIFF 1.2 states', () => {
  it.each([
    [undefined, undefined, 'x', 'translated'],
    [undefined, 'no', 'x', 'needs-review'],
    [undefined, undefined, '', 'initial'],
    ['new', undefined, 'src', 'initial'],
    ['needs-translation', undefined, 'src', 'initial'],
    ['needs-translation', undefined, 'other', 'needs-review'],
    ['needs-translation', 'yes', 'other', 'translated'],
    ['needs-review-translation', undefined, 'x', 'needs-review'],
    ['needs-review-l10n', undefined, 'x', 'needs-review'],
    ['needs-adaptation', undefined, 'x', 'needs-review'],
    ['x-custom', undefined, 'x', 'needs-review'],
    ['translated', undefined, 'x', 'translated'],
    ['translated', 'yes', 'x', 'translated'],
    ['signed-off', 'yes', 'x', 'reviewed'],
    ['final', undefined, 'x', 'final'],
    ['final', 'yes', 'x', 'final'],
  ] as const)('state=%s approved=%s target=%s → %s', (state, approved, target, expected) => {
    expect(stateFrom12({ source: 'src', target, ...(state ? { state } : {}), ...(approved ? { approved } : {}) })).toBe(expected);
    const attrs = `${approved ? ` approved="${approved}"` : ''}`;
    const d = read(xliff12(`<trans-unit id="u"${attrs}><source>src</source><target${state ? ` state="${state}"` : ''}>${target}</target></trans-unit>`));
    expect(allUnits(d)[0]!.state).toBe(expected);
  });

  it('reads alt-trans candidates: match-quality, origin, previous-version, a missing source meaning the unit source', () => {
    const d = read(
      xliff12(`<trans-unit id="u"><source>猫</source>
<alt-trans match-quality="87%" origin="tm"><source>犬</source><target>dog</target></alt-trans>
<alt-trans match-quality="101"><target>cat</target></alt-trans>
<alt-trans match-quality="100"><source>猫</source><target>cat</target></alt-trans>
<alt-trans alttranstype="previous-version" match-quality="90" origin="previous-version"><source>猫猫</source><target>cats</target></alt-trans>
<alt-trans match-quality="n/a"><source>x</source></alt-trans></trans-unit>`),
    );
    expect(allUnits(d)[0]!.candidates).toEqual([
      { kind: 'fuzzy', score: 87, source: '犬', target: 'dog', origin: 'tm' },
      { kind: 'in-context', score: 101, source: '猫', target: 'cat', origin: '' },
      { kind: 'exact', score: 100, source: '猫', target: 'cat', origin: '' },
      { kind: 'previous-version', score: 90, source: '猫猫', target: 'cats', origin: 'previous-version' },
    ]);
  });

  it('keeps text inside <mrk>, skips seg-source and translate="no" units, keeps ungrouped and nested units in order', () => {
    const d = read(
      xliff12(`<trans-unit id="a"><source>一。二。</source><seg-source><mrk mtype="seg" mid="1">一。</mrk><mrk mtype="seg" mid="2">二。</mrk></seg-source><target><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk></target></trans-unit>
<trans-unit id="skip" translate="no"><source>x</source></trans-unit>
<group id="g1"><group id="g2"><trans-unit id="b"><source>b</source></trans-unit></group><trans-unit id="c"><source>c</source></trans-unit></group>`),
    );
    expect(d.groups.map((g) => [g.id, g.units.map((u) => u.id)])).toEqual([
      ['', ['a']],
      ['g2', ['b']],
      ['g1', ['c']],
    ]);
    expect(allUnits(d)[0]!.target).toBe('One. Two.');
    expect(allUnits(d)[0]!.sourceTags).toBeUndefined();
  });

  it('keeps inline codes recoverable: text without native code, tags with offsets, ids, code', () => {
    const d = read(
      xliff12(
        `<trans-unit id="u"><source>Click <g id="1">here</g><x id="2"/> <bpt id="3">&lt;b&gt;</bpt>now<ept id="3">&lt;/b&gt;</ept><ph id="4">{0}</ph></source><target>Klick <g id="1">hier</g><x id="2"/></target></trans-unit>`,
      ),
    );
    const u = allUnits(d)[0]!;
    expect(u.source).toBe('Click here now');
    expect(u.sourceTags).toEqual([
      { name: 'g', kind: 'open', id: '1', offset: 6 },
      { name: 'g', kind: 'close', id: '1', offset: 10 },
      { name: 'x', kind: 'standalone', id: '2', offset: 10 },
      { name: 'bpt', kind: 'open', id: '3', offset: 11, code: '<b>' },
      { name: 'ept', kind: 'close', id: '3', offset: 14, code: '</b>' },
      { name: 'ph', kind: 'standalone', id: '4', offset: 14, code: '{0}' },
    ]);
    expect(u.targetTags!.map((t) => `${t.kind}:${t.name}:${t.id}`)).toEqual(['open:g:1', 'close:g:1', 'standalone:x:2']);
  });
});

describe('XLIFF 2.0', () => {
  it('joins several segments and ignorables, takes the least advanced state, keeps <mrk> text', () => {
    const d = read(
      xliff20(`<unit id="u1"><segment id="1" state="final"><source>一。</source><target>One.</target></segment><ignorable><source> </source></ignorable><segment id="2" state="translated"><source>二<mrk id="m1" translate="yes">。</mrk></source><target>Two<mrk id="m1">.</mrk></target></segment></unit>
<unit id="u2"><segment state="translated"><source>a</source><target>A</target></segment><segment><source>b</source></segment></unit>
<unit id="u3"><segment state="initial" subState="kioku:needs-review"><source>c</source><target>C?</target></segment></unit>
<unit id="u4"><notes><note>n1</note><note category="x">n2</note></notes><segment><source>d</source></segment></unit>`),
    );
    expect(allUnits(d).map((u) => [u.id, u.source, u.target, u.state, u.notes])).toEqual([
      ['u1', '一。 二。', 'One. Two.', 'translated', []],
      ['u2', 'ab', 'A', 'initial', []],
      ['u3', 'c', 'C?', 'needs-review', []],
      ['u4', 'd', undefined, 'initial', ['n1', 'n2']],
    ]);
  });

  it('reads mtc:matches: icm as in-context 101, tm 100 as exact, previous-version subType', () => {
    const d = read(
      xliff20(
        `<unit id="u"><mtc:matches><mtc:match ref="#s1" similarity="100" type="icm" origin="memory"><source>a</source><target>A</target></mtc:match><mtc:match ref="#s1" similarity="100" type="tm"><source>a</source><target>A2</target></mtc:match><mtc:match ref="#s1" similarity="72.5"><source>b</source><target>B</target></mtc:match><mtc:match ref="#s1" similarity="90" type="other" subType="kioku:previous-version" origin="previous-version"><source>aa</source><target>AA</target></mtc:match></mtc:matches><segment id="s1"><source>a</source></segment></unit>`,
      ),
    );
    expect(allUnits(d)[0]!.candidates.map((c) => [c.kind, c.score, c.target])).toEqual([
      ['in-context', 101, 'A'],
      ['exact', 100, 'A2'],
      ['fuzzy', 72.5, 'B'],
      ['previous-version', 90, 'AA'],
    ]);
  });

  it('inline codes pc/ph/sc/ec across segments, cp as a character', () => {
    const d = read(
      xliff20(
        `<unit id="u"><segment><source><pc id="1">A</pc><sc id="2"/>B.</source></segment><segment><source>C<ec startRef="2"/><ph id="3" equiv="{0}"/><cp hex="E000"/></source></segment></unit>`,
      ),
    );
    const u = allUnits(d)[0]!;
    expect(u.source).toBe('AB.C\ue000');
    expect(u.sourceTags!.map((t) => `${t.kind}:${t.name}:${t.id}@${t.offset}`)).toEqual([
      'open:pc:1@0',
      'close:pc:1@1',
      'open:sc:2@1',
      'close:ec:2@4',
      'standalone:ph:3@4',
    ]);
  });
});

describe('errors name the file, the line and the unit', () => {
  it('duplicate unit ids, with both lines', () => {
    const e = fail(xliff12('<trans-unit id="a"><source>x</source></trans-unit>\n<trans-unit id="a"><source>y</source></trans-unit>'));
    expect(e).toMatchObject({ code: 'xliff', message: 'the unit id appears twice (lines 5 and 6)', line: 6, unit: 'a' });
    expect(
      fail(xliff20('<unit id="a"><segment><source>x</source></segment></unit><group id="g"><unit id="a"><segment><source>y</source></segment></unit></group>'))
        .unit,
    ).toBe('a');
  });

  it('missing ids and sources', () => {
    expect(fail(xliff12('<trans-unit><source>x</source></trans-unit>'))).toMatchObject({ message: 'a <trans-unit> without an id', line: 5 });
    expect(fail(xliff12('<trans-unit id="u"><target>x</target></trans-unit>'))).toMatchObject({ message: 'the unit has no <source>', unit: 'u', line: 5 });
    expect(fail(xliff20('<unit id="u"><segment><target>x</target></segment></unit>'))).toMatchObject({ message: 'a <segment> without <source>', unit: 'u' });
    expect(fail(xliff20('<unit id="u"><notes><note>x</note></notes></unit>'))).toMatchObject({ message: 'the unit has no <segment>', unit: 'u' });
    expect(fail(xliff12('<trans-unit id="u"><source>a</source><source>b</source></trans-unit>')).message).toBe('more than one <source> in one trans-unit');
  });

  it('a 1.2 file where 2.0 is expected, and the reverse; mixed versions', () => {
    const v12 = xliff12('<trans-unit id="u"><source>x</source></trans-unit>');
    const v20 = xliff20('<unit id="u"><segment><source>x</source></segment></unit>');
    expect(fail(v12, { version: '2.0' })).toMatchObject({
      message: 'this is an XLIFF 1.2 file, but XLIFF 2.0 is expected here',
      line: 2,
      hint: 'export again with --xliff 2.0, or pass the matching file',
    });
    expect(fail(v20, { version: '1.2' }).message).toBe('this is an XLIFF 2.0 file, but XLIFF 1.2 is expected here');
    // 1.2 content under a 2.0 root, and 2.0 units in a 1.2 file.
    const mixed = fail(
      '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ja" trgLang="en"><file id="f"><body><trans-unit id="u"><source>x</source></trans-unit></body></file></xliff>',
    );
    expect(mixed.message).toBe('an XLIFF 1.2 <body> element in an XLIFF 2.0 file');
    expect(fail(xliff12('<unit id="u"><segment><source>x</source></segment></unit>')).message).toBe('an XLIFF 2.0 <unit> element in an XLIFF 1.2 file');
    expect(fail('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>').message).toBe('the root says version="2.0" in the XLIFF 1.x namespace');
    expect(fail('<xliff version="2.2" xmlns="urn:oasis:names:tc:xliff:document:2.2"/>').message).toBe(
      'unsupported XLIFF namespace urn:oasis:names:tc:xliff:document:2.2',
    );
    expect(fail('<tmx version="1.4"/>').message).toBe('not an XLIFF file: the root element is <tmx>');
  });

  it('wrong languages: the file, or one unit target', () => {
    const v12 = xliff12('<trans-unit id="u"><source>x</source><target xml:lang="fr">y</target></trans-unit>');
    expect(fail(v12, { targetLang: 'de' })).toMatchObject({ message: 'the target language is en, but de is expected', line: 3 });
    expect(fail(v12)).toMatchObject({ message: 'the target says xml:lang="fr" in a file translating into en', unit: 'u', line: 5 });
    expect(read(xliff12('<trans-unit id="u"><source>x</source></trans-unit>'), { sourceLang: 'ja-JP', targetLang: 'EN' }).targetLang).toBe('en');
    expect(fail(xliff20('<unit id="u"><segment><source>x</source></segment></unit>', 'srcLang="ko" trgLang="en"'), { sourceLang: 'ja' }).message).toBe(
      'the source language is ko, but ja is expected',
    );
  });

  it('several <file> elements, unknown 2.0 states, bad <cp>, unexpected elements in content', () => {
    expect(
      fail(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ja" target-language="en"><body/></file><file source-language="ja" target-language="en"><body/></file></xliff>',
      ).message,
    ).toMatch(/has 2 <file> elements/);
    expect(fail(xliff20('<unit id="u"><segment state="done"><source>x</source></segment></unit>')).message).toBe('unknown segment state "done"');
    expect(fail(xliff20('<unit id="u"><segment><source><cp hex="D800"/></source></segment></unit>')).message).toBe(
      '<cp hex="D800"/> names a surrogate (U+D800), which is half of a UTF-16 pair, not a character',
    );
    expect(fail(xliff12('<trans-unit id="u"><source>a<b>bold</b></source></trans-unit>'))).toMatchObject({
      message: 'unexpected <b> inside <source>',
      unit: 'u',
      line: 5,
    });
  });

  it('a <cp> must name a Unicode scalar value: hex digits, at most U+10FFFF, not a surrogate', () => {
    const cp = (hex: string) => xliff20(`<unit id="u"><segment><source>a<cp hex="${hex}"/></source><target>a</target></segment></unit>`);
    expect(fail(cp('zz'))).toMatchObject({
      message: '<cp hex="zz"/> is not a code point: hex must be hexadecimal digits, e.g. hex="1B"',
      unit: 'u',
      line: 4,
      column: 32,
    });
    expect(fail(cp('')).message).toMatch(/^<cp hex=""\/> is not a code point/);
    expect(fail(cp('-1')).message).toMatch(/is not a code point/);
    expect(fail(cp('110000')).message).toBe('<cp hex="110000"/> is beyond U+10FFFF, the last Unicode code point');
    expect(fail(cp('FFFFFFFFFFFF')).message).toMatch(/beyond U\+10FFFF/);
    expect(fail(cp('dfff')).message).toMatch(/names a surrogate \(U\+DFFF\)/);
    // A hostile hex value is quoted cut short.
    expect(fail(cp('z'.repeat(50_000))).message.length).toBeLessThan(200);
    // Leading zeros are fine, and so is the last code point.
    expect(allUnits(read(cp('0000001B')))[0]!.source).toBe('a\u001b');
    expect(allUnits(read(cp('10FFFF')))[0]!.source).toBe('a\u{10ffff}');
  });

  it('forMemory: a <cp> of a character XML 1.0 forbids is refused where it stands, naming it and the unit', () => {
    const doc = xliff20(
      '<unit id="u1"><segment><source>a</source><target>b</target></segment></unit>\n<unit id="u3"><segment state="translated"><source>Esc</source><target>x<cp hex="1B"/></target></segment></unit>',
    );
    expect(fail(doc, { forMemory: true })).toMatchObject({
      message: 'the target holds U+001B (ESC) as <cp hex="1B"/>, which XLIFF 1.2 and TMX cannot carry',
      line: 5,
      column: 72,
      unit: 'u3',
      hint: expect.stringMatching(/^remove it/),
    });
    const nul = xliff20('<unit id="n"><segment><source>a<cp hex="0"/></source></segment></unit>');
    expect(fail(nul, { forMemory: true }).message).toBe('the source holds U+0000 (NUL) as <cp hex="0"/>, which XLIFF 1.2 and TMX cannot carry');
    expect(fail(xliff20('<unit id="f"><segment><source>a</source><target><cp hex="FFFE"/></target></segment></unit>'), { forMemory: true }).message).toMatch(
      /U\+FFFE \(a noncharacter\)/,
    );
    // In a later segment or an ignorable, too.
    expect(
      fail(xliff20('<unit id="s"><segment><source>a</source></segment><ignorable><source><cp hex="7"/></source></ignorable></unit>'), { forMemory: true })
        .message,
    ).toMatch(/U\+0007 \(BEL\)/);
    // Without it (kioku check) the file is read, the character in the text; characters XML can carry
    // are fine either way, and a candidate is never stored, so its <cp> is read as it is.
    expect(allUnits(read(doc))[1]!.target).toBe('x\u001b');
    expect(
      allUnits(read(xliff20('<unit id="t"><segment><source>a<cp hex="9"/><cp hex="E000"/></source></segment></unit>'), { forMemory: true }))[0]!.source,
    ).toBe('a\t\ue000');
    const withMatch = xliff20(
      '<unit id="m"><mtc:matches><mtc:match similarity="80"><source>a</source><target>b<cp hex="1B"/></target></mtc:match></mtc:matches><segment><source>a</source></segment></unit>',
    );
    expect(allUnits(read(withMatch, { forMemory: true }))[0]!.candidates[0]!.target).toBe('b\u001b');
  });

  it('counts translate="no" units without reading them as units', () => {
    const d = read(
      xliff12(
        '<trans-unit id="a"><source>x</source></trans-unit><trans-unit id="b" translate="no"><source>y</source></trans-unit><trans-unit id="b" translate="no"><source>z</source></trans-unit>',
      ),
    );
    expect(allUnits(d).map((u) => u.id)).toEqual(['a']);
    expect(d.notTranslatable).toBe(2);
    expect(
      read(xliff20('<unit id="a" translate="no"><segment><source>x</source></segment></unit><unit id="b"><segment><source>y</source></segment></unit>'))
        .notTranslatable,
    ).toBe(1);
    expect(read(xliff12('<trans-unit id="a"><source>x</source></trans-unit>')).notTranslatable).toBeUndefined();
  });

  it('unbalanced inline tags', () => {
    expect(fail(xliff12('<trans-unit id="u"><source><bpt id="1">&lt;b&gt;</bpt>x</source></trans-unit>'))).toMatchObject({
      message: 'in the source: <bpt id="1"> is never closed (unbalanced inline tags)',
      unit: 'u',
    });
    expect(fail(xliff12('<trans-unit id="u"><source>x</source><target>x<ept id="9">&lt;/b&gt;</ept></target></trans-unit>')).message).toBe(
      'in the target: <ept id="9"> closes a code that was never opened (unbalanced inline tags)',
    );
    expect(fail(xliff20('<unit id="u"><segment><source><sc id="1"/>x</source></segment></unit>')).message).toMatch(/<sc id="1"> is never closed/);
    expect(read(xliff20('<unit id="u"><segment><source><sc id="1" isolated="yes"/>x</source></segment></unit>')).groups.length).toBe(1);
  });

  it('keeps `original` as data (path traversal is never a path) and __proto__/constructor as ids', () => {
    const d = read(
      xliff12(
        '<trans-unit id="__proto__"><source>a</source></trans-unit><trans-unit id="constructor"><source>b</source></trans-unit>',
        'original="../../../etc/passwd" source-language="ja" target-language="en"',
      ),
    );
    expect(d.original).toBe('../../../etc/passwd');
    expect(allUnits(d).map((u) => u.id)).toEqual(['__proto__', 'constructor']);
    expect(fail(xliff12('<trans-unit id="__proto__"><source>a</source></trans-unit><trans-unit id="__proto__"><source>b</source></trans-unit>')).unit).toBe(
      '__proto__',
    );
  });

  it('gate errors come through with file:line:column', () => {
    const e = fail(xliff12('<trans-unit id="u"><source>a&nbsp;b</source></trans-unit>'));
    expect(formatError(e)).toBe(
      'kioku: error: in.xlf:5:29: not accepted as XML: undefined entity &nbsp; (XML predefines only &amp; &lt; &gt; &quot; &apos;); write the character U+00A0 itself or &#160;',
    );
  });
});
