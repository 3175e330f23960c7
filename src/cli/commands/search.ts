import { Option } from '@commander-js/extra-typings';
import { search } from '../../memory/index.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { palette, printJson, safeText, useColour, type Palette } from '../output.js';
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

function highlight(text: string, span: readonly [number, number] | undefined, c: Palette): string {
  if (!span) return safeText(text, { singleLine: true });
  const nfc = text.normalize('NFC');
  return (
    safeText(nfc.slice(0, span[0]), { singleLine: true }) +
    c.inverse(safeText(nfc.slice(span[0], span[1]), { singleLine: true })) +
    safeText(nfc.slice(span[1]), { singleLine: true })
  );
}

/** Concordance: every unit whose source or target contains the text (case, width and spacing variants match). */
export function searchCommand(ctx: CliContext, text: string, opts: SearchCommandOptions): ExitCode {
  const store = existingStoreFor(ctx, opts.memory);
  const memory = unwrap(store.load());
  const limit = opts.limit ?? 50;
  const { hits, total } = search(memory, text, {
    in: opts.in ?? 'both',
    limit,
    ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
    ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
  });
  if (opts.json) {
    printJson(ctx.stdout, {
      query: text,
      total,
      hits: hits.map((h) => ({
        id: h.unit.id,
        source: h.unit.source,
        target: h.unit.target,
        document: h.unit.provenance.document,
        segment: h.unit.provenance.segment,
        ...(h.source ? { sourceSpan: h.source } : {}),
        ...(h.target ? { targetSpan: h.target } : {}),
      })),
    });
    return 0;
  }
  const colour = useColour(ctx.stdout, ctx.env);
  const c = palette(colour);
  const mark = (t: string, s: readonly [number, number] | undefined) =>
    colour || !s ? highlight(t, s, c) : highlight(t, s, { ...c, inverse: (x) => `[${x}]` });
  for (const h of hits) {
    ctx.stdout.write(`${mark(h.unit.source, h.source)}\n  → ${mark(h.unit.target, h.target)}\n`);
    ctx.stdout.write(c.dim(safeText(`  ${h.unit.provenance.document} · ${h.unit.provenance.segment}`, { singleLine: true })) + '\n');
  }
  ctx.stdout.write(
    c.dim(
      total > hits.length
        ? `${total} units contain it; showing ${hits.length} (--limit)`
        : `${total} unit${total === 1 ? '' : 's'} contain${total === 1 ? 's' : ''} it`,
    ) + '\n',
  );
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
