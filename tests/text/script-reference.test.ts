import { describe, expect, it } from 'vitest';
import { referenceTextFlags, textFlags } from '../../src/text/script.js';
import { mixedTexts } from '../support/mixed-text.js';

describe('textFlags (one table lookup per character)', () => {
  it('answers as the plain reference on thousands of mixed texts', () => {
    const next = mixedTexts(20261208);
    const seen = new Set<number>();
    for (let n = 0; n < 5000; n++) {
      const text = next();
      const flags = textFlags(text);
      expect(flags, JSON.stringify(text)).toBe(referenceTextFlags(text));
      for (let b = 0; b < 21; b++) if (flags & (1 << b)) seen.add(b);
    }
    // Every flag came up, so every branch of the table was compared.
    expect([...seen].sort((a, b) => a - b)).toEqual([...Array(21).keys()]);
  });

  it('answers as the reference on every single code unit , and on each doubled between two letters', () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      expect(textFlags(s), c.toString(16)).toBe(referenceTextFlags(s));
      expect(textFlags(`a${s}${s}a`), c.toString(16)).toBe(referenceTextFlags(`a${s}${s}a`));
    }
  });
});
