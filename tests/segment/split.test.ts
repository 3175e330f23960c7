import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSES, segment, splitParagraph } from '../../src/segment/index.js';

/** The sentences of a text (one or more lines) as kioku splits them. */
function ja(text: string): string[] {
  return segment(text, { lang: 'ja' }).segments.map((s) => s.text);
}
function en(text: string): string[] {
  return segment(text, { lang: 'en' }).segments.map((s) => s.text);
}

/** The sentences of one line with one named pass left out, to show what that pass does. */
function without(name: string, line: string, lang: 'ja' | 'en'): string[] {
  const passes = DEFAULT_PASSES.filter((p) => p.name !== name);
  expect(passes.length).toBe(DEFAULT_PASSES.length - 1);
  return splitParagraph(line, lang, { passes }).map(([s, e]) => line.slice(s, e));
}

describe('Japanese', () => {
  it('splits after 。！？ and after runs such as ？！', () => {
    expect(ja('これはペンです。それはマーカーです。')).toEqual(['これはペンです。', 'それはマーカーです。']);
    expect(ja('それは何ですか？ペンですか？')).toEqual(['それは何ですか？', 'ペンですか？']);
    expect(ja('良かったね！すごい！')).toEqual(['良かったね！', 'すごい！']);
    expect(ja('本当ですか？！信じられない。')).toEqual(['本当ですか？！', '信じられない。']);
    expect(ja('本当!?信じられない!!まさか｡')).toEqual(['本当!?', '信じられない!!', 'まさか｡']);
    expect(ja('なぜだ？？？わからない。。。。次へ。')).toEqual(['なぜだ？？？', 'わからない。。。。', '次へ。']);
  });

  it('never splits inside 「」『』（）() or quotation marks', () => {
    expect(ja('彼は「今日は晴れ。明日は雨。」と言った。')).toEqual(['彼は「今日は晴れ。明日は雨。」と言った。']);
    expect(ja('書名は『吾輩は猫である。名前はまだ無い。』だ。次の文。')).toEqual(['書名は『吾輩は猫である。名前はまだ無い。』だ。', '次の文。']);
    expect(ja('これは山です（これは山です。これは山です）。これは川です。')).toEqual(['これは山です（これは山です。これは山です）。', 'これは川です。']);
    expect(ja('注(詳しくは後述。)を参照。以上。')).toEqual(['注(詳しくは後述。)を参照。', '以上。']);
    expect(ja('彼は“待て。まだだ。”と叫んだ。')).toEqual(['彼は“待て。まだだ。”と叫んだ。']);
    expect(ja('彼は"待て。まだだ。"と叫んだ。')).toEqual(['彼は"待て。まだだ。"と叫んだ。']);
  });

  it('keeps 「…。」と述べた。 and 「…」と、…語った。 whole', () => {
    expect(ja('「景気は回復している。」と述べた。')).toEqual(['「景気は回復している。」と述べた。']);
    expect(ja('「景気は回復している。」と、首相は記者団に語った。次の話題。')).toEqual(['「景気は回復している。」と、首相は記者団に語った。', '次の話題。']);
    expect(ja('「準備はできた」と、彼は語った。')).toEqual(['「準備はできた」と、彼は語った。']);
    expect(ja('「本当？」と聞いた。「ええ！」って答えた。')).toEqual(['「本当？」と聞いた。', '「ええ！」って答えた。']);
    expect(ja('「ありがとう。」彼女は笑った。')).toEqual(['「ありがとう。」', '彼女は笑った。']);
    expect(without('quotative', '「景気は回復している。」と述べた。', 'ja')).toEqual(['「景気は回復している。」', 'と述べた。']);
  });

  it('reads と after a stop as a quotative unless it opens a sentence (ところが, とにかく…)', () => {
    expect(ja('さすが高級料理！と思いました。')).toEqual(['さすが高級料理！と思いました。']);
    expect(ja('これでいいのだな。と、思いました。')).toEqual(['これでいいのだな。と、思いました。']);
    expect(ja('計画は順調だった。ところが、問題が起きた。')).toEqual(['計画は順調だった。', 'ところが、問題が起きた。']);
    expect(ja('雨が降った。とにかく急ごう。')).toEqual(['雨が降った。', 'とにかく急ごう。']);
  });

  it('keeps particles that cannot open a sentence with the one before (…？に, モー娘。の)', () => {
    expect(ja('私も組織？に属していました。')).toEqual(['私も組織？に属していました。']);
    expect(ja('モー娘。のコンサートに行った。')).toEqual(['モー娘。のコンサートに行った。']);
    expect(ja('いいの？って思った。')).toEqual(['いいの？って思った。']);
  });

  it('does not split full-width decimals or dotted abbreviations in Latin text', () => {
    expect(ja('引き下げ幅は３．２９％以上を目指す。２％台後半で調整。')).toEqual(['引き下げ幅は３．２９％以上を目指す。', '２％台後半で調整。']);
    expect(ja('円周率は3.14です。')).toEqual(['円周率は3.14です。']);
    expect(ja('米国のU.S. Steel社とJ.P.モルガンは提携した。')).toEqual(['米国のU.S. Steel社とJ.P.モルガンは提携した。']);
    expect(ja('Dr.山田とMr. Smithが会った。')).toEqual(['Dr.山田とMr. Smithが会った。']);
    expect(ja('おすすめ度No.1です。ではtest.pyを動かす。')).toEqual(['おすすめ度No.1です。', 'ではtest.pyを動かす。']);
    expect(ja('ただいまA.M 10時です')).toEqual(['ただいまA.M 10時です']);
    expect(without('decimal', '幅は３．２９％だ。', 'ja')).toEqual(['幅は３．', '２９％だ。']);
  });

  it('treats ． as a full stop between words', () => {
    expect(ja('ある組織を紹介します．次に進みます．')).toEqual(['ある組織を紹介します．', '次に進みます．']);
    expect(ja('文1．文2.')).toEqual(['文1．', '文2.']);
  });

  it('keeps a line without final punctuation as one segment (headline, caption, byline, heading)', () => {
    expect(ja('国際問題')).toEqual(['国際問題']);
    expect(ja('モスクワに殉じる兵士たち:なぜ北朝鮮はロシアに兵士を送り続けるのか')).toEqual([
      'モスクワに殉じる兵士たち:なぜ北朝鮮はロシアに兵士を送り続けるのか',
    ]);
    expect(ja('Global Watch |')).toEqual(['Global Watch |']);
    expect(ja('文・写真 山田太郎')).toEqual(['文・写真 山田太郎']);
  });

  it("attaches a photo credit after the caption's 。 to the caption", () => {
    const caption = '北朝鮮兵が4月25日、平壌で記念行進に参加した。[キム・ウォンジン/AFP通信]';
    expect(ja(caption)).toEqual([caption]);
    expect(ja('行進に参加した。 ［共同］')).toEqual(['行進に参加した。 ［共同］']);
    expect(ja('行進に参加した。【ソウル共同】')).toEqual(['行進に参加した。【ソウル共同】']);
    expect(without('credit', caption, 'ja')).toEqual(['北朝鮮兵が4月25日、平壌で記念行進に参加した。', '[キム・ウォンジン/AFP通信]']);
    // Not a credit when a sentence follows it.
    expect(ja('参加した。[注]詳細は後述する。')).toEqual(['参加した。', '[注]詳細は後述する。']);
  });

  it('keeps a stray space before 。 inside the sentence', () => {
    expect(ja('関与を強めているようだ 。次の文。')).toEqual(['関与を強めているようだ 。', '次の文。']);
    expect(ja('それにもかかわらず、 北朝鮮はむしろ関与を強めているようだ 。')).toEqual(['それにもかかわらず、 北朝鮮はむしろ関与を強めているようだ 。']);
  });

  it('does not end a sentence at an ellipsis alone', () => {
    expect(ja('それは…違う。')).toEqual(['それは…違う。']);
    expect(ja('行くしかない！！！・・・と予約しました。')).toEqual(['行くしかない！！！・・・と予約しました。']);
    expect(ja('大学院生「奨学金を…」')).toEqual(['大学院生「奨学金を…」']);
  });

  it('ends informal sentences at emoji, kaomoji, (笑), w and ＾＾ when text follows', () => {
    expect(ja('宿を予約しました😄まだ2ヶ月も先だけど。')).toEqual(['宿を予約しました😄', 'まだ2ヶ月も先だけど。']);
    expect(ja('早すぎかな(笑)楽しみです★')).toEqual(['早すぎかな(笑)', '楽しみです★']);
    expect(ja('泊まった(^_^)大浴場があった')).toEqual(['泊まった(^_^)', '大浴場があった']);
    expect(ja('楽しかったw また遊ぼwww')).toEqual(['楽しかったw', 'また遊ぼwww']);
    expect(ja('ありがとう＾＾ 助かります。')).toEqual(['ありがとう＾＾', '助かります。']);
    expect(ja('奇声を発しながら🦑をやっとる…')).toEqual(['奇声を発しながら🦑をやっとる…']);
    expect(ja('動画！😎✌️次も見てね')).toEqual(['動画！😎✌️', '次も見てね']);
    expect(ja('このホテルは☆5です。')).toEqual(['このホテルは☆5です。']);
    // Not informal: parentheses with words, Latin w.
    expect(ja('クルスク(ロシア)の復興。www.example.comを見る。')).toEqual(['クルスク(ロシア)の復興。', 'www.example.comを見る。']);
  });

  it('ignores a stray bracket instead of gluing the paragraph together', () => {
    expect(ja('「閉じない引用。次の文。最後の文。')).toEqual(['「閉じない引用。', '次の文。', '最後の文。']);
    expect(ja('閉じるだけ」の文。次の文。')).toEqual(['閉じるだけ」の文。', '次の文。']);
  });

  it('splits per line: a paragraph never spans lines, blank lines only separate', () => {
    const r = segment('見出し\r\n\r\n本文です。続きです。\r次の段落\n\n\n最後。', { lang: 'ja' });
    expect(r.paragraphs.map((p) => [p.index, p.line, p.text])).toEqual([
      [0, 1, '見出し'],
      [1, 3, '本文です。続きです。'],
      [2, 4, '次の段落'],
      [3, 7, '最後。'],
    ]);
    expect(r.segments.map((s) => [s.paragraph, s.text])).toEqual([
      [0, '見出し'],
      [1, '本文です。'],
      [1, '続きです。'],
      [2, '次の段落'],
      [3, '最後。'],
    ]);
  });
});

