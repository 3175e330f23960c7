import { BANDS } from '../../memory/index.js';
import type { StatsJob } from '../../jobs/stats.js';
import { writesWithoutSpaces } from '../../text/lang.js';
import { palette, safeText } from '../output.js';

/* How `kioku stats` shows its analysis: the `--json` document and the match-band table. */

const LABELS: Record<(typeof BANDS)[number], string> = {
  '101': 'In context (101%)',
  '100': 'Exact (100%)',
  '95-99': '95–99%',
  '85-94': '85–94%',
  '75-84': '75–84%',
  '50-74': '50–74%',
  'no-match': 'No match',
  repetition: 'Repetitions',
};

/** The `--json` document of `kioku stats`. */
export function statsJson(file: string, memory: string, job: StatsJob) {
  return {
    file,
    document: job.document,
    sourceLang: job.sourceLang,
    targetLang: job.targetLang,
    memory,
    units: job.units,
    total: job.analysis.total,
    bands: job.analysis.bands,
    segments: job.analysis.segments,
  };
}

/** The table a CAT tool gives before a job: segments, words, characters and share of each band. */
export function renderStatsText(file: string, memory: string, job: StatsJob, colour: boolean): string {
  const { analysis, sourceLang, targetLang } = job;
  const c = palette(colour);
  // Languages written without spaces have their words counted one per character (countWords): say so.
  const wordsLabel = writesWithoutSpaces(sourceLang) ? 'Words*' : 'Words';
  const header = ['Match', 'Segments', wordsLabel, 'Characters', '%'];
  const rows = BANDS.map((b) => {
    const x = analysis.bands[b];
    const pct = analysis.total.words ? ((100 * x.words) / analysis.total.words).toFixed(1) : '0.0';
    return [LABELS[b], String(x.segments), String(x.words), String(x.characters), pct];
  });
  rows.push(['Total', String(analysis.total.segments), String(analysis.total.words), String(analysis.total.characters), '100.0']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  let out =
    c.bold(`${safeText(file, { singleLine: true })}: ${sourceLang}→${targetLang} against ${safeText(memory, { singleLine: true })} (${job.units} units)`) +
    '\n';
  out += c.dim(line(header)) + '\n';
  rows.forEach((r, i) => (out += (i === rows.length - 1 ? c.bold(line(r)) : line(r)) + '\n'));
  if (wordsLabel.endsWith('*')) out += c.dim('* Japanese is counted in characters (one word per kana/kanji), Latin-script words one each.') + '\n';
  return out;
}
