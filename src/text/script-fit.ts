/**
 * Does a text fit the language it is declared in? Files from other tools declare languages that are
 * wrong (an Angular catalogue with `source-language="ja"` over English sources; a template copied
 * from another project), and a memory filed under the wrong pair is silently useless: its units are
 * never offered for the real pair. Only the script can be judged without a language model, so the
 * rule is deliberately narrow and never fires on mixed text:
 *
 * - the letters of every text are counted by script (digits, punctuation and symbols are not letters);
 * - the language's usual scripts come from CLDR's likely subtags (`Intl.Locale#maximize`: `ja` →
 *   Jpan = Han + kana, `ru` → Cyrillic, `en-US` → Latin; an explicit script subtag decides);
 * - a contradiction needs at least MIN_LETTERS letters, under EXPECTED_SHARE of them in the usual
 *   scripts, and one other script (Han and kana count as one) holding at least DOMINANT_SHARE of them.
 *
 * So Japanese software strings full of English words still fit `ja`, English with a few kanji still
 * fits `en`, and a language whose script kioku does not classify (or whose tag CLDR cannot maximize) is
 * never contradicted. Italian declared as English is not caught: both are Latin.
 */
import type { Lang } from '../model.js';
import { isKana, isKanji } from './script.js';

export type Script = 'latin' | 'han' | 'kana' | 'hangul' | 'cyrillic' | 'greek' | 'arabic' | 'hebrew' | 'thai' | 'devanagari';

export const MIN_LETTERS = 50;
export const EXPECTED_SHARE = 0.1;
export const DOMINANT_SHARE = 0.6;

/** ISO 15924 codes (as CLDR maximizes a tag) → the scripts kioku counts. */
const USUAL: Readonly<Record<string, readonly Script[]>> = {
  Latn: ['latin'],
  Jpan: ['han', 'kana'],
  Hira: ['kana'],
  Kana: ['kana'],
  Hrkt: ['kana'],
  Hans: ['han'],
  Hant: ['han'],
  Hani: ['han'],
  Kore: ['hangul', 'han'],
  Hang: ['hangul'],
  Cyrl: ['cyrillic'],
  Grek: ['greek'],
  Arab: ['arabic'],
  Hebr: ['hebrew'],
  Thai: ['thai'],
  Deva: ['devanagari'],
};

/** The scripts a language is usually written in, or undefined when kioku cannot tell. */
export function usualScripts(lang: Lang): readonly Script[] | undefined {
  let script: string | undefined;
  try {
    script = new Intl.Locale(lang).maximize().script;
  } catch {
    return undefined;
  }
  return script === undefined ? undefined : USUAL[script];
}

/** The script of one code point, if it is a letter of a script kioku counts. */
export function scriptOf(c: number): Script | undefined {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return 'latin';
  if (c < 0xc0) return undefined;
  if (c <= 0x24f) return c === 0xd7 || c === 0xf7 ? undefined : 'latin';
  if (c >= 0x1e00 && c <= 0x1eff) return 'latin';
  if (c >= 0x370 && c <= 0x3ff) return 'greek';
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if (c >= 0x591 && c <= 0x5f4) return 'hebrew';
  if ((c >= 0x620 && c <= 0x64a) || (c >= 0x66e && c <= 0x6d3) || (c >= 0x750 && c <= 0x77f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc))
    return 'arabic';
  if (c >= 0x904 && c <= 0x939) return 'devanagari';
  if (c >= 0xe01 && c <= 0xe30) return 'thai';
  if ((c >= 0x1100 && c <= 0x11ff) || (c >= 0x3131 && c <= 0x318e) || (c >= 0xac00 && c <= 0xd7a3)) return 'hangul';
  if (c === 0x30fc || c === 0x30fb) return undefined; // the prolonged sound mark and the middle dot: not letters of their own
  if (isKana(c)) return 'kana';
  if (c >= 0x20000 && c <= 0x3134f) return 'han';
  if (isKanji(c) && c < 0xd800) return 'han';
  return undefined;
}

export interface ScriptContradiction {
  /** The script most letters are in. */
  readonly seen: Script;
  /** The language's usual scripts. */
  readonly usual: readonly Script[];
  /** Index of the first text with letters of `seen` and none of the usual scripts (the one to name). */
  readonly first: number;
  /** Letters counted, and how many of them are in the usual scripts. */
  readonly letters: number;
  readonly inUsual: number;
  /** A language to name in the hint (`--source-lang ja`): a guess for the message only, never applied. */
  readonly suggest: Lang;
}

/** Counting stops here: enough letters to decide, and a 1M-unit file is not read twice over. */
const ENOUGH_LETTERS = 20_000;

/** Whether `texts` contradict `lang` (the rule in the module comment); undefined when they fit or kioku cannot tell. */
export function scriptContradiction(lang: Lang, texts: readonly string[]): ScriptContradiction | undefined {
  const usual = usualScripts(lang);
  if (usual === undefined) return undefined;
  const counts = new Map<Script, number>();
  let letters = 0;
  for (let t = 0; t < texts.length && letters < ENOUGH_LETTERS; t++) {
    const text = texts[t]!;
    for (const ch of text) {
      const s = scriptOf(ch.codePointAt(0)!);
      if (s === undefined) continue;
      counts.set(s, (counts.get(s) ?? 0) + 1);
      letters++;
    }
  }
  if (letters < MIN_LETTERS) return undefined;
  const inUsual = usual.reduce((n, s) => n + (counts.get(s) ?? 0), 0);
  if (inUsual >= letters * EXPECTED_SHARE) return undefined;
  // Japanese mixes Han and kana in about equal parts: they dominate together.
  const group = (x: Script) => (x === 'kana' ? 'han' : x);
  const byGroup = new Map<Script, number>();
  for (const [x, n] of counts) if (!usual.includes(x)) byGroup.set(group(x), (byGroup.get(group(x)) ?? 0) + n);
  let top: Script | undefined;
  let most = 0;
  for (const [g, n] of byGroup) if (n > most) [top, most] = [g, n];
  if (top === undefined || most < letters * DOMINANT_SHARE) return undefined;
  let seen: Script = top;
  for (const [x, n] of counts) if (!usual.includes(x) && group(x) === top && n > (counts.get(seen) ?? 0)) seen = x;
  let first = 0;
  for (let t = 0; t < texts.length; t++) {
    let hasSeen = false;
    let hasUsual = false;
    for (const ch of texts[t]!) {
      const s = scriptOf(ch.codePointAt(0)!);
      if (s === seen) hasSeen = true;
      else if (s !== undefined && usual.includes(s)) hasUsual = true;
    }
    if (hasSeen && !hasUsual) {
      first = t;
      break;
    }
  }
  const kana = counts.get('kana') ?? 0;
  const suggest = (seen === 'han' || seen === 'kana') && kana > 0 ? 'ja' : (GUESS[seen] ?? 'en');
  return { seen, usual, first, letters, inUsual, suggest };
}

/** The language a script suggests when it is the one seen (Latin: no guess, the hint says `en`). */
const GUESS: Partial<Record<Script, Lang>> = {
  han: 'zh',
  kana: 'ja',
  hangul: 'ko',
  cyrillic: 'ru',
  greek: 'el',
  arabic: 'ar',
  hebrew: 'he',
  thai: 'th',
  devanagari: 'hi',
};
