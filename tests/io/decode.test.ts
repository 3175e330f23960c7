/** decodeText's refusals name the byte where the text breaks, for UTF-16 and the legacy encodings too. */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/decode.js';
import { encodeLegacy, encodeUtf16 } from '../segment/legacy-encoders.js';

const refusal = (bytes: Uint8Array, encoding?: 'utf-16le' | 'utf-16be' | 'shift_jis' | 'euc-jp') => {
  const r = decodeText(bytes, { file: 'f', ...(encoding ? { encoding } : {}) });
  if (r.ok) throw new Error('decoded');
  return r.error.message;
};

describe('invalid UTF-16 and legacy bytes: the byte offset, counted from the start of the file', () => {
  it('a lone surrogate (high or low, at the end or in the middle), after a BOM or with --encoding', () => {
    expect(refusal(encodeUtf16('ab\ud800c', 'le', true))).toBe('the bytes are not valid utf-16le: a lone high surrogate U+D800 at byte offset 6');
    expect(refusal(encodeUtf16('ab\udc00', 'be', true))).toBe('the bytes are not valid utf-16be: a lone low surrogate U+DC00 at byte offset 6');
    expect(refusal(encodeUtf16('猫\ud83d', 'le', true))).toBe('the bytes are not valid utf-16le: a lone high surrogate U+D83D at byte offset 4');
    // Without a BOM the offsets start at 0; a valid pair before the break counts four bytes.
    expect(refusal(encodeUtf16('😀x\udfff', 'le', false), 'utf-16le')).toBe('the bytes are not valid utf-16le: a lone low surrogate U+DFFF at byte offset 6');
  });

  it('an odd number of bytes', () => {
    const even = encodeUtf16('abc', 'le', true);
    const odd = new Uint8Array([...even, 0x41]);
    expect(refusal(odd)).toBe('the bytes are not valid utf-16le: an odd number of bytes, half a character at byte offset 8');
  });

  it('NUL characters in UTF-16 name their byte', () => {
    expect(refusal(encodeUtf16('ab\u0000', 'be', true))).toBe('not utf-16be text: it decodes to NUL characters at byte 6 (binary data?)');
  });

  it('Shift_JIS and EUC-JP: the start of the bad sequence, or where the file ends inside a character', () => {
    const sjis = encodeLegacy('猫が好き', 'shift_jis');
    expect(refusal(new Uint8Array([...sjis, 0x82, 0x20, 0x41]), 'shift_jis')).toBe(
      `the bytes are not valid shift_jis: an invalid byte sequence at byte offset ${sjis.length}`,
    );
    expect(refusal(new Uint8Array([...sjis, 0x82]), 'shift_jis')).toBe(
      `the bytes are not valid shift_jis: the file ends inside a character at byte offset ${sjis.length}`,
    );
    const euc = encodeLegacy('猫', 'euc-jp');
    expect(refusal(new Uint8Array([...euc, 0xa4, 0xff]), 'euc-jp')).toMatch(
      new RegExp(`^the bytes are not valid euc-jp: an invalid byte sequence at byte offset ${euc.length}$`),
    );
  });
});
