import { describe, expect, it } from 'vitest';
import { baseIdOfNormalised, idAssigner, normaliseForId, referenceNormaliseForId } from '../../src/segment/id.js';
import { hash64Lanes, hex12 } from '../../src/text/hash.js';
import { mixedTexts } from '../support/mixed-text.js';

describe('normaliseForId and the fused fast path of segment ids', () => {
  it('normaliseForId answers as the plain reference on thousands of mixed texts', () => {
    const next = mixedTexts(7_331);
    let unchanged = 0;
    for (let n = 0; n < 5000; n++) {
      const text = next();
      const expected = referenceNormaliseForId(text);
      expect(normaliseForId(text), JSON.stringify(text)).toBe(expected);
      if (expected === text) unchanged++;
    }
    // Both branches of the shortcut were taken many times.
    expect(unchanged).toBeGreaterThan(500);
    expect(unchanged).toBeLessThan(4500);
  });

  it('a text gets the id of its normalised form, whether the assigner hashes it in one pass or normalises it first', () => {
    const next = mixedTexts(4_242);
    for (let n = 0; n < 5000; n++) {
      const text = next();
      const normalised = referenceNormaliseForId(text);
      const [a, b] = hash64Lanes(normalised);
      expect(idAssigner().next(text), JSON.stringify(text)).toBe(hex12(a, b));
      expect(baseIdOfNormalised(normalised)).toBe(hex12(a, b));
    }
  });
});
