import { Option } from '@commander-js/extra-typings';
import { basename } from 'node:path';
import type { Encoding } from '../../io/decode.js';
import { segment } from '../../segment/index.js';
import { analyse, BANDS, type Analysis } from '../../memory/index.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { palette, printJson, safeText, useColour } from '../output.js';
import { parseLang } from '../options.js';
import { readInput, withReadFlags } from '../inputs.js';
import { memoryOption, storeFor } from '../locations.js';

export interface StatsCommandOptions {
  readonly memory?: string;
  readonly sourceLang?: string;
  readonly targetLang?: string;
  readonly document?: string;
  readonly json?: boolean;
  readonly maxBytes?: number;
  readonly encoding?: Encoding;
}

const LABELS: Record<(typeof BANDS)[number], string> = {
  '101': 'In context (101%)',
  '100': 'Exact (100%)',
  '95-99': '95–99%',
  '85-94': '85–94%',
  '75-84': '75–84%',
  '50-74': '50–74%',
  'no-match': 'No match',
  repetition: 'Repetitions',
};

/** Word and character counts with the match-band analysis a CAT tool gives before a job. */
export function statsCommand(ctx: CliContext, file: string, opts: StatsCommandOptions): ExitCode {
  const decoded = readInput(ctx, file, opts);
  const revision = segment(decoded.text, opts.sourceLang ? { lang: opts.sourceLang } : {});
  const store = storeFor(ctx, opts.memory);
  const memory = unwrap(store.load());
  const sourceLang = opts.sourceLang ?? revision.lang;
  const targetLang = opts.targetLang ?? (sourceLang.startsWith('ja') ? 'en' : 'ja');
  const document = opts.document ?? basename(file);
  const analysis: Analysis = analyse(memory, revision, { document, sourceLang, targetLang });
  if (opts.json) {
    printJson(ctx.stdout, {
      file,
      document,
      sourceLang,
      targetLang,
      memory: store.location,
      units: memory.size,
      total: analysis.total,
      bands: analysis.bands,
      segments: analysis.segments,
    });
    return 0;
  }
  const c = palette(useColour(ctx.stdout, ctx.env));
  const wordsLabel = sourceLang.startsWith('ja') || sourceLang.startsWith('zh') ? 'Words*' : 'Words';
  const header = ['Match', 'Segments', wordsLabel, 'Characters', '%'];
  const rows = BANDS.map((b) => {
    const x = analysis.bands[b];
    const pct = analysis.total.words ? ((100 * x.words) / analysis.total.words).toFixed(1) : '0.0';
    return [LABELS[b], String(x.segments), String(x.words), String(x.characters), pct];
  });
  rows.push(['Total', String(analysis.total.segments), String(analysis.total.words), String(analysis.total.characters), '100.0']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  ctx.stdout.write(
    c.bold(
      `${safeText(file, { singleLine: true })}: ${sourceLang}→${targetLang} against ${safeText(store.location, { singleLine: true })} (${memory.size} units)`,
    ) + '\n',
  );
  ctx.stdout.write(c.dim(line(header)) + '\n');
  rows.forEach((r, i) => ctx.stdout.write((i === rows.length - 1 ? c.bold(line(r)) : line(r)) + '\n'));
  if (wordsLabel.endsWith('*')) ctx.stdout.write(c.dim('* Japanese is counted in characters (one word per kana/kanji), Latin-script words one each.') + '\n');
  return 0;
}

export const registerStats: RegisterCommand = (program, ctx, done) => {
  const command = program
    .command('stats')
    .description('word/character counts and match bands (101, 100, 95–99, 85–94, 75–84, 50–74, no match, repetitions) against the memory')
    .argument('<file>', 'the source text (one paragraph per line)')
    .addOption(memoryOption())
    .addOption(new Option('--source-lang <lang>', 'language of the text (detected when absent)').argParser(parseLang))
    .addOption(new Option('--target-lang <lang>', 'target language of the job (default: en for Japanese, else ja)').argParser(parseLang))
    .option('--document <name>', 'the document name used for in-context matches (default: the file name)')
    .option('--json', 'print {"total","bands":{…},"segments":[…]} for scripts');
  withReadFlags(command, 'decode the input with this encoding').action((file, opts) => done(statsCommand(ctx, file, opts)));
};
