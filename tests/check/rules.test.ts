import { describe, expect, it } from 'vitest';
import { doc, unit } from './builders.js';
import { runChecks } from '../../src/check/run.js';
import { RULES } from '../../src/check/rules/index.js';
import { needsNoTranslation, translationOf } from '../../src/check/rules/completeness.js';
import { links } from '../../src/check/rules/punctuation.js';
import { inlineCodes } from '../../src/check/rules/markup.js';
import { measuredLength } from '../../src/check/rules/length.js';
import { TextFlag, textFlags } from '../../src/text/script.js';
import type { BilingualUnit, Finding } from '../../src/model.js';

type Pair = [source: string, target: string | undefined, extra?: Partial<BilingualUnit>];

/** Findings of one rule over units made from [source, target] pairs (ja→en unless said). */
function check(ruleId: string, pairs: readonly Pair[], langs: { source?: string; target?: string } = {}): readonly Finding[] {
  const rule = RULES.find((r) => r.id === ruleId)!;
  expect(rule, ruleId).toBeDefined();
  const units = pairs.map(([s, t, extra], i) => unit(s, t, { id: `u${i}`, line: i + 1, ...extra }));
  return runChecks({ files: [{ file: 'a.xlf', document: doc(units, langs) }] }, { rules: [rule] }).findings;
}

const hits = (ruleId: string, pairs: readonly Pair[], langs?: { source?: string; target?: string }): string[] => check(ruleId, pairs, langs).map((f) => f.unit);

describe('rule list', () => {
  it('has unique kebab-case ids, a severity and a description each', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.description.length).toBeGreaterThan(20);
    }
  });
});

describe('completeness', () => {
  it('untranslated: no target, or the copy of the source in an initial unit', () => {
    expect(
      hits('untranslated', [
        ['兵士', undefined, { state: 'initial' }],
        ['兵士たち', '兵士たち', { state: 'initial' }],
        ['兵士だ', 'soldier', { state: 'translated' }],
        ['兵', '兵', { state: 'translated' }],
      ]),
    ).toEqual(['u0', 'u1']);
  });

  it('empty-target: empty or blank target, not an empty source', () => {
    expect(
      hits('empty-target', [
        ['兵士', ''],
        ['兵士', '  '],
        ['', ''],
        ['兵士', 'soldier'],
      ]),
    ).toEqual(['u0', 'u1']);
  });

  it('same-as-source: identical text needing translation; near misses: URLs, numbers, Latin bylines, names, same language', () => {
    expect(
      hits('same-as-source', [
        ['影響を得るための血', '影響を得るための血'],
        ['[t.me/V_Zelenskiy_official]', '[t.me/V_Zelenskiy_official]'],
        ['2024', '2024'],
        ['[Kim Won Jin/AFP]', '[Kim Won Jin/AFP]'],
        ['Global Watch |', 'Global Watch |'],
        ['影響を得るための血', 'Blood for influence'],
      ]),
    ).toEqual(['u0']);
    expect(hits('same-as-source', [['The war goes on.', 'The war goes on.']], { source: 'en', target: 'fr' })).toEqual(['u0']);
    expect(hits('same-as-source', [['The war goes on.', 'The war goes on.']], { source: 'en-US', target: 'en-GB' })).toEqual([]);
    expect(needsNoTranslation('CNN', 'en')).toBe(true);
    expect(needsNoTranslation('the war goes on', 'en')).toBe(false);
  });

  it('a target of whitespace alone is no translation: whitespace as /\\s/ reads it, line breaks included', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const blank = translationOf({ target: `${ch}\n${ch}`, source: 'x', state: 'translated' }) === undefined;
      if (blank !== /\s/.test(ch)) expect.fail(`U+${c.toString(16)}: ${blank ? 'blank' : 'content'}`);
    }
  });

  it('state-initial and state-needs-review', () => {
    const pairs: Pair[] = [
      ['兵士', 'soldier', { state: 'initial' }],
      ['兵士', 'soldier', { state: 'needs-review' }],
      ['兵士', 'soldier', { state: 'translated' }],
      ['兵士', undefined, { state: 'initial' }],
      ['兵士', 'soldier', { state: 'final' }],
    ];
    expect(hits('state-initial', pairs)).toEqual(['u0']);
    expect(hits('state-needs-review', pairs)).toEqual(['u1']);
  });

  it('state-initial and state-needs-review name the CAT tool’s own status when the reader took it from one', () => {
    const pairs: Pair[] = [
      ['兵士', 'soldier', { state: 'needs-review', producerState: 'mq:status="PartiallyEdited"' }],
      ['兵士', 'soldier', { state: 'initial', producerState: 'sdl: no <sdl:seg> status' }],
    ];
    expect(check('state-needs-review', pairs).map((f) => [f.message, f.actual])).toEqual([
      ['the translation is not confirmed as translated (mq:status="PartiallyEdited")', 'mq:status="PartiallyEdited"'],
    ]);
    expect(check('state-initial', pairs).map((f) => [f.message, f.actual])).toEqual([
      ['the translation was never confirmed (sdl: no <sdl:seg> status)', 'sdl: no <sdl:seg> status'],
    ]);
  });
});

