import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalLang,
  isCanonicalLanguageTag,
  MAX_TAG_LENGTH,
  parseLanguageTag,
  primaryLanguage,
  quoteTag,
  sameLanguage,
  tagProblemMessage,
} from '../../src/text/lang.js';
import { canonicalLang as tmxCanonicalLang } from '../../src/tmx/index.js';
import * as library from '../../src/index.js';

const tagOf = (value: string): string | undefined => {
  const r = parseLanguageTag(value);
  return r.ok ? r.value.tag : undefined;
};

describe('parseLanguageTag', () => {
  it('accepts well-formed BCP 47 tags and writes them in canonical case', () => {
    const table: Array<[string, string]> = [
      ['ja', 'ja'],
      ['EN', 'en'],
      ['en-us', 'en-US'],
      ['EN-gb', 'en-GB'],
      ['zh-hant-tw', 'zh-Hant-TW'],
      ['ZH-HANS', 'zh-Hans'],
      ['sr-latn-rs', 'sr-Latn-RS'],
      ['es-419', 'es-419'],
      ['de-CH-1901', 'de-CH-1901'],
      ['sl-ROZAJ-biske', 'sl-rozaj-biske'],
      ['ca-ES-VALENCIA', 'ca-ES-valencia'],
      ['zh-yue-HK', 'zh-yue-HK'],
      ['en-US-u-CA-gregory', 'en-US-u-ca-gregory'],
      ['en-a-bbb-b-ccc', 'en-a-bbb-b-ccc'],
      ['ja-JP-x-Kansai', 'ja-JP-x-kansai'],
      ['az-Latn-x-LATN', 'az-Latn-x-latn'],
      ['x-klingon', 'x-klingon'],
      ['X-Private-Use', 'x-private-use'],
      ['qaa-Qaaa-QM-x-southern', 'qaa-Qaaa-QM-x-southern'],
      ['tlh', 'tlh'],
      // 4- and 5–8-letter language subtags are well-formed (reserved / registrable), if unusual.
      ['abcd', 'abcd'],
      ['english', 'english'],
      // POSIX-style underscores, and XML whitespace around the value (xs:language is a token type).
      ['ja_JP', 'ja-JP'],
      ['en_us', 'en-US'],
      ['zh_Hant_TW', 'zh-Hant-TW'],
      ['  en\t', 'en'],
      ['\nja-JP\r\n', 'ja-JP'],
      // Grandfathered tags: replaced by their Preferred-Value where they have one.
      ['i-klingon', 'tlh'],
      ['I-KLINGON', 'tlh'],
      ['en-GB-oed', 'en-GB-oxendict'],
      ['zh-min-nan', 'nan'],
      ['art-lojban', 'jbo'],
      ['no-bok', 'nb'],
      ['sgn-BE-FR', 'sfb'],
      ['zh-min', 'zh-min'],
      ['cel-gaulish', 'cel-gaulish'],
      // Deprecated language subtags older tools (Java's Locale) still write.
      ['iw', 'he'],
      ['iw-IL', 'he-IL'],
      ['in', 'id'],
      ['ji', 'yi'],
      ['jw', 'jv'],
      ['mo', 'ro'],
    ];
    for (const [input, canonical] of table) expect(tagOf(input), input).toBe(canonical);
  });

  it('splits a tag into its parts', () => {
    expect(parseLanguageTag('zh-yue-Hant-HK-1901-u-ca-chinese-x-foo')).toEqual({
      ok: true,
      value: {
        tag: 'zh-yue-Hant-HK-1901-u-ca-chinese-x-foo',
        language: 'zh',
        extlang: 'yue',
        script: 'Hant',
        region: 'HK',
        variants: ['1901'],
        extensions: ['u-ca-chinese', 'x-foo'],
      },
    });
    expect(parseLanguageTag('ja')).toEqual({ ok: true, value: { tag: 'ja', language: 'ja', variants: [], extensions: [] } });
  });

  it('refuses what is not a language tag, saying why', () => {
    const table: Array<[string, string]> = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['a'.repeat(MAX_TAG_LENGTH + 1), 'too-long'],
      [`ja${'-abcdefgh'.repeat(33)}`, 'too-long'],
      ['ja_JP.UTF-8', 'posix'],
      ['en_US@euro', 'posix'],
      ['sr_RS@latin', 'posix'],
      ['ja_en/../ja', 'malformed'],
      ['../other/memory/ja', 'malformed'],
      ['../escaped/ja', 'malformed'],
      ['en/..', 'malformed'],
      ['ja\\en', 'malformed'],
      ['ja.en', 'malformed'],
      ['ja.UTF-8', 'malformed'],
      ['ja en', 'malformed'],
      ['ja\nen', 'malformed'],
      ['ja\u0000', 'malformed'],
      ['ja\u0000en', 'malformed'],
      ['日本語', 'malformed'],
      ['ｊａ', 'malformed'], // full-width letters
      ['\u212aa', 'malformed'], // KELVIN SIGN, which lower-cases to ASCII k
      ['*all*', 'malformed'],
      ['j', 'malformed'],
      ['1234', 'malformed'],
      ['abcdefghi', 'malformed'],
      ['en-', 'malformed'],
      ['-en', 'malformed'],
      ['en--US', 'malformed'],
      ['en__US', 'malformed'],
      ['en-US-US', 'malformed'],
      ['en-a', 'malformed'],
      ['en-x', 'malformed'],
      ['x', 'malformed'],
      ['en-a-x-foo', 'malformed'],
      ['en-abcdefghi', 'malformed'],
      ['english-usa', 'malformed'], // an extlang only follows a 2–3 letter language
      ['de-1901-1901', 'repeated'],
      ['en-a-bbb-a-ccc', 'repeated'],
      ['i-default', 'no-language'],
      ['i-enochian', 'no-language'],
      ['i-mingo', 'no-language'],
      ['i-foo', 'malformed'],
    ];
    for (const [input, kind] of table) {
      const r = parseLanguageTag(input);
      expect(r.ok ? `accepted as ${r.value.tag}` : r.error.kind, JSON.stringify(input)).toBe(kind);
    }
  });

  it('words a refusal as one line, quoting the value short and escaped', () => {
    const r = parseLanguageTag('ja_en/../ja');
    expect(!r.ok && tagProblemMessage('srcLang', 'ja_en/../ja', r.error)).toBe('srcLang="ja_en/../ja" is not a language tag (BCP 47, such as ja, en or en-US)');
    const posix = parseLanguageTag('ja_JP.UTF-8');
    expect(!posix.ok && posix.error.message).toBe('is a POSIX locale, not a language tag; write ja-JP');
    expect(quoteTag('en\n../x')).toBe('"en\\n../x"');
    expect(quoteTag('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(40)}…"`);
  });

  it('gives a canonical form that can never form a path, for any string (fixed seed)', () => {
    // Strings built from what paths and tags are made of, so that many of them are accepted.
    const piece = fc.oneof(
      fc.constantFrom('ja', 'en', 'US', 'Hant', 'zh', '1901', 'x', 'u', 'ca', 'i', 'klingon', 'oed', 'GB', 'abcdefgh', 'JP', '419', 'yue'),
      fc.constantFrom('-', '_', '/', '\\', '.', '..', ' ', '\t', '\n', '\u0000', '@', '*', ':', '%2e', '\u212a', 'ı', 'ſ', 'ｊ', '\u00a0', '\u2028'),
      fc.string({ maxLength: 4 }),
    );
    // Subtags joined mostly by the separators tags use, now and then by one a path uses.
    const subtag = fc.constantFrom('ja', 'EN', 'us', 'Hant', 'zh', '1901', 'x', 'u', 'ca', 'klingon', 'GB', 'abcdefgh', 'jp', '419', 'yue', 'Latn', 'a', 'b');
    const tagLike = fc
      .array(fc.tuple(fc.constantFrom('-', '-', '-', '-', '_', '_', '/', '.', '\\', ' '), subtag), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.map(([sep, sub], i) => (i === 0 ? sub : sep + sub)).join(''));
    const value = fc.oneof(
      tagLike,
      tagLike,
      fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ maxLength: 80 }),
    );
    let accepted = 0;
    fc.assert(
      fc.property(value, (s) => {
        const r = parseLanguageTag(s);
        if (!r.ok) return;
        accepted++;
        const tag = r.value.tag;
        expect(tag).toMatch(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/);
        expect(/[/\\._]/.test(tag)).toBe(false);
        expect(tag.length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
        // Canonical means a fixed point: reading the canonical form gives it back.
        expect(tagOf(tag)).toBe(tag);
        expect(isCanonicalLanguageTag(tag)).toBe(true);
        expect(sameLanguage(s, tag)).toBe(true);
      }),
      { seed: 42, numRuns: 5000 },
    );
    // The property is not vacuous: a good share of the generated values are tags.
    expect(accepted).toBeGreaterThan(400);
  });
});

