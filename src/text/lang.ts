/**
 * Language tags: the one place that decides what a language tag is, how it is written, and when two
 * tags name the same language. Pure.
 *
 * Every tag kioku reads from a file, a flag or a memory record goes through `parseLanguageTag`, and
 * only its canonical form reaches the model. A tag becomes part of a store path (`<src>_<tgt>/`), so
 * the canonical form is built to be unable to form a path: ASCII letters and digits in subtags joined
 * by `-`, nothing else (no `/`, `\`, `.`, `_`, space), at most MAX_TAG_LENGTH characters.
 *
 * What is accepted (RFC 5646, "well-formed", plus two checks of "valid" that cost nothing):
 * - `language` (2–3 letters, up to three 3-letter extlangs; or 4 or 5–8 letters), then an optional
 *   `script` (4 letters), `region` (2 letters or 3 digits), variants (5–8 letters and digits, or a digit
 *   and 3), extensions (a singleton other than `x`, then subtags of 2–8) and private use (`x-` then
 *   subtags of 1–8); or a private-use tag alone (`x-klingon`). A variant or a singleton may not repeat.
 * - `_` is read as `-`, so POSIX-style `ja_JP` is `ja-JP`. A POSIX codeset or modifier (`ja_JP.UTF-8`,
 *   `sr_RS@latin`) is refused, not stripped: a codeset is no part of a language, and a modifier can be
 *   (sr_RS@latin is sr-Latn-RS), so guessing would store the wrong language; the message says what to
 *   write instead.
 * - Leading and trailing XML whitespace is ignored (XLIFF, TMX and TBX declare these attributes as
 *   `xs:language`, a token type); whitespace inside a tag is refused.
 * - Canonical case (RFC 5646 §2.1.1): language and extlang lower, script title case, region upper,
 *   everything else (variants, and every subtag after a singleton) lower.
 * - Grandfathered tags (RFC 5646 §2.2.8) are replaced by their IANA Preferred-Value (`i-klingon` → `tlh`,
 *   `en-GB-oed` → `en-GB-oxendict`, `zh-min-nan` → `nan`); the irregular ones without one (`i-default`,
 *   `i-enochian`, `i-mingo`) name no language and are refused. The regular ones without one
 *   (`cel-gaulish`, `zh-min`) are well-formed tags and stay as they are.
 * - The five deprecated language subtags that older tools (Java's Locale among them) still write are
 *   replaced by their Preferred-Value: `iw` → `he`, `in` → `id`, `ji` → `yi`, `jw` → `jv`, `mo` → `ro`,
 *   so Hebrew is one language whichever tool wrote it. Other registry entries are not consulted: kioku
 *   checks syntax, not the registry, so `xx` or `english` are tags (of no known language).
 *
 * Two tags name the same language (`sameLanguage`) when their language subtags are equal and they do
 * not declare different scripts or extlangs: the region is ignored (`en-GB` fits `en-US`, `ja` fits
 * `ja-JP`), an absent script fits any (`zh` fits `zh-Hant`, `zh-yue` fits `zh`), two different explicit
 * ones do not (`zh-Hans` is not `zh-Hant`, `sr-Latn` is not `sr-Cyrl`, `zh-yue` is not `zh-cmn`).
 * Variants and extensions are ignored. (An extlang is kept as written, not replaced by its
 * Preferred-Value `yue`: that needs the registry, and `en-USA` — read as extlang `usa` — would become
 * a language of its own.)
 *
 * How a language is written (`writingSystem`), decided once here for every caller:
 * - A declared script decides: `Hani`, `Hans`, `Hant`, `Jpan`, `Hira`, `Kana`, `Hrkt`, `Bopo` → `han`;
 *   `Kore`, `Hang` → `hangul`; any other script → `other` (`ja-Latn`, romanised Japanese, is not CJK).
 * - Otherwise the language subtag: `ja`, `zh` and the Chinese member languages (`yue`, `wuu`, `cmn`,
 *   `lzh`, `hak`, `nan`, `gan`, `hsn`, `cdo`, `cjy`, `cpx`, `czh`, `czo`, `mnp`, `cnp`, `csp`) → `han`;
 *   `ko` → `hangul`; anything else, or a value that is not a tag, → `other`.
 * - `writesCjk` is `han` or `hangul` (a text may hold kanji, kana or hangul); `writesWithoutSpaces` is
 *   `han` only: Korean separates words and sentences with spaces, and so does Thai between sentences.
 *
 * How sentences are joined (`sentenceSeparator`, `joinSentences`), decided by the characters at the
 * seam, so mixed text joins as it is written:
 * - the last character before and the first after are both CJK characters (Han, kana, ー, CJK
 *   punctuation U+3000–303F, full-width forms U+FF01–FF60 and U+FFE0–FFE6, half-width katakana and
 *   punctuation U+FF61–FF9F) → nothing (`…した。` + `次に…`);
 * - both are other characters → one space (`…in 2020.` + `The…`, also in a Japanese document);
 * - one of each, or a side is empty → the language decides: nothing for a `han` language, one space
 *   for every other (`…を参照。` + `See…` is `…を参照。See…` in Japanese, with a space in English).
 * Hangul is an "other" character here: Korean sentences are separated by a space.
 */
