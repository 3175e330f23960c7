import type { BilingualDocument, Paragraph, Revision, Segment } from '../model.js';
import { assignIds } from '../segment/index.js';
import { charDiff, diffMarkup, diffRevisions } from '../diff/index.js';

/** What became of a translated unit in the current source. */
export interface StaleUnit {
  /** The current text of the segment(s) that replaced the unit's source. */
  readonly current: string;
  /** Word-diff style markup of the change: `[-old-]{+new+}`. */
  readonly diff: string;
  /** Ids of the current segments (more than one when the sentence was split). */
  readonly segments: readonly string[];
  /** The line of the current source paragraph. */
  readonly line: number;
}

export interface MissingSegment {
  readonly segment: Segment;
  /** 1-based line of its paragraph in the current source. */
  readonly line: number;
}

/** The units of a translated document measured against the current source revision. */
export interface SourceComparison {
  /** Display name of the current source file. */
  readonly sourceFile: string;
  /** Units whose source was edited since (unit id → the change). */
  readonly stale: ReadonlyMap<string, StaleUnit>;
  /** Units whose segment no longer exists. */
  readonly removed: ReadonlySet<string>;
  /** Current segments that no unit translates. */
  readonly missing: readonly MissingSegment[];
}

/**
 * The document's units as a Revision (one paragraph per group) with ids recomputed from their source
 * text, so a file from another tool (ids "1", "2"…) is compared by text like kioku's own exports.
 */
export function revisionOfDocument(doc: BilingualDocument): { revision: Revision; unitIds: string[] } {
  const texts: string[] = [];
  const unitIds: string[] = [];
  const paragraphs: Paragraph[] = [];
  const raw: Array<{ paragraph: number; start: number; end: number; text: string }> = [];
  for (const group of doc.groups) {
    if (group.units.length === 0) continue;
    const index = paragraphs.length;
    const first = raw.length;
    let line = '';
    for (const unit of group.units) {
      if (line !== '') line += ' ';
      raw.push({ paragraph: index, start: line.length, end: line.length + unit.source.length, text: unit.source });
      line += unit.source;
      texts.push(unit.source);
      unitIds.push(unit.id);
    }
    const segments = Array.from({ length: raw.length - first }, (_, k) => first + k);
    paragraphs.push({ index, line: group.units[0]!.line, text: line, segments });
  }
  const { ids } = assignIds(texts);
  const segments: Segment[] = raw.map((r, i) => ({ id: ids[i]!, paragraph: r.paragraph, text: r.text, start: r.start, end: r.end }));
  return { revision: { lang: doc.sourceLang, paragraphs, segments }, unitIds };
}

/** Compares the units of `doc` with the current source revision (pure; uses DIFF's revision diff). */
export function compareWithSource(doc: BilingualDocument, current: Revision, sourceFile: string): SourceComparison {
  const { revision: old, unitIds } = revisionOfDocument(doc);
  const changes = diffRevisions(old, current);
  const stale = new Map<string, StaleUnit>();
  const removed = new Set<string>();
  const missing: MissingSegment[] = [];
  const lineOf = (segment: Segment): number => current.paragraphs[segment.paragraph]?.line ?? 0;
  for (const change of changes) {
    switch (change.kind) {
      case 'unchanged':
      case 'moved':
      case 'whitespace':
        // The translation still fits: the same sentence (maybe elsewhere, maybe re-spaced).
        break;
      case 'removed':
        for (const o of change.old) removed.add(unitIds[o]!);
        break;
      case 'added':
        for (const n of change.new) missing.push({ segment: current.segments[n]!, line: lineOf(current.segments[n]!) });
        break;
      default: {
        const newSegments = change.new.map((n) => current.segments[n]!);
        // Always a space, not joinSentences: the stale unit's text and diff are check output, kept byte-identical (issue 12).
        const currentText = newSegments.map((s) => s.text).join(' ');
        const oldText = change.old.map((o) => old.segments[o]!.text).join(' ');
        const diff = diffMarkup(change.diff ?? charDiff(oldText, currentText));
        for (const o of change.old) {
          stale.set(unitIds[o]!, {
            current: currentText,
            diff,
            segments: newSegments.map((s) => s.id),
            line: newSegments[0] !== undefined ? lineOf(newSegments[0]) : 0,
          });
        }
      }
    }
  }
  missing.sort((a, b) => a.line - b.line || a.segment.start - b.segment.start);
  return { sourceFile, stale, removed, missing };
}
