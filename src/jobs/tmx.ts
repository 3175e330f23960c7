import type { Lang, Result } from '../model.js';
import { ok } from '../model.js';
import type { MemoryStore } from '../memory/store.js';
import { tmxToUnits, writeTmx, type TmxDocument, type TmxToUnitsOptions } from '../tmx/index.js';
import { memoryPairs, sameLanguage, upsertUnits } from '../memory/index.js';

export interface TmxExportJobOptions {
  /** Only the units of these languages (`sameLanguage`: ja takes ja-JP). */
  readonly sourceLang?: Lang;
  readonly targetLang?: Lang;
  /** ISO time for the TMX header. */
  readonly now: string;
  /** The tool's version, for the TMX header. */
  readonly toolVersion: string;
}

export interface TmxExportJob {
  readonly tmx: string;
  /** How many units it holds. */
  readonly units: number;
}

/** `kioku tmx export`: the memory's units (of the languages asked for) as a TMX 1.4b document. */
export function tmxExportJob(store: MemoryStore, options: TmxExportJobOptions): Result<TmxExportJob> {
  const content = store.read();
  if (!content.ok) return content;
  const units = content.value.units.filter(
    (u) =>
      (options.sourceLang === undefined || sameLanguage(u.sourceLang, options.sourceLang)) &&
      (options.targetLang === undefined || sameLanguage(u.targetLang, options.targetLang)),
  );
  const tmx = writeTmx(units, { creationtool: 'kioku', creationtoolversion: options.toolVersion, now: options.now });
  return tmx.ok ? ok({ tmx: tmx.value, units: units.length }) : tmx;
}

/** What `kioku tmx import` stored, and as which language pair. */
export interface TmxImportJob {
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** <tu>s without both languages, or with an empty source/target. */
  readonly skipped: number;
  /** Repeated identical pairs in the file. */
  readonly duplicates: number;
  /** Units imported without their inline codes (`stripCodes`). */
  readonly codesStripped: number;
  /** The file holds no translation unit at all (nothing was written). */
  readonly empty?: true;
}

/**
 * `kioku tmx import` of a parsed TMX document: converts its units (into the memory's one language pair
 * when no language is given and the memory has a single pair, so a wrong header is caught) and stores
 * them, reading and rewriting only the shards that hold them.
 */
export function tmxImportJob(store: MemoryStore, doc: TmxDocument, options: TmxToUnitsOptions): Result<TmxImportJob> {
  let { sourceLang, targetLang } = options;
  if (sourceLang === undefined && targetLang === undefined) {
    const memory = store.load();
    if (!memory.ok) return memory;
    const pairs = new Set(memoryPairs(memory.value).map(([s, t]) => `${s}\u0000${t}`));
    if (pairs.size === 1) [sourceLang, targetLang] = [...pairs][0]!.split('\u0000') as [string, string];
  }
  const converted = tmxToUnits(doc, { ...options, ...(sourceLang ? { sourceLang } : {}), ...(targetLang ? { targetLang } : {}) });
  if (!converted.ok) return converted;
  const { units } = converted.value;
  if (units.length === 0 && converted.value.skipped === 0 && converted.value.duplicates === 0) {
    // An empty TMX: the memory is not opened for writing (no folder is made for a pair of nothing).
    return ok({
      sourceLang: converted.value.sourceLang,
      targetLang: converted.value.targetLang,
      added: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      duplicates: 0,
      codesStripped: 0,
      empty: true,
    });
  }
  const result = store.updateSelected(() => ok({ units, apply: (content) => ok(upsertUnits(content, units)) }));
  if (!result.ok) return result;
  const { report } = result.value;
  return ok({
    sourceLang: converted.value.sourceLang,
    targetLang: converted.value.targetLang,
    added: report.added.length,
    updated: report.updated.length,
    unchanged: report.unchanged.length,
    skipped: converted.value.skipped,
    duplicates: converted.value.duplicates,
    codesStripped: converted.value.codesStripped,
  });
}