describe('numbers', () => {
  it('accepts the article numbers however the translator writes them', () => {
    const pairs: Pair[] = [
      ['昨年10月に1万1千人を派遣した。', 'It sent 11,000 people last October.'],
      ['昨年10月に1万1千人を派遣した。', 'It sent eleven thousand people in October last year.'],
      ['約1万5千人が派遣された。', 'About 15 thousand were sent.'],
      ['３．５倍になった。', 'It grew 3.5 times.'],
      ['2024年の協定。', 'The 2024 agreement.'],
      ['4月25日に行進した。', 'They marched on 25 April.'],
      ['第2次派遣として4千人。', 'A second deployment of 4,000.'],
      ['創設93周年。', 'The 93rd anniversary.'],
      ['7か月間占拠した。', 'It held it for seven months.'],
      ['フライトは週2回運航されている。', 'Flights operate twice a week.'],
      ['1日間のサミット。', 'A day-long summit.'],
      ['1420年（応永27年）に生まれた。', 'Born in 1420.'],
    ];
    expect(check('numbers', pairs)).toEqual([]);
    expect(check('numbers-extra', pairs)).toEqual([]);
  });

  it('reports a wrong or missing number, once per value', () => {
    const f = check('numbers', [
      ['最大3万人の軍隊', 'up to 3,000 troops'],
      ['600人と600人', 'several hundred'],
      ['4月25日', 'on April 26'],
      ['2月に述べた。', 'she wrote.'],
    ]);
    expect(f.map((x) => [x.unit, x.expected])).toEqual([
      ['u0', '30000'],
      ['u1', '600'],
      ['u2', '25'],
      ['u3', '2'],
    ]);
    expect(f[0]!.message).toBe('the source number 3万 (30000) is missing from the target');
    expect(f[0]!.actual).toBe('3,000');
  });

  it('numbers-extra: a digit number of the target not in the source; placeholders are not numbers', () => {
    expect(
      hits('numbers-extra', [
        ['兵士が来た。', 'In 2023 soldiers came.'],
        ['兵士が来た。', 'Soldiers came {0}.'],
        ['二人が来た。', 'The 2 came.'],
        ['兵士が来た。', 'Soldiers came.'],
      ]),
    ).toEqual(['u0']);
  });

  it('is off for languages whose numbers it does not read', () => {
    expect(check('numbers', [['Il y a 3 chats.', 'Es gibt 4 Katzen.']], { source: 'fr', target: 'de' })).toEqual([]);
  });

  it('works en→ja too', () => {
    expect(
      hits(
        'numbers',
        [
          ['11,000 troops', '1万1千人の兵士'],
          ['seven months and 30,000 troops', '7か月、3千人'],
        ],
        { source: 'en', target: 'ja' },
      ),
    ).toEqual(['u1']);
  });
});

