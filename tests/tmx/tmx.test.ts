import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTmx, tmxToUnits, writeTmx } from '../../src/tmx/index.js';
import { unit } from '../memory/builders.js';
import { kioku } from '../support/cli.js';
import { missing, missingOmegat, SHARED } from '../support/env.js';
import { exportWith } from '../memory/workflow.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioku-tmx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = '2026-01-01T00:00:00Z';

describe('TMX', () => {
  it('round-trips ids, sources, targets and provenance exactly for arbitrary text', () => {
    const text = fc
      .string({
        unit: fc.constantFrom('a', ' ', '\n', '\t', '<', '&', '>', '"', '日', '本', '😀', 'e\u0301', '\u200b', '\u202e', ']]>', '\r').map((x) => x),
        minLength: 1,
        maxLength: 20,
      })
      .filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 8 }), (pairs) => {
        const units = pairs.map(([s, t], i) => unit(s, t, { seg: `seg${i}`, prev: i ? `seg${i - 1}` : undefined })).sort((a, b) => (a.id < b.id ? -1 : 1));
        const dedup = units.filter((u, i) => units.findIndex((v) => v.source === u.source && v.target === u.target) === i);
        const xml = writeTmx(dedup, { now: NOW });
        expect(xml.ok).toBe(true);
        if (!xml.ok) return;
        const doc = readTmx(xml.value, { file: 'x.tmx' });
        expect(doc.ok).toBe(true);
        if (!doc.ok) return;
        const back = tmxToUnits(doc.value, { document: 'x.tmx', now: NOW });
        expect(back.ok && back.value.units).toEqual(dedup);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('refuses a character XML 1.0 cannot carry, naming the unit', () => {
    const r = writeTmx([unit('a\u0001b', 'x')]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.unit).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads OmegaT TMX 1.1 (lang=, upper-case tags) and Trados-style ja-JP/en-US into a ja→en pair', () => {
    const omegat = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.1"><header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0" segtype="sentence" srclang="JA"/>
<body><tu><tuv lang="JA"><seg>今日は<bpt i="1" x="1">&lt;b0&gt;</bpt>晴れ<ept i="1">&lt;/b0&gt;</ept>です。</seg></tuv><tuv lang="EN-US" changedate="20250101T120000Z" changeid="alice"><seg>It is sunny today.</seg></tuv></tu></body></tmx>`;
    const d = readTmx(omegat, { file: 'omegat.tmx' });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    // The source's <bpt>/<ept> are codes, not text: the memory cannot hold them, so the import is
    // refused unless the user asks for the text alone (lossy).
    const refused = tmxToUnits(d.value, { file: 'omegat.tmx', document: 'omegat.tmx', now: NOW, sourceLang: 'ja', targetLang: 'en' });
    expect(refused.ok === false && refused.error).toMatchObject({
      message: 'a translation unit has inline codes (<bpt>, <ept>); kioku cannot store inline codes yet, so nothing was imported',
      line: 3,
      column: 34,
      hint: expect.stringMatching(/--strip-codes/),
    });
    const u = tmxToUnits(d.value, { document: 'omegat.tmx', now: NOW, sourceLang: 'ja', targetLang: 'en', stripCodes: true });
    expect(u.ok && u.value.codesStripped).toBe(1);
    expect(u.ok && u.value.units[0]).toMatchObject({
      sourceLang: 'ja',
      targetLang: 'en',
      source: '今日は晴れです。',
      target: 'It is sunny today.',
      provenance: { changed: '2025-01-01T12:00:00Z', author: 'alice' },
    });
    const trados = `<?xml version="1.0"?><tmx version="1.4"><header creationtool="SDL Language Platform" srclang="ja-JP" datatype="xml" segtype="sentence" adminlang="en-US" o-tmf="SDL TM8 Format" creationtoolversion="8.0"/><body>
<tu creationdate="20240102T030405Z" creationid="bob"><prop type="x-Origin">TM</prop><tuv xml:lang="ja-JP"><seg>猫が好きです。</seg></tuv><tuv xml:lang="en-US"><seg>I like cats.</seg></tuv></tu></body></tmx>`;
    const t = readTmx(trados, {});
    const tu = t.ok ? tmxToUnits(t.value, { document: 'trados.tmx', now: NOW }) : t;
    expect(tu.ok && tu.value).toMatchObject({
      sourceLang: 'ja-JP',
      targetLang: 'en-US',
      units: [{ source: '猫が好きです。', provenance: { created: '2024-01-02T03:04:05Z', author: 'bob' } }],
    });
    const mapped = t.ok ? tmxToUnits(t.value, { document: 'trados.tmx', now: NOW, sourceLang: 'ja', targetLang: 'en' }) : t;
    expect(mapped.ok && [mapped.value.units[0]!.sourceLang, mapped.value.units[0]!.targetLang]).toEqual(['ja', 'en']);
  });

  it("refuses units with inline codes in the imported pair, naming the first and a few more; a third language's codes are never read", () => {
    const tus = [
      '<tu tuid="t1"><tuv xml:lang="ja"><seg>猫</seg></tuv><tuv xml:lang="en"><seg>cat</seg></tuv><tuv xml:lang="de"><seg><ph>&lt;br/&gt;</ph>Katze</seg></tuv></tu>',
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `<tu tuid="c${i}"><tuv xml:lang="ja"><seg>犬${i}</seg></tuv><tuv xml:lang="en"><seg>dog<${i % 2 ? 'ph' : 'it pos="begin"'}>x</${i % 2 ? 'ph' : 'it'}>${i}</seg></tuv></tu>`,
      ),
    ];
    const text = `<tmx version="1.4"><header srclang="ja" creationtool="t" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>\n${tus.join('\n')}\n</body></tmx>`;
    const d = readTmx(text, { file: 'c.tmx' });
    if (!d.ok) throw new Error(d.error.message);
    expect(d.value.units[1]!.variants[1]!.codes).toEqual([{ name: 'it', line: 3, column: 80 }]);
    const r = tmxToUnits(d.value, { file: 'c.tmx', document: 'c.tmx', now: NOW, sourceLang: 'ja', targetLang: 'en' });
    expect(r.ok === false && r.error).toMatchObject({
      message:
        '6 translation units have inline codes (<it>, <ph>); others at lines 4, 5, 6 and 2 more; kioku cannot store inline codes yet, so nothing was imported',
      file: 'c.tmx',
      line: 3,
      unit: 'c0',
    });
    const only = tmxToUnits({ ...d.value, units: d.value.units.slice(0, 1) }, { document: 'c.tmx', now: NOW, sourceLang: 'ja', targetLang: 'en' });
    expect(only.ok && only.value).toMatchObject({ units: [{ source: '猫', target: 'cat' }], codesStripped: 0 });
    const stripped = tmxToUnits(d.value, { document: 'c.tmx', now: NOW, sourceLang: 'ja', targetLang: 'en', stripCodes: true });
    expect(stripped.ok && [stripped.value.units.length, stripped.value.codesStripped, stripped.value.units[1]!.target]).toEqual([7, 6, 'dog0']);
  });

  it('refuses a srclang that does not fit unless overridden, and a non-TMX root', () => {
    const bad = `<tmx version="1.4"><header srclang="en" creationtool="Translate Toolkit" segtype="sentence" o-tmf="UTF-8" adminlang="en" datatype="PlainText"/><body><tu><tuv xml:lang="ja"><seg>猫</seg></tuv><tuv xml:lang="en"><seg>cat</seg></tuv></tu></body></tmx>`;
    const d = readTmx(bad, { file: 'tt.tmx' });
    if (!d.ok) throw new Error('parse');
    const r = tmxToUnits(d.value, { document: 'tt.tmx', now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(`${r.error.message}; ${r.error.hint}`).toMatch(/srclang="en" but its units start with ja text \(translate-toolkit's po2tmx.*--srclang ja/);
    const pinned = tmxToUnits(d.value, { document: 'tt.tmx', now: NOW, sourceLang: 'ja', targetLang: 'en' });
    expect(pinned.ok).toBe(false);
    const overridden = tmxToUnits(d.value, { document: 'tt.tmx', now: NOW, srclang: 'ja' });
    expect(overridden.ok && overridden.value.units[0]).toMatchObject({ source: '猫', target: 'cat' });
    const notTmx = readTmx('<xliff version="1.2"/>', { file: 'x.tmx' });
    expect(notTmx.ok).toBe(false);
  });
});

describe('TMX with the real tools', () => {
  it.skipIf(missing({ command: 'po2tmx' }))('imports translate-toolkit po2tmx output (with --srclang for its header)', async () => {
    const po = join(dir, 't.po');
    writeFileSync(
      po,
      'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#: s1\nmsgid "今日は晴れです。"\nmsgstr "It is sunny today."\n\n#: s2\nmsgid "明日は雨が降るでしょう。"\nmsgstr "It will rain tomorrow."\n',
    );
    execFileSync('po2tmx', ['--source-language=ja', '-l', 'en', po, join(dir, 't.tmx')], { stdio: 'ignore' });
    const work = join(dir, 'po2tmx');
    mkdirSync(work);
    const refused = await kioku(['tmx', 'import', join(dir, 't.tmx')], { cwd: work });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/srclang="en".*--srclang ja/);
    const r = await kioku(['tmx', 'import', join(dir, 't.tmx'), '--srclang', 'ja', '--json'], { cwd: work });
    expect(JSON.parse(r.stdout)).toMatchObject({ sourceLang: 'ja', targetLang: 'en', added: 2 });
    const l = await kioku(['lookup', '今日は晴れです。', '--json'], { cwd: work });
    expect(JSON.parse(l.stdout).matches[0]).toMatchObject({ score: 100, target: 'It is sunny today.' });
  });

  it.skipIf(missing({ shared: 'validate-tmx' }) ?? missing({ command: 'xmllint' }))(
    'exports TMX that passes the TMX 1.4 DTD and that XML::TMX and translate-toolkit read',
    async () => {
      const work = join(dir, 'dtd');
      mkdirSync(work);
      writeFileSync(join(work, 'a.tmx'), readFileSync(join(SHARED, 'schemas/examples/valid/tmx14-basic.tmx')));
      expect((await kioku(['tmx', 'import', 'a.tmx'], { cwd: work })).code).toBe(0);
      const e = await kioku(['tmx', 'export', '-o', 'out.tmx'], { cwd: work });
      expect(e.code).toBe(0);
      expect(execFileSync(join(SHARED, 'validate-tmx'), [join(work, 'out.tmx')], { encoding: 'utf8' })).toMatch(/OK TMX 1\.4/);
      if (!missing({ command: 'tmxwc' })) expect(execFileSync('tmxwc', [join(work, 'out.tmx')], { encoding: 'utf8' })).toMatch(/2 tu/);
      const py = spawnSync(
        '/usr/bin/python3',
        [
          '-c',
          'import sys\nfrom translate.storage import tmx\nt=tmx.tmxfile.parsefile(sys.argv[1])\nprint(len(t.units), t.units[0].source)',
          join(work, 'out.tmx'),
        ],
        { encoding: 'utf8' },
      );
      if (py.status === 0) expect(py.stdout).toMatch(/^2 /);
    },
  );

  it.skipIf(missingOmegat())(
    'works as an OmegaT memory: OmegaT pre-fills the article from tm/',
    async () => {
      const work = join(dir, 'omegat');
      mkdirSync(work);
      writeFileSync(join(work, 'a.txt'), '今日は晴れです。\n明日は雨が降るでしょう。\n');
      writeFileSync(join(work, 'a.tmx'), readFileSync(join(SHARED, 'schemas/examples/valid/tmx14-basic.tmx')));
      expect((await kioku(['tmx', 'import', 'a.tmx'], { cwd: work })).code).toBe(0);
      expect((await kioku(['tmx', 'export', '-o', 'memory.tmx'], { cwd: work })).code).toBe(0);
      await exportWith(work, 'a.txt', 'a.xlf', { copySource: true });
      const out = join(work, 'out');
      execFileSync(join(SHARED, 'omegat-translate'), ['-s', 'ja', '-t', 'en', '-m', join(work, 'memory.tmx'), '-o', out, join(work, 'a.xlf')], {
        stdio: 'ignore',
        timeout: 120_000,
      });
      const translated = readFileSync(join(out, 'target', readdirSync(join(out, 'target'))[0]!), 'utf8');
      expect(translated).toMatch(/<target[^>]*>It is sunny today\.<\/target>/);
    },
    180_000,
  );
});
