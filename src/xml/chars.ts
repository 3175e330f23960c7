/**
 * Characters XML 1.0 can carry, and positions in a text. Shared by the parser gate (refusing input)
 * and the writers (refusing output): the same rule on both sides, so kioku never writes a file it
 * would refuse to read.
 */

/**
 * XML 1.0 `Char` is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. In a
 * UTF-16 string that leaves: C0 controls other than tab/LF/CR, U+FFFE, U+FFFF, and any surrogate that
 * is not part of a pair.
 */
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface IllegalChar {
  /** UTF-16 offset in the text. */
  readonly index: number;
  readonly codePoint: number;
  /** `U+0001`, `lone surrogate U+D800`. */
  readonly label: string;
}

/** The first character XML 1.0 cannot carry, or undefined. */
export function findIllegalXmlChar(text: string): IllegalChar | undefined {
  const m = ILLEGAL.exec(text);
  if (!m) return undefined;
  const codePoint = m[0].charCodeAt(0);
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  return { index: m.index, codePoint, label: `${surrogate ? 'lone surrogate ' : ''}U+${hex}` };
}

const C0_NAMES = [
  'NUL',
  'SOH',
  'STX',
  'ETX',
  'EOT',
  'ENQ',
  'ACK',
  'BEL',
  'BS',
  'HT',
  'LF',
  'VT',
  'FF',
  'CR',
  'SO',
  'SI',
  'DLE',
  'DC1',
  'DC2',
  'DC3',
  'DC4',
  'NAK',
  'SYN',
  'ETB',
  'CAN',
  'EM',
  'SUB',
  'ESC',
  'FS',
  'GS',
  'RS',
  'US',
];

/**
 * A code point as messages name it: `U+001B (ESC)`, `U+FFFE (a noncharacter)`, `U+D800 (a
 * surrogate)`, `U+00E9`.
 */
export function describeCodePoint(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20) return `${hex} (${C0_NAMES[code]})`;
  if (code === 0x7f) return `${hex} (DEL)`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (a surrogate)`;
  if (code === 0xfffe || code === 0xffff) return `${hex} (a noncharacter)`;
  return hex;
}

/** Whether `code` (a code point) may appear in an XML 1.0 document, e.g. through `&#…;`. */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Maps UTF-16 offsets to 1-based line and column, counting LF, CRLF and a lone CR as one line break
 * (as XML does). Built once per text; each lookup is a binary search.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) this.starts.push(i + 1);
      else if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      }
    }
  }

  at(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 };
  }
}

/** 1-based line and column of an offset (for one-off lookups; use LineIndex for many). */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  return new LineIndex(text.slice(0, Math.max(0, offset) + 1)).at(offset);
}

// XML 1.0 (5th edition) NameChar, for NMTOKEN values (XLIFF 2.0 ids).
const NMTOKEN =
  /^[-.0-9:A-Z_a-z\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c\u200d\u203f\u2040\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\u{10000}-\u{effff}]+$/u;

/** Whether a value is an XML NMTOKEN (what XLIFF 2.0 requires of ids). */
export function isNmtoken(value: string): boolean {
  return NMTOKEN.test(value);
}
