import { findingAt, quote, type CheckUnit, type CollectionRule } from '../types.js';
import { APPROVED_STATES, type Finding } from '../../model.js';
import { TextFlag, textFlags } from '../../text/script.js';

/** NFC with whitespace runs collapsed; the flags (textFlags of the text) say which parts can be skipped. */
function normal(text: string, flags: number = textFlags(text)): string {
  let t = (flags & TextFlag.COMBINING) !== 0 ? text.normalize('NFC') : text;
  if ((flags & (TextFlag.EDGE_SPACE | TextFlag.DOUBLE_SPACE | TextFlag.OTHER_SPACE)) !== 0) t = t.replace(/\s+/g, ' ').trim();
  return t;
}
const primary = (lang: string): string => lang.toLowerCase().split('-')[0]!;

interface Occurrence {
  /** The translation (normalised once the source is known to occur more than once). */
  readonly target: string;
  readonly where: string;
  readonly file?: string;
  readonly line?: number;
  readonly unit?: string;
}

/**
 * The same source sentence translated in different ways. A unit is reported when another unit of the
 * checked files translates the same source differently, or when the memory has translations of it
 * and none is this one (the memory may hold context-dependent variants; matching any is consistent).
 */
export const consistency: CollectionRule = {
  scope: 'collection',
  id: 'consistency',
  severity: 'warning',
  category: 'consistency',
  description: 'The same source is translated differently elsewhere in the checked files, or differently from every translation of it in the memory (--memory).',
  checkAll(prepared) {
    // Per language pair, source → its unit, or its units once it occurs twice (most occur once).
    const byPair = new Map<string, Map<string, CheckUnit | CheckUnit[]>>();
    for (const [f, units] of prepared.units.entries()) {
      const ctx = prepared.contexts[f]!;
      const pair = `${primary(ctx.sourceLang)}>${primary(ctx.targetLang)}`;
      let sources = byPair.get(pair);
      if (sources === undefined) byPair.set(pair, (sources = new Map()));
      for (const cu of units) {
        if (cu.translation === undefined || !APPROVED_STATES.includes(cu.unit.state)) continue;
        const key = normal(cu.unit.source, cu.sourceFlags);
        const seen = sources.get(key);
        if (seen === undefined) sources.set(key, cu);
        else if (Array.isArray(seen)) seen.push(cu);
        else sources.set(key, [seen, cu]);
      }
    }
    // Per language pair, source → the memory's translations of it (only sources the files have).
    const inMemory = new Map<string, Map<string, Set<string>>>();
    for (const tu of prepared.input.memory ?? []) {
      if (!APPROVED_STATES.includes(tu.state)) continue;
      const pair = `${primary(tu.sourceLang)}>${primary(tu.targetLang)}`;
      const source = normal(tu.source);
      if (byPair.get(pair)?.has(source) !== true) continue;
      let sources = inMemory.get(pair);
      if (sources === undefined) inMemory.set(pair, (sources = new Map()));
      let set = sources.get(source);
      if (set === undefined) sources.set(source, (set = new Set()));
      set.add(normal(tu.target));
    }
    // The sources worth a look: seen more than once in the files, or in the memory.
    const inFiles: Array<{ readonly units: readonly CheckUnit[]; readonly memory: ReadonlySet<string> | undefined }> = [];
    for (const [pair, sources] of byPair) {
      const memorySources = inMemory.get(pair);
      for (const [source, seen] of sources) {
        const memory = memorySources?.get(source);
        if (Array.isArray(seen)) inFiles.push({ units: seen, memory });
        else if (memory !== undefined) inFiles.push({ units: [seen], memory });
      }
    }
    const out: Finding[] = [];
    for (const { units: raw, memory } of inFiles) {
      // Only sources seen more than once (or in the memory) get here and pay for normalising targets.
      const list: Occurrence[] = raw.map((cu) => ({ target: normal(cu.translation!, cu.targetFlags), where: `${cu.file}:${cu.unit.line}`, file: cu.file, line: cu.unit.line, unit: cu.unit.id }));
      // Occurrences by translation: linear in the occurrences times the (few) distinct translations.
      const byTarget = new Map<string, Occurrence[]>();
      for (const o of list) {
        const same = byTarget.get(o.target);
        if (same === undefined) byTarget.set(o.target, [o]);
        else same.push(o);
      }
      if (byTarget.size < 2 && (memory === undefined || memory.has(list[0]!.target))) continue;
      for (const o of list) {
        const others = [...byTarget.keys()].filter((t) => t !== o.target);
        const memoryDiffers = memory !== undefined && !memory.has(o.target);
        if (others.length === 0 && !memoryDiffers) continue;
        const elsewhere: string[] = [];
        for (const t of others) {
          for (const p of byTarget.get(t)!) {
            if (elsewhere.length === 3) break;
            elsewhere.push(p.where);
          }
        }
        const more = others.reduce((n, t) => n + byTarget.get(t)!.length, 0) - elsewhere.length;
        const alternatives = [...others, ...(memoryDiffers ? [...memory].filter((m) => !others.includes(m)) : [])];
        const sources = [...elsewhere, ...(more > 0 ? [`${more} more`] : []), ...(memoryDiffers ? ['the memory'] : [])].join(', ');
        out.push(
          findingAt(this, o.file!, o.line!, o.unit!, `the same source is translated differently in ${sources}: ${alternatives.map((a) => quote(a)).join(' / ')}`, {
            actual: o.target,
            expected: alternatives.join(' | '),
          }),
        );
      }
    }
    return out;
  },
};
