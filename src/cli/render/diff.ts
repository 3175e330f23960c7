import type { ChangeKind, CharDiff, Revision, SegmentChange } from '../../model.js';
import { displayDiff, type OldTranslation } from '../../diff/index.js';
import { joinTexts, KIND_ORDER } from '../../diff/html.js';
import { palette, safeText, type Palette } from '../output.js';

/* How `kioku diff` shows its result: the `--json` document and the terminal listing. */

/**
 * The stable `--json` shape of `kioku diff` (documented in the README):
 * `{"changes":[{"kind":"minor","old":[12],"new":[13],"similarity":0.94}, …]}`. `old`/`new` index the
 * `kioku segment --json` lists of OLD and NEW; every index is in exactly one change, unchanged ones
 * included, in the order of NEW with removed segments where they were. Similarity has two decimals.
 */
export interface DiffJson {
  readonly changes: ReadonlyArray<{ readonly kind: ChangeKind; readonly old: readonly number[]; readonly new: readonly number[]; readonly similarity: number }>;
}

export function diffJson(changes: readonly SegmentChange[]): DiffJson {
  return {
    changes: changes.map((c) => ({ kind: c.kind, old: [...c.old], new: [...c.new], similarity: Math.round(c.similarity * 100) / 100 })),
  };
}

/** Counts by kind in KIND_ORDER (changed kinds first, unchanged last), only kinds present. */
export function countKinds(changes: readonly SegmentChange[]): Array<[ChangeKind, number]> {
  const counts = new Map<ChangeKind, number>();
  for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return KIND_ORDER.filter((k) => counts.has(k)).map((k) => [k, counts.get(k)!]);
}

function where(rev: Revision, indices: readonly number[]): string {
  if (indices.length === 0) return '';
  const line = rev.paragraphs[rev.segments[indices[0]!]!.paragraph]?.line ?? 0;
  const ids = indices.length === 1 ? `#${indices[0]}` : `#${indices[0]}-${indices[indices.length - 1]}`;
  return `${ids} (line ${line})`;
}

/** One side of a diff for a terminal: changed runs in colour, or between [- -] / {+ +} without. */
function sideText(diff: readonly CharDiff[], keep: -1 | 1, c: Palette, colour: boolean): string {
  let out = '';
  for (const [op, text] of diff) {
    const t = safeText(text, { singleLine: true });
    if (op === 0) out += t;
    else if (op === keep) {
      if (colour) out += keep === -1 ? c.red(c.inverse(t)) : c.green(c.inverse(t));
      else out += keep === -1 ? `[-${t}-]` : `{+${t}+}`;
    }
  }
  return out;
}

const KIND_COLOUR: Record<ChangeKind, keyof Palette> = {
  unchanged: 'dim',
  moved: 'blue',
  whitespace: 'blue',
  punctuation: 'blue',
  minor: 'yellow',
  major: 'red',
  split: 'yellow',
  merged: 'yellow',
  added: 'green',
  removed: 'red',
};

/** The terminal report: a summary by kind, then every change with old and new text (and the current translation). */
export function renderDiffText(input: {
  oldName: string;
  newName: string;
  old: Revision;
  next: Revision;
  changes: readonly SegmentChange[];
  colour: boolean;
  translationOfOld?: (oldIndex: number) => OldTranslation | undefined;
}): string {
  const { old, next, changes, colour } = input;
  const c = palette(colour);
  const counts = countKinds(changes);
  const changed = changes.filter((x) => x.kind !== 'unchanged');
  const lines: string[] = [];
  lines.push(
    c.bold(`${safeText(input.oldName, { singleLine: true })} → ${safeText(input.newName, { singleLine: true })}`) +
      `: ${old.segments.length} → ${next.segments.length} segments, ${changed.length} change${changed.length === 1 ? '' : 's'}`,
  );
  for (const [kind, n] of counts) lines.push(`  ${c[KIND_COLOUR[kind]](kind.padEnd(12))}${String(n).padStart(6)}`);
  for (const ch of changed) {
    lines.push('');
    const sim = ch.kind === 'added' || ch.kind === 'removed' ? '' : ` ${ch.similarity.toFixed(2)}`;
    const moved = ch.moved ? ' (moved)' : '';
    const place =
      ch.old.length > 0 && ch.new.length > 0
        ? `old ${where(old, ch.old)} → new ${where(next, ch.new)}`
        : ch.old.length > 0
          ? `old ${where(old, ch.old)}`
          : `new ${where(next, ch.new)}`;
    lines.push(`${c.bold(c[KIND_COLOUR[ch.kind]](ch.kind))}${sim}${moved}  ${c.dim(place)}`);
    const a = joinTexts(old, ch.old);
    const b = joinTexts(next, ch.new);
    if (ch.kind === 'moved') {
      lines.push(`  ${c.dim('=')} ${safeText(b, { singleLine: true })}`);
    } else if (ch.old.length === 0) {
      lines.push(`  ${c.green('+')} ${colour ? c.green(safeText(b, { singleLine: true })) : safeText(b, { singleLine: true })}`);
    } else if (ch.new.length === 0) {
      lines.push(`  ${c.red('-')} ${colour ? c.red(safeText(a, { singleLine: true })) : safeText(a, { singleLine: true })}`);
    } else {
      const d = displayDiff(ch.diff, a, b); // split/merged across paragraphs: joined differently
      lines.push(`  ${c.red('-')} ${sideText(d, -1, c, colour)}`);
      lines.push(`  ${c.green('+')} ${sideText(d, 1, c, colour)}`);
    }
    if (input.translationOfOld && ch.old.length > 0 && ch.kind !== 'moved') {
      const ts = ch.old.map((o) => input.translationOfOld!(o)).filter((t): t is OldTranslation => t !== undefined);
      // Always a space, not joinSentences: the target language is not passed here and the listing stays byte-identical (issue 12).
      lines.push(
        `  ${c.dim('»')} ${ts.length > 0 ? safeText(ts.map((t) => t.target).join(' '), { singleLine: true }) + c.dim(` (${ts[0]!.state})`) : c.dim('no translation in the memory')}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
