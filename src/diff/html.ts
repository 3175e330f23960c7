import type { ChangeKind, CharDiff, Revision, SegmentChange } from '../model.js';
import { displayDiff } from './chars.js';
import { TERMINAL_UNSAFE } from '../text/json.js';
import { joinSentences } from '../text/lang.js';

/**
 * The HTML report of `kioku diff --html`: one self-contained file (inline CSS and JS, a Content
 * Security Policy that forbids every network fetch), old and new side by side with the differences
 * highlighted, a filter button per kind with its count, and the current translation of each segment
 * when the caller has one. Pure: the translations are passed in. Every piece of data is escaped, and
 * bidi controls, line/paragraph separators and other controls are shown as visible escapes.
 */
export interface DiffReportInput {
  readonly oldName: string;
  readonly newName: string;
  readonly old: Revision;
  readonly next: Revision;
  readonly changes: readonly SegmentChange[];
  /** Current translation of an old segment (from the memory), if any. */
  readonly translationOfOld?: (oldIndex: number) => string | undefined;
  /** Current translation of a new segment, when the memory already has one for its exact text. */
  readonly translationOfNew?: (newIndex: number) => string | undefined;
  /** Shown in the footer, e.g. the time of the run (passed in: the core never reads the clock). */
  readonly generated?: string;
}

export const KIND_ORDER: readonly ChangeKind[] = ['minor', 'major', 'split', 'merged', 'punctuation', 'whitespace', 'moved', 'added', 'removed', 'unchanged'];

const KIND_HELP: Record<ChangeKind, string> = {
  unchanged: 'same text, same place',
  moved: 'same text, other place',
  whitespace: 'only whitespace differs',
  punctuation: 'only punctuation or character width differs',
  minor: 'small edit: a number, a date, a word',
  major: 'rewritten',
  split: 'one old segment became several',
  merged: 'several old segments became one',
  added: 'new segment',
  removed: 'segment no longer in the new revision',
};

/**
 * Characters a browser may act on or that hide what a reader sees: C0 controls (but tab and newline),
 * DEL, C1, every bidi control (U+202E makes `gpj.exe` read `exe.jpg`) and the line and paragraph
 * separators. The report shows them as visible escapes (`\u202e`) instead of passing them through.
 */
const UNSAFE_IN_HTML = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${TERMINAL_UNSAFE}]`, 'g');

const codeEscape = (c: string): string => {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Text for an attribute value or the `<title>`: markup characters escaped, controls as visible escapes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'))
    .replace(UNSAFE_IN_HTML, codeEscape);
}

/** Text for the page body: as escapeHtml, with each control marked up so it stands out (`.ctrl`). */
function htmlText(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'))
    .replace(UNSAFE_IN_HTML, (c) => `<span class="ctrl" title="U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}">${codeEscape(c)}</span>`);
}

/** Whitespace inside a highlighted run, made visible (a changed space is otherwise invisible). */
function visible(text: string): string {
  if (!/^\s+$/u.test(text)) return htmlText(text);
  return `<span class="ws">${htmlText(
    text
      .replace(/ /g, '·')
      .replace(/\u3000/g, '□')
      .replace(/\t/g, '⇥')
      .replace(/\u00a0/g, '⍽'),
  )}</span>`;
}

function side(diff: readonly CharDiff[], keep: -1 | 1): string {
  let out = '';
  for (const [op, text] of diff) {
    if (op === 0) out += htmlText(text);
    else if (op === keep) out += keep === -1 ? `<del>${visible(text)}</del>` : `<ins>${visible(text)}</ins>`;
  }
  return out;
}

/** The sentences of a change, joined as their language joins sentences (also the text report's). */
export function joinTexts(rev: Revision, indices: readonly number[]): string {
  return joinSentences(
    rev.lang,
    indices.map((i) => rev.segments[i]!.text),
  );
}

function where(rev: Revision, indices: readonly number[]): string {
  if (indices.length === 0) return '';
  const first = rev.segments[indices[0]!]!;
  const line = rev.paragraphs[first.paragraph]?.line ?? 0;
  const label = indices.length === 1 ? `#${indices[0]}` : `#${indices[0]}–${indices[indices.length - 1]}`;
  return `${label} · line ${line}`;
}

