/**
 * Sentence length for the alignment length model, in "Latin-character equivalents": every non-space
 * character counts 1, except Japanese (and other CJK) characters, which carry more per character. The
 * weights were fitted on the Kyoto Wikipedia sample (401 gold units, ja→en): they minimise the spread of
 * log(English non-space characters / weighted Japanese length). A kanji is worth about 3.5 English
 * characters, a kana about 1.8, Japanese punctuation about 1 (README.md, "Alignment"). With these
 * weights the log ratio of a unit has a standard deviation of 0.23, against 0.27 for raw characters.
 *
 * Using one measure for both sides keeps the model language-neutral: a text in any other pair simply
 * gets its own ratio from the document (see `lengthRatio`).
 */

const KANJI = 3.5;
const KANA = 1.8;
const HANGUL = 2.5; // not calibrated (no Korean data); between kana and kanji by syllable density
const CJK_PUNCT = 1;

export function weightedLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x3000 || c === 0xa0) continue; // spaces carry nothing
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3005) n += KANJI;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0xff66 && c <= 0xff9f) || (c >= 0x31f0 && c <= 0x31ff)) n += KANA;
    else if (c >= 0xac00 && c <= 0xd7af) n += HANGUL;
    else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff65)) n += CJK_PUNCT;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: supplementary ideographs (CJK extension B+) count as kanji, the rest as 1.
      const cp = text.codePointAt(i) ?? c;
      n += cp >= 0x20000 && cp <= 0x3134f ? KANJI : 1;
      i++;
    } else n += 1;
  }
  return n;
}
