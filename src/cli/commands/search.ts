import { Option } from '@commander-js/extra-typings';
import { searchJob } from '../../jobs/search.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { printJson, useColour } from '../output.js';
import { renderSearchText, searchJson } from '../render/search.js';
import { parseCount, parseLang } from '../options.js';
import { existingStoreFor, memoryOption } from '../locations.js';

export interface SearchCommandOptions {
  readonly memory?: string;
  readonly in?: 'source' | 'target' | 'both';
  readonly sourceLang?: string;
  readonly targetLang?: string;
  readonly limit?: number;
  readonly json?: boolean;
}

/** Concordance: every unit whose source or target contains the text (case, width and spacing variants match). */
export function searchCommand(ctx: CliContext, text: string, opts: SearchCommandOptions): ExitCode {
  const store = existingStoreFor(ctx, opts.memory);
  const job = unwrap(
    searchJob(store, {
      text,
      in: opts.in ?? 'both',
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
      ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
    }),
  );
  if (opts.json) printJson(ctx.stdout, searchJson(text, job));
  else ctx.stdout.write(renderSearchText(job, useColour(ctx.stdout, ctx.env)));
  return 0;
}

export const registerSearch: RegisterCommand = (program, ctx, done) => {
  program
    .command('search')
    .description('concordance: find units whose source or target contains a text')
    .argument('<text>', 'the text to find (case, full/half width and spacing variants match)')
    .addOption(memoryOption())
    .addOption(new Option('--in <where>', 'search the source, the target or both').choices(['source', 'target', 'both'] as const).default('both' as const))
    .addOption(new Option('--source-lang <lang>', 'only units with this source language').argParser(parseLang))
    .addOption(new Option('--target-lang <lang>', 'only units with this target language').argParser(parseLang))
    .addOption(new Option('--limit <n>', 'show at most this many units (default 50)').argParser(parseCount))
    .option('--json', 'print {"query","total","hits":[{"id","source","target","sourceSpan","targetSpan",…}]}')
    .action((text, opts) => done(searchCommand(ctx, text, opts)));
};
