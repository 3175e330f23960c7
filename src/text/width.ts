/**
 * Width folding that keeps offsets: every full-width ASCII variant (U+FF01–U+FF5E) and the ideographic
 * space become their ASCII counterparts one UTF-16 unit for one, so an index into the folded string is an
 * index into the original. Used wherever a rule must treat ３．５ like 3.5 but report the original text.
 */
export function foldWidth(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let mapped = -1;
    if (c >= 0xff01 && c <= 0xff5e) mapped = c - 0xfee0;
    else if (c === 0x3000) mapped = 0x20;
    else if (c === 0x2212) mapped = 0x2d; // minus sign
    if (mapped >= 0) {
      out += text.slice(from, i) + String.fromCharCode(mapped);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
