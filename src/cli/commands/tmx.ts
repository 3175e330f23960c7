import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { basename, resolve } from 'node:path';
import { writeFileAtomic } from '../../io/files.js';
import { tmxToUnits, writeTmx } from '../../tmx/index.js';
import { readTmxIsolated } from '../../io/xml-worker.js';
import type { Encoding } from '../../io/decode.js';
import { memoryPairs, sameLanguage, upsertUnits } from '../../memory/index.js';
import { VERSION, type RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { palette, printJson, safeText, useColour } from '../output.js';
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
  const content = unwrap(store.read());
  const units = content.units.filter(
    (u) =>
      (opts.sourceLang === undefined || sameLanguage(u.sourceLang, opts.sourceLang)) &&
      (opts.targetLang === undefined || sameLanguage(u.targetLang, opts.targetLang)),
  );
  const tmx = unwrap(writeTmx(units, { creationtool: 'kioku', creationtoolversion: VERSION, now: ctx.now().toISOString() }));
  if (opts.output === undefined || opts.output === STDOUT) {
    ctx.stdout.write(tmx);
    return 0;
  }
  unwrap(writeFileAtomic(resolve(ctx.cwd, opts.output), tmx, { displayName: opts.output }));
  ctx.stderr.write(`wrote ${units.length} units to ${safeText(opts.output, { singleLine: true })}\n`);
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
  let sourceLang = opts.sourceLang;
  let targetLang = opts.targetLang;
  if (sourceLang === undefined && targetLang === undefined) {
    // A memory with a single language pair imports into that pair, so a wrong header is caught.
    const pairs = new Set(memoryPairs(unwrap(store.load())).map(([s, t]) => `${s}\u0000${t}`));
    if (pairs.size === 1) [sourceLang, targetLang] = [...pairs][0]!.split('\u0000') as [string, string];
  }
  const converted = unwrap(
    tmxToUnits(doc, {
      file,
      document: opts.document ?? basename(file),
      now: ctx.now().toISOString(),
      ...(sourceLang ? { sourceLang } : {}),
      ...(targetLang ? { targetLang } : {}),
      ...(opts.srclang ? { srclang: opts.srclang } : {}),
      ...(opts.stripCodes ? { stripCodes: true } : {}),
    }),
  );
  // Reads and rewrites only the shards that hold the imported units.
  const result = unwrap(
    store.updateSelected(() => ({
      ok: true,
      value: { units: converted.units, apply: (content) => ({ ok: true, value: upsertUnits(content, converted.units) }) },
    })),
  );
  const counts = {
    added: result.report.added.length,
    updated: result.report.updated.length,
    unchanged: result.report.unchanged.length,
    skipped: converted.skipped,
    duplicates: converted.duplicates,
    ...(opts.stripCodes ? { codesStripped: converted.codesStripped } : {}),
  };
  if (opts.json) {
    printJson(ctx.stdout, { file, sourceLang: converted.sourceLang, targetLang: converted.targetLang, memory: store.location, ...counts });
    return 0;
  }
  const c = palette(useColour(ctx.stdout, ctx.env));
  ctx.stdout.write(
    `${safeText(file, { singleLine: true })} (${converted.sourceLang}→${converted.targetLang}): ${c.green(`added ${counts.added}`)}, updated ${counts.updated}, unchanged ${counts.unchanged}, skipped ${counts.skipped}${counts.duplicates ? `, duplicates ${counts.duplicates}` : ''}${converted.codesStripped ? `, inline codes dropped from ${converted.codesStripped}` : ''}\n`,
  );
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