describe('markup', () => {
  it('tags: the same placeholders and tags; near misses: percent signs, reordered codes, attributes', () => {
    expect(
      hits('tags', [
        ['{0}人が<b>死亡</b>した', '{0} <b>died</b>'],
        ['{0}人が死亡', 'died'],
        ['50%が%sを', '50% of %s'],
        ['%1$s と %2$s', '%2$s and %1$s'],
        ['<a href="x">リンク</a>', '<a href="y">link</a>'],
        ['<b>死亡</b>', '<i>died</i>'],
        ['死亡', 'died {name}'],
      ]),
    ).toEqual(['u1', 'u5', 'u6']);
    const f = check('tags', [['<b>死亡</b>', '<i>died</i>']])[0]!;
    expect(f.message).toBe('inline tags/placeholders differ: missing <b> </b>; not in the source <i> </i>');
  });

  it('tags compares XLIFF inline codes kept by the reader', () => {
    const open = { name: 'g', kind: 'open' as const, id: '1', offset: 0 };
    const close = { name: 'g', kind: 'close' as const, id: '1', offset: 2 };
    const x = { name: 'x', kind: 'standalone' as const, id: '2', offset: 2 };
    expect(
      hits('tags', [
        ['死亡', 'died', { sourceTags: [open, close], targetTags: [open, close] }],
        ['死亡', 'died', { sourceTags: [open, close, x], targetTags: [open, close] }],
      ]),
    ).toEqual(['u1']);
  });

  it('tags-unbalanced: target tags that do not nest, when the source ones do', () => {
    expect(
      hits('tags-unbalanced', [
        ['<b>死亡</b>', '</b>died<b>'],
        ['<b>死亡</b>', '<b>died'],
        ['<b>死亡', '<b>died'],
        ['<b>死亡</b>', '<b>died</b>'],
      ]),
    ).toEqual(['u0', 'u1']);
    const bpt = { name: 'bpt', kind: 'open' as const, id: '1', offset: 0 };
    const ept = { name: 'ept', kind: 'close' as const, id: '1', offset: 1 };
    const bpt2 = { name: 'bpt', kind: 'open' as const, id: '2', offset: 1 };
    const ept2 = { name: 'ept', kind: 'close' as const, id: '2', offset: 2 };
    expect(hits('tags-unbalanced', [['ab', 'ab', { sourceTags: [bpt, bpt2, ept2, ept], targetTags: [bpt, bpt2, ept, ept2] }]])).toEqual(['u0']);
  });

  it('inlineCodes finds the usual placeholder syntaxes and not prose', () => {
    const codes = (s: string) => inlineCodes(s, textFlags(s)).map((c) => c.key);
    expect(codes('{0} {name} {{count}} ${user} %s %1$d %(name)s <br/> <b>x</b>')).toEqual([
      '{0}',
      '{name}',
      '{{count}}',
      '${user}',
      '%s',
      '%1$d',
      '%(name)s',
      '<br/>',
      '<b>',
      '</b>',
    ]);
    expect(codes('50% increase, 10 % discount, a < b and c > d, 100%の兵士')).toEqual([]);
  });
});

describe('script', () => {
  it('source-script: kana/kanji in an English target; near misses: a Japanese target, identical copy', () => {
    expect(
      hits('source-script', [
        ['平壌で', 'in 平壌'],
        ['平壌で', 'in Pyongyang'],
        ['ウクライナ', 'ウクライナ'],
      ]),
    ).toEqual(['u0']);
    expect(hits('source-script', [['in Pyongyang', '平壌で']], { source: 'en', target: 'ja' })).toEqual([]);
  });

  it('fullwidth-chars: 。、「」（）ＡＢ１ in an English target; near misses: a Japanese target, curly quotes', () => {
    expect(
      hits('fullwidth-chars', [
        ['兵士。', 'Soldiers。'],
        ['兵士、', 'Soldiers、 too'],
        ['「兵士」', '「Soldiers」'],
        ['兵士', 'ＦＰＶ drones'],
        ['兵士', 'Soldiers\u3000came'],
        ['兵士', '“Soldiers” — came…'],
      ]),
    ).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(check('fullwidth-chars', [['兵士', 'Soldiers。']])[0]!.expected).toBe('.');
    expect(hits('fullwidth-chars', [['Soldiers.', '兵士。']], { source: 'en', target: 'ja' })).toEqual([]);
  });
});

