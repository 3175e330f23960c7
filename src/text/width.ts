/**
 * The ASCII code unit `foldWidth` turns the UTF-16 code unit c into, or -1 when it leaves c alone: the
 * one statement of which characters fold, for the scanners that must notice them before folding.
 */
export function foldedCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000) return 0x20;
  if (c === 0x2212) return 0x2d; // minus sign
  return -1;
}

/**
 * Width folding that keeps offsets: every full-width ASCII variant (U+FF01–U+FF5E) and the ideographic
 * space become their ASCII counterparts one UTF-16 unit for one, so an index into the folded string is an
 * index into the original. Used wherever a rule must treat ３．５ like 3.5 but report the original text.
 */
export function foldWidth(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const mapped = foldedCode(text.charCodeAt(i));
    if (mapped >= 0) {
      out += text.slice(from, i) + String.fromCharCode(mapped);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
