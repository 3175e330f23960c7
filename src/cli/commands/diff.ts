import { Option } from '@commander-js/extra-typings';
import { basename, resolve } from 'node:path';
import { writeFileAtomic } from '../../io/files.js';
import type { MemoryStore } from '../../io/store.js';
import type { Encoding } from '../../io/decode.js';
import { renderDiffHtml } from '../../diff/html.js';
import type { Lang } from '../../model.js';
import { diffJob, type DiffJobInput, type DiffText } from '../../jobs/diff.js';
import { existingStoreFor, memoryOption } from '../locations.js';
import { guardOutputs, STDOUT } from '../outputs.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { KiokuFailure, unwrap } from '../errors.js';
import { printJson, useColour } from '../output.js';
import { parseLang } from '../options.js';
import { readInput, withReadFlags } from '../inputs.js';
import { diffJson, renderDiffText } from '../render/diff.js';

export interface DiffCommandOptions {
  readonly json?: boolean;
  readonly memory?: string;
  readonly sinceLast?: boolean;
  readonly targetLang?: Lang;
  readonly html?: string;
  readonly exitCode?: boolean;
  readonly lang?: string;
  readonly encoding?: Encoding;
  readonly maxBytes?: number;
}

export function diffCommand(ctx: CliContext, first: string, second: string | undefined, opts: DiffCommandOptions): ExitCode {
  guardOutputs(ctx, [opts.html], { inputs: [first, second], memory: opts.memory });
  const htmlToStdout = opts.html === STDOUT;
  if (htmlToStdout && opts.json) {
    throw new KiokuFailure({
      code: 'usage',
      message: '--html - and --json both write to standard output',
      hint: 'write the HTML report to a file, or leave out --json',
    });
  }
  const read = (file: string): DiffText => ({ name: file, text: readInput(ctx, file, opts).text });
  let input: DiffJobInput;
  let store: MemoryStore | undefined;
  if (opts.sinceLast) {
    // `kioku diff --since-last FILE`: OLD is what the memory recorded at FILE's last export.
    if (second !== undefined) {
      throw new KiokuFailure({
        code: 'usage',
        message: 'with --since-last, give only the new revision',
        hint: 'run kioku diff --since-last FILE (or kioku diff OLD NEW without it)',
      });
    }
    store = existingStoreFor(ctx, opts.memory);
    input = { sinceLast: read(first) };
  } else {
    if (second === undefined) {
      throw new KiokuFailure({
        code: 'usage',
        message: 'kioku diff needs two files, OLD and NEW',
        hint: 'run kioku diff OLD NEW, or kioku diff --since-last FILE to compare with the last export',
      });
    }
    input = { old: read(first), next: read(second) };
    if (opts.memory !== undefined) store = existingStoreFor(ctx, opts.memory);
  }
  const document = basename(opts.sinceLast || second === undefined ? first : second);
  const job = unwrap(
    diffJob(input, document, store, { ...(opts.lang ? { lang: opts.lang } : {}), ...(opts.targetLang ? { targetLang: opts.targetLang } : {}) }),
  );
  const { oldName, newName, old, next, changes, translationOfOld, translationOfNew } = job;
  if (opts.html !== undefined) {
    const html = renderDiffHtml({
      oldName,
      newName,
      old,
      next,
      changes,
      generated: ctx.now().toISOString(),
      ...(translationOfOld ? { translationOfOld: (i: number) => translationOfOld(i)?.target } : {}),
      ...(translationOfNew ? { translationOfNew: (i: number) => translationOfNew(i)?.target } : {}),
    });
    // `--html -`: the report is the output, in place of the terminal listing.
    if (htmlToStdout) ctx.stdout.write(html);
    else unwrap(writeFileAtomic(resolve(ctx.cwd, opts.html), html, { displayName: opts.html }));
  }
  if (opts.json) printJson(ctx.stdout, diffJson(changes));
  else if (!htmlToStdout)
    ctx.stdout.write(
      renderDiffText({ oldName, newName, old, next, changes, colour: useColour(ctx.stdout, ctx.env), ...(translationOfOld ? { translationOfOld } : {}) }),
    );
  const anyChange = changes.some((c) => c.kind !== 'unchanged');
  return opts.exitCode && anyChange ? 1 : 0;
}

export const registerDiff: RegisterCommand = (program, ctx, done) => {
  const command = program
    .command('diff')
    .description('compare two revisions of a source text: which segments changed, and how')
    .argument('<old>', 'the earlier revision (UTF-8 text, one paragraph per line); with --since-last, the new one')
    .argument('[new]', 'the later revision')
    .option('--json', 'print {"changes":[{"kind","old":[i],"new":[j],"similarity"}]} (indices as in kioku segment --json)')
    .option('--html <file>', 'also write a self-contained HTML report (side by side, filters by kind); "-": to standard output instead of the listing')
    .option('--exit-code', 'exit with 1 when anything changed (as git diff --exit-code)')
    .option('--since-last', 'compare FILE with the revision the memory recorded when FILE was last exported')
    .addOption(memoryOption())
    .addOption(new Option('--target-lang <lang>', "with a memory: the translations of this language (default: the last export's)").argParser(parseLang))
    .addOption(new Option('--lang <lang>', 'language of both texts (ja, en…); detected from the script when absent').argParser(parseLang));
  withReadFlags(command, 'decode both inputs with this encoding')
    .addHelpText(
      'after',
      `
Kinds: unchanged, moved (same text, other place), whitespace, punctuation (also full/half width),
minor (similarity >= 0.75 or one small replacement), major (rewritten, paired), split, merged,
added, removed. Similarity = 2 x characters kept / (old length + new length).
Exit status: 0 when the diff ran (whatever it found), 1 with --exit-code when anything changed,
2 when an input is unusable.`,
    )
    .action((oldFile, newFile, opts) => {
      done(diffCommand(ctx, oldFile, newFile, opts));
    });
};
