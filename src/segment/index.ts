import type { Lang, Paragraph, Revision, Segment } from '../model.js';
import { assignIds, type IdCollision } from './id.js';
import { splitParagraph, type SplitLang } from './split.js';

export { baseId, normaliseForId, hash64, assignIds, type IdCollision } from './id.js';
export { splitParagraph, type Span } from './split.js';

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
  return lang.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export interface SegmentResult extends Revision {
  /** Segment-id hash collisions found (and disambiguated); normally empty. */
  readonly collisions: readonly IdCollision[];
}

/** Segments a document. Pure; the text is the decoded file content (BOM already removed). */
export function segment(text: string, options: SegmentOptions = {}): SegmentResult {
  const lang = options.lang ?? detectLang(text);
  const splitLang = splitLangOf(lang);
  const lines = splitLines(text);
  const paragraphs: Paragraph[] = [];
  const raw: Array<{ paragraph: number; start: number; end: number; text: string }> = [];
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    if (line.trim() === '') continue;
    const index = paragraphs.length;
    const first = raw.length;
    for (const [start, end] of splitParagraph(line, splitLang)) {
      raw.push({ paragraph: index, start, end, text: line.slice(start, end) });
    }
    paragraphs.push({ index, line: l + 1, text: line, segments: range(first, raw.length) });
  }
  const { ids, collisions } = assignIds(raw.map((r) => r.text));
  const segments: Segment[] = raw.map((r, i) => ({ id: ids[i]!, ...r }));
  return { lang, paragraphs, segments, collisions };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