describe('punctuation', () => {
  it('brackets: unpaired in the target while paired in the source', () => {
    expect(
      hits('brackets', [
        ['クルスク(ロシア)', 'Kursk (Russia'],
        ['「戦う」と誓う', '“fight” he vowed'],
        ['「戦う」と誓う', '“fight he vowed'],
        ['「戦う」と誓う', '"fight he vowed'],
        ['「今日、戦闘員たちは', '“Today, fighters'],
        ['国の英雄', "the country's heroes"],
      ]),
    ).toEqual(['u0', 'u2', 'u3']);
  });

  it('end-punctuation: lost or gained final stops, questions, ASCII period in Japanese', () => {
    expect(
      hits('end-punctuation', [
        ['観客は拍手を送った。', 'The audience applauded'],
        ['影響を得るための血', 'Blood for influence.'],
        ['気に入りましたか？', 'Did you enjoy it.'],
        ['観客は拍手を送った。', 'The audience applauded.'],
        ['「戦う」と誓った。', 'He vowed to “fight.”'],
        ['気に入りましたか。', 'Did you enjoy it?'],
        ['国際問題', 'International Affairs'],
        ['北朝鮮兵が参加した。[キム/AFP通信]', 'Soldiers took part. [Kim/AFP]'],
      ]),
    ).toEqual(['u0', 'u1', 'u2']);
    expect(
      hits(
        'end-punctuation',
        [
          ['The audience applauded.', '観客は拍手を送った.'],
          ['The audience applauded.', '観客は拍手を送った。'],
        ],
        { source: 'en', target: 'ja' },
      ),
    ).toEqual(['u0']);
  });

  it('edge-whitespace, double-space, double-word', () => {
    expect(
      hits('edge-whitespace', [
        ['兵士', ' soldier'],
        ['兵士', 'soldier '],
        [' 兵士', ' soldier'],
        ['兵士', 'soldier'],
      ]),
    ).toEqual(['u0', 'u1']);
    expect(
      hits('double-space', [
        ['兵士', 'the  soldier'],
        ['兵士  です', 'the  soldier'],
        ['兵士', 'the soldier'],
        ['兵士', 'the soldier  '],
      ]),
    ).toEqual(['u0']);
    expect(
      hits('double-word', [
        ['兵士', 'the the soldier'],
        ['兵士', 'The the soldier'],
        ['兵士', 'he had had enough'],
        ['兵士', 'the theme'],
        ['兵士', 'the soldier, the soldier'],
      ]),
    ).toEqual(['u0', 'u1']);
  });

  it('urls: every URL and e-mail of the source, exactly', () => {
    expect(
      hits('urls', [
        ['[t.me/V_Zelenskiy_official]', '[t.me/V_Zelenskiy_official]'],
        ['[t.me/V_Zelenskiy_official]', '[t.me/V_Zelensky_official]'],
        ['詳細はhttps://example.com/a?b=1。', 'See https://example.com/a?b=1.'],
        ['詳細はhttps://example.com/a。', 'See http://example.com/a.'],
        ['連絡先: info@example.org', 'Contact: info@example.org'],
        ['連絡先: info@example.org', 'Contact: info@example.com'],
        ['3/4の兵士', 'three quarters of the soldiers'],
      ]),
    ).toEqual(['u1', 'u3', 'u5']);
    expect(links('see (https://en.wikipedia.org/wiki/Kursk_(region)). and www.example.com, x@y.jp.')).toEqual([
      'https://en.wikipedia.org/wiki/Kursk_(region)',
      'www.example.com',
      'x@y.jp',
    ]);
  });
});

describe('length-ratio', () => {
  it('flags only gross ja→en length mismatches of judged lengths', () => {
    const long = 'これは、今後さらに多くの戦死者が出ることを示唆している。';
    expect(
      hits('length-ratio', [
        [long, 'It suggests that more deaths are to come.'],
        [long, 'More.'],
        [long, 'It suggests that more deaths are to come. '.repeat(12)],
        ['国際問題', 'International Affairs of the World Today'],
        ['Global Watch |', 'Global Watch |'],
      ]),
    ).toEqual(['u1', 'u2']);
    expect(measuredLength('  a  b ')).toBe(3);
    expect(measuredLength('𠮷野家')).toBe(3);
  });
});

