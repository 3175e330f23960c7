import { describe, expect, it } from 'vitest';
import { TextFlag, textFlags } from '../../src/text/script.js';

const has = (text: string, flag: number): boolean => (textFlags(text) & flag) !== 0;

describe('textFlags', () => {
  it('tells spaces apart: the plain space is not OTHER_SPACE, two spaces or tabs in a row are DOUBLE_SPACE', () => {
    expect(has('a b', TextFlag.OTHER_SPACE)).toBe(false);
    for (const space of ['\t', '\n', '\r', '\u00a0', '\u3000']) expect(has(`a${space}b`, TextFlag.OTHER_SPACE)).toBe(true);
    expect(has('a  b', TextFlag.DOUBLE_SPACE)).toBe(true);
    expect(has('a \tb', TextFlag.DOUBLE_SPACE)).toBe(true);
    expect(has('a \nb', TextFlag.DOUBLE_SPACE)).toBe(false);
    expect(has('\u3000a', TextFlag.EDGE_SPACE)).toBe(true);
  });

  it('hints at a repeated word without case, never missing one', () => {
    expect(has('see the THE end', TextFlag.REPEATED_WORD)).toBe(true);
    expect(has('it is is', TextFlag.REPEATED_WORD)).toBe(true);
    expect(has('Éte éte', TextFlag.REPEATED_WORD)).toBe(true);
    expect(has('the then', TextFlag.REPEATED_WORD)).toBe(false);
    expect(has('one two', TextFlag.REPEATED_WORD)).toBe(false);
  });

  it('flags letters and digits, ASCII and full-width', () => {
    expect(textFlags('a') & (TextFlag.LATIN | TextFlag.DIGIT)).toBe(TextFlag.LATIN);
    expect(textFlags('１') & (TextFlag.DIGIT | TextFlag.FULLWIDTH_ALNUM)).toBe(TextFlag.DIGIT | TextFlag.FULLWIDTH_ALNUM);
    expect(textFlags('Ａ') & (TextFlag.DIGIT | TextFlag.FULLWIDTH_ALNUM)).toBe(TextFlag.FULLWIDTH_ALNUM);
    expect(textFlags('')).toBe(0);
  });
});
