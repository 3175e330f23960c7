import type { Lang, Paragraph, Revision, Segment } from '../model.js';
import { idAssigner, type IdCollision, type IdHash } from './id.js';
import { createSplitter, type SplitLang } from './split.js';
import { primaryLanguage } from '../text/lang.js';

export { baseId, normaliseForId, hash64, assignIds, idAssigner, type IdCollision, type IdHash, type IdAssigner } from './id.js';
export { splitParagraph, createSplitter, type Span, type SplitLang, type LineSplitter } from './split.js';
export { DEFAULT_PASSES, type Pass } from './passes.js';

export interface SegmentOptions {
  /** `ja` or `en` (or a tag starting with them); detected from the script when absent. */
  readonly lang?: Lang;
}

/** Splits text into lines on LF, CRLF or CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Japanese when kana or kanji make up a noticeable share of the letters, English otherwise. Kana alone
 * is decisive (Chinese has none); a text of only kanji still counts as Japanese for kioku's purposes.
 */
export function detectLang(text: string): 'ja' | 'en' {
  let cjk = 0;
  let latin = 0;
  const limit = Math.min(text.length, 20000);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff66 && c <= 0xff9f)) cjk++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  // One CJK character carries about as much as a word of 4–5 Latin letters.
  return cjk * 4 >= latin && cjk > 0 ? 'ja' : 'en';
}

function splitLangOf(lang: Lang): SplitLang {
  return primaryLanguage(lang) === 'ja' ? 'ja' : 'en';
}

export interface SegmentResult extends Revision {
  /** Segment-id hash collisions found (and disambiguated); normally empty. */
  readonly collisions: readonly IdCollision[];
}

/**
 * Segments a document. Pure; the text is the decoded file content (BOM already removed). Every
 * non-blank line (LF, CRLF or CR) is a paragraph, split into sentences on its own, so the work is linear
 * in the input and one odd paragraph cannot affect another.
 */
export function segment(text: string, options: SegmentOptions = {}): SegmentResult {
  return segmentWith(text, options);
}

/** `segment` with an injectable id hash (tests force collisions with it). */
export function segmentWith(text: string, options: SegmentOptions, hash?: IdHash): SegmentResult {
  const lang = options.lang ?? detectLang(text);
  const splitLang = splitLangOf(lang);
  const ids = idAssigner(hash);
  const split = createSplitter(splitLang);
  const spans: number[] = [];
  const paragraphs: Paragraph[] = [];
  const segments: Segment[] = [];
  const n = text.length;
  // Line breaks found by indexOf (fast); a CR search that found none is not repeated.
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  let from = 0;
  let lineNo = 0;
  while (from <= n) {
    lineNo++;
    if (lf !== -1 && lf < from) lf = text.indexOf('\n', from);
    if (cr !== -1 && cr < from) cr = text.indexOf('\r', from);
    const end = lf === -1 ? (cr === -1 ? n : cr) : cr === -1 ? lf : Math.min(lf, cr);
    const next = end < n && text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
    if (end > from) {
      const line = text.slice(from, end);
      const count = split(line, spans);
      if (count > 0) {
        const index = paragraphs.length;
        const members: number[] = new Array<number>(count);
        for (let k = 0; k < count; k++) {
          const s = spans[2 * k]!;
          const e = spans[2 * k + 1]!;
          const sentence = line.slice(s, e);
          members[k] = segments.length;
          segments.push({ id: ids.next(sentence), paragraph: index, text: sentence, start: s, end: e });
        }
        paragraphs.push({ index, line: lineNo, text: line, segments: members });
      }
    }
    from = next;
  }
  return { lang, paragraphs, segments, collisions: ids.collisions };
}