describe('English', () => {
  it('does not end a sentence at the abbreviations a news text uses', () => {
    expect(en('Mr. Smith met Mrs. Jones and Dr. Lee.')).toEqual(['Mr. Smith met Mrs. Jones and Dr. Lee.']);
    expect(en('Rep. Adam Smith, Sen. Jane Doe, Gen. Mark Milley and Lt. Col. Vindman spoke.')).toEqual([
      'Rep. Adam Smith, Sen. Jane Doe, Gen. Mark Milley and Lt. Col. Vindman spoke.',
    ]);
    expect(en('It happened on Jan. 20, Feb. 3 and Sept. 11 in the U.S. and the U.K. at 9 a.m. and 5 p.m.')).toEqual([
      'It happened on Jan. 20, Feb. 3 and Sept. 11 in the U.S. and the U.K. at 9 a.m. and 5 p.m.',
    ]);
    expect(en('Use a noun, e.g. a name, i.e. a word. See No. 5 on p. 55.')).toEqual(['Use a noun, e.g. a name, i.e. a word.', 'See No. 5 on p. 55.']);
    expect(en('I live in the U.S. How about you?')).toEqual(['I live in the U.S.', 'How about you?']);
    expect(en('I work for the U.S. Government in Virginia.')).toEqual(['I work for the U.S. Government in Virginia.']);
    expect(en('They met at 6 p.m. He left early.')).toEqual(['They met at 6 p.m.', 'He left early.']);
    expect(en('At 5 a.m. Mr. Smith went to the bank.')).toEqual(['At 5 a.m. Mr. Smith went to the bank.']);
    expect(en('She earned her Ph.D. Tom was impressed.')).toEqual(['She earned her Ph.D.', 'Tom was impressed.']);
    expect(en('She weighed 5 lb. Tom was impressed. He bought 5 lb. of flour.')).toEqual([
      'She weighed 5 lb.',
      'Tom was impressed.',
      'He bought 5 lb. of flour.',
    ]);
    expect(without('abbreviation', 'Mr. Smith arrived.', 'en')).toEqual(['Mr.', 'Smith arrived.']);
  });

  it('keeps initials and tells the pronoun I apart', () => {
    expect(en('My name is Jonas E. Smith. J. R. R. Tolkien wrote it.')).toEqual(['My name is Jonas E. Smith.', 'J. R. R. Tolkien wrote it.']);
    expect(en('We make a good team, you and I. Did you see Albert I. Jones yesterday?')).toEqual([
      'We make a good team, you and I.',
      'Did you see Albert I. Jones yesterday?',
    ]);
    expect(without('initial', 'Jonas E. Smith left.', 'en')).toEqual(['Jonas E.', 'Smith left.']);
  });

  it('keeps decimals, amounts, addresses and URLs whole', () => {
    expect(en('She has $100.00. It is in her bag.')).toEqual(['She has $100.00.', 'It is in her bag.']);
    expect(en('Her email is Jane.Doe@example.com. I sent her an email.')).toEqual(['Her email is Jane.Doe@example.com.', 'I sent her an email.']);
    expect(en('The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.')).toEqual([
      'The site is: https://www.example.50.com/new-site/awesome_content.html.',
      'Please check it out.',
    ]);
    expect(en('Inflation rose 3.5 percent. Growth was 2.1.')).toEqual(['Inflation rose 3.5 percent.', 'Growth was 2.1.']);
  });

  it('handles ellipses', () => {
    expect(en('I never meant that.... She left the store.')).toEqual(['I never meant that....', 'She left the store.']);
    expect(en("I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.")).toEqual([
      "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
    ]);
    expect(en('He talks slowly… And this is another sentence.')).toEqual(['He talks slowly…', 'And this is another sentence.']);
    expect(en('combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .')).toEqual([
      'combining words into self-interpreting compounds.',
      '. . . The practice was not abandoned. . . .',
    ]);
  });

  it('keeps a closing quote or bracket after the full stop with the sentence', () => {
    expect(en('She turned to him, "This is great." She held the book out.')).toEqual(['She turned to him, "This is great."', 'She held the book out.']);
    expect(en('She turned to him, "This is great." she said.')).toEqual(['She turned to him, "This is great." she said.']);
    expect(en("She said, 'I am done.' Then she left.")).toEqual(["She said, 'I am done.'", 'Then she left.']);
    expect(en('He said “Stop.” Then he left.')).toEqual(['He said “Stop.”', 'Then he left.']);
    expect(en('He teaches science (He previously worked for 5 years as an engineer.) at the local University.')).toEqual([
      'He teaches science (He previously worked for 5 years as an engineer.) at the local University.',
    ]);
    expect(en('"Dinah\'ll miss me!" (Dinah was the cat.) "I hope so."')).toEqual(['"Dinah\'ll miss me!"', '(Dinah was the cat.)', '"I hope so."']);
    expect(en('It is a fact.[1] The next one.[2][3] The end.')).toEqual(['It is a fact.[1]', 'The next one.[2][3]', 'The end.']);
  });

  it('splits lists written on one line', () => {
    expect(en('1.) The first item 2.) The second item')).toEqual(['1.) The first item', '2.) The second item']);
    expect(en('1) The first item. 2) The second item.')).toEqual(['1) The first item.', '2) The second item.']);
    expect(en('1. The first item 2. The second item')).toEqual(['1. The first item', '2. The second item']);
    expect(en('a. The first item b. The second item c. The third list item')).toEqual(['a. The first item', 'b. The second item', 'c. The third list item']);
    expect(en('• 9. The first item • 10. The second item')).toEqual(['• 9. The first item', '• 10. The second item']);
    // Numbers that are not a list stay in the sentence.
    expect(en('1. I have 2 cats and 3. dogs.')).toEqual(['1. I have 2 cats and 3. dogs.']);
    expect(without('list-marker', '1. The first item.', 'en')).toEqual(['1.', 'The first item.']);
  });

  it('reads ?! runs, Yahoo! and lower-case continuations', () => {
    expect(en('Hello!? Is that you? Hello?! Yes!! Fine.')).toEqual(['Hello!?', 'Is that you?', 'Hello?!', 'Yes!!', 'Fine.']);
    expect(en('She works at Yahoo! in the accounting department.')).toEqual(['She works at Yahoo! in the accounting department.']);
    expect(en('Mix it, and -- voila! -- you have cake.')).toEqual(['Mix it, and -- voila! -- you have cake.']);
    expect(en('Sales rose last year. iPhone sales fell.')).toEqual(['Sales rose last year.', 'iPhone sales fell.']);
  });

  it('keeps the line-ending credit with the caption, as in Japanese', () => {
    expect(en('Soldiers take part in a parade in Pyongyang. [Kim Won Jin/AFP]')).toEqual(['Soldiers take part in a parade in Pyongyang. [Kim Won Jin/AFP]']);
  });
});

