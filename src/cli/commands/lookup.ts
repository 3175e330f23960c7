import { Option } from '@commander-js/extra-typings';
import { lookupJob } from '../../jobs/lookup.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { printJson, useColour } from '../output.js';
import { lookupJson, renderLookupText } from '../render/lookup.js';
import { parseCount, parseLang, parseScore } from '../options.js';
import { existingStoreFor, memoryOption } from '../locations.js';

export interface LookupCommandOptions {
  readonly memory?: string;
  readonly sourceLang?: string;
  readonly targetLang?: string;
  readonly threshold?: number;
  readonly limit?: number;
  readonly json?: boolean;
}

export function lookupCommand(ctx: CliContext, text: string, opts: LookupCommandOptions): ExitCode {
  const store = existingStoreFor(ctx, opts.memory);
  const job = unwrap(
    lookupJob(store, {
      text,
      ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
      ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
      ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    }),
  );
  if (opts.json) printJson(ctx.stdout, lookupJson(store.location, job));
  else ctx.stdout.write(renderLookupText(store.location, job, useColour(ctx.stdout, ctx.env)));
  return 0;
}

export const registerLookup: RegisterCommand = (program, ctx, done) => {
  program
    .command('lookup')
    .description('look a sentence up in the memory: 101/100/fuzzy candidates with score, why, and a character diff')
    .argument('<text>', 'the source sentence')
    .addOption(memoryOption())
    .addOption(new Option('--source-lang <lang>', 'only units with this source language (ja matches ja-JP)').argParser(parseLang))
    .addOption(new Option('--target-lang <lang>', 'only units with this target language').argParser(parseLang))
    .addOption(new Option('--threshold <percent>', 'lowest fuzzy score shown (default 75)').argParser(parseScore))
    .addOption(new Option('--limit <n>', 'at most this many candidates (default 5)').argParser(parseCount))
    .option('--json', 'print {"query","matches":[{"kind","score","source","target","diff","explanation",…}]}')
    .action((text, opts) => done(lookupCommand(ctx, text, opts)));
};
