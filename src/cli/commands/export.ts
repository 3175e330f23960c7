import { Option } from '@commander-js/extra-typings';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { stageFile } from '../../io/files.js';
import type { Encoding } from '../../io/decode.js';
import type { Lang, XliffVersion } from '../../model.js';
import { exportJob, recordExportJob, type ExportJob } from '../../jobs/export.js';
import { memoryLocation, memoryOption, storeAt } from '../locations.js';
import { guardOutputs, STDOUT } from '../outputs.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext } from '../context.js';
import { unwrap } from '../errors.js';
import { palette, printJson, safeText, useColour } from '../output.js';
import { parseLang, parseScore } from '../options.js';
import { readInput, withReadFlags } from '../inputs.js';

export interface ExportCommandOptions {
  readonly sourceLang?: Lang;
  readonly targetLang: Lang;
  readonly xliff?: XliffVersion;
  /** Output path; `-` for stdout; default beside the input (see `defaultOutput`). */
  readonly output?: string;
  readonly copySource?: boolean;
  readonly json?: boolean;
  readonly maxBytes?: number;
  readonly encoding?: Encoding;
  /** Memory leverage (MEM) and carry-over from the last exported revision (DIFF). */
  readonly memory?: string;
  /** Lowest fuzzy score pre-filled from the memory (default 75). */
  readonly threshold?: number;
  /** 101/100 matches as final instead of translated. */
  readonly approveExact?: boolean;
  readonly changedOnly?: boolean;
  readonly lightChanges?: 'review' | 'keep';
}

/** The stable `--json` summary of `kioku export`. */
export interface ExportJson {
  readonly output: string;
  readonly written: boolean;
  readonly version: XliffVersion;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly units: number;
  readonly groups: number;
  readonly withTarget: number;
}

/**
 * Where the export goes without `-o`: beside the input, named after it with the source-language
 * suffix and the extension replaced by the target language: `article.ja.txt` → `article.en.xlf`,
 * `notes.txt` → `notes.en.xlf`. The same name for both XLIFF versions (it is the same job).
 */
export function defaultOutput(input: string, sourceLang: Lang, targetLang: Lang): string {
  let stem = basename(input, extname(input));
  const suffix = `.${sourceLang.toLowerCase()}`;
  if (stem.toLowerCase().endsWith(suffix) && stem.length > suffix.length) stem = stem.slice(0, -suffix.length);
  return join(dirname(input), `${stem}.${targetLang}.xlf`);
}

