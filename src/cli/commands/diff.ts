import { Option } from '@commander-js/extra-typings';
import { basename, resolve } from 'node:path';
import { readText, writeFileAtomic } from '../../io/files.js';
import { segment } from '../../segment/index.js';
import { diffRevisions, displayDiff, translationsFromMemory, type OldTranslation } from '../../diff/index.js';
import { lastExport } from '../../memory/content.js';
import { existingStoreFor, memoryOption } from '../locations.js';
import { guardOutputs, STDOUT } from '../outputs.js';
import { KIND_ORDER, renderDiffHtml } from '../../diff/html.js';
import type { ChangeKind, CharDiff, Lang, Memory, Revision, SegmentChange } from '../../model.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { KiokuFailure, unwrap } from '../errors.js';
import { palette, printJson, safeText, useColour, type Palette } from '../output.js';
import { parseByteSize, parseEncoding, readOptions, parseLang } from '../options.js';

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
      const d = displayDiff(ch.diff, a, b); // split/merged across paragraphs: joined differently
      lines.push(`  ${c.red('-')} ${sideText(d, -1, c, colour)}`);
      lines.push(`  ${c.green('+')} ${sideText(d, 1, c, colour)}`);
    }
    if (input.translationOfOld && ch.old.length > 0 && ch.kind !== 'moved') {
      const ts = ch.old.map((o) => input.translationOfOld!(o)).filter((t): t is OldTranslation => t !== undefined);
      lines.push(`  ${c.dim('»')} ${ts.length > 0 ? safeText(ts.map((t) => t.target).join(' '), { singleLine: true }) + c.dim(` (${ts[0]!.state})`) : c.dim('no translation in the memory')}`);
    }
  }
  return lines.join('\n') + '\n';
}



export interface DiffCommandOptions {
  readonly json?: boolean;
  readonly memory?: string;
  readonly sinceLast?: boolean;
  readonly targetLang?: Lang;
  readonly html?: string;
  readonly exitCode?: boolean;
  readonly lang?: string;
  readonly encoding?: ReturnType<typeof parseEncoding>;
  readonly maxBytes?: number;
}

function segmentText(ctx: CliContext, file: string, opts: DiffCommandOptions, lang: string | undefined): Revision {
  const decoded = unwrap(
    readText(resolve(ctx.cwd, file), {
      displayName: file,
      ...readOptions(opts),
    }),
  );
  return segment(decoded.text, lang ? { lang } : {});
}

export function diffCommand(ctx: CliContext, first: string, second: string | undefined, opts: DiffCommandOptions): ExitCode {
  guardOutputs(ctx, [opts.html], { inputs: [first, second], memory: opts.memory });
  const htmlToStdout = opts.html === STDOUT;
  if (htmlToStdout && opts.json) {
    throw new KiokuFailure({ code: 'usage', message: '--html - and --json both write to standard output', hint: 'write the HTML report to a file, or leave out --json' });
  }
  let old: Revision;
  let next: Revision;
  let oldName: string;
  let newName: string;
  let memory: Memory | undefined;
  let targetLang = opts.targetLang;
  if (opts.sinceLast) {
    // `kioku diff --since-last FILE`: OLD is what the memory recorded at FILE's last export.
    if (second !== undefined) {
      throw new KiokuFailure({ code: 'usage', message: 'with --since-last, give only the new revision', hint: 'run kioku diff --since-last FILE (or kioku diff OLD NEW without it)' });
    }
    const store = existingStoreFor(ctx, opts.memory);
    memory = unwrap(store.load());
    const document = basename(first);
    const record = lastExport(memory, document, targetLang ? { targetLang } : {});
    if (!record) {
      throw new KiokuFailure({
        code: 'usage',
        message: `${document} was never exported with the memory at ${store.location}${targetLang ? ` (to ${targetLang})` : ''}`,
        file: first,
        hint: `run kioku export ${first} --memory ${store.location} first, or compare two files with kioku diff OLD NEW`,
      });
    }
    old = record.revision;
    targetLang = record.targetLang;
    next = segmentText(ctx, first, opts, opts.lang ?? record.sourceLang);
    oldName = `${document} (exported ${record.exported})`;
    newName = first;
  } else {
    if (second === undefined) {
      throw new KiokuFailure({ code: 'usage', message: 'kioku diff needs two files, OLD and NEW', hint: 'run kioku diff OLD NEW, or kioku diff --since-last FILE to compare with the last export' });
    }
    old = segmentText(ctx, first, opts, opts.lang);
    next = segmentText(ctx, second, opts, opts.lang ?? old.lang);
    oldName = first;
    newName = second;
    if (opts.memory !== undefined) memory = unwrap(existingStoreFor(ctx, opts.memory).load());
  }
  const changes = diffRevisions(old, next);
  const document = basename(opts.sinceLast || second === undefined ? first : second);
  const langs = { ...(targetLang ? { targetLang } : {}) };
  const translationOfOld = memory ? translationsFromMemory(memory, old, { document, ...langs }) : undefined;
  const translationOfNew = memory ? translationsFromMemory(memory, next, { document, ...langs }) : undefined;
  if (opts.html !== undefined) {
    const html = renderDiffHtml({
      oldName,
      newName,
      old,
      next,
      changes,
      generated: ctx.now().toISOString(),
      ...(translationOfOld ? { translationOfOld: (i: number) => translationOfOld(i)?.target } : {}),
      ...(translationOfNew ? { translationOfNew: (i: number) => translationOfNew(i)?.target } : {}),
    });
    // `--html -`: the report is the output, in place of the terminal listing.
    if (htmlToStdout) ctx.stdout.write(html);
    else unwrap(writeFileAtomic(resolve(ctx.cwd, opts.html), html, { displayName: opts.html }));
  }
  if (opts.json) printJson(ctx.stdout, diffJson(changes));
  else if (!htmlToStdout) ctx.stdout.write(renderDiffText({ oldName, newName, old, next, changes, colour: useColour(ctx.stdout, ctx.env), ...(translationOfOld ? { translationOfOld } : {}) }));
  const anyChange = changes.some((c) => c.kind !== 'unchanged');
  return opts.exitCode && anyChange ? 1 : 0;
}

export const registerDiff: RegisterCommand = (program, ctx, done) => {
  program
    .command('diff')
    .description('compare two revisions of a source text: which segments changed, and how')
    .argument('<old>', 'the earlier revision (UTF-8 text, one paragraph per line); with --since-last, the new one')
    .argument('[new]', 'the later revision')
    .option('--json', 'print {"changes":[{"kind","old":[i],"new":[j],"similarity"}]} (indices as in kioku segment --json)')
    .option('--html <file>', 'also write a self-contained HTML report (side by side, filters by kind); "-": to standard output instead of the listing')
    .option('--exit-code', 'exit with 1 when anything changed (as git diff --exit-code)')
    .option('--since-last', 'compare FILE with the revision the memory recorded when FILE was last exported')
    .addOption(memoryOption())
    .addOption(new Option('--target-lang <lang>', 'with a memory: the translations of this language (default: the last export\'s)').argParser(parseLang))
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
