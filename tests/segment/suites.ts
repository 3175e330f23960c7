/**
 * The third-party segmentation suites in ../shared/corpora/segmentation, and ONE way of running any
 * segmenter over them, so kioku and the baselines are measured identically (tests/segment and
 * tests/eval/segmentation.eval.ts both use this).
 *
 * Conventions (documented in the README):
 * - Feeding. kioku's unit is the line: a case input is cut into lines (LF, CRLF, CR), every non-blank
 *   line is one paragraph and is segmented on its own, and the sentences of all lines are listed in
 *   order. kioku itself is run through `segment()` on the whole input (the product's path); baselines
 *   get the same lines one by one (Intl.Segmenter is quadratic on long strings, and a line break is a
 *   paragraph boundary for every segmenter alike).
 * - Cleaning. Where the upstream tool cleans the text before segmenting (Pragmatic Segmenter always;
 *   pySBD with `clean: true`), the harness applies the upstream cleaner's *line-joining* rules to the
 *   input first, for every segmenter: a line break after の inside a word (「これは父の\n家です。」, the
 *   Japanese cleaner's only rule), and for English a break inside a sentence before a lower-case word or
 *   "(", inside a word, or before a lone ".". kioku never rewrites text, so nothing else of the cleaning
 *   (HTML, dot leaders) is imitated; those cases fail for every segmenter.
 * - Comparison, per the upstream test: pySBD, Pragmatic Segmenter, sengiri, ja_sentence_segmenter and
 *   azu compare trimmed sentences; sentencex collapses whitespace runs on both sides; bunkai compares
 *   exact spans that keep the whitespace after each sentence ("".join(expected) == input).
 * - Comparable cases: no options, or options that are the upstream defaults (pySBD `clean:false`;
 *   `clean:true` for Japanese, whose cleaner only does what the harness imitates; ja_sentence_segmenter
 *   `split_newline` / `split_punctuation` without extra arguments). Cases with other options (azu's
 *   SeparatorParser, ja_sentence_segmenter's split_between_quote…, pySBD English `clean:true`) are
 *   reported but not comparable. `xfail` cases (the upstream tool fails them itself) are listed apart.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface SuiteCase {
  readonly id: string;
  readonly input: string;
  readonly expected: readonly string[];
  readonly options?: Readonly<Record<string, unknown>>;
  readonly xfail?: boolean;
  readonly note?: string;
}

export interface Suite {
  /** File name without `.json`, e.g. `pysbd-golden-ja`. */
  readonly name: string;
  readonly lang: 'ja' | 'en';
  readonly source: string;
  readonly comparison: string;
  readonly cases: readonly SuiteCase[];
}

/** Segments ONE paragraph (a line without line breaks) into sentence strings, substrings of it. */
export type ParagraphSplitter = (paragraph: string, lang: 'ja' | 'en') => readonly string[];
/** Segments a whole input (may contain line breaks) into sentence strings. */
export type DocumentSplitter = (text: string, lang: 'ja' | 'en') => readonly string[];

export const SUITE_ORDER = [
  'pysbd-golden-ja',
  'pragmatic-segmenter-ja',
  'sentencex-ja',
  'azu-sentence-splitter-ja',
  'bunkai-ja',
  'sengiri-ja',
  'ja-sentence-segmenter-ja',
  'pysbd-golden-en',
  'pysbd-more-en',
  'sentencex-en',
  'azu-sentence-splitter-en',
];

