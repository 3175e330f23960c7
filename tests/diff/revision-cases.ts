/**
 * The revision test set: revisions of the seed article (Japanese and its English translation) and of
 * generated texts, each with known edits of every kind. `tests/fixtures/revisions/build.ts` writes
 * them as files (old.txt, new.txt, expected.json); the tests and the evaluation read those files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../support/rng.mjs';
import { Reviser, type RevisionCase } from './revision-builder.js';

export function seedCases(fixtures: string): RevisionCase[] {
  const ja = readFileSync(join(fixtures, 'article.ja.txt'), 'utf8');
  const en = readFileSync(join(fixtures, 'article.en.txt'), 'utf8');
  const cases: RevisionCase[] = [];

  cases.push(
    new Reviser(ja, 'ja')
      .replace('少なくとも600人', '600人', '1200人', 'minor')
      .replace('約1万5千人', '約1万5千人', '約2万人', 'minor')
      .replace('7月初旬、CNN', '7月初旬', '7月中旬', 'minor')
      .replace('第2次派遣として4千人', '4千人', '5千人', 'minor')
      .replace('両首都間のフライト', '週2回', '週3回', 'minor')
      .build('ja-figures', 'Seed article: figures and dates updated (5 minor edits).'),
  );

  {
    const r = new Reviser(ja, 'ja');
    r.edit(
      r.find('韓国情報当局によると、ロシアはすでに'),
      '韓国の情報機関は、ロシアが兵力の見返りとして北朝鮮へ重要な軍事技術の移転を始めたと分析している。',
      'major',
    );
    r.edit(r.find('この劇的な光景は'), 'この光景が見られたのは、ロシアで戦死した数百人の兵士を追悼する、国家主催の式典だった。', 'major');
    r.replace('それにもかかわらず、関与を抑える', 'どころか、 北朝鮮', 'どころか、北朝鮮', 'whitespace');
    r.replace('しかし、習得の壁は高く', 'しかし、習得', 'しかし習得', 'punctuation');
    r.replace('「今日、戦闘員たちは', '_svobodnaya Pressa_', '『svobodnaya Pressa』', 'punctuation');
    cases.push(r.build('ja-rewrites', 'Seed article: two sentences rewritten, whitespace-only and punctuation-only edits.'));
  }

  {
    const r = new Reviser(ja, 'ja');
    r.split(r.find('ウクライナ軍は昨年8月'), [
      'ウクライナ軍は昨年8月、クルスク州で領土を奪ってロシアを驚かせた。',
      'これが、北朝鮮が10月にそこに軍隊を派遣する原因となった。',
    ]);
    r.merge(r.find('観客は拍手を送った。'), 2, '観客は拍手を送り、国家楽団の音楽がいっそう高まった。');
    r.split(r.find('ロシア外相セルゲイ・ラブロフ'), ['ロシア外相セルゲイ・ラブロフは7月中旬、平壌に飛んだ。', '戦略協議の第二段階に入るためである。']);
    r.merge(
      r.find('戦死者を称えるキャンペーン'),
      2,
      '戦死者を称えるキャンペーンは公演にとどまらず、モスクワと平壌は、クルスク州(ロシア)を「解放した」北朝鮮兵を記念する恒久的な記念碑を建設する計画を発表した。',
    );
    cases.push(r.build('ja-split-merge', 'Seed article: two sentences split in two, two pairs of sentences merged.'));
  }

  {
    const r = new Reviser(ja, 'ja');
    r.insert(r.find('少なくとも600人'), '韓国政府はこの数字を確認していない。');
    const [p] = r.find('少なくとも600人');
    r.insert([p, 2], '負傷者の多くは前線に戻ったという。');
    r.remove(r.find('これは、今後さらに多くの戦死者が出る'));
    r.remove(r.find('文化交流団も行き来'));
    r.insertParagraph(r.find('リアルタイムでの神話創造')[0], ['専門家の見方']);
    r.insertParagraph(r.find('リアルタイムでの神話創造')[0], ['多くの専門家は、この派遣が長期化するとみている。']);
    cases.push(r.build('ja-add-remove', 'Seed article: sentences and a paragraph added, sentences removed.'));
  }

  {
    const r = new Reviser(ja, 'ja');
    // A one-sentence paragraph moved three paragraphs down, a heading moved to the end.
    const [p] = r.find('少なくとも600人');
    r.moveParagraph(p, p + 3);
    r.moveParagraph(r.find('影響を得るための血')[0], r.paragraphs.length - 3);
    // The repeated photo caption: the second occurrence edited, the first kept.
    r.replace('北朝鮮兵が4月25日', '4月25日', '4月26日', 'minor', 2);
    // The repeated video caption paragraph: the second occurrence removed.
    r.removeParagraph(r.find('ウクライナ大統領ボロディミル', 2)[0]);
    cases.push(r.build('ja-moves-captions', 'Seed article: paragraphs moved, one repeated caption edited, one repeated caption paragraph removed.'));
  }

  {
    const r = new Reviser(ja, 'ja');
    r.replace('北朝鮮兵が4月25日', '4月25日', '4月26日', 'minor', 1);
    r.replace('[キム・ウォンジン/AFP通信]', 'ン/A', 'ン／A', 'punctuation', 2);
    // Of two identical neighbours either could be "the removed one"; the diff keeps the one that
    // lines up with the text after it, so the case removes the first.
    r.remove(r.find('[t.me/V_Zelenskiy_official]', 1));
    cases.push(
      r.build(
        'ja-captions',
        'Seed article: the first photo caption re-dated, the second given a full-width slash, the first of the two identical video captions removed.',
      ),
    );
  }

  {
    const r = new Reviser(en, 'en');
    r.replace('At least 600 have been killed', '600', '1,200', 'minor');
    r.replace('about 15,000 North Korean personnel', '15,000', '20,000', 'minor');
    r.replace('In early July, a CNN report', 'In early July', 'In mid-July', 'minor');
    r.edit(
      r.find('According to South Korean intelligence, Russia has already'),
      'South Korean intelligence believes Moscow has started handing Pyongyang key military technology as payment for troops.',
      'major',
    );
    r.replace('Even so, far from scaling back', 'involvement, North', 'involvement,  North', 'whitespace');
    r.replace('But the learning curve is steep', 'steep, and deadly', 'steep and deadly', 'punctuation');
    r.split(r.find('Ukrainian forces surprised Russia last August'), [
      'Ukrainian forces surprised Russia last August by seizing territory in the Kursk region.',
      'This led North Korea to send troops there in October.',
    ]);
    r.merge(r.find('The audience applauded.'), 2, 'The audience applauded as the music of the state orchestra swelled.');
    r.insert(r.find('have been killed and thousands more'), 'Both figures are estimates.');
    r.remove(r.find('It suggests that more deaths are to come.'));
    r.moveParagraph(r.find('Myth-making in real time')[0], r.find('Despite these losses')[0] + 1);
    cases.push(r.build('en-mixed', 'English translation of the seed article: every kind of edit in one revision.'));
  }

  {
    const r = new Reviser(en, 'en');
    r.replace('North Korean soldiers take part in a parade', 'April 25', 'April 26', 'minor', 2);
    r.replace('[Kim Won Jin/AFP]', 'AFP', 'AFP Photo', 'minor', 1);
    r.replace('On January 20, Ukrainian President', 'Zelenskyy', 'Zelensky', 'minor', 1);
    cases.push(r.build('en-captions', 'English article: repeated captions edited in one occurrence each.'));
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------------
// Generated texts with random edits of every kind (seeded).

const JA = {
  who: ['市当局', '調査団', '研究チーム', '地元住民', '政府報道官', '警察', '委員会', '開発会社', '消防隊', '大学の研究者', '労働組合', '漁業組合'],
  place: ['大阪', '札幌', '福岡', '名古屋', '仙台', '広島', '那覇', '金沢', '新潟', '高松', '松山', '長崎'],
  thing: ['新しい橋', '港湾施設', '図書館', '発電所', '浄水場', '高速道路', '病院', '学校', '空港', '市場', '公園', '研究所'],
  verb: ['建設した', '調査した', '閉鎖した', '公開した', '改修した', '視察した', '発表した', '承認した', '延期した', '再開した'],
  reason: ['予算不足のため', '住民の要望を受けて', '安全上の理由から', '需要の増加に応じて', '災害に備えて', '国の方針に沿って'],
  unit: ['人', '件', '棟', '台', 'か所', 'トン'],
};

const EN = {
  who: [
    'The city council',
    'A research team',
    'Local residents',
    'The government spokesman',
    'Police',
    'The committee',
    'The developer',
    'Firefighters',
    'University researchers',
    'The union',
    'The port authority',
    'Inspectors',
  ],
  place: ['Osaka', 'Sapporo', 'Fukuoka', 'Nagoya', 'Sendai', 'Hiroshima', 'Naha', 'Kanazawa', 'Niigata', 'Takamatsu', 'Matsuyama', 'Nagasaki'],
  thing: [
    'a new bridge',
    'the harbour',
    'the library',
    'a power plant',
    'the water works',
    'the motorway',
    'the hospital',
    'a school',
    'the airport',
    'the market',
    'the park',
    'a laboratory',
  ],
  verb: ['built', 'inspected', 'closed', 'opened', 'renovated', 'visited', 'announced', 'approved', 'postponed', 'reopened'],
  reason: [
    'because of budget cuts',
    'at the request of residents',
    'for safety reasons',
    'to meet rising demand',
    'to prepare for disasters',
    'in line with national policy',
  ],
  unit: ['people', 'cases', 'buildings', 'vehicles', 'sites', 'tonnes'],
  month: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** A generated sentence of one of four forms (random when `form` is absent). */
