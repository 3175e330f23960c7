import type { Lang, Result } from '../model.js';
import { ok } from '../model.js';
import type { MemoryStore } from '../memory/store.js';

/** What `kioku memory info` shows (its `--json` shape): units per language pair and the exported documents. */
export interface MemoryInfo {
  /** Where the memory lives, as shown. */
  readonly memory: string;
  readonly units: number;
  /** In the order the pairs first occur among the units (sorted by id). */
  readonly pairs: ReadonlyArray<{ readonly pair: string; readonly units: number; readonly documents: number }>;
  readonly exports: ReadonlyArray<{
    readonly document: string;
    readonly sourceLang: Lang;
    readonly targetLang: Lang;
    readonly exported: string;
    readonly segments: number;
  }>;
}

/** `kioku memory info`: counts the units of each language pair (and the documents they come from) and lists the export records. */
export function memoryInfoJob(store: MemoryStore): Result<MemoryInfo> {
  const content = store.read();
  if (!content.ok) return content;
  const pairs = new Map<string, { units: number; documents: Set<string> }>();
  for (const u of content.value.units) {
    const k = `${u.sourceLang}→${u.targetLang}`;
    let e = pairs.get(k);
    if (!e) pairs.set(k, (e = { units: 0, documents: new Set() }));
    e.units++;
    e.documents.add(u.provenance.document);
  }
  return ok({
    memory: store.location,
    units: content.value.units.length,
    pairs: [...pairs.entries()].map(([pair, e]) => ({ pair, units: e.units, documents: e.documents.size })),
    exports: content.value.exports.map((r) => ({
      document: r.document,
      sourceLang: r.sourceLang,
      targetLang: r.targetLang,
      exported: r.exported,
      segments: r.revision.segments.length,
    })),
  });
}
