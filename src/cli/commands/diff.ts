import { Option } from '@commander-js/extra-typings';
import { resolve } from 'node:path';
import { readText, writeFileAtomic } from '../../io/files.js';
import { segment } from '../../segment/index.js';
import { charDiff, diffRevisions } from '../../diff/index.js';
import { KIND_ORDER, renderDiffHtml } from '../../diff/html.js';
import type { ChangeKind, CharDiff, Revision, SegmentChange } from '../../model.js';
import type { RegisterCommand } from '../main.js';
import type { CliContext, ExitCode } from '../context.js';
import { KiokuFailure, unwrap } from '../errors.js';
import { palette, printJson, safeText, useColour, type Palette } from '../output.js';
import { parseByteSize, parseEncoding, parseLang } from '../options.js';

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

function joinTexts(rev: Revision, indices: readonly number[]): string {
  const sep = rev.lang.toLowerCase().startsWith('ja') ? '' : ' ';
  return indices.map((i) => rev.segments[i]!.text).join(sep);
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

/** The terminal report: a summary by kind, then every change with old and new text. */
export function renderDiffText(input: { oldName: string; newName: string; old: Revision; next: Revision; changes: readonly SegmentChange[]; colour: boolean }): string {
  const { old, next, changes, colour } = input;
  const c = palette(colour);
  const counts = countKinds(changes);
  const changed = changes.filter((x) => x.kind !== 'unchanged');
  const lines: string[] = [];
  lines.push(c.bold(`${safeText(input.oldName, { singleLine: true })} → ${safeText(input.newName, { singleLine: true })}`) + `: ${old.segments.length} → ${next.segments.length} segments, ${changed.length} change${changed.length === 1 ? '' : 's'}`);
  for (const [kind, n] of counts) lines.push(`  ${c[KIND_COLOUR[kind]](kind.padEnd(12))}${String(n).padStart(6)}`);
  for (const ch of changed) {
    lines.push('');
    const sim = ch.kind === 'added' || ch.kind === 'removed' ? '' : ` ${ch.similarity.toFixed(2)}`;
    const moved = ch.moved ? ' (moved)' : '';
    const place = ch.old.length > 0 && ch.new.length > 0 ? `old ${where(old, ch.old)} → new ${where(next, ch.new)}` : ch.old.length > 0 ? `old ${where(old, ch.old)}` : `new ${where(next, ch.new)}`;
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
      const d = ch.diff !== undefined && rebuilds(ch.diff, a, b) ? ch.diff : charDiff(a, b); // split/merged across paragraphs: joined differently
      lines.push(`  ${c.red('-')} ${sideText(d, -1, c, colour)}`);
      lines.push(`  ${c.green('+')} ${sideText(d, 1, c, colour)}`);
    }
  }
  return lines.join('\n') + '\n';
}

function rebuilds(diff: readonly CharDiff[], a: string, b: string): boolean {
  let x = '';
  let y = '';
  for (const [op, t] of diff) {
    if (op !== 1) x += t;
    if (op !== -1) y += t;
  }
  return x === a && y === b;
}


export interface DiffCommandOptions {
  readonly json?: boolean;
  readonly html?: string;
  readonly exitCode?: boolean;
  readonly lang?: string;
  readonly encoding?: ReturnType<typeof parseEncoding>;
  readonly maxBytes?: number;
}

function readRevision(ctx: CliContext, file: string, opts: DiffCommandOptions): Revision {
  const decoded = unwrap(
    readText(resolve(ctx.cwd, file), {
      displayName: file,
      ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
    }),
  );
  return segment(decoded.text, opts.lang ? { lang: opts.lang } : {});
}

export function diffCommand(ctx: CliContext, oldFile: string, newFile: string | undefined, opts: DiffCommandOptions): ExitCode {
  if (newFile === undefined) {
    throw new KiokuFailure({ code: 'usage', message: 'kioku diff needs two files, OLD and NEW', hint: 'run kioku diff OLD NEW' });
  }
  const old = readRevision(ctx, oldFile, opts);
  const next = readRevision(ctx, newFile, opts);
  const changes = diffRevisions(old, next);
  if (opts.html !== undefined) {
    const html = renderDiffHtml({ oldName: oldFile, newName: newFile, old, next, changes, generated: ctx.now().toISOString() });
    unwrap(writeFileAtomic(resolve(ctx.cwd, opts.html), html));
  }
  if (opts.json) printJson(ctx.stdout, diffJson(changes));
  else ctx.stdout.write(renderDiffText({ oldName: oldFile, newName: newFile, old, next, changes, colour: useColour(ctx.stdout, ctx.env) }));
  const anyChange = changes.some((c) => c.kind !== 'unchanged');
  return opts.exitCode && anyChange ? 1 : 0;
}

export const registerDiff: RegisterCommand = (program, ctx, done) => {
  program
    .command('diff')
    .description('compare two revisions of a source text: which segments changed, and how')
    .argument('<old>', 'the earlier revision (UTF-8 text, one paragraph per line)')
    .argument('[new]', 'the later revision')
    .option('--json', 'print {"changes":[{"kind","old":[i],"new":[j],"similarity"}]} (indices as in kioku segment --json)')
    .option('--html <file>', 'also write a self-contained HTML report (side by side, filters by kind)')
    .option('--exit-code', 'exit with 1 when anything changed (as git diff --exit-code)')
    .addOption(new Option('--lang <lang>', 'language of both texts (ja, en…); detected from the script when absent').argParser(parseLang))
    .addOption(new Option('--encoding <name>', 'decode both inputs with this encoding').argParser(parseEncoding))
    .addOption(new Option('--max-bytes <size>', 'refuse inputs larger than this (default 64MiB)').argParser(parseByteSize))
    .addHelpText(
      'after',
      `
Kinds: unchanged, moved (same text, other place), whitespace, punctuation (also full/half width),
minor (similarity >= 0.75 or one small replacement), major (rewritten, paired), split, merged,
added, removed. Similarity = 2 x characters kept / (old length + new length).
Exit status: 0 when the diff ran (whatever it found), 1 with --exit-code when anything changed,
2 when an input is unusable.`,
    )
    .action((oldFile, newFile, opts) => {
      done(diffCommand(ctx, oldFile, newFile, opts));
    });
};