describe('passes', () => {
  /** For each pass, a line whose segmentation changes when that pass is left out. */
  const EXAMPLES: Record<string, [lang: 'ja' | 'en', line: string, withIt: string[]]> = {
    'empty-sentence': ['ja', '！！ 本当だ。', ['！！ 本当だ。']],
    'free-quote': ['en', "Do you know what to do ? '' Graham was convicted .", ["Do you know what to do ? ''", 'Graham was convicted .']],
    credit: ['ja', '参加した。[キム・ウォンジン/AFP通信]', ['参加した。[キム・ウォンジン/AFP通信]']],
    citation: ['en', 'It is a fact.[1] The next one.', ['It is a fact.[1]', 'The next one.']],
    decimal: ['ja', '幅は３．２９％だ。', ['幅は３．２９％だ。']],
    continuation: ['en', 'Leave me alone!, he yelled.', ['Leave me alone!, he yelled.']],
    'glued-dot': ['en', 'Her email is Jane.Doe@example.com. I sent it.', ['Her email is Jane.Doe@example.com.', 'I sent it.']],
    ellipsis: ['en', 'The thing is . . . I didn’t mean it.', ['The thing is . . . I didn’t mean it.']],
    'list-marker': ['en', '1. The first item.', ['1. The first item.']],
    quotative: ['ja', '「景気は回復している。」と述べた。', ['「景気は回復している。」と述べた。']],
    'informal-end': ['ja', 'このホテルは☆5です。', ['このホテルは☆5です。']],
    abbreviation: ['en', 'Mr. Smith arrived.', ['Mr. Smith arrived.']],
    'exclamation-name': ['en', 'He works at Yahoo! Research now.', ['He works at Yahoo! Research now.']],
    initial: ['en', 'Jonas E. Smith left.', ['Jonas E. Smith left.']],
    lowercase: ['en', 'She works at Yahoo! in the department.', ['She works at Yahoo! in the department.']],
  };

  it('are named and described, and each one changes an example', () => {
    const names = DEFAULT_PASSES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of DEFAULT_PASSES) {
      expect(p.description.length).toBeGreaterThan(20);
      // 'line-end' only saves work: the line end closes the last sentence either way.
      if (p.name === 'line-end') continue;
      const example = EXAMPLES[p.name];
      expect(example, `an example for ${p.name}`).toBeDefined();
      const [lang, line, withIt] = example!;
      expect(splitParagraph(line, lang).map(([s, e]) => line.slice(s, e))).toEqual(withIt);
      expect(without(p.name, line, lang), p.name).not.toEqual(withIt);
    }
  });
});

