import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../io/files.js';
import { parseGlossaryIsolated, readXliffDocumentsIsolated } from '../../io/xml-worker.js';
import type { Encoding } from '../../io/decode.js';
import type { Finding, Severity } from '../../model.js';
import type { Memory } from '../../memory/shapes.js';
import { activeRules } from '../../check/run.js';
import { RULES } from '../../check/rules/index.js';
import type { CheckFile } from '../../check/types.js';
import { checkJob, pairSources } from '../../jobs/check.js';
import type { Glossary } from '../../check/glossary.js';
import { applyBaseline, baselineOf, parseBaseline, serializeBaseline } from '../../check/baseline.js';
import { reportJson } from '../../check/report/json.js';
import { reportText } from '../../check/report/text.js';
import { reportJunit } from '../../check/report/junit.js';
import { reportSarif } from '../../check/report/sarif.js';
import { reportGithub } from '../../check/report/github.js';
import { rulesJson, rulesMarkdown, rulesText } from '../../check/report/rules.js';
import type { RegisterCommand } from '../shared.js';
import { parseLang } from '../options.js';
import { VERSION } from '../shared.js';
import type { CliContext, ExitCode } from '../context.js';
import { unwrap } from '../errors.js';
import { palette, progress, safeText, useColour } from '../output.js';
import { readInput, withReadFlags } from '../inputs.js';
import { existingStoreFor, memoryOption } from '../locations.js';
import { guardOutputs, STDOUT } from '../outputs.js';

export const CHECK_FORMATS = ['text', 'json', 'junit', 'sarif', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'info'] as const;

export interface CheckCommandOptions {
  readonly source?: readonly string[];
  /** A directory, or false for `--no-memory`. */
  readonly memory?: string | false;
  readonly glossary?: string;
  readonly format?: CheckFormat | 'markdown';
  readonly output?: string;
  readonly failOn?: Severity;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly disable?: readonly string[];
  readonly listRules?: boolean;
  readonly maxBytes?: number;
  readonly encoding?: Encoding;
  /** Refuse XLIFF files of the other version. */
  readonly xliff?: '1.2' | '2.0';
  /** The target language of files that declare none (and a refusal of files that declare another). */
  readonly targetLang?: string;
}

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

function usage(message: string, hint?: string): never {
  return unwrap({ ok: false, error: { code: 'usage', message, ...(hint ? { hint } : {}) } });
}

/** The memory the consistency rule compares with: none with --no-memory, or when the default memory/ is not there. */
function loadMemory(ctx: CliContext, option: string | false | undefined): Memory | undefined {
  if (option === false) return undefined;
  if (option === undefined && !existsSync(resolve(ctx.cwd, 'memory'))) return undefined;
  return unwrap(existingStoreFor(ctx, option).load());
}

