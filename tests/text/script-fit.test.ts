import { describe, expect, it } from 'vitest';
import { scriptContradiction, scriptOf, usualScripts } from '../../src/text/script-fit.js';

const EN = ['Welcome to Angular Japan User Group', 'Join the community', 'Upcoming events and meetups'];
const JA = [
  '北朝鮮兵はロシアで戦っている。',
  '金正恩はその死を資産に変えようとしている。',
  '観客は拍手を送った。',
  '国家楽団の音楽がいっそう高まった。',
  '平壌の空港に到着した遺体は、軍の儀仗兵によって迎えられた。',
];

describe('scriptContradiction: a declared language the letters of the texts contradict', () => {
  it('names English sources declared as Japanese, and the first unit that shows it', () => {
    const c = scriptContradiction('ja', ['12', ...EN]);
    expect(c).toMatchObject({ seen: 'latin', usual: ['han', 'kana'], first: 1, inUsual: 0, suggest: 'en' });
  });

  it('names Japanese sources declared as en-US, and suggests ja (not zh) when there is kana', () => {
    expect(scriptContradiction('en-US', JA)).toMatchObject({ seen: 'kana', usual: ['latin'], first: 0, suggest: 'ja' });
    expect(
      scriptContradiction('en', [
        '这是一个测试句子，用来检查语言。',
        '我们今天去公园散步吧。',
        '这是一个测试句子，用来检查语言。',
        '我们今天去公园散步吧。',
        '明天会下雨吗？',
      ]),
    ).toMatchObject({ suggest: 'zh' });
    expect(scriptContradiction('fr', ['Привет, как у тебя дела сегодня?', 'Сегодня хорошая погода, пойдём гулять.'])).toMatchObject({
      seen: 'cyrillic',
      suggest: 'ru',
    });
  });

  it('lets mixed text be: Japanese software strings full of English, English with a few kanji', () => {
    expect(scriptContradiction('ja', ['{count} 件の Pull Request を merge しました', 'Settings', 'Click OK to continue', 'ファイル'])).toBeUndefined();
    expect(scriptContradiction('en', ['The word 記憶 means memory in Japanese and it is the name of this tool'])).toBeUndefined();
  });

  it('never judges what it cannot: few letters, an unknown language, two languages of one script', () => {
    expect(scriptContradiction('ja', ['OK', 'Cancel', 'Save'])).toBeUndefined(); // under 50 letters
    expect(scriptContradiction('en', ['Benvenuti nella nostra comunità di traduttori italiani'])).toBeUndefined();
    expect(scriptContradiction('zxx', EN)).toBeUndefined();
    expect(usualScripts('zxx')).toBeUndefined();
    expect(scriptContradiction('ja', ['1234567890 !!!! ???? ---- 2026-12-08 12:00'])).toBeUndefined(); // no letters
  });

  it('follows an explicit script subtag (sr-Latn is Latin, sr is Cyrillic)', () => {
    expect(usualScripts('sr-Latn')).toEqual(['latin']);
    expect(usualScripts('sr')).toEqual(['cyrillic']);
    expect(usualScripts('ko')).toEqual(['hangul', 'han']);
  });

  it('classifies letters only', () => {
    expect(['a', 'Z', 'é', 'あ', 'ア', '漢', '한', 'Ж', 'Ω', 'ش', 'ש', 'ก', 'क'].map((c) => scriptOf(c.codePointAt(0)!))).toEqual([
      'latin',
      'latin',
      'latin',
      'kana',
      'kana',
      'han',
      'hangul',
      'cyrillic',
      'greek',
      'arabic',
      'hebrew',
      'thai',
      'devanagari',
    ]);
    expect(['1', '.', ' ', '×', 'ー', '。', '！'].map((c) => scriptOf(c.codePointAt(0)!))).toEqual(Array(7).fill(undefined));
  });
});