describe('news text', () => {
  it('reads times, streets and the word "no" the way a reader does', () => {
    expect(en('The vote starts at 9 a.m. ET on Monday. Polls close at 6 p.m. Friday.')).toEqual([
      'The vote starts at 9 a.m. ET on Monday.',
      'Polls close at 6 p.m. Friday.',
    ]);
    expect(en("He lives on Main St. The house is old. She prays at St. Mary's in St. Louis.")).toEqual([
      'He lives on Main St.',
      'The house is old.',
      "She prays at St. Mary's in St. Louis.",
    ]);
    expect(en('The answer was no. Trump left. He is No. 5 and no. 6 on the list.')).toEqual([
      'The answer was no.',
      'Trump left.',
      'He is No. 5 and no. 6 on the list.',
    ]);
    expect(en('Martin Luther King Jr. He spoke. Martin Luther King Jr. Day is a holiday.')).toEqual([
      'Martin Luther King Jr.',
      'He spoke.',
      'Martin Luther King Jr. Day is a holiday.',
    ]);
    expect(en('U.S. President Joe Biden met George H.W. Bush in Washington, D.C., on Jan. 5.')).toEqual([
      'U.S. President Joe Biden met George H.W. Bush in Washington, D.C., on Jan. 5.',
    ]);
    expect(en('Sen. Warren (D-Mass.) said so. Microsoft Corp. rose 3.5% to $1.2 billion.')).toEqual([
      'Sen. Warren (D-Mass.) said so.',
      'Microsoft Corp. rose 3.5% to $1.2 billion.',
    ]);
  });

  it('reads Japanese news conventions', () => {
    expect(ja('【ワシントン共同】米政府は１日、声明を発表した。詳細は不明だ。')).toEqual([
      '【ワシントン共同】米政府は１日、声明を発表した。',
      '詳細は不明だ。',
    ]);
    expect(ja('Ｑ．今後の予定は？Ａ．未定です。')).toEqual(['Ｑ．今後の予定は？', 'Ａ．未定です。']);
    expect(ja('米マイクロソフト（Microsoft Corp.）は1.5倍に増やした。')).toEqual(['米マイクロソフト（Microsoft Corp.）は1.5倍に増やした。']);
    expect(ja('詳細はhttps://example.com/a.htmlを参照。以上。')).toEqual(['詳細はhttps://example.com/a.htmlを参照。', '以上。']);
    expect(ja('そうか……。彼は笑った。')).toEqual(['そうか……。', '彼は笑った。']);
    expect(ja('同氏は「分からない」と述べた。「今は言えない。」とも語った。')).toEqual(['同氏は「分からない」と述べた。', '「今は言えない。」とも語った。']);
    expect(ja('「本当に大丈夫なのか？」――。住民の不安は消えない。')).toEqual(['「本当に大丈夫なのか？」――。', '住民の不安は消えない。']);
    expect(ja('会見は午後３時から始まった（写真）。不支持は５０％。')).toEqual(['会見は午後３時から始まった（写真）。', '不支持は５０％。']);
  });
});
