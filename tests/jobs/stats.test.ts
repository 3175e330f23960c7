import { afterAll, describe, expect, it } from 'vitest';
import { defaultTargetLang, statsJob } from '../../src/jobs/stats.js';
import { lookupJob } from '../../src/jobs/lookup.js';
import { searchJob } from '../../src/jobs/search.js';
import { segmentJob } from '../../src/jobs/segment.js';
import { memoryInfoJob } from '../../src/jobs/memory.js';
import { segment } from '../../src/segment/index.js';
import { unit } from '../memory/builders.js';
import { contentStore, removeTempStores, tempStore } from './stores.js';

const TEXT = '東京は日本の首都である。人口は多い。\n大阪は西にある。東京は日本の首都である。\n';
afterAll(removeTempStores);

/** The memory's units for TEXT: one exact (100%) match, from another document. */
const memoryUnits = () => {
  const rev = segment(TEXT, { lang: 'ja' });
  return [
    unit('東京は日本の首都である。', 'Tokyo is the capital of Japan.', { doc: 'other.txt', seg: rev.segments[0]!.id }),
    unit('大阪は東にある。', 'Osaka is in the east.', { doc: 'other.txt' }),
    unit('猫', 'cat', { tgt: 'de', doc: 'pets.txt' }),
  ];
};

describe('statsJob', () => {
  it('defaults the target to en for Japanese (any region) and to ja for anything else', () => {
    const table: Array<[string, string]> = [
      ['ja', 'en'],
      ['ja-JP', 'en'],
      ['en', 'ja'],
      ['en-US', 'ja'],
      ['zh', 'ja'],
      ['ko', 'ja'],
    ];
    for (const [source, target] of table) expect(defaultTargetLang(source), source).toBe(target);
  });

  it('bands each segment against the memory, the language detected and the target defaulted', () => {
    const job = statsJob(contentStore(memoryUnits()), { text: TEXT, document: 'doc.txt' });
    if (!job.ok) throw new Error(job.error.message);
    const { analysis, ...rest } = job.value;
    expect([rest.sourceLang, rest.targetLang, rest.document, rest.units]).toEqual(['ja', 'en', 'doc.txt', 3]);
    expect(analysis.total.segments).toBe(4);
    expect(analysis.bands['100'].segments).toBe(2); // the first sentence, and its repeat (a 100% match is no repetition)
    expect(analysis.bands['50-74'].segments + analysis.bands['75-84'].segments + analysis.bands['85-94'].segments).toBe(1); // 大阪は西にある。
    expect(analysis.segments.map((s) => s.band)[0]).toBe('100');
    // Japanese words are counted one per character: every character but the four 。.
    expect(analysis.total.words).toBe(analysis.total.characters - 4);
  });

  it('takes the languages given: no unit of ja→de matches for a ja→en job', () => {
    const job = statsJob(contentStore(memoryUnits()), { text: '猫\n', document: 'doc.txt', sourceLang: 'ja-JP', targetLang: 'de' });
    expect(job.ok && job.value.analysis.segments.map((x) => x.score)).toEqual([101]); // the only segment, as was the unit's
    const en = statsJob(contentStore(memoryUnits()), { text: '猫\n', document: 'doc.txt', sourceLang: 'ja-JP' });
    expect(en.ok && [en.value.targetLang, en.value.analysis.bands['no-match'].segments]).toEqual(['en', 1]);
  });

  it('works on an empty memory, and returns a store that cannot load', () => {
    const empty = statsJob(tempStore(), { text: 'Hello world. Bye.\n', document: 'a.txt' });
    expect(empty.ok && [empty.value.sourceLang, empty.value.targetLang, empty.value.units, empty.value.analysis.total.words]).toEqual(['en', 'ja', 0, 3]);
    const failing = { ...contentStore(), load: () => ({ ok: false as const, error: { code: 'memory' as const, message: 'damaged' } }) };
    const r = statsJob(failing, { text: TEXT, document: 'doc.txt' });
    expect(r.ok === false && r.error.message).toBe('damaged');
  });
});

describe('lookupJob', () => {
  it('gives exact and fuzzy candidates with their diff from the query and the parts of the score', () => {
    const job = lookupJob(contentStore(memoryUnits()), { text: '大阪は西にある。' });
    if (!job.ok) throw new Error(job.error.message);
    expect([job.value.query, job.value.threshold, job.value.units]).toEqual(['大阪は西にある。', 75, 3]);
    expect(job.value.matches).toHaveLength(1);
    const m = job.value.matches[0]!;
    expect(m).toMatchObject({ kind: 'fuzzy', source: '大阪は東にある。', target: 'Osaka is in the east.', document: 'other.txt', state: 'translated' });
    expect(m.diff).toEqual([
      [0, '大阪は'],
      [-1, '西'],
      [1, '東'],
      [0, 'にある。'],
    ]);
    expect(m.explanation).toMatchObject({ score: m.score, distance: 1 });
    const exact = lookupJob(contentStore(memoryUnits()), { text: '東京は日本の首都である。', targetLang: 'en' });
    expect(exact.ok && exact.value.matches.map((x) => [x.kind, x.score])).toEqual([['exact', 100]]);
  });

  it('honours the threshold, the limit and the languages', () => {
    const store = contentStore(memoryUnits());
    expect(lookupJob(store, { text: '大阪は西にある。', threshold: 95 })).toMatchObject({ ok: true, value: { threshold: 95, matches: [] } });
    expect(lookupJob(store, { text: '猫', targetLang: 'en' })).toMatchObject({ ok: true, value: { matches: [] } });
    const de = lookupJob(store, { text: '猫', sourceLang: 'ja', targetLang: 'de', limit: 1 });
    expect(de.ok && de.value.matches.map((x) => x.target)).toEqual(['cat']);
  });
});

describe('searchJob', () => {
  it('finds every unit containing the text, shows at most the limit and counts them all', () => {
    const store = contentStore(memoryUnits());
    const both = searchJob(store, { text: 'にある' });
    expect(both.ok && [both.value.total, both.value.hits.length]).toEqual([1, 1]);
    expect(both.ok && both.value.hits[0]!.source).toEqual([4, 7]); // in 大阪は東にある。
    const target = searchJob(store, { text: 'is', in: 'target', limit: 1 });
    expect(target.ok && [target.value.total, target.value.hits.length]).toEqual([2, 1]);
    expect(searchJob(store, { text: 'is', in: 'source' })).toMatchObject({ ok: true, value: { total: 0, hits: [] } });
    const de = searchJob(store, { text: '猫', targetLang: 'de' });
    expect(de.ok && de.value.hits.map((h) => h.unit.target)).toEqual(['cat']);
  });
});

describe('segmentJob and memoryInfoJob', () => {
  it('segments in the language given or detected', () => {
    expect(segmentJob(TEXT).lang).toBe('ja');
    expect(segmentJob(TEXT).segments).toHaveLength(4);
    expect(segmentJob('Dr. Smith arrived. He sat down.\n', 'en').segments).toHaveLength(2);
  });

  it('counts units and documents per language pair', () => {
    const info = memoryInfoJob(contentStore(memoryUnits(), 'mem'));
    expect(info.ok && info.value).toMatchObject({ memory: 'mem', units: 3, exports: [] });
    expect(info.ok && [...info.value.pairs].sort((a, b) => (a.pair < b.pair ? -1 : 1))).toEqual([
      { pair: 'ja→de', units: 1, documents: 1 },
      { pair: 'ja→en', units: 2, documents: 1 },
    ]);
  });
});
