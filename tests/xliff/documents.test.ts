/** readXliffDocuments: several <file>s, units of several segments, unpaired bx/ex; and import/check reading every document. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BilingualDocument, KiokuError } from '../../src/model.js';
import { readXliff, readXliffDocuments, type ReadXliffOptions } from '../../src/xliff/read.js';
import { formatError } from '../../src/cli/errors.js';
import { kioku } from '../support/cli.js';
import { allUnits, xliff12, xliff20 } from './builders.js';

function docs(text: string, options: ReadXliffOptions = {}): readonly BilingualDocument[] {
  const r = readXliffDocuments(text, { file: 'in.xlf', ...options });
  if (!r.ok) throw new Error(formatError(r.error));
  return r.value;
}

function fail(text: string, options: ReadXliffOptions = {}): KiokuError {
  const r = readXliffDocuments(text, { file: 'in.xlf', ...options });
  if (r.ok) throw new Error('accepted');
  return r.error;
}

/** An XLIFF 1.2 file of several <file> elements, one per `bodies` entry (attributes, body). */
function files12(...files: ReadonlyArray<readonly [attrs: string, body: string]>): string {
  const inner = files.map(([attrs, body]) => `<file ${attrs} datatype="plaintext">\n${body}\n</file>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n${inner}\n</xliff>\n`;
}

function files20(...files: ReadonlyArray<readonly [attrs: string, units: string]>): string {
  const inner = files.map(([attrs, units]) => `<file ${attrs}>\n${units}\n</file>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" srcLang="ja" trgLang="en">\n${inner}\n</xliff>\n`;
}

const JA_EN = 'source-language="ja" target-language="en"';
const tu = (id: string, source: string, target?: string) =>
  `<trans-unit id="${id}"><source>${source}</source>${target !== undefined ? `<target state="translated">${target}</target>` : ''}</trans-unit>`;
const seg = (id: string, source: string, target?: string, extra = '') =>
  `<unit id="${id}"><segment ${extra}><source>${source}</source>${target !== undefined ? `<target>${target}</target>` : ''}</segment></unit>`;

describe('several <file> elements', () => {
  it('1.2: one document per <file>, in order; unit ids unique per <file>; an empty <body/> is a document without units', () => {
    const text = files12(
      [`original="a.strings" ${JA_EN}`, `<body>${tu('u1', '一', 'One')}\n${tu('u2', '二')}</body>`],
      [`original="internal.json" ${JA_EN}`, '<header/><body/>'],
      [`original="b.strings" ${JA_EN}`, `<body>${tu('u1', '三', 'Three')}</body>`],
    );
    const d = docs(text);
    expect(d.map((x) => [x.original, x.sourceLang, x.targetLang, allUnits(x).map((u) => u.id)])).toEqual([
      ['a.strings', 'ja', 'en', ['u1', 'u2']],
      ['internal.json', 'ja', 'en', []],
      ['b.strings', 'ja', 'en', ['u1']],
    ]);
    expect(allUnits(d[2]!)[0]).toMatchObject({ source: '三', target: 'Three', line: 11 });
    // A repeated id inside one <file> is still refused, naming both lines.
    expect(fail(files12([`original="a" ${JA_EN}`, `<body>${tu('u', 'x')}\n${tu('u', 'y')}</body>`]))).toMatchObject({
      message: 'the unit id appears twice (lines 4 and 5)',
      unit: 'u',
      line: 5,
    });
  });

  it('1.2: translate="no" is counted per document', () => {
    const d = docs(
      files12(
        [`original="a" ${JA_EN}`, `<body><trans-unit id="n" translate="no"><source>x</source></trans-unit>${tu('u', 'y')}</body>`],
        [`original="b" ${JA_EN}`, `<body>${tu('u', 'z')}</body>`],
      ),
    );
    expect(d.map((x) => x.notTranslatable)).toEqual([1, undefined]);
  });

  it('1.2: every <file> must translate the same language pair; the error names the <file> that differs', () => {
    const e = fail(files12([`original="a" ${JA_EN}`, '<body/>'], [`original="b" source-language="ja" target-language="fr"`, '<body/>']));
    expect(e).toMatchObject({
      message: 'this <file> translates ja → fr, but the first <file> (line 3) translates ja → en',
      line: 6,
      file: 'in.xlf',
    });
    expect(e.hint).toMatch(/one language pair per XLIFF file/);
    // Canonical tags compare equal: ja_JP and ja-JP are one language.
    expect(
      docs(
        files12(
          [`original="a" source-language="ja_JP" target-language="en"`, '<body/>'],
          [`original="b" source-language="ja-JP" target-language="en"`, '<body/>'],
        ),
      ).length,
    ).toBe(2);
  });

  it('2.0: a <file> without original is named by its id (originalFromId); one with original keeps it', () => {
    const d = docs(files20(['id="f1"', seg('u', '一', 'One', 'state="final"')], ['id="f2" original="b.txt"', seg('u', '二', 'Two', 'state="final"')]));
    expect(d.map((x) => [x.original, x.originalFromId])).toEqual([
      ['f1', true],
      ['b.txt', undefined],
    ]);
    expect(d.map((x) => allUnits(x).map((u) => [u.id, u.source, u.state]))).toEqual([[['u', '一', 'final']], [['u', '二', 'final']]]);
  });

  it('readXliff keeps reading one <file>, and refuses several pointing to import and check', () => {
    const one = xliff12(tu('u', 'x', 'X'));
    expect(docs(one)).toEqual([readXliff(one, { file: 'in.xlf' }).ok && (readXliff(one, { file: 'in.xlf' }) as { value: BilingualDocument }).value]);
    const r = readXliff(files12([`original="a" ${JA_EN}`, '<body/>'], [`original="b" ${JA_EN}`, '<body/>']), { file: 'in.xlf' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe('the XLIFF file has 2 <file> elements; readXliff reads one document');
      expect(r.error.hint).toBe('kioku import and kioku check read every <file>; split it to read one document here');
    }
    // A 2.0 <file> without original stays '' for readXliff (its documented result).
    const noOriginal = files20(['id="f1"', seg('u', 'x')]);
    const single = readXliff(noOriginal);
    expect(single.ok && single.value.original).toBe('');
  });
});

describe('XLIFF 1.2 <seg-source> segments', () => {
  const unitOf = (body: string, attrs = '') => `<trans-unit id="p"${attrs}><source>First. Second.</source>${body}</trans-unit>`;
  const segSource = '<seg-source><mrk mtype="seg" mid="1">First.</mrk> <mrk mtype="seg" mid="2">Second.</mrk>\n</seg-source>';

  it('one unit per <mrk mtype="seg">, paired with the target by mid, with the text between segments', () => {
    const d = docs(
      xliff12(
        unitOf(`${segSource}<target state="translated"><mrk mtype="seg" mid="1">Premier.</mrk>  <mrk mtype="seg" mid="2">Second.</mrk></target><note>n</note>`),
      ),
    );
    expect(allUnits(d[0]!)).toEqual([
      {
        id: 'p#1',
        source: 'First.',
        target: 'Premier.',
        state: 'translated',
        notes: ['n'],
        candidates: [],
        line: 5,
        part: { unit: 'p', segment: '1' },
      },
      {
        id: 'p#2',
        source: 'Second.',
        target: 'Second.',
        state: 'translated',
        notes: ['n'],
        candidates: [],
        line: 5,
        part: { unit: 'p', segment: '2', before: { source: ' ', target: '  ' }, after: { source: '\n' } },
      },
    ]);
  });

  it('targets pair by mid, not position; a segment missing from the target has none; mids absent are 1-based positions', () => {
    const d = docs(
      xliff12(
        `<trans-unit id="p"><source>AB</source><seg-source><mrk mtype="seg" mid="a">A</mrk><mrk mtype="seg" mid="b">B</mrk><mrk mtype="seg" mid="c">C</mrk></seg-source><target><mrk mtype="seg" mid="b">BB</mrk><mrk mtype="seg" mid="a">AA</mrk></target></trans-unit>\n` +
          `<trans-unit id="q"><source>CD</source><seg-source><mrk mtype="seg">C</mrk><mrk mtype="seg">D</mrk></seg-source></trans-unit>`,
      ),
    );
    expect(allUnits(d[0]!).map((u) => [u.id, u.source, u.target, u.state])).toEqual([
      ['p#a', 'A', 'AA', 'translated'],
      ['p#b', 'B', 'BB', 'translated'],
      ['p#c', 'C', undefined, 'initial'],
      ['q#1', 'C', undefined, 'initial'],
      ['q#2', 'D', undefined, 'initial'],
    ]);
  });

  it('each segment takes the unit state attributes, read against its own texts', () => {
    const d = docs(
      xliff12(unitOf(`${segSource}<target state="needs-translation"><mrk mtype="seg" mid="1">Premier.</mrk> <mrk mtype="seg" mid="2">Second.</mrk></target>`)),
    );
    // needs-translation with a target other than the source is needs-review; a copy of the source is initial.
    expect(allUnits(d[0]!).map((u) => u.state)).toEqual(['needs-review', 'initial']);
    const approved = docs(
      xliff12(unitOf(`${segSource}<target><mrk mtype="seg" mid="1">Premier.</mrk> <mrk mtype="seg" mid="2"></mrk></target>`, ' approved="yes"')),
    );
    expect(allUnits(approved[0]!).map((u) => u.state)).toEqual(['translated', 'initial']);
  });

  it('codes stay with their segment; codes between segments do not; a <g> around segments is looked through', () => {
    const d = docs(
      xliff12(
        `<trans-unit id="p"><source><g id="1">A. B.</g></source><seg-source><g id="1"><mrk mtype="seg" mid="1">A<x id="2"/>.</mrk> <bx id="3"/><mrk mtype="seg" mid="2">B.</mrk></g></seg-source><target><g id="1"><mrk mtype="seg" mid="1">a<x id="2"/>.</mrk> <mrk mtype="seg" mid="2">b.</mrk></g></target></trans-unit>`,
      ),
    );
    const [a, b] = allUnits(d[0]!);
    expect(a!.sourceTags).toEqual([{ name: 'x', kind: 'standalone', id: '2', offset: 1 }]);
    expect(a!.targetTags).toEqual([{ name: 'x', kind: 'standalone', id: '2', offset: 1 }]);
    expect(b!.sourceTags).toBeUndefined();
    expect(b!.part).toEqual({ unit: 'p', segment: '2', before: { source: ' ', target: ' ' } });
  });

  it('alt-trans with a mid goes to that segment, one without to every segment', () => {
    const d = docs(
      xliff12(
        unitOf(
          `${segSource}<target><mrk mtype="seg" mid="1">P.</mrk> <mrk mtype="seg" mid="2">S.</mrk></target><alt-trans mid="2" match-quality="80"><target>S?</target></alt-trans><alt-trans match-quality="100"><source>First. Second.</source><target>All.</target></alt-trans>`,
        ),
      ),
    );
    expect(allUnits(d[0]!).map((u) => u.candidates.map((c) => [c.kind, c.source, c.target]))).toEqual([
      [['exact', 'First. Second.', 'All.']],
      [
        ['fuzzy', 'Second.', 'S?'],
        ['exact', 'First. Second.', 'All.'],
      ],
    ]);
  });

  it('falls back to the whole unit: one segment, or a target without segment <mrk>s (nothing says which text translates which segment)', () => {
    const one = docs(
      xliff12(
        `<trans-unit id="p"><source>A.</source><seg-source><mrk mtype="seg" mid="0">A.</mrk></seg-source><target><mrk mtype="seg" mid="0">a.</mrk></target></trans-unit>`,
      ),
    );
    expect(allUnits(one[0]!).map((u) => [u.id, u.source, u.target, u.part])).toEqual([['p', 'A.', 'a.', undefined]]);
    const whole = docs(xliff12(unitOf(`${segSource}<target>Premier. Second.</target>`)));
    expect(allUnits(whole[0]!).map((u) => [u.id, u.source, u.target, u.part])).toEqual([['p', 'First. Second.', 'Premier. Second.', undefined]]);
    // readXliff reads every unit whole, as it always did.
    const r = readXliff(xliff12(unitOf(`${segSource}<target><mrk mtype="seg" mid="1">P.</mrk> <mrk mtype="seg" mid="2">S.</mrk></target>`)));
    expect(r.ok && allUnits(r.value).map((u) => [u.id, u.source, u.target])).toEqual([['p', 'First. Second.', 'P. S.']]);
  });

  it('refuses a target segment that is not in <seg-source>, two segments with one mid, a segment id that is another unit', () => {
    expect(fail(xliff12(unitOf(`${segSource}<target><mrk mtype="seg" mid="1">P.</mrk><mrk mtype="seg" mid="9">S.</mrk></target>`)))).toMatchObject({
      message: `the target's segment <mrk mid="9"> has no segment in <seg-source>`,
      unit: 'p',
    });
    expect(
      fail(
        xliff12(`<trans-unit id="p"><source>AB</source><seg-source><mrk mtype="seg" mid="1">A</mrk><mrk mtype="seg" mid="1">B</mrk></seg-source></trans-unit>`),
      ),
    ).toMatchObject({ message: 'two segments of the unit have mid="1" (lines 5 and 5)', unit: 'p' });
    expect(
      fail(
        xliff12(
          `${tu('p#1', 'x')}\n<trans-unit id="p"><source>AB</source><seg-source><mrk mtype="seg">A</mrk><mrk mtype="seg">B</mrk></seg-source></trans-unit>`,
        ),
      ).message,
    ).toBe('segment 1 of the unit would be named p#1, the id of the unit at line 5');
  });
});

describe('XLIFF 2.0 units of several <segment>s', () => {
  it('one unit per segment with its own state, ignorables kept as the text between segments', () => {
    const d = docs(
      xliff20(
        `<unit id="u1"><notes><note>n</note></notes><segment id="s1" state="final"><source>一。</source><target>One.</target></segment><ignorable><source> </source></ignorable><segment id="s2" state="translated"><source>二。</source><target>Two.</target></segment><ignorable><source>\n</source><target>\n\n</target></ignorable></unit>\n` +
          `<unit id="u2"><segment state="translated"><source>a</source><target>A</target></segment><segment><source>b</source></segment></unit>\n` +
          `<unit id="u3"><segment state="final"><source>c</source><target>C</target></segment><ignorable><source> </source></ignorable></unit>`,
      ),
    );
    expect(allUnits(d[0]!).map((u) => [u.id, u.source, u.target, u.state, u.notes, u.part, u.line])).toEqual([
      ['u1#s1', '一。', 'One.', 'final', ['n'], { unit: 'u1', segment: 's1' }, 4],
      ['u1#s2', '二。', 'Two.', 'translated', ['n'], { unit: 'u1', segment: 's2', before: { source: ' ' }, after: { source: '\n', target: '\n\n' } }, 4],
      ['u2#1', 'a', 'A', 'translated', [], { unit: 'u2', segment: '1' }, 8],
      ['u2#2', 'b', undefined, 'initial', [], { unit: 'u2', segment: '2' }, 8],
      // One segment: the plain id and the old reading (the ignorable joins the source).
      ['u3', 'c ', 'C ', 'final', [], undefined, 9],
    ]);
  });

  it('codes balance over the unit (sc in one segment, ec in the next); each segment keeps its own', () => {
    const d = docs(
      xliff20(`<unit id="u"><segment id="a"><source><sc id="1"/>A.</source></segment><segment id="b"><source>B<ec startRef="1"/>.</source></segment></unit>`),
    );
    expect(allUnits(d[0]!).map((u) => u.sourceTags)).toEqual([
      [{ name: 'sc', kind: 'open', id: '1', offset: 0 }],
      [{ name: 'ec', kind: 'close', id: '1', offset: 1 }],
    ]);
    expect(fail(xliff20(`<unit id="u"><segment><source><sc id="1"/>A.</source></segment><segment><source>B.</source></segment></unit>`)).message).toBe(
      'in the source: <sc id="1"> is never closed (unbalanced inline tags)',
    );
  });

  it('a match naming a segment (ref="#id") goes to it, others to every segment', () => {
    const d = docs(
      xliff20(
        `<unit id="u"><mtc:matches><mtc:match ref="#b" similarity="90"><source>B</source><target>BB</target></mtc:match><mtc:match similarity="100"><target>X</target></mtc:match></mtc:matches><segment id="a"><source>A</source></segment><segment id="b"><source>B.</source></segment></unit>`,
      ),
    );
    expect(allUnits(d[0]!).map((u) => u.candidates.map((c) => [c.kind, c.source, c.target]))).toEqual([
      [['exact', 'A', 'X']],
      [
        ['fuzzy', 'B', 'BB'],
        ['exact', 'B.', 'X'],
      ],
    ]);
  });

  it('refuses two segments with one id', () => {
    expect(fail(xliff20(`<unit id="u"><segment id="s"><source>A</source></segment><segment id="s"><source>B</source></segment></unit>`))).toMatchObject({
      message: 'two segments of the unit have id="s" (lines 4 and 4)',
      unit: 'u',
    });
  });
});

describe('unpaired codes', () => {
  it('1.2 <bx/> and <ex/> may stand alone (their other half may be in another unit); bpt/ept and g still pair', () => {
    const d = docs(xliff12(`${tu('a', '<bx id="1"/>Bold', '<bx id="1"/>Gras')}\n${tu('b', 'end<ex id="1"/>', 'fin<ex id="1"/>')}`));
    expect(allUnits(d[0]!).map((u) => [u.id, u.sourceTags?.map((t) => `${t.kind}:${t.name}`)])).toEqual([
      ['a', ['open:bx']],
      ['b', ['close:ex']],
    ]);
    expect(readXliff(xliff12(tu('a', '<bx id="1"/>x'))).ok).toBe(true);
    expect(fail(xliff12(tu('a', '<bpt id="1">&lt;b&gt;</bpt>x'))).message).toBe('in the source: <bpt id="1"> is never closed (unbalanced inline tags)');
  });

  it('2.0 sc/ec with isolated="yes" may stand alone; without it they pair', () => {
    expect(allUnits(docs(xliff20(seg('u', 'x<ec id="1" isolated="yes"/>')))[0]!)[0]!.sourceTags).toEqual([
      { name: 'ec', kind: 'standalone', id: '1', offset: 1 },
    ]);
    expect(fail(xliff20(seg('u', 'x<ec startRef="1"/>'))).message).toMatch(/closes a code that was never opened/);
  });
});

describe('import and check read every document', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kioku-documents-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('import: one report line per document; a 2.0 <file> named by its id says so', async () => {
    writeFileSync(
      join(dir, 'two.xlf'),
      files20(
        ['id="f1"', seg('u', '猫です。', 'It is a cat.', 'state="final"')],
        ['id="f2" original="b.txt"', seg('u', '犬です。', 'It is a dog.', 'state="final"')],
      ),
    );
    const r = await kioku(['import', 'two.xlf'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'two.xlf (f1; no original attribute; named by its id): added 1, updated 0, unchanged 0, skipped 0, rejected 0\n' +
        'two.xlf (b.txt): added 1, updated 0, unchanged 0, skipped 0, rejected 0\n' +
        'total: added 2, updated 0, unchanged 0, skipped 0, rejected 0\n',
    );
    const json = JSON.parse((await kioku(['import', 'two.xlf', '--json'], { cwd: dir })).stdout) as { files: Array<Record<string, unknown>> };
    expect(json.files.map((f) => [f.file, f.document, f.originalFromId, f.unchanged])).toEqual([
      ['two.xlf', 'f1', true, 1],
      ['two.xlf', 'b.txt', undefined, 1],
    ]);
  });

  it('import stores each segment of a segmented unit under its own id', async () => {
    writeFileSync(
      join(dir, 'seg.xlf'),
      xliff12(
        `<trans-unit id="p"><source>猫です。犬です。</source><seg-source><mrk mtype="seg" mid="1">猫です。</mrk><mrk mtype="seg" mid="2">犬です。</mrk></seg-source><target state="translated"><mrk mtype="seg" mid="1">It is a cat.</mrk> <mrk mtype="seg" mid="2">It is a dog.</mrk></target></trans-unit>`,
      ),
    );
    const r = await kioku(['import', 'seg.xlf', '--json'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, added: 2 });
    const search = await kioku(['search', '犬です。', '--json'], { cwd: dir });
    expect(search.stdout).toContain('It is a dog.');
  });

  it('a segment is named "unit X, segment Y" in import rejections and in the check report', async () => {
    writeFileSync(
      join(dir, 'seg.xlf'),
      xliff12(
        `<trans-unit id="p"><source>猫です。犬です。</source><seg-source><mrk mtype="seg" mid="1">猫です。</mrk><mrk mtype="seg" mid="2">犬<x id="1"/>です。</mrk></seg-source><target state="translated"><mrk mtype="seg" mid="1">It is a cat.</mrk> <mrk mtype="seg" mid="2"></mrk></target></trans-unit>`,
      ),
    );
    writeFileSync(
      join(dir, 'codes.xlf'),
      xliff12(
        `<trans-unit id="p"><source>猫です。犬です。</source><seg-source><mrk mtype="seg" mid="1">猫です。</mrk><mrk mtype="seg" mid="2">犬<x id="1"/>です。</mrk></seg-source><target state="translated"><mrk mtype="seg" mid="1">It is a cat.</mrk> <mrk mtype="seg" mid="2">A <x id="1"/>dog.</mrk></target></trans-unit>`,
      ),
    );
    const rejected = await kioku(['import', 'codes.xlf'], { cwd: dir });
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/^kioku: error: codes\.xlf:5: the source and the target have inline codes \(<x id="1">\);.* \(unit p, segment 2\);/m);
    const json = JSON.parse((await kioku(['import', 'codes.xlf', '--json'], { cwd: dir })).stdout) as { rejected: Array<Record<string, unknown>> };
    expect(json.rejected[0]).toMatchObject({ unit: 'p#2', part: { unit: 'p', segment: '2' }, reason: 'inline-codes' });
    const check = await kioku(['check', 'seg.xlf', '--no-memory'], { cwd: dir });
    expect(check.stdout).toContain('  unit p, segment 2 (line 5)\n');
  });

  it('check: every document is checked; the summary counts XLIFF files', async () => {
    writeFileSync(
      join(dir, 'two.xlf'),
      files20(['id="f1"', seg('u', '猫です。', 'It is a cat.', 'state="final"')], ['id="f2"', seg('u', '犬です。', undefined)]),
    );
    const r = await kioku(['check', 'two.xlf', '--no-memory', '--format', 'json'], { cwd: dir });
    const findings = JSON.parse(r.stdout) as { findings?: Array<{ rule: string; unit: string }> } | Array<{ rule: string; unit: string }>;
    const list = Array.isArray(findings) ? findings : (findings.findings ?? []);
    expect(list.map((f) => [f.rule, f.unit])).toContainEqual(['untranslated', 'u']);
    const text = await kioku(['check', 'two.xlf', '--no-memory'], { cwd: dir });
    expect(text.stdout).toMatch(/in 2 units in 1 file\b/);
  });
});
