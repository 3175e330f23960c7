import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { textFingerprint } from '../../src/text/hash.js';

describe('textFingerprint', () => {
  it('is a small non-negative integer, the same for equal texts (also built differently)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const f = textFingerprint(s);
        expect(Number.isInteger(f) && f >= 0 && f < 2 ** 30).toBe(true);
        expect(textFingerprint([...s].join(''))).toBe(f);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('tells apart texts that differ at the start, the end or by length', () => {
    const base = '北朝鮮兵が4月25日、平壌で記念行進に参加した。';
    expect(textFingerprint('カ' + base)).not.toBe(textFingerprint('キ' + base));
    expect(textFingerprint(base + 'a')).not.toBe(textFingerprint(base + 'b'));
    expect(textFingerprint(base)).not.toBe(textFingerprint(base + ' '));
  });
});