import type { Lang, Result } from '../model.js';

/** Longest tag accepted. RFC 5646 §4.4.1 asks for at least 35; 64 leaves room for extensions and keeps a pair folder name (two tags and `_`) far below the 255 bytes a file name may have. */
export const MAX_TAG_LENGTH = 64;

/** A well-formed language tag, split into its parts, every part in canonical case. */
export interface LanguageTag {
  /** The canonical form: what the model and the store hold. */
  readonly tag: Lang;
  /** The language subtag (`ja`, `zh`), or the whole tag for a private-use tag (`x-klingon`). */
  readonly language: string;
  /** Extended language subtags (`yue` of `zh-yue`), joined by `-`. */
  readonly extlang?: string;
  readonly script?: string;
  readonly region?: string;
  readonly variants: readonly string[];
  /** Extensions and private use, each as written from its singleton on (`u-ca-japanese`, `x-foo`). */
  readonly extensions: readonly string[];
}

export type TagProblemKind = 'empty' | 'too-long' | 'posix' | 'malformed' | 'repeated' | 'no-language';

/** Why a value is not a language tag; `message` completes a sentence that starts with the quoted value. */
export interface TagProblem {
  readonly kind: TagProblemKind;
  /** E.g. `is not a language tag (BCP 47, such as ja, en or en-US)`. */
  readonly message: string;
  /**
   * The part of `message` particular to this value, without the examples of a well-formed tag that a
   * message on its own ends with (`is empty: a language tag is needed`): for a caller whose sentence
   * already gives the examples (the CLI's option error).
   */
  readonly reason: string;
}

const EXAMPLES = '(BCP 47, such as ja, en or en-US)';

/** RFC 5646 §2.2.8, with the IANA registry's Preferred-Value (undefined: none). Keys lower case. */
const GRANDFATHERED: ReadonlyMap<string, { readonly irregular: boolean; readonly preferred?: string }> = new Map([
  ['en-gb-oed', { irregular: true, preferred: 'en-GB-oxendict' }],
  ['i-ami', { irregular: true, preferred: 'ami' }],
  ['i-bnn', { irregular: true, preferred: 'bnn' }],
  ['i-default', { irregular: true }],
  ['i-enochian', { irregular: true }],
  ['i-hak', { irregular: true, preferred: 'hak' }],
  ['i-klingon', { irregular: true, preferred: 'tlh' }],
  ['i-lux', { irregular: true, preferred: 'lb' }],
  ['i-mingo', { irregular: true }],
  ['i-navajo', { irregular: true, preferred: 'nv' }],
  ['i-pwn', { irregular: true, preferred: 'pwn' }],
  ['i-tao', { irregular: true, preferred: 'tao' }],
  ['i-tay', { irregular: true, preferred: 'tay' }],
  ['i-tsu', { irregular: true, preferred: 'tsu' }],
  ['sgn-be-fr', { irregular: true, preferred: 'sfb' }],
  ['sgn-be-nl', { irregular: true, preferred: 'vgt' }],
  ['sgn-ch-de', { irregular: true, preferred: 'sgg' }],
  ['art-lojban', { irregular: false, preferred: 'jbo' }],
  ['cel-gaulish', { irregular: false }],
  ['no-bok', { irregular: false, preferred: 'nb' }],
  ['no-nyn', { irregular: false, preferred: 'nn' }],
  ['zh-guoyu', { irregular: false, preferred: 'cmn' }],
  ['zh-hakka', { irregular: false, preferred: 'hak' }],
  ['zh-min', { irregular: false }],
  ['zh-min-nan', { irregular: false, preferred: 'nan' }],
  ['zh-xiang', { irregular: false, preferred: 'hsn' }],
]);

