import { Option } from '@commander-js/extra-typings';
import { basename } from 'node:path';
import type { Encoding } from '../../io/decode.js';
import { statsJob } from '../../jobs/stats.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { printJson, useColour } from '../output.js';
import { renderStatsText, statsJson } from '../render/stats.js';
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

/** Word and character counts with the match-band analysis a CAT tool gives before a job. */
export function statsCommand(ctx: CliContext, file: string, opts: StatsCommandOptions): ExitCode {
  const decoded = readInput(ctx, file, opts);
  const store = storeFor(ctx, opts.memory);
  const job = unwrap(
    statsJob(store, {
      text: decoded.text,
      document: opts.document ?? basename(file),
      ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
      ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
    }),
  );
  if (opts.json) printJson(ctx.stdout, statsJson(file, store.location, job));
  else ctx.stdout.write(renderStatsText(file, store.location, job, useColour(ctx.stdout, ctx.env)));
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
