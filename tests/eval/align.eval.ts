// `npm run eval -- align`: sentence-alignment accuracy for the README. Prints Markdown tables.
//
// Corpora: the NICT Kyoto Wikipedia sample in ../shared (8 articles, gold units; each paragraph's `ja`
// strings joined without separator as the source paragraph, its `en` strings with a space as the
// translation, the article title as the first line) and the seed article with two hand-aligned English
// versions (tests/fixtures/align/). Every text is segmented with kioku's own `segment()`.
//
// Metric (tests/align/support/gold.ts): gold units are projected onto kioku's segments (units sharing a
// segment merge into one gold link). A predicted link is correct when it equals a gold link or lies
// entirely inside one with a non-empty side wherever the gold link has one. Precision = correct
// predicted links / predicted links; recall = gold links tiled exactly by correct predicted links /
// gold links; F1 their harmonic mean. "Strict" counts only predicted links equal to a gold link.
import { missing } from '../support/env.js';
import { scoreLinks, type Score } from '../align/support/gold.js';
import {
  ABLATIONS,
  ALIGNERS,
  articleDocs,
  articleFileCases,
  calibration,
  caseOf,
  KYOTO_PATH,
  kyotoDocs,
  REALISTIC,
  scaleCase,
  scoreAll,
  STRESS,
  withParams,
  type Case,
} from '../align/support/evaluate.js';

const f = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function row(name: string, s: Score): string {
  return `| ${name} | ${s.predicted} | ${s.gold} | ${f(s.precision)} | ${f(s.recall)} | **${f(s.f1)}** | ${f(s.strictF1)} |`;
}

const HEADER = '| aligner | predicted links | gold links | precision | recall | F1 | strict F1 |\n| --- | --- | --- | --- | --- | --- | --- |';

function main(cases: readonly Case[]): void {
  console.log(HEADER);
  console.log(row('**kioku align**', scoreAll(cases, ALIGNERS.kioku)));
  console.log(row('Gale–Church, length only (whole text)', scoreAll(cases, ALIGNERS.galeChurch)));
  console.log(row('Gale–Church, length only, within paragraphs', scoreAll(cases, ALIGNERS.galeChurchParagraphs)));
}

export async function run(): Promise<void> {
  const reason = missing({ shared: KYOTO_PATH });
  const kyoto = reason ? [] : kyotoDocs();
  if (reason) console.log(`_Kyoto corpus skipped: ${reason}_\n`);

  if (kyoto.length) {
    const cases = kyoto.map((d) => caseOf(d));
    console.log(
      `### Kyoto Wikipedia sample (${cases.length} articles, ${cases.reduce((a, c) => a + c.source.segments.length, 0)} ja / ${cases.reduce((a, c) => a + c.target.segments.length, 0)} en segments)\n`,
    );
    main(cases);
    console.log('\nPer article (F1, kioku vs Gale–Church whole text):\n');
    console.log('| article | ja / en segments | kioku F1 | Gale–Church F1 |\n| --- | --- | --- | --- |');
    for (const c of cases) {
      console.log(
        `| ${c.name} | ${c.source.segments.length} / ${c.target.segments.length} | ${f(scoreAll([c], ALIGNERS.kioku).f1)} | ${f(scoreAll([c], ALIGNERS.galeChurch).f1)} |`,
      );
    }
    console.log('\nWhat each part of the model contributes (Kyoto, F1):\n');
    console.log('| model | F1 | F1, one paragraph event each (one-each) |\n| --- | --- | --- |');
    const each = kyoto.map((d) => caseOf(d, 'one-each'));
    for (const [name, params] of Object.entries(ABLATIONS)) {
      console.log(`| ${name} | ${f(scoreAll(cases, withParams(params)).f1)} | ${f(scoreAll(each, withParams(params)).f1)} |`);
    }
  }

  const files = articleFileCases();
  console.log('\n### Seed article (tests/fixtures/article.ja.txt, 58 segments) and two English versions\n');
  console.log(
    '`article.en.txt` is sentence-parallel; `align/article.en.news.txt` is the same translation as a news desk would deliver it (6 merges, 3 splits, a dropped photo credit and a dropped line).\n',
  );
  for (const c of files) {
    console.log(`#### ${c.name}\n`);
    main([c]);
    console.log('');
  }

  console.log('### Paragraphs that do not correspond (F1, kioku / Gale–Church whole text)\n');
  console.log(
    'Target-side disturbances (tests/align/support/parallel.ts): `one-*` is one event per document (a missing, an extra, a split, a joined paragraph; `one-each` all four); the others are stress tests far beyond real translations.\n',
  );
  const kinds = ['plain', ...REALISTIC, ...STRESS] as const;
  console.log(`| corpus | ${kinds.join(' | ')} |\n| --- | ${kinds.map(() => '---').join(' | ')} |`);
  const corpora: Array<[string, ReturnType<typeof articleDocs>]> = [];
  if (kyoto.length) corpora.push(['Kyoto (8)', kyoto]);
  corpora.push(['article + news version', articleDocs()]);
  for (const [name, docs] of corpora) {
    const cells = kinds.map((k) => {
      const cs = docs.map((d) => caseOf(d, k));
      return `${f(scoreAll(cs, ALIGNERS.kioku).f1)} / ${f(scoreAll(cs, ALIGNERS.galeChurch).f1)}`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }

  console.log('\n### Long texts (the benchmark corpus: real units in random paragraphs, 1% of target paragraphs dropped, 1% split)\n');
  console.log('| sentence pairs | kioku F1 | Gale–Church F1 | kioku ms (from sources, indicative) | Gale–Church ms |\n| --- | --- | --- | --- | --- |');
  for (const pairs of [10_000, 100_000]) {
    const c = scaleCase(pairs);
    let t = performance.now();
    const k = scoreLinks(ALIGNERS.kioku(c), c.gold);
    const tk = performance.now() - t;
    t = performance.now();
    const g = scoreLinks(ALIGNERS.galeChurch(c), c.gold);
    const tg = performance.now() - t;
    console.log(`| ${pairs.toLocaleString('en')} | ${f(k.f1)} | ${f(g.f1)} | ${tk.toFixed(0)} | ${tg.toFixed(0)} |`);
  }

  const all: Case[] = [];
  for (const docs of [kyoto, articleDocs()]) for (const k of ['plain', ...REALISTIC] as const) for (const d of docs) all.push(caseOf(d, k));
  const cal = calibration(all, [0.5, 0.7, 0.8, 0.9, 0.95]);
  console.log(`\n### Confidence (all plain and one-* cases: ${cal.links} linked pairs, ${cal.wrong} wrong)\n`);
  console.log('| needs-review below | pairs flagged | precision of the rest | wrong pairs flagged |\n| --- | --- | --- | --- |');
  for (const r of cal.rows) console.log(`| ${r.threshold} | ${pct(r.flagged)} | ${pct(r.precisionAbove)} | ${pct(r.wrongCaught)} |`);
}
