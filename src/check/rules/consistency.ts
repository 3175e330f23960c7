import { findingAt, quote, type CollectionRule } from '../types.js';
import { APPROVED_STATES, type Finding } from '../../model.js';

/** NFC with whitespace runs collapsed, skipping the costly parts when the text cannot need them. */
function normal(text: string): string {
  let t = /[\u0300-\u036f\u3099\u309a\uac00-\ud7af\u1100-\u11ff]/.test(text) ? text.normalize('NFC') : text;
  if (/\s\s|^\s|\s$|[\t\n\r\u00a0\u3000]/.test(t)) t = t.replace(/\s+/g, ' ').trim();
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
    const inFiles = new Map<string, Occurrence[]>();
    for (const [f, units] of prepared.units.entries()) {
      const ctx = prepared.contexts[f]!;
      const pair = `${primary(ctx.sourceLang)}>${primary(ctx.targetLang)}`;
      for (const cu of units) {
        if (cu.translation === undefined || !APPROVED_STATES.includes(cu.unit.state)) continue;
        const key = `${pair}\u0000${normal(cu.unit.source)}`;
        let list = inFiles.get(key);
        if (list === undefined) inFiles.set(key, (list = []));
        list.push({ target: cu.translation, where: '', file: cu.file, line: cu.unit.line, unit: cu.unit.id });
      }
    }
    const inMemory = new Map<string, Set<string>>();
    for (const tu of prepared.input.memory ?? []) {
      if (!APPROVED_STATES.includes(tu.state)) continue;
      const key = `${primary(tu.sourceLang)}>${primary(tu.targetLang)}\u0000${normal(tu.source)}`;
      if (!inFiles.has(key)) continue;
      let set = inMemory.get(key);
      if (set === undefined) inMemory.set(key, (set = new Set()));
      set.add(normal(tu.target));
    }
    const out: Finding[] = [];
    for (const [key, raw] of inFiles) {
      const memory = inMemory.get(key);
      if (raw.length < 2 && memory === undefined) continue;
      // Only sources seen more than once (or in the memory) pay for normalising their targets.
      const list = raw.map((o) => ({ ...o, target: normal(o.target), where: `${o.file}:${o.line}` }));
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
