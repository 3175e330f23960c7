import type { SearchJob } from '../../jobs/search.js';
import { palette, safeText, type Palette } from '../output.js';

/* How `kioku search` shows the concordance: the `--json` document and the listing. */

/** The `--json` document of `kioku search`. */
export function searchJson(query: string, job: SearchJob) {
  return {
    query,
    total: job.total,
    hits: job.hits.map((h) => ({
      id: h.unit.id,
      source: h.unit.source,
      target: h.unit.target,
      document: h.unit.provenance.document,
      segment: h.unit.provenance.segment,
      ...(h.source ? { sourceSpan: h.source } : {}),
      ...(h.target ? { targetSpan: h.target } : {}),
    })),
  };
}

function highlight(text: string, span: readonly [number, number] | undefined, c: Palette): string {
  if (!span) return safeText(text, { singleLine: true });
  const nfc = text.normalize('NFC');
  return (
    safeText(nfc.slice(0, span[0]), { singleLine: true }) +
    c.inverse(safeText(nfc.slice(span[0], span[1]), { singleLine: true })) +
    safeText(nfc.slice(span[1]), { singleLine: true })
  );
}

/** Each unit with the text marked (inverse on a terminal, [brackets] without colour), then how many there are. */
export function renderSearchText(job: SearchJob, colour: boolean): string {
  const { hits, total } = job;
  const c = palette(colour);
  const mark = (t: string, s: readonly [number, number] | undefined) =>
    colour || !s ? highlight(t, s, c) : highlight(t, s, { ...c, inverse: (x) => `[${x}]` });
  let out = '';
  for (const h of hits) {
    out += `${mark(h.unit.source, h.source)}\n  → ${mark(h.unit.target, h.target)}\n`;
    out += c.dim(safeText(`  ${h.unit.provenance.document} · ${h.unit.provenance.segment}`, { singleLine: true })) + '\n';
  }
  out +=
    c.dim(
      total > hits.length
        ? `${total} units contain it; showing ${hits.length} (--limit)`
        : `${total} unit${total === 1 ? '' : 's'} contain${total === 1 ? 's' : ''} it`,
    ) + '\n';
  return out;
}
