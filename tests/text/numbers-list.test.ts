import { describe, expect, it } from 'vitest';
import { extractNumbersInto, NumberList } from '../../src/text/numbers.js';

// NumberList keeps a frozen empty list of its own (an anchor for the engine's shape of lists, see the
// class): it must stay out of sight and must not become state that lists share.
describe('NumberList', () => {
  it('exposes no state of the class', () => {
    expect(Object.getOwnPropertyNames(NumberList).sort()).toEqual(['length', 'name', 'prototype']);
  });

  it('starts every list empty and shares nothing between lists', () => {
    const a = extractNumbersInto('3 cats and 12 dogs in 2024', 'en', new NumberList());
    const b = new NumberList();
    expect(a.count).toBe(3);
    expect(b.count).toBe(0);
    for (const field of ['values', 'starts', 'ends', 'kinds'] as const) {
      expect(b[field]).toEqual([]);
      expect(b[field]).not.toBe(a[field]);
    }
    expect(Object.isFrozen(b)).toBe(false);
  });
});