export async function checkCommand(ctx: CliContext, paths: readonly string[], opts: CheckCommandOptions): Promise<ExitCode> {
  const format = opts.format ?? 'text';
  // Before anything is read: no report or baseline may land on an input or in the memory.
  guardOutputs(ctx, [opts.output, opts.writeBaseline], { inputs: [...paths, ...(opts.source ?? []), opts.glossary, opts.baseline], memory: opts.memory });
  if (opts.listRules) {
    const rules = activeRules(opts.disable ? { disable: opts.disable } : {});
    const text = format === 'markdown' ? rulesMarkdown(rules) : format === 'json' ? rulesJson(rules) : rulesText(rules);
    return emit(ctx, opts, text);
  }
  if (format === 'markdown') usage('--format markdown is only for --list-rules');
  if (paths.length === 0) usage('no XLIFF file to check', 'kioku check FILE.xlf… (or --list-rules)');
  for (const id of opts.disable ?? []) {
    if (!RULES.some((r) => r.id === id)) usage(`unknown rule "${id}" in --disable`, 'kioku check --list-rules shows the rule ids');
  }
  const decode = (path: string) => readInput(ctx, path, opts);
  const read = (path: string): string => decode(path).text;

  // XLIFF and TBX are parsed where a runaway file cannot exhaust the process (src/io/xml-worker.ts).
  const bar = progress(ctx, 'reading');
  const files: CheckFile[] = [];
  for (const [i, file] of paths.entries()) {
    bar.update(i, paths.length);
    const decoded = decode(file);
    // Every <file> of the XLIFF is checked, each as a document of its own.
    const documents = unwrap(
      await readXliffDocumentsIsolated(decoded.text, {
        file,
        decodedAs: decoded.encoding,
        ...(opts.xliff ? { version: opts.xliff } : {}),
        ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
      }),
    );
    for (const document of documents) files.push({ file, document });
  }
  bar.end();
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) usage(`${path} is given twice`);
    seen.add(path);
  }
  const sources = unwrap(pairSources(files, opts.source ?? [])).map((pairing) => ({ pairing, text: read(pairing.source) }));
  let glossary: Glossary | undefined;
  if (opts.glossary !== undefined) glossary = unwrap(await parseGlossaryIsolated(read(opts.glossary), opts.glossary));
  const memory = loadMemory(ctx, opts.memory);

  const result = checkJob({
    files,
    sources,
    ...(glossary ? { glossary } : {}),
    ...(memory ? { memory } : {}),
    ...(opts.disable ? { disable: opts.disable } : {}),
  });

  if (opts.writeBaseline !== undefined) {
    const baseline = serializeBaseline(baselineOf(result.findings));
    if (opts.writeBaseline === STDOUT) ctx.stdout.write(baseline);
    else unwrap(writeFileAtomic(resolve(ctx.cwd, opts.writeBaseline), baseline, { displayName: opts.writeBaseline }));
    const where = opts.writeBaseline === STDOUT ? 'the standard output' : opts.writeBaseline;
    ctx.stderr.write(
      safeText(`kioku: recorded ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} in ${where}`, { singleLine: true }) + '\n',
    );
    return 0;
  }

  let findings: readonly Finding[] = result.findings;
  let accepted = 0;
  let fixed = 0;
  if (opts.baseline !== undefined) {
    const outcome = applyBaseline(findings, unwrap(parseBaseline(read(opts.baseline), opts.baseline)));
    findings = outcome.fresh;
    accepted = outcome.accepted;
    fixed = outcome.fixed;
  }

  const toFile = opts.output !== undefined && opts.output !== STDOUT;
  let report: string;
  switch (format) {
    case 'json':
      report = reportJson(findings);
      break;
    case 'junit':
      report = reportJunit(findings, result.files);
      break;
    case 'sarif':
      report = reportSarif(findings, { version: VERSION, rules: result.rules });
      break;
    case 'github':
      // Workflow commands land in a CI log that renders escape sequences: data shows its control
      // characters instead of driving the log (newlines are already %0A, so lines stay intact).
      report = safeText(reportGithub(findings));
      break;
    default: {
      const c = palette(!toFile && useColour(ctx.stdout, ctx.env));
      report = reportText(
        findings,
        { unitCount: result.unitCount, fileCount: paths.length, baselineAccepted: accepted, baselineFixed: fixed },
        { ...c, clean: (s) => safeText(s, { singleLine: true }) },
      );
    }
  }
  emit(ctx, opts, report);
  const failOn = RANK[opts.failOn ?? 'error'];
  const failing = findings.filter((f) => RANK[f.severity] >= failOn).length;
  if (toFile) {
    const s = { error: 0, warning: 0, info: 0 };
    for (const f of findings) s[f.severity]++;
    ctx.stderr.write(
      safeText(`kioku check: ${s.error} errors, ${s.warning} warnings, ${s.info} info in ${result.unitCount} units; report in ${opts.output}`, {
        singleLine: true,
      }) + '\n',
    );
  }
  return failing > 0 ? 1 : 0;
}