describe('sameLanguage (the one rule)', () => {
  it('ignores the region and case, not an explicit script', () => {
    const same: Array<[string, string]> = [
      ['ja', 'ja'],
      ['ja', 'ja-JP'],
      ['JA', 'ja_jp'],
      ['en-GB', 'en-US'],
      ['en', 'en-US-u-ca-gregory'],
      ['zh', 'zh-Hant'],
      ['zh-TW', 'zh-Hant'],
      ['zh-Hant-TW', 'zh-Hant-HK'],
      ['zh-yue', 'zh'],
      ['sr-Latn', 'sr-Latn-RS'],
      ['he', 'iw'],
      ['i-klingon', 'tlh'],
    ];
    const different: Array<[string, string]> = [
      ['ja', 'en'],
      ['zh-Hans', 'zh-Hant'],
      ['zh-Hans-CN', 'zh-Hant-CN'],
      ['sr-Latn', 'sr-Cyrl'],
      ['zh-yue', 'zh-cmn'],
      ['en', 'english'],
      ['x-klingon', 'x-vulcan'],
    ];
    for (const [a, b] of same) {
      expect(sameLanguage(a, b), `${a} ~ ${b}`).toBe(true);
      expect(sameLanguage(b, a), `${b} ~ ${a}`).toBe(true);
    }
    for (const [a, b] of different) {
      expect(sameLanguage(a, b), `${a} ≁ ${b}`).toBe(false);
      expect(sameLanguage(b, a), `${b} ≁ ${a}`).toBe(false);
    }
  });

  it('compares values that are not tags only as themselves', () => {
    expect(sameLanguage('../ja', '../ja')).toBe(true);
    expect(sameLanguage('../ja', 'ja')).toBe(false);
    expect(sameLanguage('', 'ja')).toBe(false);
  });

  it('primaryLanguage is the language subtag (the grouping key where the script does not matter)', () => {
    expect(['ja-JP', 'zh-Hant-TW', 'zh-yue-HK', 'EN_us', 'iw', 'i-klingon', 'x-klingon'].map(primaryLanguage)).toEqual([
      'ja',
      'zh',
      'zh',
      'en',
      'he',
      'tlh',
      'x-klingon',
    ]);
  });
});

describe('canonicalLang', () => {
  it('is the canonical form, and the same function through the TMX module and the library', () => {
    expect(canonicalLang('en_us')).toBe('en-US');
    expect(canonicalLang('ZH-hant-tw')).toBe('zh-Hant-TW');
    // Not a tag: returned as it is (parseLanguageTag says why; nothing builds a path from it).
    expect(canonicalLang('../x')).toBe('../x');
    expect(tmxCanonicalLang).toBe(canonicalLang);
    expect(library.canonicalLang).toBe(canonicalLang);
    expect(library.parseLanguageTag).toBe(parseLanguageTag);
  });
});
