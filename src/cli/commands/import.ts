import { Option } from '@commander-js/extra-typings';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { readXliffDocumentsIsolated } from '../../io/xml-worker.js';
import type { Encoding } from '../../io/decode.js';
import { err, type CharDiff } from '../../model.js';
import { clip } from '../../text/clip.js';
import type { ImportInput, Rejection } from '../../memory/index.js';
import { importJob } from '../../jobs/import.js';
import type { RegisterCommand } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { formatError, unwrap } from '../errors.js';
import { palette, printJson, safeText, useColour } from '../output.js';
import { parseLang } from '../options.js';
import { readInput, withReadFlags } from '../inputs.js';
import { memoryOption, storeFor } from '../locations.js';

export interface ImportCommandOptions {
  readonly memory?: string;
  readonly strict?: boolean;
  readonly json?: boolean;
  readonly targetLang?: string;
  /** Overrides the source language the files declare (see ImportOptions.sourceLang). */
  readonly sourceLang?: string;
  readonly author?: string;
  readonly maxBytes?: number;
  readonly encoding?: Encoding;
  /** Refuse files of the other XLIFF version. */
  readonly xliff?: '1.2' | '2.0';
  /** Store units translated but never marked so as needs-review (see ImportOptions.acceptUnreviewed). */
  readonly acceptUnreviewed?: boolean;
}

/** The one-line form of a rejected unit, as printed on stderr. */
function rejectionLine(r: Rejection): string {
  const diff = r.diff ? `; diff (exported → returned): ${compactMarkup(r.diff)}` : '';
  return formatError({
    code: 'import',
    message: `${r.message}${diff}`,
    file: r.file,
    ...(r.line ? { line: r.line } : {}),
    // A segment of a CAT unit is named as such: "(unit p, segment 2)" rather than its id "p#2".
    ...(r.part ? { unit: `${clip(r.part.unit)}, segment ${clip(r.part.segment, 40)}` } : r.unit !== undefined ? { unit: clip(r.unit) } : {}),
    ...(r.hint ? { hint: r.hint } : {}),
  });
}

/** Unchanged characters a rejection line keeps on each side of a change. */
const DIFF_CONTEXT = 30;

/**
 * The diff markup a rejection line quotes: each unchanged run cut to the characters next to the
 * changes (`…` for the rest), each change and the whole clipped (src/text/clip.ts). A translator who
 * edited one word of a 1.5 MB source gets one readable line, not the source; `--json` keeps the
 * whole diff.
 */
function compactMarkup(diff: readonly CharDiff[]): string {
  let out = '';
  diff.forEach(([op, text], i) => {
    if (op === -1) out += `[-${clip(text, 80)}-]`;
    else if (op === 1) out += `{+${clip(text, 80)}+}`;
    else {
      const keepHead = i === 0 ? 0 : DIFF_CONTEXT; // follows a change
      const keepTail = i === diff.length - 1 ? 0 : DIFF_CONTEXT; // precedes a change
      if (text.length <= keepHead + keepTail + 1) out += text;
      else out += `${sliceWhole(text, 0, keepHead)}…${sliceWhole(text, text.length - keepTail, text.length)}`;
    }
  });
  return clip(out);
}

/** `text.slice(start, end)` widened so that no surrogate pair is cut in half. */
function sliceWhole(text: string, start: number, end: number): string {
  const low = (i: number) => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00;
  return text.slice(low(start) ? start - 1 : start, low(end) ? end + 1 : end);
}

/**
 * The files to read, each once: `import a.xlf a.xlf` or `a.xlf ./a.xlf` (or a link to it) names one
 * file, whose units would otherwise all "also come from" itself. Returns the first name given for
 * each file and the names dropped as repeats.
 */
function distinctFiles(cwd: string, files: readonly string[]): { files: string[]; repeats: Array<{ file: string; sameAs: string }> } {
  const byPath = new Map<string, string>();
  const out: string[] = [];
  const repeats: Array<{ file: string; sameAs: string }> = [];
  for (const file of files) {
    const absolute = resolve(cwd, file);
    let real = absolute;
    try {
      real = realpathSync(absolute);
    } catch {
      // missing or unreadable: reading it reports that, by the name given
    }
    const first = byPath.get(real);
    if (first !== undefined) {
      repeats.push({ file, sameAs: first });
      continue;
    }
    byPath.set(real, file);
    out.push(file);
  }
  return { files: out, repeats };
}

/**
 * Reads translated XLIFF files (1.2 or 2.0, through the strict gate) and stores their approved units.
 * All files are checked before anything is written; one rejected unit rejects the whole import.
 * Files are parsed where a runaway one cannot exhaust the process (src/io/xml-worker.ts).
 */
