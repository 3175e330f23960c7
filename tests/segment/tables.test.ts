import { describe, expect, it } from 'vitest';
import { MARK_RANGES } from '../../src/segment/chars.js';
import { isNfc, NFC_UNSAFE, NFC_UNSAFE_RANGES } from '../../src/segment/nfc.js';

/** Ranges of BMP code units as "a-b c d-e" in hex, like the tables in src/segment. */
function ranges(has: (c: number) => boolean): string {
  const out: string[] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (!has(c)) continue;
    let e = c;
    while (e + 1 < 0x10000 && has(e + 1)) e++;
    out.push(c === e ? c.toString(16) : `${c.toString(16)}-${e.toString(16)}`);
    c = e;
  }
  return out.join(' ');
}

describe('generated character tables match the Unicode data of this Node', () => {
  it('NFC_UNSAFE_RANGES: decomposable, composable-second, combining marks, surrogates', () => {
    const unsafe = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if ((c >= 0xd800 && c <= 0xdfff) || s.normalize('NFC') !== s || /\p{M}/u.test(s)) unsafe[c] = 1;
    }
    for (let p = 0; p <= 0x10ffff; p++) {
      if (p >= 0xd800 && p <= 0xdfff) continue;
      const s = String.fromCodePoint(p);
      const d = s.normalize('NFD');
      if (d === s) continue;
      // Everything after the first code point of a decomposition can compose with what precedes it.
      for (let i = String.fromCodePoint(d.codePointAt(0)!).length; i < d.length; i++) unsafe[d.charCodeAt(i)] = 1;
    }
    expect(NFC_UNSAFE_RANGES).toBe(ranges((c) => unsafe[c] === 1));
  });

  it('MARK_RANGES: \\p{M} in the BMP', () => {
    expect(MARK_RANGES).toBe(ranges((c) => !(c >= 0xd800 && c <= 0xdfff) && /\p{M}/u.test(String.fromCharCode(c))));
  });

  it('text of safe code units is NFC whatever their order', () => {
    const safe: number[] = [];
    for (let c = 0; c < 0x10000; c += 7) if (NFC_UNSAFE[c] === 0) safe.push(c);
    for (let k = 0; k < 2000; k++) {
      const s = String.fromCharCode(...Array.from({ length: 8 }, (_, i) => safe[(k * 131 + i * 977) % safe.length]!));
      expect(s.normalize('NFC')).toBe(s);
      expect(isNfc(s)).toBe(true);
    }
    expect(isNfc('e\u0301')).toBe(false);
    expect(isNfc('\u00e9')).toBe(true);
  });
});
