import { afterAll, describe, expect, it } from 'vitest';
import { tmxExportJob, tmxImportJob } from '../../src/jobs/tmx.js';
import { readTmx, type TmxDocument } from '../../src/tmx/index.js';
import { unit } from '../memory/builders.js';
import { contentStore, removeTempStores, tempStore } from './stores.js';

const NOW = '2026-01-01T00:00:00.000Z';
const TRADOS = `<?xml version="1.0"?><tmx version="1.4"><header creationtool="SDL Language Platform" srclang="ja-JP" datatype="xml" segtype="sentence" adminlang="en-US" o-tmf="SDL TM8 Format" creationtoolversion="8.0"/><body>
<tu creationdate="20240102T030405Z" creationid="bob"><tuv xml:lang="ja-JP"><seg>猫が好きです。</seg></tuv><tuv xml:lang="en-US"><seg>I like cats.</seg></tuv></tu>
<tu><tuv xml:lang="ja-JP"><seg>猫が好きです。</seg></tuv><tuv xml:lang="en-US"><seg>I like cats.</seg></tuv></tu>
<tu><tuv xml:lang="ja-JP"><seg>犬が好きです。</seg></tuv></tu></body></tmx>`;
const CODED = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.1"><header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0" segtype="sentence" srclang="JA"/>
<body><tu><tuv lang="JA"><seg>今日は<bpt i="1" x="1">&lt;b0&gt;</bpt>晴れ<ept i="1">&lt;/b0&gt;</ept>です。</seg></tuv><tuv lang="EN-US"><seg>It is sunny today.</seg></tuv></tu></body></tmx>`;
const parsed = (xml: string): TmxDocument => {
  const d = readTmx(xml, { file: 'in.tmx' });
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
};
afterAll(removeTempStores);

describe('tmxImportJob', () => {
  it("stores the file's units in its own pair and counts what it skipped", () => {
    const store = tempStore();
    const job = tmxImportJob(store, parsed(TRADOS), { file: 'in.tmx', document: 'in.tmx', now: NOW });
    expect(job).toEqual({
      ok: true,
      value: { sourceLang: 'ja-JP', targetLang: 'en-US', added: 1, updated: 0, unchanged: 0, skipped: 1, duplicates: 1, codesStripped: 0 },
    });
    const again = tmxImportJob(store, parsed(TRADOS), { file: 'in.tmx', document: 'in.tmx', now: NOW });
    expect(again.ok && again.value).toMatchObject({ added: 0, unchanged: 1 });
  });

  it("imports into the memory's one language pair when no language is given (a wrong header is caught)", () => {
    const store = contentStore([unit('魚が好きです。', 'I like fish.')]);
    const job = tmxImportJob(store, parsed(TRADOS), { file: 'in.tmx', document: 'in.tmx', now: NOW });
    expect(job.ok && [job.value.sourceLang, job.value.targetLang, job.value.added]).toEqual(['ja', 'en', 1]);
    expect(store.content().units.map((u) => `${u.sourceLang}→${u.targetLang}`)).toEqual(['ja→en', 'ja→en']);
    // A language given is taken as given.
    const given = tmxImportJob(contentStore([unit('魚が好きです。', 'I like fish.')]), parsed(TRADOS), {
      document: 'in.tmx',
      now: NOW,
      sourceLang: 'ja-JP',
      targetLang: 'en-US',
    });
    expect(given.ok && given.value.sourceLang).toBe('ja-JP');
  });

  it('refuses units with inline codes (nothing stored) unless they are stripped', () => {
    const store = contentStore();
    const refused = tmxImportJob(store, parsed(CODED), { file: 'in.tmx', document: 'in.tmx', now: NOW, sourceLang: 'ja', targetLang: 'en' });
    expect(refused.ok === false && refused.error).toMatchObject({ code: 'tmx', file: 'in.tmx', hint: expect.stringMatching(/--strip-codes/) });
    expect(store.content().units).toEqual([]);
    const stripped = tmxImportJob(store, parsed(CODED), { document: 'in.tmx', now: NOW, sourceLang: 'ja', targetLang: 'en', stripCodes: true });
    expect(stripped.ok && stripped.value).toMatchObject({ added: 1, codesStripped: 1 });
    expect(store.content().units[0]?.source).toBe('今日は晴れです。');
  });

  it("returns the store's failure", () => {
    const store = { ...contentStore(), load: () => ({ ok: false as const, error: { code: 'memory' as const, message: 'damaged' } }) };
    const job = tmxImportJob(store, parsed(TRADOS), { document: 'in.tmx', now: NOW });
    expect(job.ok === false && job.error.message).toBe('damaged');
  });
});

describe('tmxExportJob', () => {
  const store = contentStore([unit('猫が好きです。', 'I like cats.', { src: 'ja-JP', tgt: 'en-US' }), unit('犬', 'Hund', { tgt: 'de' })]);

  it('writes every unit, or those of the languages asked for (ja takes ja-JP)', () => {
    const all = tmxExportJob(store, { now: NOW, toolVersion: '9.9.9' });
    if (!all.ok) throw new Error(all.error.message);
    expect(all.value.units).toBe(2);
    expect(all.value.tmx).toContain('creationtoolversion="9.9.9"');
    const back = readTmx(all.value.tmx, {});
    expect(back.ok && back.value.units).toHaveLength(2);
    const en = tmxExportJob(store, { now: NOW, toolVersion: '9.9.9', sourceLang: 'ja', targetLang: 'en' });
    expect(en.ok && en.value.units).toBe(1);
    expect(en.ok && en.value.tmx).toContain('I like cats.');
    expect(en.ok && en.value.tmx).not.toContain('Hund');
  });
});