export function sentence(r: () => number, lang: 'ja' | 'en', form?: number): string {
  const n = 1 + Math.floor(r() * 900);
  if (lang === 'ja') {
    const m = 1 + Math.floor(r() * 12);
    const forms = [
      () => `${pick(r, JA.who)}は${m}月、${pick(r, JA.place)}で${pick(r, JA.thing)}を${pick(r, JA.verb)}。`,
      () => `${pick(r, JA.place)}の${pick(r, JA.thing)}では、${pick(r, JA.reason)}${n}${pick(r, JA.unit)}が対象となった。`,
      () => `${pick(r, JA.who)}によると、${pick(r, JA.thing)}の利用者は${n}${pick(r, JA.unit)}に達し、${pick(r, JA.place)}でも同様の動きがある。`,
      () => `${pick(r, JA.reason)}、${pick(r, JA.who)}は${pick(r, JA.thing)}の計画を${pick(r, JA.verb)}。`,
    ];
    return form !== undefined ? forms[form % forms.length]!() : pick(r, forms)();
  }
  const forms = [
    () => `${pick(r, EN.who)} ${pick(r, EN.verb)} ${pick(r, EN.thing)} in ${pick(r, EN.place)} in ${pick(r, EN.month)}.`,
    () => `In ${pick(r, EN.place)}, ${n} ${pick(r, EN.unit)} were affected ${pick(r, EN.reason)}.`,
    () => `${pick(r, EN.who)} said ${pick(r, EN.thing)} had ${n} ${pick(r, EN.unit)}, and similar moves were seen in ${pick(r, EN.place)}.`,
    () =>
      `${pick(r, EN.reason).replace(/^./, (c) => c.toUpperCase())}, ${pick(r, EN.who).replace(/^The /, 'the ')} ${pick(r, EN.verb)} the plan for ${pick(r, EN.thing)}.`,
  ];
  return form !== undefined ? forms[form % forms.length]!() : pick(r, forms)();
}