/** Deprecated language subtags still written by older tools, and their Preferred-Value. */
const DEPRECATED_LANGUAGE: ReadonlyMap<string, string> = new Map([
  ['iw', 'he'],
  ['in', 'id'],
  ['ji', 'yi'],
  ['jw', 'jv'],
  ['mo', 'ro'],
]);

const XML_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
/** After `_` → `-`: subtags of ASCII letters and digits, joined by single hyphens. */
const SUBTAGS = /^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
/** `ja_JP.UTF-8`, `en_US@euro`, `sr_RS.UTF-8@latin`: a POSIX locale name, for a helpful refusal. */
const POSIX_LOCALE = /^([A-Za-z]{2,3})(?:_([A-Za-z]{2}|[0-9]{3}))?(?:\.[A-Za-z0-9-]+)?(?:@[A-Za-z0-9]+)?$/;
/** What makes such a name a locale rather than a typo: a `_REGION` before a codeset, or an @modifier. */
const POSIX_MARK = /_[A-Za-z0-9]+\.|@/;

/** A refusal: `reason`, and as its message `reason` followed by the examples unless `examples` is false. */
const problem = (kind: TagProblemKind, reason: string, examples = true): Result<never, TagProblem> => ({
  ok: false,
  error: { kind, message: examples ? `${reason} ${EXAMPLES}` : reason, reason },
});

/**
 * Reads a language tag (see the module comment for what is accepted). The canonical form of an
 * accepted tag matches /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/ and is at most MAX_TAG_LENGTH long.
 */
export function parseLanguageTag(value: string): Result<LanguageTag, TagProblem> {
  const trimmed = value.replace(XML_SPACE, '');
  if (trimmed === '') return problem('empty', 'is empty: a language tag is needed');
  if (trimmed.length > MAX_TAG_LENGTH) return problem('too-long', `is ${trimmed.length} characters long, more than the ${MAX_TAG_LENGTH} of a language tag`);
  const posix = POSIX_LOCALE.exec(trimmed);
  if (posix && POSIX_MARK.test(trimmed)) {
    const suggestion = posix[2] !== undefined ? `${posix[1]!.toLowerCase()}-${posix[2].toUpperCase()}` : posix[1]!.toLowerCase();
    return problem(
      'posix',
      `is a POSIX locale, not a language tag; write ${suggestion}${trimmed.includes('@') ? ' (with the script or variant the @modifier stands for, e.g. sr-Latn-RS for sr_RS@latin)' : ''}`,
      false,
    );
  }
  const hyphenated = trimmed.replace(/_/g, '-');
  if (!SUBTAGS.test(hyphenated)) return problem('malformed', 'is not a language tag');
  const lower = hyphenated.toLowerCase();
  const grandfathered = GRANDFATHERED.get(lower);
  if (grandfathered !== undefined) {
    if (grandfathered.preferred !== undefined) return parseLanguageTag(grandfathered.preferred);
    if (grandfathered.irregular) return problem('no-language', 'is a grandfathered tag that names no language');
  }
  const parsed = parseSubtags(lower.split('-'));
  if (typeof parsed === 'string')
    return problem(
      parsed === 'repeated' ? 'repeated' : 'malformed',
      parsed === 'repeated' ? 'repeats a variant or extension, which a language tag may not' : 'is not a language tag',
    );
  return { ok: true, value: parsed };
}

const ALPHA = /^[a-z]+$/;
const DIGIT = /^[0-9]+$/;

