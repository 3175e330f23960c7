/**
 * Anchors: things that survive translation and so tell which sentences belong together without a
 * dictionary. Numbers (normalised across scripts by `extractNumbers`: 1万1千 ↔ 11,000, 第2次 ↔ second,
 * 4月 ↔ April), Latin-script tokens inside Japanese text (CNN, AFP, FPV, The Conversation, URLs), names
 * shared by two Latin-script texts, quotations, question and exclamation marks.
 *
 * Every anchor is a key; a bead earns a bonus for each key that occurs on both of its sides, and a link
 * pays a small cost for each of its keys left unmatched (AlignParams.anchorMiss). Over a complete tiling
 * a cost per miss would only rescale the bonus; it changes decisions because sentences left unlinked
 * pay none, so a merge that swallows an unrelated number loses to leaving the sentence out.
 */
import { extractNumbersInto, numberLang, NumberList } from '../text/numbers.js';

export type AnchorKind = 'number' | 'quote' | 'question' | 'exclamation' | 'latin' | 'memory';

/** Bonus (nats) for one matched anchor of each kind, before the rarity discount. */
export interface AnchorWeights {
  readonly number: number;
  readonly quote: number;
  readonly question: number;
  readonly exclamation: number;
  readonly latin: number;
  readonly memory: number;
}

const NON_ASCII = /[^\u0000-\u007f]/;
const LATIN_LETTER = /[A-Za-z\uff21-\uff3a\uff41-\uff5a\u00c0-\u024f]/;

/** Latin-script tokens (letters and digits, with inner . ' - joining), lowercased. NFKC folds Ａ to A. */
export function latinTokens(text: string): string[] {
  if (!LATIN_LETTER.test(text)) return [];
  const folded = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  const out: string[] = [];
  const re = /[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*(?:['’.\-][A-Za-z0-9\u00c0-\u024f]+)*/g;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    const t = m[0].toLowerCase();
    if (t.length >= 2) out.push(t);
  }
  return out;
}

/**
 * Name-like tokens of a Latin-script sentence (acronyms, capitalised words after the first word, words
 * with digits): the ones another Latin-script translation keeps unchanged.
 */
export function nameTokens(text: string): string[] {
  const folded = text.normalize('NFKC');
  const out: string[] = [];
  const re = /[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*(?:['’.\-][A-Za-z0-9\u00c0-\u024f]+)*/g;
  let first = true;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    const t = m[0];
    const capital = /^[A-Z\u00c0-\u00de]/.test(t);
    const acronym = /^[A-Z0-9]{2,}$/.test(t);
    const digits = /\d/.test(t);
    if (t.length >= 2 && (acronym || digits || (capital && !first))) out.push(t.toLowerCase());
    first = false;
  }
  return out;
}

/**
 * Anchor keys of one sentence that are compared as a multiset with the other side's keys. `numbers` is
 * the list the sentence's numbers are read into: pass one list for every sentence of an alignment, so
 * reading them reuses its buffers.
 */
export function symmetricAnchors(text: string, lang: string, numbers: NumberList = new NumberList()): Array<{ key: string; kind: AnchorKind }> {
  const out: Array<{ key: string; kind: AnchorKind }> = [];
  const list = extractNumbersInto(text, numberLang(lang), numbers);
  for (let i = 0; i < list.count; i++) {
    out.push({ key: `n:${Number(list.values[i]!.toPrecision(12))}`, kind: 'number' });
  }
  // Quotations: Japanese 「」『』 and both kinds of English double quotes. A straight quote pair counts
  // once. A run of ?! (?!, ！？) is one mark, a question if it holds a question mark.
  let quotes = 0;
  let straight = 0;
  let inRun = false;
  let question = false;
  for (let k = 0; k <= text.length; k++) {
    const c = k < text.length ? text.charCodeAt(k) : 0;
    if (c === 0x300c || c === 0x300e || c === 0x201c || c === 0xab || c === 0x201e) quotes++;
    else if (c === 0x22 || c === 0xff02) straight++;
    const mark = c === 0x3f || c === 0xff1f || c === 0x21 || c === 0xff01;
    if (mark) {
      inRun = true;
      if (c === 0x3f || c === 0xff1f) question = true;
    } else if (inRun) {
      out.push(question ? { key: '?', kind: 'question' } : { key: '!', kind: 'exclamation' });
      inRun = false;
      question = false;
    }
  }
  quotes += Math.ceil(straight / 2);
  for (let q = 0; q < quotes; q++) out.push({ key: 'q', kind: 'quote' });
  return out;
}