export function exportCommand(ctx: CliContext, file: string, opts: ExportCommandOptions): 0 {
  guardOutputs(ctx, [opts.output], { inputs: [file], memory: opts.memory });
  const decoded = readInput(ctx, file, opts);
  // With a memory: leverage, plus the translations of the last exported revision carried forward. A
  // default memory/ that does not exist means "no memory".
  const where = memoryLocation(ctx, opts.memory);
  const store = opts.memory === undefined && !where.exists ? undefined : storeAt(where);
  const job: ExportJob = unwrap(
    exportJob(
      {
        text: decoded.text,
        file,
        document: basename(file),
        ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
        targetLang: opts.targetLang,
        version: opts.xliff ?? '2.0',
        ...(opts.copySource ? { copySource: true } : {}),
        ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
        ...(opts.approveExact ? { approveExact: true } : {}),
        ...(opts.changedOnly ? { changedOnly: true } : {}),
        ...(opts.lightChanges ? { lightChanges: opts.lightChanges } : {}),
      },
      store ? { store } : { location: where.display },
    ),
  );
  const { plan } = job;
  const record = () => {
    if (store && job.record) unwrap(recordExportJob(store, job.record, ctx.now().toISOString()));
  };
  const sourceLang = plan.document.sourceLang;
  const summary = (output: string, written: boolean): ExportJson => ({
    output,
    written,
    version: opts.xliff ?? '2.0',
    sourceLang,
    targetLang: opts.targetLang,
    units: plan.units,
    groups: plan.groups,
    withTarget: plan.withTarget,
  });

  // The export record and the XLIFF go together: import checks returned sources against the record
  // and `diff --since-last` diffs against it, so an XLIFF whose export is not recorded sends a
  // translator a job the memory cannot take back. The order makes the pair all-or-nothing: the XLIFF is
  // written (fsynced) under a temporary name first, which catches a full disk or an unwritable folder;
  // then the export is recorded (a read-only or locked memory stops here, and the staged file is
  // removed); only then is the file renamed into place. What is left after a failure is neither, except
  // if the final rename itself fails: a record without its file, which the retry confirms unchanged
  // (re-recording the same revision is a no-op). Standard output cannot be taken back, so there the
  // export is recorded first and the XLIFF printed after.
  if (opts.output === STDOUT) {
    record();
    ctx.stdout.write(plan.xml);
    return 0;
  }
  const output = opts.output ?? defaultOutput(file, sourceLang, opts.targetLang);
  const outPath = resolve(ctx.cwd, output);
  // The default output is checked here, once it is known (-o was checked before anything was read).
  guardOutputs(ctx, [output], { inputs: [file], memory: opts.memory });
  const staged = unwrap(stageFile(outPath, plan.xml, { displayName: output }));
  try {
    record();
  } catch (e) {
    staged.abort();
    throw e;
  }
  const written = unwrap(staged.commit()).written;
  if (opts.json) {
    printJson(ctx.stdout, summary(output, written));
    return 0;
  }
  const c = palette(useColour(ctx.stdout, ctx.env));
  const what = `${plan.units} units in ${plan.groups} paragraphs, XLIFF ${opts.xliff ?? '2.0'}, ${sourceLang} → ${opts.targetLang}${plan.withTarget > 0 ? `, ${plan.withTarget} with a target` : ''}`;
  ctx.stdout.write(`${written ? 'wrote' : 'unchanged'} ${c.bold(safeText(output, { singleLine: true }))} (${what})\n`);
  if (job.since) {
    const r = job.since.plan.report;
    ctx.stdout.write(
      c.dim(
        `since the export of ${job.since.exported}: ${r.kept} kept, ${r.light} for light review, ${r.review} back to review, ${r.untranslated} new, ${r.removed.length} removed (their translations stay in the memory)`,
      ) + '\n',
    );
  }
  return 0;
}

export const registerExport: RegisterCommand = (program, ctx, done) => {
  const command = program
    .command('export')
    .description('write an XLIFF file for translators: one unit per sentence, one group per paragraph')
    .argument('<file>', 'UTF-8 text file (one paragraph per line)')
    .addOption(new Option('--source-lang <lang>', 'language of the text; detected from the script when absent').argParser(parseLang))
    .addOption(new Option('--target-lang <lang>', 'language to translate into (required)').argParser(parseLang).makeOptionMandatory())
    .addOption(new Option('--xliff <version>', 'XLIFF version').choices(['1.2', '2.0'] as const).default('2.0' as const))
    .option('-o, --output <file>', 'where to write; "-" for stdout (default: beside FILE, e.g. article.ja.txt → article.en.xlf)')
    .option('--copy-source', 'give untranslated units a copy of the source as target (OmegaT translates targets only)')
    .option('--json', 'print {"output","written","version","sourceLang","targetLang","units","groups","withTarget"}')
    .addOption(memoryOption())
    .addOption(new Option('--threshold <percent>', 'with a memory: lowest fuzzy match pre-filled (default 75)').argParser(parseScore))
    .option('--approve-exact', 'with a memory: 101%/100% matches as final (1.2 state="final", 2.0 final) instead of translated')
    .option('--changed-only', 'with a memory: only the units that changed since the last export (or still need work)')
    .addOption(
      new Option('--light-changes <mode>', 'whitespace/punctuation-only changes: review (light review) or keep (state unchanged)').choices([
        'review',
        'keep',
      ] as const),
    );
  withReadFlags(command, 'decode the input with this encoding (shift_jis, euc-jp, utf-16le…)').action((file, opts) => {
    done(exportCommand(ctx, file, opts));
  });
};