/** RFC 5646 §2.1 `langtag` / `privateuse` over lower-case subtags; the result in canonical case. */
function parseSubtags(subtags: readonly string[]): LanguageTag | 'malformed' | 'repeated' {
  let i = 0;
  const at = () => subtags[i];
  const first = at()!;
  if (first === 'x') {
    const rest = subtags.slice(1);
    if (rest.length === 0 || !rest.every((s) => s.length >= 1 && s.length <= 8)) return 'malformed';
    const tag = subtags.join('-');
    return { tag, language: tag, variants: [], extensions: [tag] };
  }
  if (!ALPHA.test(first) || first.length < 2 || first.length > 8) return 'malformed';
  const language = DEPRECATED_LANGUAGE.get(first) ?? first;
  i++;
  const extlangs: string[] = [];
  if (first.length <= 3) {
    // extlang: up to three 3-letter subtags right after a 2–3 letter language.
    for (let n = 0; n < 3 && at() !== undefined && at()!.length === 3 && ALPHA.test(at()!); n++, i++) extlangs.push(at()!);
  }
  const extlang = extlangs.length > 0 ? extlangs.join('-') : undefined;
  let script: string | undefined;
  if (at() !== undefined && at()!.length === 4 && ALPHA.test(at()!)) {
    script = at()![0]!.toUpperCase() + at()!.slice(1);
    i++;
  }
  let region: string | undefined;
  if (at() !== undefined && ((at()!.length === 2 && ALPHA.test(at()!)) || (at()!.length === 3 && DIGIT.test(at()!)))) {
    region = at()!.toUpperCase();
    i++;
  }
  const variants: string[] = [];
  while (at() !== undefined && isVariant(at()!)) {
    if (variants.includes(at()!)) return 'repeated';
    variants.push(at()!);
    i++;
  }
  const extensions: string[] = [];
  const singletons = new Set<string>();
  while (at() !== undefined && at()!.length === 1 && at() !== 'x') {
    const singleton = at()!;
    if (singletons.has(singleton)) return 'repeated';
    singletons.add(singleton);
    i++;
    const parts: string[] = [];
    while (at() !== undefined && at()!.length >= 2 && at()!.length <= 8) parts.push(subtags[i++]!);
    if (parts.length === 0) return 'malformed';
    extensions.push(`${singleton}-${parts.join('-')}`);
  }
  if (at() === 'x') {
    const parts = subtags.slice(i + 1);
    if (parts.length === 0 || !parts.every((s) => s.length >= 1 && s.length <= 8)) return 'malformed';
    extensions.push(`x-${parts.join('-')}`);
    i = subtags.length;
  }
  if (i !== subtags.length) return 'malformed';
  const tag = [language, extlang, script, region, ...variants, ...extensions].filter((s) => s !== undefined).join('-');
  return {
    tag,
    language,
    ...(extlang !== undefined ? { extlang } : {}),
    ...(script !== undefined ? { script } : {}),
    ...(region !== undefined ? { region } : {}),
    variants,
    extensions,
  };
}

function isVariant(s: string): boolean {
  return (s.length >= 5 && s.length <= 8) || (s.length === 4 && s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57);
}

// --- Cached reading for the comparisons (called per unit on large memories) ------------------------

const CACHE_MAX = 4096;
let cache = new Map<string, LanguageTag | undefined>();

/** parseLanguageTag's value, or undefined; memoised, since memories repeat a handful of tags. */
function cached(value: string): LanguageTag | undefined {
  let hit = cache.get(value);
  if (hit === undefined && !cache.has(value)) {
    if (cache.size >= CACHE_MAX) cache = new Map();
    const r = parseLanguageTag(value);
    hit = r.ok ? r.value : undefined;
    cache.set(value, hit);
  }
  return hit;
}

/** Whether `value` is a language tag already in canonical form (what a store path may be made of). */
export function isCanonicalLanguageTag(value: string): boolean {
  return cached(value)?.tag === value;
}

/**
 * The canonical form of a tag (`en_us` → `en-US`, `ZH-hant-tw` → `zh-Hant-TW`). A value that is not a
 * language tag is returned as it is: use parseLanguageTag to find out, and never build a path from it.
 */
export function canonicalLang(value: string): string {
  return cached(value)?.tag ?? value;
}

/**
 * The language subtag of a tag, lower case: `ja` for `ja-JP`, `zh` for `zh-Hant-TW` and `zh-yue`. The grouping key where the script does not matter (number formats, length ratios);
 * a value that is not a tag gives itself, lower case.
 */
export function primaryLanguage(value: Lang): string {
  return cached(value)?.language ?? value.toLowerCase();
}

/**
 * Whether two tags name the same language (the rule in the module comment): language subtags equal,
 * region ignored, scripts only compared when both tags declare one. Values that are not tags are the
 * same language only as the same string, case aside.
 */
