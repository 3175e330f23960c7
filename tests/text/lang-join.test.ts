import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalLang, joinSentences, primaryLanguage, sentenceSeparator, writesCjk, writesWithoutSpaces, writingSystem } from '../../src/text/lang.js';
import { writesCjk as scriptWritesCjk } from '../../src/text/script.js';
import * as library from '../../src/index.js';

const HAN_LANGUAGES = ['ja', 'zh', 'yue', 'wuu', 'cmn', 'lzh', 'hak', 'nan', 'gan', 'hsn', 'cdo', 'cjy', 'cpx', 'czh', 'czo', 'mnp', 'cnp', 'csp'];
const OTHER_LANGUAGES = ['en', 'de', 'fr', 'th', 'vi', 'ru', 'ar', 'he', 'xx', 'und'];
const HAN_SCRIPTS = ['Hani', 'Hans', 'Hant', 'Jpan', 'Hira', 'Kana', 'Hrkt', 'Bopo'];
const HANGUL_SCRIPTS = ['Kore', 'Hang'];
const OTHER_SCRIPTS = ['Latn', 'Cyrl', 'Thai', 'Arab', 'Brai'];

const language = fc.constantFrom(...HAN_LANGUAGES, 'ko', ...OTHER_LANGUAGES);
const script = fc.option(fc.constantFrom(...HAN_SCRIPTS, ...HANGUL_SCRIPTS, ...OTHER_SCRIPTS), { nil: undefined });
const region = fc.option(fc.constantFrom('JP', 'CN', 'TW', 'KR', 'US', 'GB', '419'), { nil: undefined });
/** A tag in any case and with `_` or `-`, as files and flags write them. */
const tag = fc.tuple(language, script, region, fc.boolean(), fc.boolean()).map(([l, s, r, upper, underscore]) => {
  const t = [l, s, r].filter((x) => x !== undefined).join(underscore ? '_' : '-');
  return upper ? t.toUpperCase() : t;
});

const CJK_CHARS = ['日', '本', '語', 'あ', 'ア', 'ー', '々', '〆', '。', '、', '「', '」', '！', '（', '）', 'Ａ', '１', 'ｱ', '｡', '𠀋'];
const OTHER_CHARS = ['a', 'Z', '0', '.', '!', '?', ')', '"', 'é', 'ß', 'к', 'ก', '한', '다', ' '];
const text = (chars: readonly string[]) => fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const anyText = fc.array(fc.constantFrom(...CJK_CHARS, ...OTHER_CHARS), { minLength: 0, maxLength: 6 }).map((a) => a.join(''));

const expectedSystem = (t: string): 'han' | 'hangul' | 'other' => {
  const parts = t.replace(/_/g, '-').split('-');
  const s = parts.find((p) => p.length === 4 && /^[a-z]+$/i.test(p));
  if (s !== undefined) {
    const title = s[0]!.toUpperCase() + s.slice(1).toLowerCase();
    return HAN_SCRIPTS.includes(title) ? 'han' : HANGUL_SCRIPTS.includes(title) ? 'hangul' : 'other';
  }
  const l = parts[0]!.toLowerCase();
  return HAN_LANGUAGES.includes(l) ? 'han' : l === 'ko' ? 'hangul' : 'other';
};

