import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { basename, resolve } from 'node:path';
import { writeFileAtomic } from '../../io/files.js';
import type { Encoding } from '../../io/decode.js';
import type { AlignedPair, Revision } from '../../model.js';
import type { Memory } from '../../memory/shapes.js';
import { segment } from '../../segment/index.js';
import { align } from '../../align/index.js';
import { alignmentDocument, alignmentUnits, DEFAULT_REVIEW_BELOW, stateFor } from '../../align/output.js';
import { upsertUnits } from '../../memory/index.js';
import { writeTmx } from '../../tmx/index.js';
import { writeXliff } from '../../xliff/index.js';
import type { RegisterCommand } from '../shared.js';
import { VERSION } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { KiokuFailure, unwrap } from '../errors.js';
import { palette, printJson, progress, safeText, useColour, type Palette } from '../output.js';
import { parseLang } from '../options.js';
import { readInput, withReadFlags } from '../inputs.js';
import { memoryLocation, memoryOption, storeAt } from '../locations.js';
import { guardOutputs, STDOUT } from '../outputs.js';

export interface AlignCommandOptions {
  readonly sourceLang?: string;
  readonly targetLang?: string;
  readonly json?: boolean;
  readonly tmx?: string;
  readonly xliff?: string;
  readonly xliffVersion?: '1.2' | '2.0';
  readonly import?: boolean;
  readonly memory?: string;
  readonly reviewBelow?: number;
  readonly author?: string;
  readonly maxBytes?: number;
  readonly encoding?: Encoding;
}

/** The stable `--json` shape of `kioku align`: indices into each file's `kioku segment --json` list. */
export interface AlignJson {
  readonly pairs: ReadonlyArray<{ readonly source: readonly number[]; readonly target: readonly number[]; readonly score: number }>;
}

export function alignJson(pairs: readonly AlignedPair[]): AlignJson {
  // Two decimals: the confidence is a probability estimate, not a measurement to 1e-3.
  return { pairs: pairs.map((p) => ({ source: [...p.source], target: [...p.target], score: Math.round(p.score * 100) / 100 })) };
}

/** Inputs above this many sentences (both sides) show progress on a terminal. */
const PROGRESS_FROM = 2000;

export function alignCommand(ctx: CliContext, sourceFile: string, targetFile: string, opts: AlignCommandOptions): ExitCode {
  guardOutputs(ctx, [opts.tmx, opts.xliff], { inputs: [sourceFile, targetFile], memory: opts.memory });
  for (const [flag, value] of [
    ['--tmx', opts.tmx],
    ['--xliff', opts.xliff],
  ] as const) {
    // Standard output carries the alignment listing (or --json); a second document there would mix with it.
    if (value === STDOUT)
      throw new KiokuFailure({
        code: 'usage',
        message: `${flag} - is not supported: standard output carries the alignment listing`,
        hint: `give ${flag} a file name`,
      });
  }
  const read = (file: string) => readInput(ctx, file, opts).text;
  const sourceText = read(sourceFile);
  const targetText = read(targetFile);
  const source = segment(sourceText, opts.sourceLang ? { lang: opts.sourceLang } : {});
  const target = segment(targetText, opts.targetLang ? { lang: opts.targetLang } : {});
  const sourceLang = opts.sourceLang ?? source.lang;
  const targetLang = opts.targetLang ?? target.lang;
  if (opts.sourceLang === undefined && opts.targetLang === undefined && sourceLang === targetLang) {
    throw new KiokuFailure({
      code: 'usage',
      message: `both texts look like ${sourceLang}`,
      hint: 'name the languages with --source-lang and --target-lang',
    });
  }
  for (const [file, rev] of [
    [sourceFile, source],
    [targetFile, target],
  ] as const) {
    if (rev.segments.length === 0) {
      throw new KiokuFailure({ code: 'usage', message: 'the file has no text to align', file, hint: 'give a text file with one paragraph per line' });
    }
  }
  const reviewBelow = opts.reviewBelow ?? DEFAULT_REVIEW_BELOW;

  // The memory helps twice: its known pairs anchor the alignment, and --import writes into it.
  const where = memoryLocation(ctx, opts.memory);
  let memory: Memory | undefined;
  if (where.exists) memory = unwrap(storeAt(where).load());
  else if (opts.memory !== undefined && !opts.import) {
    throw new KiokuFailure({ code: 'usage', message: `there is no memory at ${where.display}`, hint: 'check the path, or leave out --memory' });
  }

  const total = source.segments.length + target.segments.length;
  const bar = total >= PROGRESS_FROM ? progress(ctx, 'aligning') : undefined;
  const pairs = align(source, target, {
    sourceLang,
    targetLang,
    ...(memory ? { memory } : {}),
    ...(bar ? { onProgress: (done: number, all: number) => bar.update(done, all) } : {}),
  });
  bar?.end();

  const document = basename(sourceFile);
  const now = ctx.now().toISOString();
  const unitOptions = { document, sourceLang, targetLang, now, reviewBelow, ...(opts.author ? { author: opts.author } : {}) };
  // Every requested output is built (and checked) before any file is written.
  const writes: Array<{ file: string; data: string }> = [];
  if (opts.tmx !== undefined) {
    const units = alignmentUnits(source, target, pairs, unitOptions);
    writes.push({ file: opts.tmx, data: unwrap(writeTmx(units, { creationtool: 'kioku', creationtoolversion: VERSION, now })) });
  }
  if (opts.xliff !== undefined) {
    const doc = alignmentDocument(source, target, pairs, { original: document, sourceLang, targetLang, reviewBelow });
    writes.push({ file: opts.xliff, data: unwrap(writeXliff({ ...doc, version: opts.xliffVersion ?? '2.0' }, { version: opts.xliffVersion ?? '2.0' })) });
  }
  for (const w of writes) unwrap(writeFileAtomic(resolve(ctx.cwd, w.file), w.data, { displayName: w.file }));

  let imported: { added: number; updated: number; unchanged: number; review: number } | undefined;
  if (opts.import) {
    const units = alignmentUnits(source, target, pairs, unitOptions);
    const store = storeAt(where);
    const result = unwrap(
      store.update((content) => {
        const { content: next, report } = upsertUnits(content, units);
        return { ok: true, value: { content: next, report } };
      }),
    );
    imported = {
      added: result.report.added.length,
      updated: result.report.updated.length,
      unchanged: result.report.unchanged.length,
      review: units.filter((u) => u.state === 'needs-review').length,
    };
  }

  if (opts.json) {
    printJson(ctx.stdout, alignJson(pairs));
    return 0;
  }
  const c = palette(useColour(ctx.stdout, ctx.env));
  const width = Math.max(60, Number(ctx.env.COLUMNS) || 100);
  printListing(ctx, c, source, target, pairs, width, reviewBelow);
  const shapes = new Map<string, number>();
  for (const p of pairs) shapes.set(`${p.source.length}-${p.target.length}`, (shapes.get(`${p.source.length}-${p.target.length}`) ?? 0) + 1);
  const review = pairs.filter((p) => p.source.length > 0 && p.target.length > 0 && stateFor(p, reviewBelow) === 'needs-review').length;
  const shapeText = [...shapes]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ');
  ctx.stdout.write(
    c.dim(`${pairs.length} links (${shapeText}) between ${source.segments.length} ${sourceLang} and ${target.segments.length} ${targetLang} segments; `) +
      (review > 0 ? c.yellow(`${review} below ${reviewBelow} (needs review)`) : c.green(`all linked pairs ≥ ${reviewBelow}`)) +
      '\n',
  );
  for (const w of writes) ctx.stdout.write(`wrote ${c.bold(safeText(w.file, { singleLine: true }))}\n`);
  if (imported) {
    ctx.stdout.write(
      `imported into ${safeText(where.display, { singleLine: true })}: ${c.green(`added ${imported.added}`)}, updated ${imported.updated}, unchanged ${imported.unchanged}` +
        (imported.review > 0 ? `; ${imported.review} stored as needs-review` : '') +
        '\n',
    );
  }
  return 0;
}

