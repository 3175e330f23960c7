/**
 * The exact values of the hand-written hashes in src/text/hash.ts, computed from the code before it
 * was gathered there. Segment ids, memory checksums, the saved fuzzy index and baseline fingerprints
 * depend on them, so any change here is a format change, not a refactor.
 */
import { describe, expect, it } from 'vitest';
import { FNV1A_SEED, fnv1a32, fnv1aStep, gram2Code, gram4Code, hash64, hash64Lanes, hex12, hex8, slotHash, textFingerprint } from '../../src/text/hash.js';
import { baseIdOfNormalised, hash64 as segmentHash64, idAssigner } from '../../src/segment/id.js';
import { hash32 } from '../../src/memory/index.js';

const INPUTS = [
  '',
  'a',
  'ab',
  'abc',
  'Hello, world.',
  '翻訳メモリ',
  'ｆｕｌｌ－ｗｉｄｔｈ １２３',
  'e\u0301t\u00e9 😀',
  'The quick brown fox jumps over the lazy dog.',
];

describe('hash64', () => {
  it('gives the pinned values', () => {
    expect(INPUTS.map(hash64)).toEqual([
      '1aee8d83488bdcb8',
      '82c97901501c2ba7',
      '8a8467524f6c0497',
      '1ac18c8d7a91f9f9',
      'bcab2720952c169b',
      '4a2b61bca466ddd2',
      'a9942b3705eb4e90',
      'cc949ea1db65bbf3',
      '0e0dafab7cc99b89',
    ]);
    expect(segmentHash64).toBe(hash64);
  });

  it('is its two lanes in hex', () => {
    expect(INPUTS.map((s) => [...hash64Lanes(s)])).toEqual([
      [451841411, 1217125560],
      [2194241793, 1344023463],
      [2323933010, 1332479127],
      [448892045, 2056387065],
      [3165333280, 2502694555],
      [1244357052, 2758204882],
      [2845059895, 99307152],
      [3432292001, 3680877555],
      [235777963, 2093587337],
    ]);
    for (const s of INPUTS) {
      const [a, b] = hash64Lanes(s);
      expect(hex8(a) + hex8(b)).toBe(hash64(s));
    }
  });
});

describe('hex helpers', () => {
  it('hex8 writes 8 lowercase digits', () => {
    expect([0, 1, 0xdeadbeef, 0xffffffff, 0x12345678].map(hex8)).toEqual(['00000000', '00000001', 'deadbeef', 'ffffffff', '12345678']);
  });

  it('hex12 writes all of a and the top 16 bits of b', () => {
    const pairs: Array<[number, number]> = [
      [0, 0],
      [0xdeadbeef, 0xcafebabe],
      [0xffffffff, 0xffffffff],
      [0x12345678, 0x9abcdef0],
    ];
    expect(pairs.map(([a, b]) => hex12(a, b))).toEqual(['000000000000', 'deadbeefcafe', 'ffffffffffff', '123456789abc']);
  });
});

describe('segment base ids', () => {
  it('are the first 48 bits of hash64', () => {
    expect(INPUTS.map(baseIdOfNormalised)).toEqual([
      '1aee8d83488b',
      '82c97901501c',
      '8a8467524f6c',
      '1ac18c8d7a91',
      'bcab2720952c',
      '4a2b61bca466',
      'a9942b3705eb',
      'cc949ea1db65',
      '0e0dafab7cc9',
    ]);
  });

  it('are the same through the fused fast path of the default assigner', () => {
    const texts = [...INPUTS, '  two  spaces ', 'a\u3000b'];
    expect(texts.map((s) => idAssigner().next(s))).toEqual([
      '1aee8d83488b',
      '82c97901501c',
      '8a8467524f6c',
      '1ac18c8d7a91',
      'bcab2720952c',
      '4a2b61bca466',
      'a9942b3705eb',
      'b907ac1c724d',
      '0e0dafab7cc9',
      '7c18680f9066',
      'f8bd030ee407',
    ]);
  });
});

describe('textFingerprint', () => {
  it('gives the pinned values', () => {
    expect(INPUTS.map(textFingerprint)).toEqual([0, 1041400383, 91634906, 992687789, 563695847, 844351468, 501200602, 103302545, 51865871]);
  });
});

describe('FNV-1a', () => {
  it('fnv1a32 gives the pinned values (the memory module calls it hash32)', () => {
    expect(INPUTS.map(fnv1a32)).toEqual([2166136261, 3826002220, 1294271946, 440920331, 3834700393, 3379060538, 593419569, 1163951929, 3970930714]);
    expect(hash32).toBe(fnv1a32);
  });

  it('stepping from the seed gives the signed glossary word hashes', () => {
    const word = (s: string): number => {
      let h = FNV1A_SEED;
      for (let k = 0; k < s.length; k++) h = fnv1aStep(h, s.charCodeAt(k));
      return h;
    };
    expect(FNV1A_SEED).toBe(-2128831035);
    expect(INPUTS.map(word)).toEqual([-2128831035, -468965076, 1294271946, 440920331, -460266903, -915906758, 593419569, 1163951929, -324036582]);
    for (const s of INPUTS) expect(word(s)).toBe(fnv1a32(s) | 0);
  });
});

describe('fuzzy index gram and slot hashes', () => {
  /** The padded grams of a text, as the index's forEachGram walks them (q − 1 boundary marks each end). */
  function grams(text: string, q: 2 | 4): number[] {
    const out: number[] = [];
    if (q === 2) {
      let prev = 0;
      for (let i = 0; i < text.length; i++) {
        out.push(gram2Code(prev, text.charCodeAt(i)));
        prev = text.charCodeAt(i);
      }
      out.push(gram2Code(prev, 0));
      return out;
    }
    let a = 0;
    let b = 0;
    let c = 0;
    for (let i = 0; i <= text.length + 2; i++) {
      const d = i < text.length ? text.charCodeAt(i) : 0;
      out.push(gram4Code(a, b, c, d));
      a = b;
      b = c;
      c = d;
    }
    return out;
  }

  it('bigram codes are the two code units', () => {
    expect(['', 'a', '翻訳', '翻訳メモリ'].map((s) => grams(s, 2))).toEqual([
      [0],
      [97, 6356992],
      [32763, 2147191347, 2318598144],
      [32763, 2147191347, 2318610657, 820064482, 820130026, 820641792],
    ]);
  });

  it('4-gram codes give the pinned values', () => {
    expect(['', 'a', 'abcd', 'hello world'].map((s) => grams(s, 4))).toEqual([
      [263483196, 263483196, 263483196],
      [751451269, 10240210, 2805690813, 2359878603],
      [751451269, 2805302127, 667884622, 1798237831, 3492212382, 2941194277, 1275954197],
      [
        61617424, 700002767, 2828767002, 1369701877, 769707577, 2210440400, 2737023354, 3512495553, 2452297189, 3552089863, 3365140076, 497654188, 3529574342,
        1275954197,
      ],
    ]);
  });

  it('slot hashes give the pinned home slots in a 1024-slot table', () => {
    expect([0, 1, 42, 0xdeadbeef, 0xffffffff].map((c) => slotHash(c, 1023))).toEqual([0, 433, 778, 575, 591]);
  });
});
