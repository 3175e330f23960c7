import type { Revision } from '../../model.js';
import { palette, safeText } from '../output.js';

/* How `kioku segment` shows a revision: the `--json` document and the listing by paragraph. */

/** The stable `--json` shape of `kioku segment` (documented in the README). */
export interface SegmentJson {
  readonly lang: string;
  readonly segments: ReadonlyArray<{ readonly id: string; readonly paragraph: number; readonly text: string }>;
}

export function segmentJson(revision: Revision): SegmentJson {
  return {
    lang: revision.lang,
    segments: revision.segments.map((s) => ({ id: s.id, paragraph: s.paragraph, text: s.text })),
  };
}

export function renderSegmentText(revision: Revision, colour: boolean): string {
  const c = palette(colour);
  let out = '';
  let paragraph = -1;
  for (const s of revision.segments) {
    if (s.paragraph !== paragraph) {
      paragraph = s.paragraph;
      out += c.dim(`¶${paragraph} (line ${revision.paragraphs[paragraph]!.line})`) + '\n';
    }
    out += `  ${c.blue(s.id.padEnd(15))} ${safeText(s.text, { singleLine: true })}\n`;
  }
  out += c.dim(`${revision.segments.length} segments in ${revision.paragraphs.length} paragraphs (${revision.lang})`) + '\n';
  return out;
}
