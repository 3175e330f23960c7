import { afterAll, describe, expect, it } from 'vitest';
import { alignJob, importAlignmentJob, type AlignJobInput } from '../../src/jobs/align.js';
import { readTmx } from '../../src/tmx/index.js';
import { readXliff } from '../../src/xliff/index.js';
import { contentStore, removeTempStores, tempStore } from './stores.js';

const NOW = '2026-01-01T00:00:00.000Z';
const JA = '東京は日本の首都である。人口は多い。\n大阪は西にある。\n';
const EN = 'Tokyo is the capital of Japan. Many people live there.\nOsaka is in the west.\n';
const input = (extra: Partial<AlignJobInput> = {}): AlignJobInput => ({
  source: { name: 'doc.ja.txt', text: JA },
  target: { name: 'doc.en.txt', text: EN },
  document: 'doc.ja.txt',
  now: NOW,
  toolVersion: '9.9.9',
  ...extra,
});
afterAll(removeTempStores);

describe('alignJob', () => {
  it('links the sentences of a text and its translation, the languages detected from the scripts', () => {
    const job = alignJob(input(), {});
    expect(job.ok).toBe(true);
    if (!job.ok) return;
    expect([job.value.sourceLang, job.value.targetLang]).toEqual(['ja', 'en']);
    expect(job.value.source.segments).toHaveLength(3);
    expect(job.value.target.segments).toHaveLength(3);
    expect(job.value.pairs.map((p) => [p.source, p.target])).toEqual([
      [[0], [0]],
      [[1], [1]],
      [[2], [2]],
    ]);
    expect(job.value.reviewBelow).toBe(0.9);
    // Nothing asked for, nothing built.
    expect(job.value.tmx).toBeUndefined();
    expect(job.value.xliff).toBeUndefined();
    expect(job.value.units).toBeUndefined();
  });

  it('builds the outputs asked for: a TMX, an XLIFF of the version given, the units to import', () => {
    const job = alignJob(input({ tmx: true, xliff: '1.2', import: true, author: 'alice', reviewBelow: 0.5 }), {});
    if (!job.ok) throw new Error(job.error.message);
    const tmx = readTmx(job.value.tmx!, {});
    expect(tmx.ok && tmx.value.units).toHaveLength(3);
    expect(job.value.tmx).toContain('creationtoolversion="9.9.9"');
    const xliff = readXliff(job.value.xliff!, { file: 'doc.en.xlf' });
    expect(xliff.ok && xliff.value.version).toBe('1.2');
    expect(xliff.ok && xliff.value.original).toBe('doc.ja.txt');
    expect(job.value.units).toHaveLength(3);
    expect(job.value.units!.every((u) => u.provenance.document === 'doc.ja.txt' && u.provenance.author === 'alice' && u.provenance.changed === NOW)).toBe(true);
  });

  it('refuses two texts of one detected language, and a text with no sentence (by its name)', () => {
    const same = alignJob(input({ target: { name: 'copy.ja.txt', text: JA } }), {});
    expect(same.ok === false && same.error).toEqual({
      code: 'usage',
      message: 'both texts look like ja',
      hint: 'name the languages with --source-lang and --target-lang',
    });
    // Named languages are taken as given, even the same one.
    expect(alignJob(input({ target: { name: 'copy.ja.txt', text: JA }, sourceLang: 'ja', targetLang: 'ja' }), {}).ok).toBe(true);
    const empty = alignJob(input({ target: { name: 'empty.txt', text: '\n \n' } }), {});
    expect(empty.ok === false && empty.error).toMatchObject({ code: 'usage', message: 'the file has no text to align', file: 'empty.txt' });
  });

  it('reports an unusable memory after the texts are checked', () => {
    const unusable = { code: 'usage' as const, message: 'there is no memory at nowhere' };
    const bad = alignJob(input({ target: { name: 'copy.ja.txt', text: JA } }), { unusable });
    expect(bad.ok === false && bad.error.message).toBe('both texts look like ja');
    const good = alignJob(input(), { unusable });
    expect(good.ok === false && good.error).toEqual(unusable);
  });

  it('asks for a progress callback once, with the sentences of both texts, and calls it', () => {
    const asked: number[] = [];
    let calls = 0;
    const job = alignJob(
      input({
        progress: (sentences) => {
          asked.push(sentences);
          return () => void calls++;
        },
      }),
      {},
    );
    expect(job.ok).toBe(true);
    expect(asked).toEqual([6]);
    expect(calls).toBeGreaterThan(0);
  });

  it('anchors on a memory when there is one (loaded through the store)', () => {
    let loads = 0;
    const store = contentStore();
    const counting = { ...store, load: () => (loads++, store.load()) };
    expect(alignJob(input(), { store: counting }).ok).toBe(true);
    expect(loads).toBe(1);
    const failing = { ...store, load: () => ({ ok: false as const, error: { code: 'memory' as const, message: 'damaged' } }) };
    const r = alignJob(input(), { store: failing });
    expect(r.ok === false && r.error.message).toBe('damaged');
  });
});

describe('importAlignmentJob', () => {
  it('stores the units and counts them; the same units again change nothing', () => {
    const job = alignJob(input({ import: true, reviewBelow: 1 }), {});
    if (!job.ok) throw new Error(job.error.message);
    const store = tempStore();
    // reviewBelow 1: the links that score under it are stored as needs-review, and counted so.
    const review = job.value.units!.filter((u) => u.state === 'needs-review').length;
    expect(review).toBeGreaterThan(0);
    expect(importAlignmentJob(store, job.value.units!)).toEqual({ ok: true, value: { added: 3, updated: 0, unchanged: 0, review } });
    expect(importAlignmentJob(store, job.value.units!)).toEqual({ ok: true, value: { added: 0, updated: 0, unchanged: 3, review } });
    const content = store.read();
    expect(content.ok && content.value.units.map((u) => u.target).sort()).toEqual([
      'Many people live there.',
      'Osaka is in the west.',
      'Tokyo is the capital of Japan.',
    ]);
  });
});