/** Two columns, source | target, wrapped to the terminal width (East Asian wide characters count 2). */
function printListing(
  ctx: CliContext,
  c: Palette,
  source: Revision,
  target: Revision,
  pairs: readonly AlignedPair[],
  width: number,
  reviewBelow: number,
): void {
  const col = Math.floor((width - 9) / 2);
  for (const p of pairs) {
    const left = wrap(p.source.map((i) => source.segments[i]!.text).join(' '), col);
    const right = wrap(p.target.map((j) => target.segments[j]!.text).join(' '), col);
    const unlinked = p.source.length === 0 || p.target.length === 0;
    const low = !unlinked && p.score < reviewBelow;
    const score = unlinked ? c.dim('  —  ') : low ? c.yellow(p.score.toFixed(2).padStart(5)) : c.green(p.score.toFixed(2).padStart(5));
    const rows = Math.max(left.length, right.length, 1);
    const ids = `${p.source.join(',') || '–'} → ${p.target.join(',') || '–'}`;
    ctx.stdout.write(`${score}  ${c.dim(ids)}\n`);
    for (let r = 0; r < rows; r++) {
      const l = left[r] ?? '';
      ctx.stdout.write(`       ${l}${' '.repeat(Math.max(0, col - displayWidth(l)))} ${c.dim('│')} ${right[r] ?? ''}\n`);
    }
  }
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

function parseScore(value: string): number {
  const v = Number(value);
  if (!/^\s*(0(\.\d+)?|1(\.0+)?|\.\d+)\s*$/.test(value) || !(v >= 0 && v <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1, such as 0.8.');
  return v;
}

export const registerAlign: RegisterCommand = (program, ctx, done) => {
  const command = program
    .command('align')
    .description('pair the sentences of a text and its translation (seeds a memory from past work)')
    .argument('<source>', 'the original text (UTF-8, one paragraph per line)')
    .argument('<target>', 'its translation (same format; paragraphs need not correspond exactly)')
    .addOption(new Option('--source-lang <lang>', 'language of SOURCE (ja, en…); detected from the script when absent').argParser(parseLang))
    .addOption(new Option('--target-lang <lang>', 'language of TARGET; detected from the script when absent').argParser(parseLang))
    .option('--json', 'print {"pairs":[{"source":[0],"target":[0,1],"score":0.97},…]} (indices as in kioku segment --json)')
    .option('--tmx <file>', 'write the aligned pairs as TMX 1.4')
    .option('--xliff <file>', 'write SOURCE as XLIFF with the aligned translations filled in (state by confidence)')
    .addOption(new Option('--xliff-version <version>', 'XLIFF version of --xliff').choices(['1.2', '2.0'] as const).default('2.0' as const))
    .option('--import', 'store the aligned pairs in the memory (low-confidence ones as needs-review)')
    .addOption(memoryOption())
    .addOption(
      new Option(
        '--review-below <score>',
        `confidence under which a pair is marked needs-review instead of translated (default ${DEFAULT_REVIEW_BELOW})`,
      ).argParser(parseScore),
    )
    .option('--author <name>', 'record this author on imported units');
  withReadFlags(command, 'decode both inputs with this encoding (shift_jis, euc-jp, utf-16le…)').action((sourceFile, targetFile, opts) => {
    done(alignCommand(ctx, sourceFile, targetFile, opts));
  });
};
