import type { AlignedPair, Lang, Revision } from '../../model.js';
import { stateFor } from '../../align/output.js';
import type { AlignImport } from '../../jobs/align.js';
import { palette, safeText } from '../output.js';

/* How `kioku align` shows its result: the `--json` document and the two-column terminal listing. */

/** The stable `--json` shape of `kioku align`: indices into each file's `kioku segment --json` list. */
export interface AlignJson {
  readonly pairs: ReadonlyArray<{ readonly source: readonly number[]; readonly target: readonly number[]; readonly score: number }>;
}

export function alignJson(pairs: readonly AlignedPair[]): AlignJson {
  // Two decimals: the confidence is a probability estimate, not a measurement to 1e-3.
  return { pairs: pairs.map((p) => ({ source: [...p.source], target: [...p.target], score: Math.round(p.score * 100) / 100 })) };
}

export interface AlignListing {
  readonly source: Revision;
  readonly target: Revision;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly pairs: readonly AlignedPair[];
  readonly reviewBelow: number;
  /** Terminal columns (at least 60). */
  readonly width: number;
  readonly colour: boolean;
  /** The files written, as the user named them. */
  readonly written: readonly string[];
  /** With --import: where the units went (as shown) and the counts. */
  readonly imported?: AlignImport & { readonly location: string };
}

/** The terminal report: the pairs side by side, a summary, the files written and the import. */
export function renderAlignText(input: AlignListing): string {
  const { source, target, pairs, reviewBelow } = input;
  const c = palette(input.colour);
  let out = '';
  // Two columns, source | target, wrapped to the terminal width (East Asian wide characters count 2).
  const col = Math.floor((input.width - 9) / 2);
  for (const p of pairs) {
    // Always a space between the sentences of a link, not joinSentences: the columns wrap at spaces,
    // and the listing stays as it has always been (the units and the XLIFF use the seam rule).
    const left = wrap(p.source.map((i) => source.segments[i]!.text).join(' '), col);
    const right = wrap(p.target.map((j) => target.segments[j]!.text).join(' '), col);
    const unlinked = p.source.length === 0 || p.target.length === 0;
    const low = !unlinked && p.score < reviewBelow;
    const score = unlinked ? c.dim('  —  ') : low ? c.yellow(p.score.toFixed(2).padStart(5)) : c.green(p.score.toFixed(2).padStart(5));
    const rows = Math.max(left.length, right.length, 1);
    const ids = `${p.source.join(',') || '–'} → ${p.target.join(',') || '–'}`;
    out += `${score}  ${c.dim(ids)}\n`;
    for (let r = 0; r < rows; r++) {
      const l = left[r] ?? '';
      out += `       ${l}${' '.repeat(Math.max(0, col - displayWidth(l)))} ${c.dim('│')} ${right[r] ?? ''}\n`;
    }
  }
  const shapes = new Map<string, number>();
  for (const p of pairs) shapes.set(`${p.source.length}-${p.target.length}`, (shapes.get(`${p.source.length}-${p.target.length}`) ?? 0) + 1);
  const review = pairs.filter((p) => p.source.length > 0 && p.target.length > 0 && stateFor(p, reviewBelow) === 'needs-review').length;
  const shapeText = [...shapes]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ');
  out +=
    c.dim(
      `${pairs.length} links (${shapeText}) between ${source.segments.length} ${input.sourceLang} and ${target.segments.length} ${input.targetLang} segments; `,
    ) +
    (review > 0 ? c.yellow(`${review} below ${reviewBelow} (needs review)`) : c.green(`all linked pairs ≥ ${reviewBelow}`)) +
    '\n';
  for (const file of input.written) out += `wrote ${c.bold(safeText(file, { singleLine: true }))}\n`;
  const imported = input.imported;
  if (imported) {
    out +=
      `imported into ${safeText(imported.location, { singleLine: true })}: ${c.green(`added ${imported.added}`)}, updated ${imported.updated}, unchanged ${imported.unchanged}` +
      (imported.review > 0 ? `; ${imported.review} stored as needs-review` : '') +
      '\n';
  }
  return out;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

/** Wraps text (made safe for the terminal) into lines of at most `width` columns, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  const safe = safeText(text, { singleLine: true });
  const lines: string[] = [];
  let line = '';
  let w = 0;
  let lastSpace = -1;
  for (const ch of safe) {
    const cw = isWide(ch.codePointAt(0)!) ? 2 : 1;
    if (w + cw > width) {
      if (lastSpace > 0 && ch !== ' ') {
        lines.push(line.slice(0, lastSpace));
        line = line.slice(lastSpace + 1);
        w = displayWidth(line);
      } else {
        lines.push(line);
        line = '';
        w = 0;
      }
      lastSpace = -1;
      if (ch === ' ') continue;
    }
    if (ch === ' ') lastSpace = line.length;
    line += ch;
    w += cw;
  }
  if (line !== '') lines.push(line);
  return lines;
}
