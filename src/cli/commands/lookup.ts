import { Option } from '@commander-js/extra-typings';
import type { CharDiff, Match } from '../../model.js';
import { charDiff, diffMarkup } from '../../diff/chars.js';
import { explainScore, lookup, DEFAULT_LIMIT, DEFAULT_THRESHOLD, type ScoreExplanation } from '../../memory/index.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { palette, printJson, safeText, useColour, type Palette } from '../output.js';
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

/** The stable `--json` shape of one candidate of `kioku lookup`. */
export interface LookupJsonMatch {
  readonly kind: Match['kind'];
  readonly score: number;
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly state: string;
  readonly document: string;
  readonly segment: string;
  readonly changed: string;
  /** Character diff from the query to the memory's source: [op, text], op -1 only in the query, 1 only in the memory. */
  readonly diff: readonly CharDiff[];
  readonly explanation: ScoreExplanation;
}

export function colourDiff(diff: readonly CharDiff[], c: Palette, colour: boolean): string {
  if (!colour) return safeText(diffMarkup(diff), { singleLine: true });
  return diff
    .map(([op, t]) =>
      op === 0
        ? safeText(t, { singleLine: true })
        : op === -1
          ? c.red(c.strike(safeText(t, { singleLine: true })))
          : c.green(c.bold(safeText(t, { singleLine: true }))),
    )
    .join('');
}

export function lookupCommand(ctx: CliContext, text: string, opts: LookupCommandOptions): ExitCode {
  const store = existingStoreFor(ctx, opts.memory);
  const memory = unwrap(store.load());
  const matches = lookup(
    memory,
    { source: text, ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}), ...(opts.targetLang ? { targetLang: opts.targetLang } : {}) },
    { threshold: opts.threshold ?? DEFAULT_THRESHOLD, limit: opts.limit ?? DEFAULT_LIMIT },
  );
  const rows: LookupJsonMatch[] = matches.map((m) => ({
    kind: m.kind,
    score: m.score,
    id: m.unit.id,
    source: m.unit.source,
    target: m.unit.target,
    state: m.unit.state,
    document: m.unit.provenance.document,
    segment: m.unit.provenance.segment,
    changed: m.unit.provenance.changed,
    diff: charDiff(text.normalize('NFC'), m.unit.source.normalize('NFC')),
    explanation: explainScore(text, m.unit.source),
  }));
  if (opts.json) {
    printJson(ctx.stdout, { query: text, threshold: opts.threshold ?? DEFAULT_THRESHOLD, memory: store.location, units: memory.size, matches: rows });
    return 0;
  }
  const colour = useColour(ctx.stdout, ctx.env);
  const c = palette(colour);
  if (rows.length === 0) {
    ctx.stdout.write(
      c.dim(`no match ≥ ${opts.threshold ?? DEFAULT_THRESHOLD}% in ${safeText(store.location, { singleLine: true })} (${memory.size} units)`) + '\n',
    );
    return 0;
  }
  for (const r of rows) {
    const label = r.kind === 'fuzzy' ? `${r.score}%` : `${r.score}% ${r.kind}`;
    ctx.stdout.write(`${c.bold(label.padEnd(6))} ${colourDiff(r.diff, c, colour)}\n`);
    ctx.stdout.write(`       → ${safeText(r.target, { singleLine: true })}\n`);
    const why = explain(r.explanation);
    // Provenance comes from whatever was imported (TMX props, XLIFF ids): all of it is data.
    ctx.stdout.write(c.dim(safeText(`       ${r.document} · ${r.segment} · ${r.state} · ${r.changed}${why ? ` · ${why}` : ''}`, { singleLine: true })) + '\n');
  }
  return 0;
}

function explain(e: ScoreExplanation): string {
  if (e.score >= 100) return '';
  const parts = [`edit similarity ${e.base}% (${e.distance} edit${e.distance === 1 ? '' : 's'})`];
  if (e.only) parts.push(e.only === 'whitespace' ? 'whitespace-only difference' : 'punctuation/whitespace-only difference');
  for (const p of e.penalties) parts.push(`−${p.points} ${p.reason}`);
  return parts.join(', ');
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