export function loadSuites(dir: string): Suite[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const suites = files.map((f) => {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Omit<Suite, 'name'>;
    return { ...data, name: f.replace(/\.json$/, '') };
  });
  const rank = (s: Suite) => (SUITE_ORDER.includes(s.name) ? SUITE_ORDER.indexOf(s.name) : 99);
  return suites.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

type Comparison = 'trim' | 'collapse' | 'spans';

function comparisonOf(suite: Suite): Comparison {
  if (suite.name.startsWith('sentencex')) return 'collapse';
  if (suite.name.startsWith('bunkai')) return 'spans';
  return 'trim';
}

/** Whether the upstream ran its cleaner on this case. */
function cleans(suite: Suite, c: SuiteCase): boolean {
  if (suite.name.startsWith('pragmatic-segmenter')) return true;
  return suite.name.startsWith('pysbd') && c.options?.clean === true;
}

/** Whether the case ran with settings a default segmenter can be compared with (see the header). */
export function isComparable(suite: Suite, c: SuiteCase): boolean {
  const o = c.options;
  if (o === undefined) return true;
  const keys = Object.keys(o);
  if (suite.name.startsWith('pysbd')) return o.clean === false || (o.clean === true && suite.lang === 'ja');
  if (suite.name.startsWith('ja-sentence-segmenter')) {
    return keys.length === 1 && (o.function === 'split_newline' || o.function === 'split_punctuation');
  }
  return false;
}

/** The upstream cleaners' line-joining rules (Pragmatic Segmenter / pySBD `Cleaner`). */
export function cleanLineBreaks(text: string, lang: 'ja' | 'en'): string {
  if (lang === 'ja') return text.replace(/(?<=の)\n(?=\S)/g, '');
  return text
    .replace(/\n(?=[a-zA-Z]{1,2}\n)/g, '')
    .replace(/(?<=\s)\n(?=[a-z(])/g, '')
    .replace(/\n(?=\.(?:\s|\n|$))/g, '');
}

/** The input exactly as every segmenter is fed it for this case. */
export function preparedInput(suite: Suite, c: SuiteCase): string {
  return cleans(suite, c) ? cleanLineBreaks(c.input, suite.lang) : c.input;
}

/** Runs a paragraph splitter the way the harness feeds every segmenter: line by line. */
export function byParagraph(split: ParagraphSplitter): DocumentSplitter {
  return (text, lang) => {
    const out: string[] = [];
    for (const line of text.split(/\r\n|\r|\n/)) {
      if (line.trim() === '') continue;
      out.push(...split(line, lang));
    }
    return out;
  };
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Offsets of each sentence in `text`, found in order; undefined when one is not a substring. */
function locate(text: string, sentences: readonly string[]): number[] | undefined {
  const starts: number[] = [];
  let from = 0;
  for (const s of sentences) {
    const t = s.trim();
    if (t === '') continue;
    const at = text.indexOf(t, from);
    if (at < 0) return undefined;
    starts.push(at);
    from = at + t.length;
  }
  return starts;
}

/** bunkai's view: each sentence keeps the whitespace after it; leading whitespace is a piece of its own. */
function asSpans(text: string, sentences: readonly string[]): string[] | undefined {
  const starts = locate(text, sentences);
  if (starts === undefined) return undefined;
  const pieces: string[] = [];
  if (starts.length === 0) return text === '' ? [] : [text];
  if (starts[0]! > 0) pieces.push(text.slice(0, starts[0]));
  for (let i = 0; i < starts.length; i++) pieces.push(text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length));
  return pieces;
}

export interface CaseResult {
  readonly id: string;
  readonly pass: boolean;
  readonly comparable: boolean;
  readonly xfail: boolean;
  /** What the segmenter produced, in the suite's comparison form. */
  readonly actual: readonly string[];
  readonly expected: readonly string[];
}

export function runCase(suite: Suite, c: SuiteCase, split: DocumentSplitter): CaseResult {
  const input = preparedInput(suite, c);
  const produced = split(input, suite.lang);
  const mode = comparisonOf(suite);
  let actual: string[];
  let expected: string[];
  if (mode === 'spans') {
    actual = asSpans(input, produced) ?? produced.map((s) => `⟨not a substring⟩${s}`);
    expected = [...c.expected];
  } else if (mode === 'collapse') {
    actual = produced.map(collapse).filter((s) => s !== '');
    expected = c.expected.map(collapse).filter((s) => s !== '');
  } else {
    actual = produced.map((s) => s.trim()).filter((s) => s !== '');
    expected = c.expected.map((s) => s.trim()).filter((s) => s !== '');
  }
  const pass = actual.length === expected.length && actual.every((s, i) => s === expected[i]);
  return { id: c.id, pass, comparable: isComparable(suite, c), xfail: c.xfail === true, actual, expected };
}

export interface SuiteScore {
  readonly suite: string;
  readonly passed: number;
  readonly total: number;
  readonly comparablePassed: number;
  readonly comparableTotal: number;
  readonly results: readonly CaseResult[];
}

export function scoreSuite(suite: Suite, split: DocumentSplitter): SuiteScore {
  const results = suite.cases.map((c) => runCase(suite, c, split));
  const comparable = results.filter((r) => r.comparable && !r.xfail);
  return {
    suite: suite.name,
    passed: results.filter((r) => r.pass).length,
    total: results.length,
    comparablePassed: comparable.filter((r) => r.pass).length,
    comparableTotal: comparable.length,
    results,
  };
}