/** Which form a generated sentence has (the tests need a rewrite with another form's words). */
function formOf(text: string, lang: 'ja' | 'en'): number {
  if (lang === 'ja') return /によると/.test(text) ? 2 : /では、/.test(text) ? 1 : /月、/.test(text) ? 0 : 3;
  return / said /.test(text) ? 2 : /^In /.test(text) ? 1 : /, the |, [A-Z]/.test(text) && /plan for/.test(text) ? 3 : 0;
}

const VOCAB = { ja: [...JA.place, ...JA.thing], en: [...EN.place, ...EN.thing.map((t) => t.replace(/^(a|the) /, ''))] };

/** A generated document: paragraphs of 1–4 sentences, headings, and a caption repeated in two places. */
export function generatedText(seed: number, lang: 'ja' | 'en', paragraphs: number): string {
  const r = rng(seed);
  const joiner = lang === 'ja' ? '' : ' ';
  const caption =
    lang === 'ja'
      ? `${pick(r, JA.place)}の${pick(r, JA.thing)}(資料写真)`
      : `${pick(r, EN.thing).replace(/^./, (c) => c.toUpperCase())} in ${pick(r, EN.place)} (file photo)`;
  const out: string[] = [];
  const seen = new Set<string>();
  const fresh = () => {
    for (;;) {
      const s = sentence(r, lang);
      if (!seen.has(s)) {
        seen.add(s);
        return s;
      }
    }
  };
  for (let p = 0; p < paragraphs; p++) {
    if (p === 2 || p === Math.floor(paragraphs * 0.6)) {
      out.push(caption);
      continue;
    }
    if (p % 9 === 5) {
      out.push(lang === 'ja' ? `${pick(r, JA.place)}の${pick(r, JA.thing)}について` : `On ${pick(r, EN.thing)} in ${pick(r, EN.place)}`);
      continue;
    }
    const k = 1 + Math.floor(r() * 4);
    const sents: string[] = [];
    for (let s = 0; s < k; s++) sents.push(fresh());
    out.push(sents.join(joiner));
  }
  return out.join('\n\n') + '\n';
}

