import { describe, expect, it } from 'vitest';
import { clip, QUOTE_MAX } from '../../src/text/clip.js';

describe('clip: quoted file content in messages', () => {
  it('keeps what fits and says how much was left out', () => {
    expect(clip('short')).toBe('short');
    expect(clip('x'.repeat(QUOTE_MAX))).toBe('x'.repeat(QUOTE_MAX));
    expect(clip('x'.repeat(1_500_000))).toBe(`${'x'.repeat(200)}… (1499800 more characters)`);
    expect(clip('abcdef', 3)).toBe('abc… (3 more characters)');
  });

  it('never cuts a surrogate pair in half', () => {
    const out = clip('a😀b', 2);
    expect(out).toBe('a… (3 more characters)');
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(out)).toBe(false);
  });
});
