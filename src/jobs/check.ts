import type { KiokuError, Result, TranslationUnit } from '../model.js';
import type { Memory } from '../memory/shapes.js';
import { err, ok } from '../model.js';
import { segment } from '../segment/index.js';
import { runChecks, type CheckResult } from '../check/run.js';
import type { CheckFile } from '../check/types.js';
import type { Glossary } from '../check/glossary.js';
import { sameLanguage } from '../text/lang.js';
// The file names compare as the CLI's (the platform's path rules), and node:path touches no file.
import { basename } from 'node:path';

/** A `--source` file and the XLIFF file whose current source it is. */
export interface SourcePairing {
  /** The source file as the user named it. */
  readonly source: string;
  /** The XLIFF file (CheckFile.file) it belongs to. */
  readonly for: CheckFile;
}

/**
 * Pairs each `--source` file with the XLIFF file whose `original` it is (or the only one, when there
 * is one of each). A source that matches no file or several, or two sources for one file, is a usage
 * error the caller reports.
 */
export function pairSources(files: readonly CheckFile[], sources: readonly string[]): Result<SourcePairing[]> {
  const usage = (message: string, hint?: string): Result<never> => err({ code: 'usage', message, ...(hint ? { hint } : {}) } satisfies KiokuError);
  const out: SourcePairing[] = [];
  for (const source of sources) {
    let target: CheckFile | undefined;
    if (files.length === 1 && sources.length === 1) target = files[0];
    else {
      const matches = files.filter((f) => basename(f.document.original) === basename(source));
      if (matches.length !== 1) {
        return usage(
          `--source ${source} matches ${matches.length === 0 ? 'no' : 'more than one'} XLIFF file by its original name`,
          `the files translate: ${files.map((f) => `${f.file} (${basename(f.document.original)})`).join(', ')}`,
        );
      }
      target = matches[0];
    }
    // A file of several <file>s is several CheckFiles (one per document): one source for each.
    if (out.some((s) => s.for === target))
      return usage(
        `two --source files for ${target!.file}${files.filter((f) => f.file === target!.file).length > 1 ? ` (${basename(target!.document.original)})` : ''}`,
      );
    out.push({ source, for: target! });
  }
  return ok(out);
}

/**
 * The memory's units of the files' language pairs, for the consistency rule (sameLanguage: a memory's
 * ja→en serves ja-JP→en-US).
 */
export function memoryUnitsFor(memory: Memory, files: readonly CheckFile[]): TranslationUnit[] {
  const fitting = new Map<string, boolean>();
  const fits = (u: TranslationUnit) => {
    const key = `${u.sourceLang}\u0000${u.targetLang}`;
    let yes = fitting.get(key);
    if (yes === undefined)
      fitting.set(key, (yes = files.some((f) => sameLanguage(u.sourceLang, f.document.sourceLang) && sameLanguage(u.targetLang, f.document.targetLang))));
    return yes;
  };
  const units: TranslationUnit[] = [];
  for (let i = 0; i < memory.size; i++) {
    const u = memory.unit(i);
    if (fits(u)) units.push(u);
  }
  return units;
}

export interface CheckJobInput {
  /** The XLIFF files, read and parsed. */
  readonly files: readonly CheckFile[];
  /** The current source texts, paired with their files (pairSources) and decoded. */
  readonly sources: ReadonlyArray<{ readonly pairing: SourcePairing; readonly text: string }>;
  readonly glossary?: Glossary;
  /** The memory to compare with, if any. */
  readonly memory?: Memory;
  /** Rule ids not to run. */
  readonly disable?: readonly string[];
}

/** `kioku check`: segments each source in its file's source language and runs the rules. */
export function checkJob(input: CheckJobInput): CheckResult {
  const sources = input.sources.map(({ pairing, text }) => ({
    file: pairing.source,
    for: pairing.for.file,
    document: pairing.for.document,
    revision: segment(text, { lang: pairing.for.document.sourceLang }),
  }));
  const memory = input.memory ? memoryUnitsFor(input.memory, input.files) : [];
  return runChecks(
    { files: input.files, sources, memory, ...(input.glossary ? { glossary: input.glossary } : {}) },
    input.disable ? { disable: input.disable } : {},
  );
}
