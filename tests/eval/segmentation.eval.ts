// `npm run eval -- segmentation`: kioku and three baselines on the third-party segmentation suites in
// ../shared/corpora/segmentation, every segmenter fed and compared the same way (tests/segment/suites.ts
// says how). Prints the README table, then the cases kioku fails, with what it produced.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { split as sentenceSplitterSplit } from 'sentence-splitter';
import { segment } from '../../src/segment/index.js';
import { ROOT, SHARED } from '../support/env.js';
import { byParagraph, loadSuites, scoreSuite, type DocumentSplitter, type SuiteScore } from '../segment/suites.js';

const SENTENCEX_VERSION = '1.0.17';
const DEPS = join(ROOT, 'tests', 'bench', '.deps');

/**
 * npm `sentencex` cannot be a devDependency (its lockfile entries break `npm ci`), so it is installed on
 * demand next to the benchmarks (git-ignored) and loaded from there.
 */
function loadSentencex(): { segment: (lang: string, text: string) => string[] } {
  const pkg = join(DEPS, 'node_modules', 'sentencex', 'package.json');
  if (!existsSync(pkg)) {
    console.error(`installing sentencex@${SENTENCEX_VERSION} into ${DEPS} …`);
    const r = spawnSync('npm', ['install', '--prefix', DEPS, '--no-audit', '--no-fund', '--no-save', `sentencex@${SENTENCEX_VERSION}`], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm install sentencex@${SENTENCEX_VERSION} failed`);
  }
  const require = createRequire(join(DEPS, 'package.json'));
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  if (version !== SENTENCEX_VERSION) throw new Error(`${DEPS} holds sentencex ${version}, expected ${SENTENCEX_VERSION}: remove it`);
  return require('sentencex') as { segment: (lang: string, text: string) => string[] };
}

export async function run(): Promise<void> {
  const dir = join(SHARED, 'corpora', 'segmentation');
  if (!existsSync(dir)) {
    console.log(`(skipped: needs ${dir})`);
    return;
  }
  const suites = loadSuites(dir);
  const sentencex = loadSentencex();
  const icu = { ja: new Intl.Segmenter('ja', { granularity: 'sentence' }), en: new Intl.Segmenter('en', { granularity: 'sentence' }) };

  const segmenters: Array<[name: string, split: DocumentSplitter]> = [
    ['kioku', (text, lang) => segment(text, { lang }).segments.map((s) => s.text)],
    ['Intl.Segmenter (ICU)', byParagraph((p, lang) => Array.from(icu[lang].segment(p), (s) => s.segment))],
    [
      'sentence-splitter 5.0.1',
      byParagraph((p) =>
        sentenceSplitterSplit(p)
          .filter((n) => n.type === 'Sentence')
          .map((n) => n.raw),
      ),
    ],
    [`sentencex ${SENTENCEX_VERSION}`, byParagraph((p, lang) => sentencex.segment(lang, p))],
  ];

  const scores = new Map<string, SuiteScore[]>();
  for (const [name, split] of segmenters)
    scores.set(
      name,
      suites.map((s) => scoreSuite(s, split)),
    );

  const table = (title: string, pick: (s: SuiteScore) => [number, number]) => {
    console.log(`\n${title}\n`);
    console.log(`| suite | cases | ${segmenters.map(([n]) => n).join(' | ')} |`);
    console.log(`| --- | ---: | ${segmenters.map(() => '---:').join(' | ')} |`);
    suites.forEach((suite, i) => {
      const cells = segmenters.map(([n]) => pick(scores.get(n)![i]!));
      const total = cells[0]![1];
      if (total === 0) return;
      const best = Math.max(...cells.map(([p]) => p));
      const shown = cells.map(([p]) => (p === best ? `**${p}**` : `${p}`));
      console.log(`| ${suite.name} | ${total} | ${shown.join(' | ')} |`);
    });
    for (const lang of ['ja', 'en'] as const) {
      const idx = suites.map((s, i) => (s.lang === lang ? i : -1)).filter((i) => i >= 0);
      const sums = segmenters.map(([n]) => idx.reduce((a, i) => a + pick(scores.get(n)![i]!)[0], 0));
      const total = idx.reduce((a, i) => a + pick(scores.get('kioku')![i]!)[1], 0);
      const best = Math.max(...sums);
      console.log(`| all ${lang === 'ja' ? 'Japanese' : 'English'} | ${total} | ${sums.map((p) => (p === best ? `**${p}**` : `${p}`)).join(' | ')} |`);
    }
  };
  table('Pass counts, all cases (bold: best):', (s) => [s.passed, s.total]);
  table('Comparable cases only (default settings, no xfail; see the conventions):', (s) => [s.comparablePassed, s.comparableTotal]);

  console.log('\nCases kioku fails (expected → kioku):\n');
  for (const score of scores.get('kioku')!) {
    for (const r of score.results) {
      if (r.pass) continue;
      const tag = [r.comparable ? '' : 'non-default options', r.xfail ? 'xfail upstream' : ''].filter(Boolean).join(', ');
      console.log(
        `- ${score.suite} \`${r.id}\`${tag ? ` (${tag})` : ''}: ${JSON.stringify(r.expected).slice(0, 160)} → ${JSON.stringify(r.actual).slice(0, 160)}`,
      );
    }
  }
}
