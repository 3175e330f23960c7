import { NO_FINDINGS, finding, type UnitRule } from '../types.js';
import { TextFlag } from '../../text/script.js';

const CJK_RUN = /[\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Han}\p{sc=Hangul}ー々〆]+/gu;

export const sourceScript: UnitRule = {
  scope: 'unit',
  id: 'source-script',
  severity: 'error',
  category: 'script',
  when: { target: TextFlag.KANA | TextFlag.KANJI | TextFlag.HANGUL },
  description:
    'Kana, kanji or hangul left in a target whose language is not written with them (an untranslated word or a pasted fragment in an English target).',
  check(cu, ctx) {
    if ((cu.targetFlags & (TextFlag.KANA | TextFlag.KANJI | TextFlag.HANGUL)) === 0 || cu.identical || ctx.targetCjk) return NO_FINDINGS;
    const runs = [...new Set(cu.translation!.match(CJK_RUN) ?? [])];
    if (runs.length === 0) return NO_FINDINGS;
    return [
      finding(this, cu, `the ${ctx.targetLang} target contains CJK text: ${runs.slice(0, 5).join(', ')}`, {
        actual: runs.join(' '),
        expected: `only ${ctx.targetLang} script`,
      }),
    ];
  },
};

const FULLWIDTH = /[\u3000-\u3004\u3008-\u303f\u30fb\uff01-\uff65]/g;
const ASCII_FOR: Readonly<Record<string, string>> = {
  '\u3000': 'space',
  '、': ',',
  '。': '.',
  '「': '“',
  '」': '”',
  '『': '‘',
  '』': '’',
  '【': '[',
  '】': ']',
  '〔': '(',
  '〕': ')',
  '《': '“',
  '》': '”',
  '〈': '‘',
  '〉': '’',
  '〜': '~',
  '・': '·',
  '〃': '"',
};
const asciiOf = (c: string): string => {
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return ASCII_FOR[c] ?? '?';
};

export const fullwidthChars: UnitRule = {
  scope: 'unit',
  id: 'fullwidth-chars',
  severity: 'error',
  category: 'script',
  when: { target: TextFlag.FULLWIDTH_PUNCT | TextFlag.FULLWIDTH_ALNUM },
  description: 'Full-width punctuation or letters (。、「」（）！？ＡＢ１２, the ideographic space) in a target whose language uses ASCII punctuation.',
  check(cu, ctx) {
    if ((cu.targetFlags & (TextFlag.FULLWIDTH_PUNCT | TextFlag.FULLWIDTH_ALNUM)) === 0 || cu.identical || ctx.targetCjk) return NO_FINDINGS;
    const chars = [...new Set(cu.translation!.match(FULLWIDTH) ?? [])];
    if (chars.length === 0) return NO_FINDINGS;
    return [
      finding(this, cu, `full-width characters in the ${ctx.targetLang} target: ${chars.map((c) => (c === '\u3000' ? 'U+3000' : c)).join(' ')}`, {
        actual: chars.join(''),
        expected: chars.map(asciiOf).join(' '),
      }),
    ];
  },
};
