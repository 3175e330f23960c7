/**
 * The alignment evaluation shared by tests/align/accuracy.test.ts (floors) and tests/eval/align.eval.ts
 * (the README tables): the same corpora, the same scoring (tests/align/support/gold.ts), kioku's aligner
 * next to the length-only Gale–Church baseline run on the same segments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segment } from '../../../src/segment/index.js';
import { align, alignLengthOnly, DEFAULT_PARAMS, type AlignParams } from '../../../src/align/index.js';
import type { AlignedPair, Revision } from '../../../src/model.js';
import { goldLinks, scoreLinks, sumScores, type Link, type Score } from './gold.js';
import { disturb, loadGoldDoc, loadKyoto, locateGold, render, type Disturbance, type ParallelDoc } from './parallel.js';
import { FIXTURES, SHARED } from '../../support/env.js';
import { scaleDoc, unitPool } from './scale-corpus.mjs';

export const KYOTO_PATH = 'corpora/alignment/kyoto-wiki/kyoto-wiki-sample.json';

/** One aligned document ready to score: both revisions and the gold links in segment space. */
export interface Case {
  readonly name: string;
  readonly source: Revision;
  readonly target: Revision;
  readonly gold: readonly Link[];
}

export function caseOf(doc: ParallelDoc, kind: Disturbance | 'plain' = 'plain'): Case {
  const d = kind === 'plain' ? doc : disturb(doc, kind);
  const r = render(d);
  const source = segment(r.source, { lang: 'ja' });
  const target = segment(r.target, { lang: 'en' });
  return { name: d.name, source, target, gold: goldLinks(r.gold, source, target) };
}

export function kyotoDocs(): ParallelDoc[] {
  return loadKyoto(join(SHARED, KYOTO_PATH));
}

export function articleDocs(): ParallelDoc[] {
  return [loadGoldDoc(join(FIXTURES, 'align', 'article.gold.json'), 'article'), loadGoldDoc(join(FIXTURES, 'align', 'article.news.gold.json'), 'article-news')];
}

/** The article and its two translations exactly as the files are (their real blank lines and spacing). */
export function articleFileCases(): Case[] {
  const ja = readFileSync(join(FIXTURES, 'article.ja.txt'), 'utf8');
  const source = segment(ja, { lang: 'ja' });
  return [
    ['article', 'article.gold.json', join(FIXTURES, 'article.en.txt')],
    ['article-news', 'article.news.gold.json', join(FIXTURES, 'align', 'article.en.news.txt')],
  ].map(([name, gold, file]) => {
    const doc = loadGoldDoc(join(FIXTURES, 'align', gold!), name!);
    const en = readFileSync(file!, 'utf8');
    const target = segment(en, { lang: 'en' });
    return { name: name!, source, target, gold: goldLinks(locateGold(doc, ja, en), source, target) };
  });
}

/** A long text (tests/align/support/scale-corpus.mjs) with its gold, as a Case. */
export function scaleCase(pairs: number, seed = 42): Case {
  const doc = scaleDoc(unitPool(SHARED, FIXTURES), pairs, seed) as ParallelDoc;
  return caseOf(doc);
}

export type Aligner = (c: Case) => AlignedPair[];

export const ALIGNERS: Record<'kioku' | 'galeChurch' | 'galeChurchParagraphs', Aligner> = {
  kioku: (c) => align(c.source, c.target, { sourceLang: 'ja', targetLang: 'en' }),
  galeChurch: (c) => alignLengthOnly(c.source, c.target),
  galeChurchParagraphs: (c) => alignLengthOnly(c.source, c.target, { paragraphs: 'hard' }),
};

export function withParams(params: AlignParams): Aligner {
  return (c) => align(c.source, c.target, { sourceLang: 'ja', targetLang: 'en', params });
}

const NO_ANCHORS: Partial<AlignParams> = {
  anchors: { number: 0, quote: 0, question: 0, exclamation: 0, latin: 0, memory: 0 },
  anchorMiss: { number: 0, quote: 0, question: 0, exclamation: 0, latin: 0, memory: 0 },
};
const NO_PARAGRAPHS: Partial<AlignParams> = {
  paragraphBoth: 0,
  paragraphLengthCap: 0,
  paragraphAgreement: [0, 0],
  paragraphCross: 0,
  paragraphDeletion: 1e-9,
  paragraphLink: 1e-9,
};

/** Kioku's model with parts switched off, to show what each part contributes. */
export const ABLATIONS: Record<string, AlignParams> = {
  'length model only': { ...DEFAULT_PARAMS, ...NO_ANCHORS, ...NO_PARAGRAPHS },
  'length + anchors': { ...DEFAULT_PARAMS, ...NO_PARAGRAPHS },
  'length + paragraphs': { ...DEFAULT_PARAMS, ...NO_ANCHORS },
  'full model (default)': DEFAULT_PARAMS,
};

export function scoreAll(cases: readonly Case[], aligner: Aligner): Score {
  return sumScores(cases.map((c) => scoreLinks(aligner(c), c.gold)));
}

export const REALISTIC: readonly Disturbance[] = ['one-missing', 'one-extra', 'one-split', 'one-join', 'one-each'];
export const STRESS: readonly Disturbance[] = ['join', 'split', 'missing', 'flat', 'mixed'];

/** Confidence vs correctness of every linked pair (both sides non-empty) over the cases. */
export function calibration(cases: readonly Case[], thresholds: readonly number[]) {
  const points: Array<{ score: number; correct: boolean }> = [];
  for (const c of cases) {
    for (const p of ALIGNERS.kioku(c)) {
      if (p.source.length === 0 || p.target.length === 0) continue;
      points.push({ score: p.score, correct: scoreLinks([p], c.gold).correct === 1 });
    }
  }
  const wrong = points.filter((p) => !p.correct).length;
  return {
    links: points.length,
    wrong,
    rows: thresholds.map((t) => {
      const above = points.filter((p) => p.score >= t);
      const below = points.filter((p) => p.score < t);
      return {
        threshold: t,
        flagged: below.length / Math.max(1, points.length),
        precisionAbove: above.filter((p) => p.correct).length / Math.max(1, above.length),
        wrongCaught: wrong ? below.filter((p) => !p.correct).length / wrong : 1,
      };
    }),
  };
}
