import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { basename, resolve } from 'node:path';
import { writeFileAtomic } from '../../io/files.js';
import { readTmxIsolated } from '../../io/xml-worker.js';
import type { Encoding } from '../../io/decode.js';
import { tmxExportJob, tmxImportJob } from '../../jobs/tmx.js';
import { VERSION, type RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { printJson, safeText, useColour } from '../output.js';
import { renderTmxImportText, tmxImportJson } from '../render/tmx.js';
import { parseLang } from '../options.js';
import { readInput, withReadFlags } from '../inputs.js';
import { existingStoreFor, memoryOption, storeFor } from '../locations.js';
import { guardOutputs, STDOUT } from '../outputs.js';

/** `--map FROM=TO`: FROM as the file writes it (it may be no tag at all: that is what --map is for), TO a language tag. */
function parseMapping(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const m = /^([A-Za-z0-9_*-]+)=(.*)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected FROM=TO, e.g. EN-GB=en.');
  return { ...previous, [m[1]!]: parseLang(m[2]!) };
}

export interface TmxExportOptions {
  readonly memory?: string;
  readonly output?: string;
  readonly sourceLang?: string;
  readonly targetLang?: string;
}

export function tmxExportCommand(ctx: CliContext, opts: TmxExportOptions): ExitCode {
  // A TMX written over a shard (unlocked, mid-read by others) would leave the memory unreadable.
  guardOutputs(ctx, [opts.output], { inputs: [], memory: opts.memory });
  const store = existingStoreFor(ctx, opts.memory);
  const job = unwrap(
    tmxExportJob(store, {
      ...(opts.sourceLang !== undefined ? { sourceLang: opts.sourceLang } : {}),
      ...(opts.targetLang !== undefined ? { targetLang: opts.targetLang } : {}),
      now: ctx.now().toISOString(),
      toolVersion: VERSION,
    }),
  );
  if (opts.output === undefined || opts.output === STDOUT) {
    ctx.stdout.write(job.tmx);
    return 0;
  }
  unwrap(writeFileAtomic(resolve(ctx.cwd, opts.output), job.tmx, { displayName: opts.output }));
  ctx.stderr.write(`wrote ${job.units} units to ${safeText(opts.output, { singleLine: true })}\n`);
  return 0;
}

export interface TmxImportOptions {
  readonly memory?: string;
  readonly sourceLang?: string;
  readonly targetLang?: string;
  readonly srclang?: string;
  readonly map?: Record<string, string>;
  readonly document?: string;
  readonly json?: boolean;
  readonly maxBytes?: number;
  readonly encoding?: Encoding;
  /** Import units with inline codes as their text only (lossy); without it they refuse the import. */
  readonly stripCodes?: boolean;
}

export async function tmxImportCommand(ctx: CliContext, file: string, opts: TmxImportOptions): Promise<ExitCode> {
  const decoded = readInput(ctx, file, opts);
  // Parsed where a runaway file cannot exhaust the process (src/io/xml-worker.ts).
  const doc = unwrap(await readTmxIsolated(decoded.text, { file, decodedAs: decoded.encoding, ...(opts.map ? { langMap: opts.map } : {}) }));
  const store = storeFor(ctx, opts.memory);
  const job = unwrap(
    tmxImportJob(store, doc, {
      file,
      document: opts.document ?? basename(file),
      now: ctx.now().toISOString(),
      ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
      ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
      ...(opts.srclang ? { srclang: opts.srclang } : {}),
      ...(opts.stripCodes ? { stripCodes: true } : {}),
    }),
  );
  if (opts.json) {
    printJson(ctx.stdout, tmxImportJson(file, store.location, job, opts.stripCodes === true));
    return 0;
  }
  ctx.stdout.write(renderTmxImportText(file, job, useColour(ctx.stdout, ctx.env)));
  return 0;
}

export const registerTmx: RegisterCommand = (program, ctx, done) => {
  const tmx = program.command('tmx').description('exchange the memory as TMX 1.4b (OmegaT, translate-toolkit, Trados-style tools)');
  tmx
    .command('export')
    .description('write the memory as TMX 1.4b (valid against the TMX 1.4 DTD; usable as an OmegaT tm/ memory)')
    .addOption(memoryOption())
    .option('-o, --output <file>', 'write to this file instead of standard output (never inside the memory)')
    .addOption(new Option('--source-lang <lang>', 'only units with this source language').argParser(parseLang))
    .addOption(new Option('--target-lang <lang>', 'only units with this target language').argParser(parseLang))
    .action((opts) => done(tmxExportCommand(ctx, opts)));
  const importing = tmx
    .command('import')
    .description('add the translation units of a TMX file (1.1–1.4b) to the memory')
    .argument('<file>', 'the TMX file')
    .addOption(memoryOption())
    .addOption(new Option('--source-lang <lang>', "import as this source language (default: the memory's pair, else the header srclang)").argParser(parseLang))
    .addOption(
      new Option('--target-lang <lang>', "import as this target language (default: the memory's pair, else the other language in the file)").argParser(
        parseLang,
      ),
    )
    .addOption(
      new Option('--srclang <lang>', 'the real source language when the header\'s srclang is wrong (po2tmx writes "en" for any source)').argParser(parseLang),
    )
    .addOption(new Option('--map <from=to>', 'rename a language tag of the file before matching, e.g. --map EN-GB=en (repeatable)').argParser(parseMapping))
    .option('--document <name>', 'provenance document for units without kioku props (default: the file name)')
    .option('--json', 'print the counts as JSON')
    .option(
      '--strip-codes',
      'lossy: import units with inline codes (<bpt>, <ept>, <ph>, <it>, <ut>) as their text only, dropping the codes (without it such units refuse the import)',
    );
  withReadFlags(importing, 'decode the file with this encoding (shift_jis, euc-jp, utf-16le…) when it is not UTF-8/UTF-16 with a BOM').action(
    async (file, opts) => done(await tmxImportCommand(ctx, file, opts)),
  );
};
