import type { Lang, Result } from '../model.js';
import { ok } from '../model.js';
import type { MemoryStore } from '../memory/store.js';
import { search, type SearchHit } from '../memory/index.js';

export interface SearchJobInput {
  /** The text to find (case, full/half width and spacing variants match). */
  readonly text: string;
  /** Search the source, the target or both (default). */
  readonly in?: 'source' | 'target' | 'both';
  /** Only units of these languages. */
  readonly sourceLang?: Lang;
  readonly targetLang?: Lang;
  /** At most this many hits (default SEARCH_LIMIT); `total` counts them all. */
  readonly limit?: number;
}

/** How many units `kioku search` shows without --limit. */
export const SEARCH_LIMIT = 50;

export interface SearchJob {
  readonly hits: readonly SearchHit[];
  /** Every unit that contains the text, shown or not. */
  readonly total: number;
}

/** `kioku search`: the concordance of a text in the memory. */
export function searchJob(store: MemoryStore, input: SearchJobInput): Result<SearchJob> {
  const memory = store.load();
  if (!memory.ok) return memory;
  return ok(
    search(memory.value, input.text, {
      in: input.in ?? 'both',
      limit: input.limit ?? SEARCH_LIMIT,
      ...(input.sourceLang ? { sourceLang: input.sourceLang } : {}),
      ...(input.targetLang ? { targetLang: input.targetLang } : {}),
    }),
  );
}