describe('writingSystem', () => {
  it('decides by the declared script, else by the language, for any case and separator (fixed seed)', () => {
    fc.assert(
      fc.property(tag, (t) => {
        const w = writingSystem(t);
        expect(w).toBe(expectedSystem(t));
        expect(writingSystem(canonicalLang(t))).toBe(w);
        expect(writesCjk(t)).toBe(w !== 'other');
        expect(writesWithoutSpaces(t)).toBe(w === 'han');
        // Every canonical tag of the old hand-written set {ja, zh, ko} without a script still writes CJK.
        if (['ja', 'zh', 'ko'].includes(primaryLanguage(t)) && expectedSystem(t) !== 'other') expect(writesCjk(t)).toBe(true);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('knows the usual tags and refuses what is not a tag', () => {
    expect(['ja', 'ja-JP', 'zh-Hant-TW', 'zh-yue', 'yue', 'ko-Hani'].map(writingSystem)).toEqual(['han', 'han', 'han', 'han', 'han', 'han']);
    expect(['ko', 'ko-KR', 'ja-Kore'].map(writingSystem)).toEqual(['hangul', 'hangul', 'hangul']);
    expect(['en', 'ja-Latn', 'zh-Latn', 'th', '', 'ja_JP.UTF-8', 'japanese!'].map(writingSystem)).toEqual([
      'other',
      'other',
      'other',
      'other',
      'other',
      'other',
      'other',
    ]);
    expect(writesWithoutSpaces('ko')).toBe(false);
    expect(writesCjk('ko')).toBe(true);
  });

  it('is the writesCjk of script.ts and of the library', () => {
    expect(scriptWritesCjk).toBe(writesCjk);
    expect(library.writesCjk).toBe(writesCjk);
  });
});

describe('sentenceSeparator / joinSentences', () => {
  it('puts nothing between CJK characters and a space between other ones, whatever the language (fixed seed)', () => {
    fc.assert(
      fc.property(
        tag,
        anyText,
        text(CJK_CHARS),
        text(CJK_CHARS),
        text(OTHER_CHARS),
        text(OTHER_CHARS),
        (lang, prefix, cjkLeft, cjkRight, otherLeft, otherRight) => {
          expect(sentenceSeparator(lang, prefix + cjkLeft, cjkRight + prefix)).toBe('');
          expect(sentenceSeparator(lang, prefix + otherLeft, otherRight + prefix)).toBe(' ');
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('lets the language decide a mixed or empty seam: nothing for han languages, else a space (fixed seed)', () => {
    fc.assert(
      fc.property(tag, text(CJK_CHARS), text(OTHER_CHARS), fc.boolean(), (lang, cjk, other, cjkFirst) => {
        const expected = writesWithoutSpaces(lang) ? '' : ' ';
        expect(cjkFirst ? sentenceSeparator(lang, cjk, other) : sentenceSeparator(lang, other, cjk)).toBe(expected);
        expect(sentenceSeparator(lang, '', cjkFirst ? cjk : other)).toBe(expected);
        expect(sentenceSeparator(lang, cjkFirst ? cjk : other, '')).toBe(expected);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('joins with the separator of each seam and adds nothing else (fixed seed)', () => {
    fc.assert(
      fc.property(tag, fc.array(anyText, { maxLength: 6 }), (lang, sentences) => {
        const joined = joinSentences(lang, sentences);
        let expected = sentences[0] ?? '';
        for (let i = 1; i < sentences.length; i++) expected += sentenceSeparator(lang, expected, sentences[i]!) + sentences[i]!;
        expect(joined).toBe(expected);
        const added = joined.length - sentences.reduce((n, s) => n + s.length, 0);
        expect(added).toBeGreaterThanOrEqual(0);
        expect(added).toBeLessThanOrEqual(Math.max(0, sentences.length - 1));
        // A han language adds a space only at a seam of two other characters.
        if (writesWithoutSpaces(lang) && sentences.every((s) => s === '' || CJK_CHARS.includes([...s].at(-1)!))) expect(joined).toBe(sentences.join(''));
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('joins the usual cases as written', () => {
    expect(joinSentences('ja', ['今日は晴れ。', '明日は雨。'])).toBe('今日は晴れ。明日は雨。');
    expect(joinSentences('en', ['It rains.', 'It pours.'])).toBe('It rains. It pours.');
    expect(joinSentences('ja', ['詳細は参照。', 'See the manual.'])).toBe('詳細は参照。See the manual.');
    expect(joinSentences('en', ['See 東京。', '大阪。'])).toBe('See 東京。大阪。');
    expect(joinSentences('ja', ['Released in 2020.', 'The end.'])).toBe('Released in 2020. The end.');
    expect(joinSentences('ko', ['비가 온다.', '바람이 분다.'])).toBe('비가 온다. 바람이 분다.');
    expect(joinSentences('zh-Hant', ['下雨了。', '颳風了。'])).toBe('下雨了。颳風了。');
    expect(joinSentences('ja', [])).toBe('');
    expect(joinSentences('ja', ['一つ'])).toBe('一つ');
  });
});