export function sameLanguage(a: Lang, b: Lang): boolean {
  const x = cached(a);
  const y = cached(b);
  if (x === undefined || y === undefined) return a.toLowerCase() === b.toLowerCase();
  if (x.language !== y.language) return false;
  const fits = (p: string | undefined, q: string | undefined) => p === undefined || q === undefined || p === q;
  return fits(x.extlang, y.extlang) && fits(x.script, y.script);
}

/**
 * `VALUE` as an error message quotes it: JSON-escaped (a newline shows as \n), and cut after 40
 * characters so a hostile 1 MB attribute gives a short line.
 */
export function quoteTag(value: string): string {
  const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(cut);
}

/** `srcLang="ja_en/../ja" is not a language tag (BCP 47, such as ja, en or en-US)`: the one wording of a refused tag. */
export function tagProblemMessage(label: string, value: string, p: TagProblem): string {
  return `${label}=${quoteTag(value)} ${p.message}`;
}

// --- Writing systems and joining sentences (the rules in the module comment) ------------------------

/** How a language is normally written: Chinese characters and kana, hangul, or anything else. */
export type WritingSystem = 'han' | 'hangul' | 'other';

const HAN_SCRIPTS = new Set(['Hani', 'Hans', 'Hant', 'Jpan', 'Hira', 'Kana', 'Hrkt', 'Bopo']);
const HANGUL_SCRIPTS = new Set(['Kore', 'Hang']);
const HAN_LANGUAGES = new Set(['ja', 'zh', 'yue', 'wuu', 'cmn', 'lzh', 'hak', 'nan', 'gan', 'hsn', 'cdo', 'cjy', 'cpx', 'czh', 'czo', 'mnp', 'cnp', 'csp']);

/** The writing system of a tag (module comment): a declared script decides, else the language. */
export function writingSystem(tag: Lang): WritingSystem {
  const t = cached(tag);
  if (t === undefined) return 'other';
  if (t.script !== undefined) return HAN_SCRIPTS.has(t.script) ? 'han' : HANGUL_SCRIPTS.has(t.script) ? 'hangul' : 'other';
  if (HAN_LANGUAGES.has(t.language)) return 'han';
  return t.language === 'ko' ? 'hangul' : 'other';
}

/** Languages whose normal writing uses CJK characters (a text in them may contain kana, kanji or hangul). */
export function writesCjk(tag: Lang): boolean {
  return writingSystem(tag) !== 'other';
}

/** Languages written without spaces between words and sentences (Chinese, Japanese; not Korean). */
export function writesWithoutSpaces(tag: Lang): boolean {
  return writingSystem(tag) === 'han';
}

/** A character after which (or before which) CJK text needs no space: Han, kana, CJK punctuation and full-width forms. */
const SEAM_CJK = /^[\p{sc=Han}\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3000-\u303f\uff01-\uff60\uff61-\uff9f\uffe0-\uffe6]$/u;

/** 1: a CJK character, 0: another character, -1: none (empty text). */
function seamKind(text: string, atEnd: boolean): -1 | 0 | 1 {
  if (text.length === 0) return -1;
  let i = atEnd ? text.length - 1 : 0;
  // The last code point may be a surrogate pair (CJK extension B and beyond).
  if (atEnd && i > 0 && (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) i--;
  const c = text.codePointAt(i)!;
  if (c < 0x2e80) return 0;
  return SEAM_CJK.test(String.fromCodePoint(c)) ? 1 : 0;
}

/**
 * What goes between two sentences of a text in `lang` (the rule in the module comment): nothing
 * between CJK characters, a space between other ones, and the language decides a mixed seam.
 */
export function sentenceSeparator(lang: Lang, left: string, right: string): '' | ' ' {
  const a = seamKind(left, true);
  const b = seamKind(right, false);
  if (a === 1 && b === 1) return '';
  if (a === 0 && b === 0) return ' ';
  return writesWithoutSpaces(lang) ? '' : ' ';
}

/** Sentences of `lang` joined into one text, `sentenceSeparator` at each seam. */
export function joinSentences(lang: Lang, sentences: readonly string[]): string {
  let out = sentences[0] ?? '';
  // The seam is between what is joined so far and the next sentence (an empty sentence has no character of its own).
  for (let i = 1; i < sentences.length; i++) out += sentenceSeparator(lang, out, sentences[i]!) + sentences[i]!;
  return out;
}
