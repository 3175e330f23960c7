import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { buildIndex, EXACT_WINDOW, searchIndex } from '../../src/memory/fuzzy-index.js';
import { foldKey } from '../../src/memory/text.js';
import { encodeCache, memoryFromCache, memoryFromContent } from '../../src/memory/view.js';
import { lookup, leverage, search, analyse } from '../../src/memory/lookup.js';
import { segment } from '../../src/segment/index.js';
import { rng } from '../support/rng.mjs';
import { unit } from './builders.js';

const words = [
  '北朝鮮',
  '兵士',
  'ロシア',
  'を',
  'が',
  'に',
  'は',
  '送り',
  '続ける',
  '戦略',
  '資産',
  'した',
  '。',
  '、',
  '金正恩',
  'ウクライナ',
  'と',
  '戦って',
];

describe('fuzzy index', () => {
  const english = ['the', 'soldiers', 'kept', 'sending', 'to', 'Russia', ' ', ' ', ', ', 'Kim', 'a', 'strategic', 'asset', '.'];
  it.each([
    ['ja', words, ''],
    ['en', english, ' '],
  ] as const)('finds exactly what a linear scan over folded keys finds (%s, any threshold)', (lang, vocabulary, sep) => {
    const sentence = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 10 }).map((w) => w.join(sep));
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 60 }), sentence, fc.integer({ min: 40, max: 100 }), (sources, query, t) => {
        const units = sources.map((s) => ({ source: s, sourceLang: lang, targetLang: lang === 'ja' ? 'en' : 'ja' }));
        const index = buildIndex(units);
        const got = new Set(searchIndex(index, query, t / 100).map((h) => h.unit));
        const q = foldKey(query);
        const want = new Set<number>();
        sources.forEach((s, i) => {
          const k = foldKey(s);
          if (1 - distance(q, k) / Math.max(q.length, k.length) >= t / 100 - 1e-9) want.add(i);
        });
        expect([...got].sort()).toEqual([...want].sort());
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('keeps recall ≥ 0.99 against a linear scan on a large English memory (rare-gram filter), and is exact on demand', () => {
    // A memory large enough that 75% lookups take the rare-gram filter: sentences over a Zipf-skewed
    // vocabulary, queries that are edited copies (scattered character edits up to ~25%, or replaced,
    // inserted and deleted words) and new sentences.
    const r = rng(42);
    const syllables = [
      'ba',
      'ri',
      'to',
      'ma',
      'ne',
      'ko',
      'la',
      'sen',
      'dor',
      'vi',
      'an',
      'tel',
      'mor',
      'sta',
      'pre',
      'con',
      'ist',
      'ment',
      'ly',
      'er',
      'ing',
      'tion',
    ];
    const small = ['the', 'a', 'of', 'in', 'to', 'and', 'on', 'for', 'with', 'that', 'by', 'was'];
    const vocabulary = Array.from({ length: 3000 }, () =>
      Array.from({ length: 2 + Math.floor(r() * 3) }, () => syllables[Math.floor(r() * syllables.length)]).join(''),
    );
    const word = () => (r() < 0.4 ? small[Math.floor(r() * small.length)]! : vocabulary[Math.floor(vocabulary.length * r() ** 3)]!);
    const sentence = () => Array.from({ length: 6 + Math.floor(r() * 12) }, word).join(' ') + '.';
    const sources = Array.from({ length: 6000 }, sentence);
    const queries = Array.from({ length: 120 }, (_, i) => {
      const s = sources[Math.floor(r() * sources.length)]!;
      if (i % 4 === 3) return sentence();
      if (i % 2 === 0) {
        const chars = [...s];
        const edits = Math.floor(chars.length * 0.26 * r());
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(r() * chars.length);
          const op = r();
          if (op < 0.4) chars[at] = chars[Math.floor(r() * chars.length)]!;
          else if (op < 0.7) chars.splice(at, 1);
          else chars.splice(at, 0, chars[Math.floor(r() * chars.length)]!);
        }
        return chars.join('');
      }
      const words = s.split(' ');
      for (let e = 1 + Math.floor(r() * words.length * 0.3); e > 0; e--) {
        const at = Math.floor(r() * words.length);
        const op = r();
        if (op < 0.5) words[at] = word();
        else if (op < 0.75) words.splice(at, 1);
        else words.splice(at, 0, word());
      }
      return words.join(' ');
    });
    const index = buildIndex(sources.map((source) => ({ source, sourceLang: 'en', targetLang: 'ja' })));
    const keys = sources.map(foldKey);
    let expected = 0;
    let found = 0;
    for (const query of queries) {
      const q = foldKey(query);
      const want = new Set<number>();
      keys.forEach((k, i) => {
        if (1 - distance(q, k) / Math.max(q.length, k.length) >= 0.75 - 1e-9) want.add(i);
      });
      const got = searchIndex(index, query, 0.75);
      for (const h of got) expect(want.has(h.unit)).toBe(true);
      const gotUnits = new Set(got.map((h) => h.unit));
      expected += want.size;
      for (const u of want) if (gotUnits.has(u)) found++;
      expect(new Set(searchIndex(index, query, 0.75, undefined, { exact: true }).map((h) => h.unit))).toEqual(want);
    }
    expect(sources.length).toBeGreaterThan(EXACT_WINDOW);
    expect(expected).toBeGreaterThan(60);
    expect(found / expected).toBeGreaterThanOrEqual(0.99);
  });

  it('maps back from its cache bytes unchanged', () => {
    const units = [unit('今日は晴れです。', 'It is sunny today.'), unit('明日は雨が降るでしょう。', 'It will rain tomorrow.')].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    const content = { units, exports: [] };
    const memory = memoryFromContent(content);
    const bytes = encodeCache(content, memory.index, 'fp');
    expect(memoryFromCache(bytes, 'other')).toBeUndefined();
    const cached = memoryFromCache(bytes, 'fp')!;
    expect(cached.size).toBe(2);
    expect(cached.unit(0)).toEqual(units[0]);
    expect(cached.id(1)).toBe(units[1]!.id);
    expect(lookup(cached, { source: '今日は晴れでした。' }, { threshold: 70 })[0]?.unit.target).toBe('It is sunny today.');
  });
});