function emit(ctx: CliContext, opts: CheckCommandOptions, text: string): 0 {
  if (opts.output !== undefined && opts.output !== STDOUT) unwrap(writeFileAtomic(resolve(ctx.cwd, opts.output), text, { displayName: opts.output }));
  else ctx.stdout.write(text);
  return 0;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const collectRules = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
];

function choice<T extends string>(values: readonly T[], what: string) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${values.join(', ')} for ${what}.`);
    return value as T;
  };
}

export const registerCheck: RegisterCommand = (program, ctx, done) => {
  const command = program
    .command('check')
    .description('check translated XLIFF files (completeness, stale source, numbers, tags, punctuation, length, glossary, consistency) for CI')
    .argument('[files...]', 'XLIFF 1.2 or 2.0 files to check')
    .addOption(
      new Option(
        '--source <file>',
        'the current source text: report stale, removed and missing units (repeatable; matched to files by their original name)',
      ).argParser(collect),
    )
    .addOption(memoryOption())
    .option('--no-memory', 'do not compare with the memory (default: memory/ when it exists)')
    .option('--glossary <file>', 'required and forbidden terms: TBX (TBX-Basic) or CSV (header ja,en[,status][,note])')
    .addOption(
      new Option('--format <format>', 'report format: text, json, junit, sarif, github (markdown with --list-rules)')
        .argParser(choice([...CHECK_FORMATS, 'markdown'] as const, '--format'))
        .default('text' as CheckFormat | 'markdown'),
    )
    .option('-o, --output <file>', 'write the report to a file instead of standard output ("-": standard output); never an input or a file in the memory')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity: error, warning, info')
        .argParser(choice(FAIL_ON, '--fail-on'))
        .default('error' as Severity),
    )
    .option('--baseline <file>', 'accept the findings recorded in this baseline: only new findings are reported and fail')
    .option('--write-baseline <file>', 'record the current findings as the baseline (exit 0; "-": standard output)')
    .addOption(new Option('--disable <rules>', 'rule ids not to run, comma-separated (repeatable)').argParser(collectRules))
    .option('--list-rules', 'print the rules (with --format markdown: the README table)')
    .addOption(new Option('--xliff <version>', 'refuse XLIFF files of the other version').choices(['1.2', '2.0'] as const))
    .addOption(
      new Option('--target-lang <lang>', 'the target language of files that declare none (files that declare another are refused)').argParser(parseLang),
    );
  withReadFlags(command, 'decode the inputs with this encoding')
    .addHelpText(
      'after',
      '\nExit status: 0 no finding at or above --fail-on, 1 findings at or above it, 2 the check could not run.\nExamples:\n  kioku check article.en.xlf --source article.ja.txt\n  kioku check translations/*.xlf --format sarif -o kioku.sarif\n  kioku check translations/*.xlf --write-baseline .kioku-baseline.json\n  kioku check translations/*.xlf --baseline .kioku-baseline.json --format github',
    )
    .action(async (files, opts) => {
      done(
        await checkCommand(ctx, files, {
          ...(opts.source ? { source: opts.source } : {}),
          memory: opts.memory === false ? false : (opts.memory as string | undefined),
          ...(opts.glossary ? { glossary: opts.glossary } : {}),
          format: opts.format,
          ...(opts.output !== undefined ? { output: opts.output } : {}),
          failOn: opts.failOn,
          ...(opts.baseline ? { baseline: opts.baseline } : {}),
          ...(opts.writeBaseline !== undefined ? { writeBaseline: opts.writeBaseline } : {}),
          ...(opts.disable ? { disable: opts.disable } : {}),
          ...(opts.listRules ? { listRules: true } : {}),
          ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
          ...(opts.encoding ? { encoding: opts.encoding } : {}),
          ...(opts.xliff ? { xliff: opts.xliff } : {}),
          ...(opts.targetLang ? { targetLang: opts.targetLang } : {}),
        }),
      );
    });
};
