import type { TmxImportJob } from '../../jobs/tmx.js';
import { palette, safeText } from '../output.js';

/* How `kioku tmx import` shows what it stored: the `--json` counts and the one-line summary. */

/** The `--json` document of `kioku tmx import` (`codesStripped` only with --strip-codes). */
export function tmxImportJson(file: string, memory: string, job: TmxImportJob, stripCodes: boolean) {
  return {
    file,
    sourceLang: job.sourceLang,
    targetLang: job.targetLang,
    memory,
    added: job.added,
    updated: job.updated,
    unchanged: job.unchanged,
    skipped: job.skipped,
    duplicates: job.duplicates,
    ...(stripCodes ? { codesStripped: job.codesStripped } : {}),
    ...(job.empty ? { empty: true } : {}),
  };
}

export function renderTmxImportText(file: string, job: TmxImportJob, colour: boolean): string {
  const c = palette(colour);
  if (job.empty) return `${safeText(file, { singleLine: true })}: the TMX holds no translation units; nothing to import\n`;
  return `${safeText(file, { singleLine: true })} (${job.sourceLang}→${job.targetLang}): ${c.green(`added ${job.added}`)}, updated ${job.updated}, unchanged ${job.unchanged}, skipped ${job.skipped}${job.duplicates ? `, duplicates ${job.duplicates}` : ''}${job.codesStripped ? `, inline codes dropped from ${job.codesStripped}` : ''}\n`;
}
