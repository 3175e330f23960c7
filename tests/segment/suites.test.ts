import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/segment/index.js';
import { missing, SHARED } from '../support/env.js';
import { loadSuites, scoreSuite, type DocumentSplitter, type Suite, type SuiteScore } from './suites.js';

const reason = missing({ shared: 'corpora/segmentation' });

/** kioku as the harness runs it: the whole case input through `segment()` (see suites.ts). */
const kiokuSplitter: DocumentSplitter = (text, lang) => segment(text, { lang }).segments.map((s) => s.text);

function failures(score: SuiteScore): string {
  return score.results
    .filter((r) => !r.pass)
    .map((r) => `${r.id}\n  expected ${JSON.stringify(r.expected)}\n  actual   ${JSON.stringify(r.actual)}`)
    .join('\n');
}

/**
 * Pass counts kioku reaches today on every suite (all cases), as floors: a change that loses a case
 * fails here and must be looked at. The README table shows the same numbers next to the baselines.
 */
const FLOORS: Record<string, number> = {
  'pysbd-golden-ja': 5,
  'pragmatic-segmenter-ja': 9,
  'sentencex-ja': 4,
  'azu-sentence-splitter-ja': 8,
  'bunkai-ja': 45,
  'sengiri-ja': 10,
  'ja-sentence-segmenter-ja': 4,
  'pysbd-golden-en': 48,
  'pysbd-more-en': 120,
  'sentencex-en': 225,
  'azu-sentence-splitter-en': 13,
};

describe.skipIf(reason)(`third-party segmentation suites${reason ? ` (${reason})` : ''}`, () => {
  const suites = reason ? [] : loadSuites(join(SHARED, 'corpora', 'segmentation'));
  const byName = (name: string): Suite => {
    const s = suites.find((x) => x.name === name);
    if (s === undefined) throw new Error(`suite ${name} is missing from ../shared/corpora/segmentation`);
    return s;
  };

  it('passes every Japanese golden rule of pySBD', () => {
    const score = scoreSuite(byName('pysbd-golden-ja'), kiokuSplitter);
    expect(score.passed, failures(score)).toBe(score.total);
  });

  it('passes every case of the Pragmatic Segmenter Japanese spec, Golden Rules included', () => {
    const score = scoreSuite(byName('pragmatic-segmenter-ja'), kiokuSplitter);
    expect(score.results.filter((r) => r.id.startsWith('Errant newlines')).length).toBe(1);
    expect(score.passed, failures(score)).toBe(score.total);
  });

  it('passes at least 45 of the 47 English golden rules that pySBD itself passes', () => {
    const score = scoreSuite(byName('pysbd-golden-en'), kiokuSplitter);
    const rules = score.results.filter((r) => !r.xfail);
    expect(rules).toHaveLength(47);
    expect(rules.filter((r) => r.pass).length, failures(score)).toBeGreaterThanOrEqual(45);
  });

  it('keeps its pass count on every suite', () => {
    for (const suite of suites) {
      const floor = FLOORS[suite.name];
      expect(floor, `a floor for ${suite.name}`).toBeDefined();
      const score = scoreSuite(suite, kiokuSplitter);
      expect(score.passed, `${suite.name}\n${failures(score)}`).toBeGreaterThanOrEqual(floor!);
    }
  });
});
