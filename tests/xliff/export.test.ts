/**
 * Golden files, determinism, the `xliff` package reading our exports, and schema validation.
 * Golden files live in tests/fixtures/xliff/; after a reviewed change to segmentation or the writer,
 * regenerate them with `KIOKU_UPDATE_GOLDEN=1 npx vitest run --config tests/vitest.config.ts tests/xliff` (a missing
 * golden file fails the test).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Prefill, UnitState, XliffVersion } from '../../src/model.js';
import { segment } from '../../src/segment/index.js';
import { documentFromRevision } from '../../src/xliff/document.js';
import { planExport } from '../../src/xliff/export.js';
import { packageRead } from '../../src/xliff/package.js';
import { writeXliff } from '../../src/xliff/write.js';
import { FIXTURES, missing, SHARED } from '../support/env.js';
import { expectGolden } from '../support/golden.js';
import { allUnits, ARTICLE, articleDocument, candidate, doc, unit } from './builders.js';

const GOLDEN = join(FIXTURES, 'xliff');
const work = mkdtempSync(join(tmpdir(), 'kioku-xliff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function articleExport(version: XliffVersion, copySource = false): string {
  const plan = planExport(
    { text: readFileSync(ARTICLE, 'utf8'), file: 'article.ja.txt', original: 'article.ja.txt' },
    { sourceLang: 'ja', targetLang: 'en', version, copySource },
  );
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.value.xml;
}

const GOLDENS = [
  { name: 'article.en.xliff20.xlf', version: '2.0', copySource: false },
  { name: 'article.en.xliff12.xlf', version: '1.2', copySource: false },
  { name: 'article.en.xliff12-copy-source.xlf', version: '1.2', copySource: true },
] as const;

describe('export of the article', () => {
  for (const g of GOLDENS) {
    it(`matches the golden file ${g.name}`, () => {
      const xml = articleExport(g.version, g.copySource);
      const path = join(GOLDEN, g.name);
      expectGolden(xml, path, 'npx vitest run --config tests/vitest.config.ts tests/xliff/export.test.ts');
    });
  }

  it('is deterministic: the same input gives identical bytes', () => {
    for (const version of ['1.2', '2.0'] as const) expect(articleExport(version)).toBe(articleExport(version));
  });

  it('has one unit per segment, one group per paragraph, the declaration, NFC and a trailing newline', () => {
    const revision = segment(readFileSync(ARTICLE, 'utf8'), { lang: 'ja' });
    for (const version of ['1.2', '2.0'] as const) {
      const xml = articleExport(version);
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
      expect(xml.endsWith('</xliff>\n')).toBe(true);
      expect(xml.normalize('NFC')).toBe(xml);
      const units = xml.match(version === '1.2' ? /<trans-unit /g : /<unit /g)!.length;
      expect(units).toBe(revision.segments.length);
      expect(xml.match(/<group /g)!.length).toBe(revision.paragraphs.length);
      expect(xml).toContain(version === '1.2' ? 'original="article.ja.txt"' : '<file id="f1" original="article.ja.txt">');
      expect(xml).toContain(version === '1.2' ? 'source-language="ja" target-language="en"' : 'srcLang="ja" trgLang="en"');
    }
  });

  it('reads back with the xliff package (version-specific readers): the same ids and sources', () => {
    const expected = allUnits(articleDocument());
    for (const version of ['1.2', '2.0'] as const) {
      const js = packageRead(version, articleExport(version));
      if (!js.ok) throw new Error(js.error.message);
      const file = js.value.resources[version === '1.2' ? 'article.ja.txt' : 'f1']!;
      const units = Object.values(file).flatMap((g) => Object.entries((g as { groupUnits: Record<string, { source: string }> }).groupUnits));
      expect(units.map(([id]) => id)).toEqual(expected.map((u) => u.id));
      expect(units.map(([, u]) => u.source)).toEqual(expected.map((u) => u.source));
    }
  });

  it('1.2 --copy-source gives every unit a needs-translation target holding the source', () => {
    const xml = articleExport('1.2', true);
    const targets = [...xml.matchAll(/<source>(.*?)<\/source>\n\s*<target state="needs-translation">(.*?)<\/target>/g)];
    expect(targets.length).toBe(segment(readFileSync(ARTICLE, 'utf8'), { lang: 'ja' }).segments.length);
    for (const [, s, t] of targets) expect(t).toBe(s);
  });
});

describe('wrapping the xliff package', () => {
  it('fixes what the package gets wrong on its own (raw attribute values, &amp; in text, integer-like ids)', () => {
    // The package itself: `original` written raw (malformed XML) and a literal "&amp;" un-escaped.
    const js = { sourceLanguage: 'ja', targetLanguage: 'en', resources: { 'a&b': { u: { source: 'x &amp; y' } } } };
    const raw = execFileSync(
      process.execPath,
      ['-e', `import('xliff').then(async (x) => process.stdout.write(await x.jsToXliff12(${JSON.stringify(js)}, { indent: '' })))`],
      { encoding: 'utf8' },
    );
    expect(raw).toContain('original="a&b"');
    expect(raw).toContain('<source>x &amp; y</source>');
    // kioku's writer over it.
    const d = doc({ p0: [unit('10', 'x &amp; y'), unit('2', '<b>'), unit('1', 'a')] }, { original: 'a&b "q" <c>' });
    const out = writeXliff(d, { version: '1.2' });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value).toContain('original="a&amp;b &quot;q&quot; &lt;c&gt;"');
    expect(out.value).toContain('<source>x &amp;amp; y</source>');
    expect([...out.value.matchAll(/trans-unit id="(\d+)"/g)].map((m) => m[1])).toEqual(['10', '2', '1']);
  });

  it('keeps __proto__ and constructor as ids', () => {
    const out = writeXliff(doc({ p0: [unit('__proto__', 'a'), unit('constructor', 'b')] }), { version: '2.0' });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value).toContain('<unit id="__proto__">');
    expect(out.value).toContain('<unit id="constructor">');
  });

  it('refuses characters XML 1.0 cannot carry, naming the unit', () => {
    for (const [field, u] of [
      ['source', unit('u1', 'a\u0001b')],
      ['target', unit('u1', 'a', { target: 'x\ud800', state: 'translated' })],
      ['note', unit('u1', 'a', { notes: ['\u001b[31m'] })],
      ['target of a candidate', unit('u1', 'a', { candidates: [candidate('fuzzy', 80, 'a', '\uffff')] })],
    ] as const) {
      const r = writeXliff(doc({ p0: [u] }), { version: '1.2' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.unit).toBe('u1');
        expect(r.error.message).toMatch(new RegExp(`^the ${field} contains (lone surrogate )?U\\+[0-9A-F]{4} at offset \\d+, which XML 1\\.0 cannot carry$`));
      }
    }
  });

  it('refuses duplicate ids, non-NMTOKEN ids in 2.0 and bad language tags', () => {
    const dup = writeXliff(doc({ p0: [unit('a', 'x')], p1: [unit('a', 'y')] }), { version: '1.2' });
    expect(!dup.ok && dup.error).toMatchObject({ unit: 'a', message: 'two units have the same id' });
    const spaced = writeXliff(doc({ p0: [unit('a b', 'x')] }), { version: '2.0' });
    expect(!spaced.ok && spaced.error.message).toMatch(/not an XML NMTOKEN/);
    expect(writeXliff(doc({ p0: [unit('a b', 'x')] }), { version: '1.2' }).ok).toBe(true);
    const lang = writeXliff(doc({ p0: [unit('a', 'x')] }, { targetLang: 'en"x' }), { version: '2.0' });
    expect(!lang.ok && lang.error.message).toMatch(/not a language tag/);
    const empty = writeXliff(doc({}), { version: '2.0' });
    expect(!empty.ok && empty.error.message).toBe('an XLIFF 2.0 file needs at least one unit');
  });

  it('writes NFC', () => {
    const out = writeXliff(doc({ p0: [unit('a', 'e\u0301', { target: '\u304b\u3099', state: 'translated' })] }), { version: '2.0' });
    expect(out.ok && out.value).toContain('<source>\u00e9</source>');
    expect(out.ok && out.value).toContain('<target>\u304c</target>');
  });
});

// --- Leverage output (what MEM and DIFF plug in) -------------------------------------------------------

const STATES: readonly UnitState[] = ['initial', 'needs-review', 'translated', 'reviewed', 'final'];

function leveraged(): ReturnType<typeof doc> {
  return doc({
    p0: [
      unit('s101', '今日は晴れです。', {
        target: 'It is sunny today.',
        state: 'translated',
        candidates: [candidate('in-context', 101, '今日は晴れです。', 'It is sunny today.')],
      }),
      unit('s100', '明日は雨です。', {
        target: 'It rains tomorrow.',
        state: 'translated',
        candidates: [candidate('exact', 100, '明日は雨です。', 'It rains tomorrow.')],
      }),
      unit('s87', '猫が好きです。', {
        target: 'I like dogs.',
        state: 'needs-review',
        candidates: [candidate('fuzzy', 87, '犬が好きです。', 'I like dogs.'), candidate('fuzzy', 76.5, '犬が大好きです。', 'I love dogs.')],
      }),
    ],
    p1: [
      unit('sprev', '価格は3ドルです。', {
        target: 'The price is 2 dollars.',
        state: 'needs-review',
        candidates: [candidate('previous-version', 90, '価格は2ドルです。', 'The price is 2 dollars.', 'previous-version')],
        notes: ['Source changed: 価格は[-2-]{+3+}ドルです。'],
      }),
      unit('snew', '新しい文です。'),
    ],
  });
}

describe('leverage output', () => {
  it('1.2: 101/100 translated + approved (final with approveExact), fuzzy needs-review + alt-trans, previous version', () => {
    const out = writeXliff(leveraged(), { version: '1.2' });
    if (!out.ok) throw new Error(out.error.message);
    const x = out.value;
    expect(x).toMatch(
      /<trans-unit id="s101" approved="yes">\n\s*<source>今日は晴れです。<\/source>\n\s*<target state="translated">It is sunny today\.<\/target>\n\s*<alt-trans match-quality="101" origin="memory">/,
    );
    expect(x).toMatch(
      /<trans-unit id="s87">\n\s*<source>猫が好きです。<\/source>\n\s*<target state="needs-review-translation">I like dogs\.<\/target>\n\s*<alt-trans match-quality="87" origin="memory">\n\s*<source>犬が好きです。<\/source>\n\s*<target>I like dogs\.<\/target>\n\s*<\/alt-trans>\n\s*<alt-trans match-quality="76\.5"/,
    );
    expect(x).toContain('<alt-trans match-quality="90" origin="previous-version" alttranstype="previous-version">');
    expect(x).toContain('<note from="kioku">Source changed: 価格は[-2-]{+3+}ドルです。</note>');
    expect(x).toMatch(/<trans-unit id="snew">\n\s*<source>新しい文です。<\/source>\n\s*<\/trans-unit>/);
    const approved = writeXliff(leveraged(), { version: '1.2', approveExact: true });
    expect(approved.ok && approved.value.match(/<target state="final">/g)!.length).toBe(2);
  });

  it('2.0: segment state and subState, mtc:matches candidates with the matches namespace', () => {
    const out = writeXliff(leveraged(), { version: '2.0' });
    if (!out.ok) throw new Error(out.error.message);
    const x = out.value;
    expect(x).toContain('xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"');
    expect(x).toContain('<mtc:match ref="#s1" similarity="100" origin="memory" type="icm">');
    expect(x).toContain('<mtc:match ref="#s1" similarity="87" origin="memory" type="tm">');
    expect(x).toContain('<mtc:match ref="#s1" similarity="90" origin="previous-version" type="other" subType="kioku:previous-version">');
    expect(x).toContain('<segment id="s1" state="initial" subState="kioku:needs-review">');
    expect(x).toMatch(/<unit id="s101">[\s\S]*?<segment id="s1" state="translated">/);
    expect(x).toMatch(/<unit id="snew">\n\s*<segment id="s1" state="initial">/);
  });

  it('documentFromRevision: prefill, context notes, groups per paragraph', () => {
    const revision = segment('一文目です。二文目です。三文目です。\n\n見出し\n', { lang: 'ja' });
    const fill = (i: number): Prefill | undefined =>
      i === 1 ? { target: 'Second.', state: 'translated', candidates: [candidate('exact', 100, '二文目です。', 'Second.')] } : undefined;
    const d = documentFromRevision(revision, { original: 'x.txt', sourceLang: 'ja', targetLang: 'en', prefill: fill });
    expect(d.groups.map((g) => [g.id, g.units.length])).toEqual([
      ['p0', 3],
      ['p1', 1],
    ]);
    const [first, second] = d.groups[0]!.units;
    expect(first!.notes).toEqual(['Context: paragraph 0, sentence 1 of 3. After: 二文目です。三文目です。']);
    expect(second!.notes).toEqual(['Context: paragraph 0, sentence 2 of 3. Before: 一文目です。 After: 三文目です。']);
    expect(second).toMatchObject({ target: 'Second.', state: 'translated' });
    expect(d.groups[1]!.units[0]!.notes).toEqual([]);
  });
});

// --- Schema validation with the official schemas --------------------------------------------------

const noValidator = missing({ shared: 'validate-xliff', command: 'xmllint' });

/** Generated documents exercising every writer path: states, candidates, whitespace, markup-looking text. */
function generatedDocuments(): ReturnType<typeof doc>[] {
  const text = fc.string({
    unit: fc.constantFrom('猫', 'が', '。', 'a', ' ', '<', '&', '"', '\n', '\t', '😀', 'é', '\u200b', '\u202e', ']]>', '&amp;'),
    minLength: 0,
    maxLength: 12,
  });
  const arbUnit = fc.record({
    source: text,
    target: fc.option(text, { nil: undefined }),
    state: fc.constantFrom(...STATES),
    notes: fc.array(text, { maxLength: 2 }),
    candidates: fc.array(
      fc.record({
        kind: fc.constantFrom('in-context', 'exact', 'fuzzy', 'previous-version' as const),
        score: fc.integer({ min: 0, max: 101 }),
        source: text,
        target: text,
        origin: fc.constantFrom('memory', 'previous-version'),
      }),
      { maxLength: 2 },
    ),
  });
  return fc.sample(fc.array(fc.array(arbUnit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), { seed: 42, numRuns: 12 }).map((groups, n) => {
    let id = 0;
    return doc(
      Object.fromEntries(
        groups.map((units, g) => [
          `p${g}`,
          units.map((u) =>
            unit(`u${n}-${id++}`, u.source, {
              ...(u.target !== undefined ? { target: u.target } : {}),
              state: u.state,
              notes: u.notes,
              candidates: u.candidates,
            }),
          ),
        ]),
      ),
      { original: `gen ${n} & <"x">.txt` },
    );
  });
}

describe.skipIf(noValidator)(`validation with ../shared/validate-xliff${noValidator ? ` (skipped: ${noValidator})` : ''}`, () => {
  function validate(files: string[]): { status: number | null; output: string } {
    const r = spawnSync(join(SHARED, 'validate-xliff'), files, { encoding: 'utf8' });
    return { status: r.status, output: r.stdout + r.stderr };
  }

  it('the article exports are valid (1.2 strict, 2.0 with modules)', () => {
    const files = GOLDENS.map((g) => {
      const f = join(work, g.name);
      writeFileSync(f, articleExport(g.version, g.copySource));
      return f;
    });
    const r = validate(files);
    expect(r.output).toMatch(/OK XLIFF 1\.2 \(strict\)/);
    expect(r.output).toMatch(/OK XLIFF 2\.0/);
    expect(r.status, r.output).toBe(0);
  });

  it('exports with leverage, previous versions and generated texts are valid in both versions', () => {
    const files: string[] = [];
    const docs = [leveraged(), ...generatedDocuments()];
    docs.forEach((d, i) => {
      for (const version of ['1.2', '2.0'] as const) {
        for (const copySource of [false, true]) {
          const out = writeXliff(d, { version, copySource, approveExact: i % 2 === 0 });
          if (!out.ok) throw new Error(out.error.message);
          const f = join(work, `gen-${i}-${version}-${copySource}.xlf`);
          writeFileSync(f, out.value);
          files.push(f);
        }
      }
    });
    const r = validate(files);
    expect(r.status, r.output).toBe(0);
    expect(r.output.match(/: OK XLIFF/g)!.length).toBe(files.length);
  });
});