describe('consistency', () => {
  it('the same source translated differently in the files, or unlike every memory translation', () => {
    const rule = RULES.find((r) => r.id === 'consistency')!;
    const a = doc([
      unit('兵士が来た。', 'Soldiers came.', { id: 'a1', line: 3 }),
      unit('兵士が来た。', 'The soldiers came.', { id: 'a2', line: 9 }),
      unit('観客', 'The audience', { id: 'a3', line: 12 }),
    ]);
    const b = doc([unit('兵士が来た。', 'Soldiers came.', { id: 'b1', line: 5 }), unit('観客', 'Audience', { id: 'b2', line: 7, state: 'needs-review' })]);
    const r = runChecks(
      {
        files: [
          { file: 'a.xlf', document: a },
          { file: 'b.xlf', document: b },
        ],
      },
      { rules: [rule] },
    );
    expect(r.findings.map((f) => `${f.file}:${f.unit}`)).toEqual(['a.xlf:a1', 'a.xlf:a2', 'b.xlf:b1']);
    expect(r.findings[1]!.message).toBe('the same source is translated differently in a.xlf:3, b.xlf:5: “Soldiers came.”');
    const tu = (source: string, target: string) => ({
      id: source,
      sourceLang: 'ja',
      targetLang: 'en',
      source,
      target,
      state: 'translated' as const,
      provenance: { document: 'd', segment: 's', created: '', changed: '' },
    });
    const m = runChecks(
      {
        files: [{ file: 'a.xlf', document: doc([unit('観客', 'The audience', { id: 'x' }), unit('兵士', 'Soldiers', { id: 'y' })]) }],
        memory: [tu('観客', 'Audience'), tu('兵士', 'Soldiers'), tu('兵士', 'Troops')],
      },
      { rules: [rule] },
    );
    expect(m.findings.map((f) => f.unit)).toEqual(['x']);
    expect(m.findings[0]!.expected).toBe('Audience');
  });
});

describe('whitespace and NFC read as the regular expressions and trim() read them', () => {
  it('length-ratio: a Japanese source under ten kana and kanji is not judged, whatever else it holds', () => {
    expect(
      hits('length-ratio', [
        ['「はい」と、彼は言った。', 'Yes.'],
        ['北朝鮮兵は訓練されているものの、戦術は時代遅れだ。', 'Yes.'],
      ]),
    ).toEqual(['u1']);
  });

  it('length-ratio: whitespace runs of any kind count once', () => {
    const source = 'The soldiers were sent to the front line.';
    expect(hits('length-ratio', [[source, 'Les soldats\u3000\u3000\u3000\u3000 ont été envoyés.']], { source: 'en', target: 'fr' })).toEqual([]);
    expect(measuredLength('a\u3000 \u2009b')).toBe(3 + 1);
  });

  it('double-word: words repeated across any whitespace', () => {
    expect(
      hits('double-word', [
        ['兵士', 'the\u3000the soldier'],
        ['兵士', 'the\u2009the soldier'],
        ['兵士', 'the\u00a0the soldier'],
        ['兵士', 'the-the soldier'],
      ]),
    ).toEqual(['u0', 'u1', 'u2']);
  });

  it('same-as-source: the texts compared without any edge whitespace', () => {
    expect(
      hits('same-as-source', [
        ['影響を得るための血', '\u2009影響を得るための血\u3000'],
        ['影響を得るための血', '\ufeff影響を得るための血'],
      ]),
    ).toEqual(['u0', 'u1']);
  });

  it('consistency: sources equal after NFC and whitespace folding are the same source; others listed in checking order', () => {
    const approved = { state: 'translated' as const };
    expect(
      hits('consistency', [
        ['a\u2003b の兵士', 'A', approved],
        ['a b の兵士', 'B', approved],
      ]),
    ).toEqual(['u0', 'u1']);
    // U+212B ANGSTROM SIGN and U+F900 (a CJK compatibility ideograph) are changed by NFC without a combining mark.
    expect(
      hits('consistency', [
        ['\u212b の兵士', 'A', approved],
        ['\u00c5 の兵士', 'B', approved],
      ]),
    ).toEqual(['u0', 'u1']);
    expect(
      hits('consistency', [
        ['\uf900の兵士', 'A', approved],
        ['\u8c48の兵士', 'B', approved],
      ]),
    ).toEqual(['u0', 'u1']);
    const findings = check('consistency', [
      ['兵士たち', 'A', approved],
      ['兵士たち', 'B', approved],
      ['兵士たち', 'C', approved],
      ['兵士たち', 'B', approved],
    ]);
    expect(findings[0]!.message).toMatch(/translated differently in a\.xlf:2, a\.xlf:3, a\.xlf:4:/);
  });

  it('the flags: EDGE_SPACE and OTHER_SPACE for exactly what /\\s/ matches; without COMBINING, NFC changes nothing', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      const edge = (textFlags(`${ch}x`) & TextFlag.EDGE_SPACE) !== 0;
      if (edge !== /\s/.test(ch)) throw new Error(`U+${c.toString(16)}: EDGE_SPACE ${edge}, /\\s/ ${!edge}`);
      const other = (textFlags(`x${ch}x`) & TextFlag.OTHER_SPACE) !== 0;
      if (other !== (ch !== ' ' && /\s/.test(ch))) throw new Error(`U+${c.toString(16)}: OTHER_SPACE ${other}`);
      const text = `A${ch}B`;
      if ((textFlags(text) & TextFlag.COMBINING) === 0 && text.normalize('NFC') !== text)
        throw new Error(`U+${c.toString(16)}: NFC changes ${JSON.stringify(text)} without COMBINING`);
    }
  });
});

