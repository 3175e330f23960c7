import type { Lang, Result, Revision } from '../model.js';
import { ok } from '../model.js';
import type { MemoryStore } from '../memory/store.js';
import { segment } from '../segment/index.js';
import { analyse, type Analysis } from '../memory/index.js';
import { primaryLanguage } from '../text/lang.js';

export interface StatsJobInput {
  /** The decoded source text. */
  readonly text: string;
  /** The document name for in-context matches (the file's base name unless given). */
  readonly document: string;
  /** The language of the text; detected from its script when absent. */
  readonly sourceLang?: Lang;
  /** The target language of the job; default en for Japanese, else ja. */
  readonly targetLang?: Lang;
}

export interface StatsJob {
  readonly revision: Revision;
  readonly document: string;
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  /** Units in the memory analysed against. */
  readonly units: number;
  readonly analysis: Analysis;
}

/** The default target language of a job: English for a Japanese text (ja, ja-JP…), else Japanese. */
export function defaultTargetLang(sourceLang: Lang): Lang {
  return primaryLanguage(sourceLang) === 'ja' ? 'en' : 'ja';
}

/** `kioku stats`: word and character counts with the match bands of each segment against the memory. */
export function statsJob(store: MemoryStore, input: StatsJobInput): Result<StatsJob> {
  const revision = segment(input.text, input.sourceLang ? { lang: input.sourceLang } : {});
  const memory = store.load();
  if (!memory.ok) return memory;
  const sourceLang = input.sourceLang ?? revision.lang;
  const targetLang = input.targetLang ?? defaultTargetLang(sourceLang);
  const { document } = input;
  const analysis = analyse(memory.value, revision, { document, sourceLang, targetLang });
  return ok({ revision, document, sourceLang, targetLang, units: memory.value.size, analysis });
}