type EditName = 'minor' | 'major' | 'whitespace' | 'punctuation' | 'split' | 'merged' | 'added' | 'removed' | 'moved' | 'caption';

/**
 * Applies `count` random edits (each kind in turn) to a generated text, keeping edits apart (one per
 * paragraph, never next to another edited paragraph) so each one is unambiguous by construction.
 */
export function generatedCase(name: string, seed: number, lang: 'ja' | 'en', paragraphs: number, kinds: readonly EditName[]): RevisionCase {
  const text = generatedText(seed, lang, paragraphs);
  const r = rng(seed * 7919 + 1);
  const rev = new Reviser(text, lang);
  const used = new Set<number>();
  const freePara = (need: (p: number) => boolean): number | undefined => {
    const order = rev.paragraphs.map((_, i) => i).sort(() => r() - 0.5);
    for (const p of order) {
      if (used.has(p) || used.has(p - 1) || used.has(p + 1)) continue;
      if (rev.paragraphs[p]!.some((x) => x.kind !== 'unchanged')) continue;
      if (need(p)) return p;
    }
    return undefined;
  };
  const r2 = rng(seed * 31 + 7);
  const isCaption = (p: number) => rev.paragraphs[p]!.length === 1 && /資料写真|file photo/.test(rev.paragraphs[p]![0]!.text);
  const isPlain = (p: number) => !isCaption(p);
  for (const kind of kinds) {
    if (kind === 'caption') {
      const caps = rev.paragraphs.map((_, i) => i).filter(isCaption);
      const p = caps[caps.length - 1]!;
      used.add(p);
      const t = rev.paragraphs[p]![0]!.text;
      rev.edit([p, 0], lang === 'ja' ? t.replace('(資料写真)', '(提供写真)') : t.replace('(file photo)', '(handout photo)'), 'minor');
      continue;
    }
    if (kind === 'moved') {
      // Move a short paragraph a long way (so it, not what it jumps over, is the move).
      const p = freePara((q) => isPlain(q) && rev.paragraphs[q]!.length <= 2 && q < rev.paragraphs.length - 12);
      if (p === undefined) continue;
      const to = Math.min(rev.paragraphs.length - 2, p + 8 + Math.floor(r() * 4));
      if ([to - 1, to, to + 1].some((q) => used.has(q))) continue;
      rev.moveParagraph(p, to);
      // Paragraph numbers after p shifted: mark the destination area as used.
      used.clear();
      for (let q = 0; q < rev.paragraphs.length; q++) if (rev.paragraphs[q]!.some((x) => x.kind !== 'unchanged')) used.add(q);
      continue;
    }
    const p = freePara((q) => isPlain(q) && (kind !== 'merged' || rev.paragraphs[q]!.length >= 2) && !/について$|^On /.test(rev.paragraphs[q]![0]!.text));
    if (p === undefined) continue;
    used.add(p);
    const para = rev.paragraphs[p]!;
    const s = Math.floor(r() * para.length);
    const t = para[s]!.text;
    switch (kind) {
      case 'minor': {
        // A figure (not a month) updated, or one place or facility name replaced.
        const m = /\d+(?!\d|月)/.exec(t);
        if (m) rev.edit([p, s], t.replace(m[0], String(Number(m[0]) + 1 + Math.floor(r() * 50))), 'minor');
        else {
          const word = VOCAB[lang].find((w) => t.includes(w))!;
          const other = VOCAB[lang].find((w) => w !== word && !t.includes(w) && w.length >= word.length - 2)!;
          rev.edit([p, s], t.replace(word, other), 'minor');
        }
        break;
      }
      case 'major': {
        // Rewritten: the first half kept, the second half from a sentence of another form.
        const other = sentence(r2, lang, formOf(t, lang) + 1 + Math.floor(r2() * 3));
        const cutOf = (x: string) => (lang === 'ja' ? Math.floor(x.length / 2) : x.indexOf(' ', Math.floor(x.length / 2)));
        const head = t.slice(0, cutOf(t));
        const tail = other.slice(cutOf(other));
        rev.edit([p, s], head + tail, 'major');
        break;
      }
      case 'whitespace':
        rev.edit([p, s], lang === 'ja' ? t.replace(/、/, '、 ') : t.replace(' ', '  '), 'whitespace');
        break;
      case 'punctuation':
        rev.edit(
          [p, s],
          lang === 'ja' ? (t.includes('、') ? t.replace('、', '') : t.replace(/。$/, '！')) : t.includes(',') ? t.replace(',', '') : t.replace(/\.$/, '!'),
          'punctuation',
        );
        break;
      case 'split': {
        const cut = lang === 'ja' ? t.lastIndexOf('、') : t.lastIndexOf(', ');
        if (cut < 0) {
          rev.insert([p, s + 1], sentence(r2, lang));
          break;
        }
        if (lang === 'ja') rev.split([p, s], [t.slice(0, cut) + '。', 'また、' + t.slice(cut + 1)]);
        else
          rev.split(
            [p, s],
            [
              t.slice(0, cut) + '.',
              t
                .slice(cut + 2)
                .replace(/^and /, 'And ')
                .replace(/^./, (c) => c.toUpperCase()),
            ],
          );
        break;
      }
      case 'merged': {
        const s0 = Math.min(s, para.length - 2);
        const a = para[s0]!.text;
        const b = para[s0 + 1]!.text;
        const merged =
          lang === 'ja'
            ? a.replace(/。$/, '、') + b
            : a.replace(/\.$/, ', and ') +
              b.replace(/^(The|In|A|An|Police|Local|University|Firefighters|Inspectors)\b/, (w) =>
                w === 'In' || w === 'The' || w === 'A' || w === 'An' ? w.toLowerCase() : w,
              );
        rev.merge([p, s0], 2, merged);
        break;
      }
      case 'added':
        rev.insert([p, s + 1], sentence(r2, lang));
        break;
      case 'removed':
        rev.remove([p, s]);
        break;
    }
  }
  return rev.build(name, `Generated ${lang === 'ja' ? 'Japanese' : 'English'} text (${paragraphs} paragraphs, seed ${seed}) with edits: ${kinds.join(', ')}.`);
}

const ALL_KINDS: readonly EditName[] = ['minor', 'major', 'whitespace', 'punctuation', 'split', 'merged', 'added', 'removed', 'moved', 'caption'];

export function generatedCases(): RevisionCase[] {
  return [
    generatedCase('gen-ja-1', 11, 'ja', 40, ALL_KINDS),
    generatedCase('gen-ja-2', 12, 'ja', 60, [...ALL_KINDS, 'minor', 'major', 'split', 'merged']),
    generatedCase('gen-en-1', 21, 'en', 40, ALL_KINDS),
    generatedCase('gen-en-2', 22, 'en', 60, [...ALL_KINDS, 'minor', 'major', 'split', 'merged']),
  ];
}

/** A larger random set for the evaluation only (not asserted to be perfect). */
export function stressCases(count: number): RevisionCase[] {
  const out: RevisionCase[] = [];
  for (let i = 0; i < count; i++) {
    const lang = i % 2 === 0 ? 'ja' : 'en';
    const kinds = [...ALL_KINDS, ...ALL_KINDS.filter((_, k) => (i + k) % 3 === 0)];
    out.push(generatedCase(`stress-${i}`, 1000 + i, lang, 50, kinds));
  }
  return out;
}
