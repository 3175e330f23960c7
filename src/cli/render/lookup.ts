import type { CharDiff } from '../../model.js';
import { diffMarkup } from '../../diff/chars.js';
import type { ScoreExplanation } from '../../memory/index.js';
import type { LookupJob } from '../../jobs/lookup.js';
import { palette, safeText, type Palette } from '../output.js';

/* How `kioku lookup` shows the candidates: the `--json` document (the job's value) and the listing. */

/** The `--json` document of `kioku lookup`. */
export function lookupJson(memory: string, job: LookupJob) {
  return { query: job.query, threshold: job.threshold, memory, units: job.units, matches: job.matches };
}

export function colourDiff(diff: readonly CharDiff[], c: Palette, colour: boolean): string {
  if (!colour) return safeText(diffMarkup(diff), { singleLine: true });
  return diff
    .map(([op, t]) =>
      op === 0
        ? safeText(t, { singleLine: true })
        : op === -1
          ? c.red(c.strike(safeText(t, { singleLine: true })))
          : c.green(c.bold(safeText(t, { singleLine: true }))),
    )
    .join('');
}

/** Each candidate: score and the diff from the query, the translation, then its provenance and why it scored so. */
export function renderLookupText(memory: string, job: LookupJob, colour: boolean): string {
  const c = palette(colour);
  if (job.matches.length === 0) return c.dim(`no match ≥ ${job.threshold}% in ${safeText(memory, { singleLine: true })} (${job.units} units)`) + '\n';
  let out = '';
  for (const r of job.matches) {
    const label = r.kind === 'fuzzy' ? `${r.score}%` : `${r.score}% ${r.kind}`;
    out += `${c.bold(label.padEnd(6))} ${colourDiff(r.diff, c, colour)}\n`;
    out += `       → ${safeText(r.target, { singleLine: true })}\n`;
    const why = explain(r.explanation);
    // Provenance comes from whatever was imported (TMX props, XLIFF ids): all of it is data.
    out += c.dim(safeText(`       ${r.document} · ${r.segment} · ${r.state} · ${r.changed}${why ? ` · ${why}` : ''}`, { singleLine: true })) + '\n';
  }
  return out;
}

function explain(e: ScoreExplanation): string {
  if (e.score >= 100) return '';
  const parts = [`edit similarity ${e.base}% (${e.distance} edit${e.distance === 1 ? '' : 's'})`];
  if (e.only) parts.push(e.only === 'whitespace' ? 'whitespace-only difference' : 'punctuation/whitespace-only difference');
  for (const p of e.penalties) parts.push(`−${p.points} ${p.reason}`);
  return parts.join(', ');
}
