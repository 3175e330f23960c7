import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { basename, resolve } from 'node:path';
import { writeFileAtomic } from '../../io/files.js';
import type { Encoding } from '../../io/decode.js';
import { DEFAULT_REVIEW_BELOW } from '../../align/output.js';
import { alignJob, importAlignmentJob, type AlignImport, type AlignMemory } from '../../jobs/align.js';
import type { RegisterCommand } from '../shared.js';
import { VERSION } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { KiokuFailure, unwrap } from '../errors.js';
import { printJson, progress, useColour } from '../output.js';
import { parseLang } from '../options.js';
import { readInput, withReadFlags } from '../inputs.js';
import { locateMemory, memoryOption, storeAt } from '../locations.js';
import { guardOutputs, STDOUT } from '../outputs.js';
import { alignJson, renderAlignText } from '../render/align.js';

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
  const read = (file: string) => ({ name: file, text: readInput(ctx, file, opts).text });
  const source = read(sourceFile);
  const target = read(targetFile);

  // The memory helps twice: its known pairs anchor the alignment, and --import writes into it. A
  // memory that cannot be used is reported by the job, after the texts (as it always was).
  const where = locateMemory(ctx, opts.memory);
  let memory: AlignMemory = {};
  if (!where.ok) memory = { unusable: where.error };
  else if (where.value.exists) memory = { store: storeAt(where.value) };
  else if (opts.memory !== undefined && !opts.import) {
    memory = { unusable: { code: 'usage', message: `there is no memory at ${where.value.display}`, hint: 'check the path, or leave out --memory' } };
  }

  let bar: ReturnType<typeof progress> | undefined;
  const result = alignJob(
    {
      source,
      target,
      document: basename(sourceFile),
      ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
      ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
      ...(opts.reviewBelow !== undefined ? { reviewBelow: opts.reviewBelow } : {}),
      ...(opts.author ? { author: opts.author } : {}),
      now: ctx.now().toISOString(),
      toolVersion: VERSION,
      ...(opts.tmx !== undefined ? { tmx: true } : {}),
      ...(opts.xliff !== undefined ? { xliff: opts.xliffVersion ?? '2.0' } : {}),
      ...(opts.import ? { import: true } : {}),
      progress: (sentences) => (sentences >= PROGRESS_FROM ? (bar = progress(ctx, 'aligning')).update : undefined),
    },
    memory,
  );
  bar?.end();
  const job = unwrap(result);

  // Every requested output was built (and checked) by the job before any file is written.
  const writes: Array<{ file: string; data: string }> = [];
  if (opts.tmx !== undefined) writes.push({ file: opts.tmx, data: job.tmx! });
  if (opts.xliff !== undefined) writes.push({ file: opts.xliff, data: job.xliff! });
  for (const w of writes) unwrap(writeFileAtomic(resolve(ctx.cwd, w.file), w.data, { displayName: w.file }));

  let imported: AlignImport | undefined;
  // The job has refused an unusable location before this, so `where` is one.
  if (opts.import && where.ok) imported = unwrap(importAlignmentJob(storeAt(where.value), job.units!));

  if (opts.json) {
    printJson(ctx.stdout, alignJson(job.pairs));
    return 0;
  }
  ctx.stdout.write(
    renderAlignText({
      source: job.source,
      target: job.target,
      sourceLang: job.sourceLang,
      targetLang: job.targetLang,
      pairs: job.pairs,
      reviewBelow: job.reviewBelow,
      width: Math.max(60, Number(ctx.env.COLUMNS) || 100),
      colour: useColour(ctx.stdout, ctx.env),
      written: writes.map((w) => w.file),
      ...(imported && where.ok ? { imported: { ...imported, location: where.value.display } } : {}),
    }),
  );
  return 0;
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
