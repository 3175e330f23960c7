import type { CharDiff, Lang, Match, Result } from '../model.js';
import { ok } from '../model.js';
import type { MemoryStore } from '../memory/store.js';
import { charDiff } from '../diff/chars.js';
import { explainScore, lookup, DEFAULT_LIMIT, DEFAULT_THRESHOLD, type ScoreExplanation } from '../memory/index.js';

export interface LookupJobInput {
  /** The sentence to look up. */
  readonly text: string;
  /** Only units of these languages (ja matches ja-JP). */
  readonly sourceLang?: Lang;
  readonly targetLang?: Lang;
  /** Lowest fuzzy score (default DEFAULT_THRESHOLD). */
  readonly threshold?: number;
  /** At most this many candidates (default DEFAULT_LIMIT). */
  readonly limit?: number;
}

/** One candidate of `kioku lookup`: the unit's fields, the diff from the query and why it scored so (the `--json` shape). */
export interface LookupCandidate {
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

export interface LookupJob {
  readonly query: string;
  /** The threshold applied. */
  readonly threshold: number;
  /** Units in the memory. */
  readonly units: number;
  readonly matches: readonly LookupCandidate[];
}

/** `kioku lookup`: the memory's 101/100/fuzzy candidates for a sentence, with a character diff and the score's parts. */
export function lookupJob(store: MemoryStore, input: LookupJobInput): Result<LookupJob> {
  const memory = store.load();
  if (!memory.ok) return memory;
  const { text } = input;
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const matches = lookup(
    memory.value,
    { source: text, ...(input.sourceLang ? { sourceLang: input.sourceLang } : {}), ...(input.targetLang ? { targetLang: input.targetLang } : {}) },
    { threshold, limit: input.limit ?? DEFAULT_LIMIT },
  );
  const candidates: LookupCandidate[] = matches.map((m) => ({
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
  return ok({ query: text, threshold, units: memory.value.size, matches: candidates });
}