export async function importCommand(ctx: CliContext, given: readonly string[], opts: ImportCommandOptions): Promise<ExitCode> {
  const { files, repeats } = distinctFiles(ctx.cwd, given);
  const inputs: ImportInput[] = [];
  for (const file of files) {
    const decoded = readInput(ctx, file, opts);
    // forMemory: a <cp> of a character the memory could not write back is refused where it stands.
    // Every <file> of the XLIFF is a document of its own (Xcode, OpenXLIFF and Matecat write several).
    const documents = unwrap(
      await readXliffDocumentsIsolated(decoded.text, {
        file,
        decodedAs: decoded.encoding,
        forMemory: true,
        ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
        ...(opts.xliff ? { version: opts.xliff } : {}),
      }),
    );
    for (const document of documents) inputs.push({ file, document });
  }
  const store = storeFor(ctx, opts.memory);
  const now = ctx.now().toISOString();
  const options = {
    strict: opts.strict === true,
    now,
    ...(opts.author ? { author: opts.author } : {}),
    ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
    ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
    ...(opts.acceptUnreviewed ? { acceptUnreviewed: true } : {}),
  };
  const result = importJob(store, inputs, options);
  if (!result.ok) {
    const failure = result.error;
    if (failure.kind === 'rejected') {
      if (opts.json) {
        printJson(ctx.stdout, {
          ok: false,
          memory: store.location,
          rejected: failure.rejections.map((r) => ({
            file: r.file,
            line: r.line,
            unit: r.unit,
            ...(r.part ? { part: r.part } : {}),
            reason: r.reason,
            message: r.message,
            ...(r.hint ? { hint: r.hint } : {}),
            ...(r.diff ? { diff: r.diff } : {}),
          })),
        });
      } else {
        for (const r of failure.rejections) ctx.stderr.write(rejectionLine(r) + '\n');
      }
    }
    return unwrap(err(failure.error));
  }
  const { report } = result.value;
  if (opts.json) {
    printJson(ctx.stdout, { ok: true, memory: store.location, ...report });
    return 0;
  }
  const c = palette(useColour(ctx.stdout, ctx.env));
  for (const r of repeats) {
    ctx.stdout.write(c.dim(`${safeText(r.file, { singleLine: true })}: the same file as ${safeText(r.sameAs, { singleLine: true })}, read once`) + '\n');
  }
  const line = (label: string, r: { added: number; updated: number; unchanged: number; skipped: number }) =>
    `${label}: ${c.green(`added ${r.added}`)}, updated ${r.updated}, unchanged ${r.unchanged}, skipped ${r.skipped}, rejected 0\n`;
  const named = (f: (typeof report.files)[number]) =>
    `${safeText(f.file, { singleLine: true })} (${safeText(f.document, { singleLine: true })}${f.originalFromId ? '; no original attribute; named by its id' : ''})`;
  for (const f of report.files) ctx.stdout.write(line(named(f), f));
  if (report.files.length > 1) ctx.stdout.write(line('total', report));
  if (report.notTranslatable > 0) {
    const n = report.notTranslatable;
    ctx.stdout.write(c.dim(`${n} of the skipped unit${n === 1 ? ' is' : 's are'} marked translate="no" (not for translation)`) + '\n');
  }
  if (report.acceptedUnreviewed > 0) {
    ctx.stdout.write(
      c.dim(
        `${report.acceptedUnreviewed} unit${report.acceptedUnreviewed === 1 ? '' : 's'} not marked translated stored as needs-review (--accept-unreviewed): offered as candidates, never as approved matches`,
      ) + '\n',
    );
  }
  if (report.unreviewed > 0) {
    // A CAT tool's own status (memoQ, Trados, Memsource, Across) held some back: name it. The rest are
    // plain XLIFF units left at needs-translation with a filled target, which is what OmegaT 3.6 does.
    const words = new Map<string, number>();
    for (const f of report.files) for (const [w, k] of Object.entries(f.unreviewedAs ?? {})) words.set(w, (words.get(w) ?? 0) + k);
    const byTool = [...words.values()].reduce((a, b) => a + b, 0);
    const plain = report.unreviewed - byTool;
    if (byTool > 0) {
      const named = [...words].map(([w, k]) => `${safeText(w, { singleLine: true })} ×${k}`).join(', ');
      ctx.stdout.write(
        `${c.yellow('hint:')} ${byTool} skipped unit${byTool === 1 ? ' has' : 's have'} a translated target that the CAT tool did not confirm (${named}); ` +
          'confirm them in the CAT tool and export again, or import them as needs-review candidates with --accept-unreviewed\n',
      );
    }
    if (plain > 0) {
      ctx.stdout.write(
        `${c.yellow('hint:')} ${plain} skipped unit${plain === 1 ? ' has' : 's have'} a translated target but ${plain === 1 ? 'is' : 'are'} not marked translated (OmegaT 3.6 leaves state="needs-translation" on the targets it fills); ` +
          'mark them translated in the CAT tool, or import them as needs-review candidates with --accept-unreviewed\n',
      );
    }
  }
  return 0;
}

export const registerImport: RegisterCommand = (program, ctx, done) => {
  const command = program
    .command('import')
    .description('store the approved translations of XLIFF files (1.2/2.0, also from OmegaT and translate-toolkit) in the memory')
    .argument('<files...>', 'translated XLIFF files')
    .addOption(memoryOption())
    .option('--strict', 'also reject units whose id is not in the exported revision of their document')
    .addOption(
      new Option('--target-lang <lang>', 'reject files whose target language is not this one (and use it for files that declare none)').argParser(parseLang),
    )
    .addOption(
      new Option(
        '--source-lang <lang>',
        'file the units under this source language, whatever the files declare (for a file whose declared language is wrong)',
      ).argParser(parseLang),
    )
    .option('--author <name>', 'record this author on new and changed units')
    .option(
      '--accept-unreviewed',
      'also store units with a translated target that were never marked translated (OmegaT 3.6 keeps state="needs-translation"), as needs-review: offered as candidates, never as approved matches',
    )
    .option(
      '--json',
      'print {"added","updated","unchanged","skipped","unreviewed","notTranslatable","acceptedUnreviewed","rejected","files":[…]} (or the rejected units)',
    )
    .addOption(new Option('--xliff <version>', 'refuse files of the other XLIFF version').choices(['1.2', '2.0'] as const));
  withReadFlags(command, 'decode the files with this encoding (shift_jis, euc-jp, utf-16le…) when they are not UTF-8/UTF-16 with a BOM').action(
    async (files, opts) => done(await importCommand(ctx, files, opts)),
  );
};