describe('lookup and leverage', () => {
  const article = segment('北朝鮮兵は戦っている。金正恩はその死を資産に変えようとしている。\n観客は拍手を送った。', { lang: 'ja' });
  const [s0, s1, s2] = article.segments;
  const units = [
    unit(s0!.text, 'North Korean soldiers are fighting.', { seg: s0!.id, doc: 'a.txt', next: s1!.id }),
    unit(s1!.text, 'Kim is trying to turn their deaths into an asset.', { seg: s1!.id, doc: 'a.txt', prev: s0!.id, next: s2!.id }),
    unit('観客は拍手をした。', 'The audience clapped.', { seg: 'x', doc: 'b.txt' }),
    unit(s0!.text, 'North Korean soldiers are fighting.', { seg: s0!.id, doc: 'other.txt' }),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const memory = memoryFromContent({ units, exports: [] });

  it('ranks in-context 101 over exact 100, shows one candidate per source/target, and finds fuzzy ones', () => {
    const m = lookup(memory, { source: s0!.text, document: 'a.txt', segment: s0!.id, next: s1!.id });
    expect(m.map((x) => [x.kind, x.score])).toEqual([['in-context', 101]]);
    const plain = lookup(memory, { source: s0!.text });
    expect(plain.map((x) => x.score)).toEqual([100]);
    const fuzzy = lookup(memory, { source: s2!.text }, { threshold: 75 });
    expect(fuzzy[0]).toMatchObject({ kind: 'fuzzy', unit: { target: 'The audience clapped.' } });
    expect(lookup(memory, { source: s2!.text, targetLang: 'de' })).toEqual([]);
  });

  it('pre-fills exact matches as translated (final with approveExact) and fuzzy ones as needs-review with candidates', () => {
    const prefill = leverage(memory, article, { document: 'a.txt', sourceLang: 'ja', targetLang: 'en' });
    expect(prefill(0)).toMatchObject({ state: 'translated', target: 'North Korean soldiers are fighting.', candidates: [{ kind: 'in-context', score: 101 }] });
    expect(prefill(2)).toMatchObject({ state: 'needs-review', candidates: [{ kind: 'fuzzy', origin: 'memory' }] });
    expect(leverage(memory, article, { document: 'a.txt', sourceLang: 'ja', targetLang: 'en', approveExact: true })(1)?.state).toBe('final');
  });

  it('never pre-fills above the stored state: an unapproved exact match gives needs-review with its candidate', () => {
    const reviewOnly = memoryFromContent({
      units: [unit(s0!.text, 'Aligned, not reviewed.', { seg: s0!.id, doc: 'a.txt', next: s1!.id, state: 'needs-review' })],
      exports: [],
    });
    for (const approveExact of [false, true]) {
      const prefill = leverage(reviewOnly, article, { document: 'a.txt', sourceLang: 'ja', targetLang: 'en', approveExact })(0);
      expect(prefill).toEqual({
        target: 'Aligned, not reviewed.',
        state: 'needs-review',
        candidates: [{ kind: 'in-context', score: 101, source: s0!.text, target: 'Aligned, not reviewed.', origin: 'memory' }],
      });
    }
    // An approved exact match fills the target even when the unapproved one is in context.
    const both = memoryFromContent({
      units: [
        unit(s0!.text, 'Aligned, not reviewed.', { seg: s0!.id, doc: 'a.txt', next: s1!.id, state: 'needs-review' }),
        unit(s0!.text, 'North Korean soldiers are fighting.', { seg: 'z', doc: 'z.txt', state: 'reviewed' }),
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
      exports: [],
    });
    const prefill = leverage(both, article, { document: 'a.txt', sourceLang: 'ja', targetLang: 'en' })(0);
    expect(prefill?.state).toBe('translated');
    expect(prefill?.target).toBe('North Korean soldiers are fighting.');
    expect(prefill?.candidates.map((c) => [c.score, c.target])).toEqual([
      [100, 'North Korean soldiers are fighting.'],
      [101, 'Aligned, not reviewed.'],
    ]);
  });

  it('searches sources and targets (case/width-insensitive, digits exact) and analyses bands', () => {
    expect(search(memory, 'AUDIENCE').total).toBe(1);
    expect(search(memory, '拍手').hits[0]?.source).toEqual([3, 5]);
    const a = analyse(memory, article, { document: 'a.txt', sourceLang: 'ja', targetLang: 'en' });
    expect(a.total.segments).toBe(3);
    expect(a.bands['101'].segments).toBe(2);
    expect(a.segments[2]?.band).not.toBe('no-match');
  });
});