export function renderDiffHtml(input: DiffReportInput): string {
  const { old, next, changes } = input;
  const counts = new Map<ChangeKind, number>();
  for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  const withTranslations = input.translationOfOld !== undefined || input.translationOfNew !== undefined;
  const rows: string[] = [];
  changes.forEach((c, k) => {
    const oldText = joinTexts(old, c.old);
    const newText = joinTexts(next, c.new);
    let oldCell: string;
    let newCell: string;
    if (c.kind === 'unchanged' || c.kind === 'moved') {
      oldCell = htmlText(oldText);
      newCell = htmlText(newText);
    } else if (c.old.length > 0 && c.new.length > 0) {
      // The diff is over the texts joined as the diff engine joined them; recompute on these joins
      // when they differ (split/merged across paragraphs) so the two cells always rebuild the texts.
      const d = displayDiff(c.diff, oldText, newText);
      oldCell = side(d, -1);
      newCell = side(d, 1);
    } else {
      oldCell = c.old.length > 0 ? `<del>${htmlText(oldText)}</del>` : '';
      newCell = c.new.length > 0 ? `<ins>${htmlText(newText)}</ins>` : '';
    }
    const sim = c.kind === 'added' || c.kind === 'removed' ? '' : c.similarity.toFixed(2);
    let translation = '';
    if (withTranslations) {
      const fromNew = c.new.map((i) => input.translationOfNew?.(i)).filter((t): t is string => t !== undefined);
      const fromOld = c.old.map((i) => input.translationOfOld?.(i)).filter((t): t is string => t !== undefined);
      const current = fromNew.length > 0 ? fromNew : fromOld;
      translation = `<td class="tr${current.length === 0 ? ' none' : ''}">${current.length === 0 ? '—' : current.map(htmlText).join('<br>')}</td>`;
    }
    const moved = c.moved === true ? ' <span class="tag">moved</span>' : '';
    rows.push(
      `<tr class="row k-${c.kind}" data-kind="${c.kind}"${c.kind === 'unchanged' ? ' hidden' : ''}>` +
        `<td class="n">${k + 1}</td>` +
        `<td class="kind"><span class="badge b-${c.kind}" title="${escapeHtml(KIND_HELP[c.kind])}">${c.kind}</span>${moved}</td>` +
        `<td class="old"><div class="at">${escapeHtml(where(old, c.old))}</div>${oldCell}</td>` +
        `<td class="new"><div class="at">${escapeHtml(where(next, c.new))}</div>${newCell}</td>` +
        `<td class="sim">${sim}</td>` +
        translation +
        '</tr>',
    );
  });
  const changed = changes.filter((c) => c.kind !== 'unchanged').length;
  const buttons = KIND_ORDER.filter((k) => (counts.get(k) ?? 0) > 0)
    .map(
      (k) =>
        `<button type="button" class="filter b-${k}" data-kind="${k}" aria-pressed="${k === 'unchanged' ? 'false' : 'true'}" title="${escapeHtml(KIND_HELP[k])}">${k} <b>${counts.get(k)}</b></button>`,
    )
    .join('\n');
  const title = `kioku diff: ${input.oldName} → ${input.newName}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
:root { --del: #ffd7d5; --ins: #ccf2d1; --line: #d8dee4; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans CJK JP", sans-serif; margin: 0; color: #1f2328; background: #fff; }
header { position: sticky; top: 0; background: #f6f8fa; border-bottom: 1px solid var(--line); padding: 12px 20px; z-index: 1; }
h1 { font-size: 18px; margin: 0 0 4px; word-break: break-all; }
.summary { color: var(--muted); margin: 0 0 8px; }
.filters { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
button { font: inherit; border: 1px solid var(--line); border-radius: 14px; padding: 2px 10px; cursor: pointer; background: #fff; }
button[aria-pressed="false"] { opacity: .45; text-decoration: line-through; }
button.all { border-style: dashed; }
#shown { color: var(--muted); margin-left: 8px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { position: sticky; top: var(--head, 96px); background: #fff; font-weight: 600; font-size: 13px; color: var(--muted); }
col.n { width: 3.5em; } col.kind { width: 8.5em; } col.sim { width: 4em; }
td.n, td.sim { color: var(--muted); font-variant-numeric: tabular-nums; }
.at { color: var(--muted); font-size: 12px; }
del { background: var(--del); text-decoration: line-through; text-decoration-color: #cf222e; }
ins { background: var(--ins); text-decoration: none; }
.ws { font-family: ui-monospace, monospace; color: #8250df; }
.ctrl { font-family: ui-monospace, monospace; font-size: 85%; color: #cf222e; background: #fff0ee; border-radius: 3px; padding: 0 2px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; background: #eaeef2; }
.tag { font-size: 11px; color: var(--muted); }
.b-minor { background: #fff8c5; } .b-major { background: #ffebe9; } .b-split, .b-merged { background: #ddf4ff; }
.b-punctuation, .b-whitespace { background: #fbefff; } .b-moved { background: #eaeef2; }
.b-added { background: #dafbe1; } .b-removed { background: #ffebe9; } .b-unchanged { background: #f6f8fa; }
td.tr { color: #0a3069; } td.tr.none { color: var(--muted); }
tr[hidden] { display: none; }
footer { color: var(--muted); font-size: 12px; padding: 12px 20px; }
</style>
</head>
<body>
<header>
<h1>${htmlText(title)}</h1>
<p class="summary">${old.segments.length} old segments, ${next.segments.length} new segments; <b>${changed}</b> change${changed === 1 ? '' : 's'}, ${counts.get('unchanged') ?? 0} unchanged.</p>
<div class="filters" role="group" aria-label="filter by kind">
${buttons}
<button type="button" class="all" data-set="changed">changes only</button>
<button type="button" class="all" data-set="all">everything</button>
<span id="shown"></span>
</div>
</header>
<table>
<colgroup><col class="n"><col class="kind"><col><col><col class="sim">${withTranslations ? '<col>' : ''}</colgroup>
<thead><tr><th>#</th><th>kind</th><th>old: ${htmlText(input.oldName)}</th><th>new: ${htmlText(input.newName)}</th><th>sim.</th>${withTranslations ? '<th>current translation</th>' : ''}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<footer>kioku revision diff${input.generated !== undefined ? ` · ${escapeHtml(input.generated)}` : ''} · similarity = 2 × kept characters / (old + new length)</footer>
<script>
(function () {
  var buttons = Array.prototype.slice.call(document.querySelectorAll('button.filter'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.row'));
  var shown = document.getElementById('shown');
  function apply() {
    var on = {};
    buttons.forEach(function (b) { on[b.dataset.kind] = b.getAttribute('aria-pressed') === 'true'; });
    var n = 0;
    rows.forEach(function (r) { var v = on[r.dataset.kind] === true; r.hidden = !v; if (v) n++; });
    shown.textContent = 'showing ' + n + ' of ' + rows.length;
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
      apply();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('button.all'), function (a) {
    a.addEventListener('click', function () {
      var all = a.dataset.set === 'all';
      buttons.forEach(function (b) { b.setAttribute('aria-pressed', all || b.dataset.kind !== 'unchanged' ? 'true' : 'false'); });
      apply();
    });
  });
  var header = document.querySelector('header');
  function place() { document.documentElement.style.setProperty('--head', header.offsetHeight + 'px'); }
  window.addEventListener('resize', place);
  place();
  apply();
})();
</script>
</body>
</html>
`;
}