describe('placeholders of software strings', () => {
  const codes = (s: string) => inlineCodes(s, textFlags(s)).map((c) => c.key);

  it('reads ICU plural and select arguments as one placeholder, whatever their branches say', () => {
    expect(codes('{VAR_PLURAL, plural, =1 {map} other {maps}}')).toEqual(['{VAR_PLURAL, plural}']);
    expect(codes('{count, plural, one {<b>#</b> item} other {{count} items}} in {folder}')).toEqual(['{count, plural}', '{folder}']);
    expect(codes('{gender, select, male {he} female {she} other {they}} said')).toEqual(['{gender, select}']);
    // A plural that never closes is prose with braces.
    expect(codes('{n, plural, one {x}')).toEqual(['{x}']);
  });

  it('knows printf, Apple, Python, Ruby, Symfony, .NET and ICU simple forms', () => {
    expect(codes('%1$@Uhr %@ %lld %.2f %(name)s %{name} %<name>s %count% {0:N2} {0, number} {name!r}')).toEqual([
      '%1$@',
      '%@',
      '%lld',
      '%.2f',
      '%(name)s',
      '%{name}',
      '%<name>s',
      '%count%',
      '{0:N2}',
      '{0, number}',
      '{name!r}',
    ]);
    expect(codes('100%off, 50% increase, 10 % discount')).toEqual([]);
  });

  it('reads <br> as the empty element it is', () => {
    expect(codes('a<br>b<br/>c<BR>')).toEqual(['<br/>', '<br/>', '<BR/>']);
    expect(hits('tags-unbalanced', [['line<br/>two', 'ligne<br>deux']])).toEqual([]);
    expect(hits('tags', [['line<br/>two', 'ligne<br>deux']])).toEqual([]);
  });

  it('a plural translated with other categories is not a difference; a lost placeholder is', () => {
    expect(hits('tags', [['{n, plural, =1 {one map} other {# maps}}', '{n, plural, other {# 個のマップ}}']])).toEqual([]);
    expect(hits('tags', [['%1$@ followed you', 'フォローされました']])).toEqual(['u0']);
    expect(hits('numbers', [['{n, plural, =1 {one map} other {# maps}}', '{n, plural, other {# 個のマップ}}']])).toEqual([]);
  });
});
