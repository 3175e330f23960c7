import { findingAt, quote, type CollectionRule } from '../types.js';
import { APPROVED_STATES, type Finding } from '../../model.js';

const normal = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const primary = (lang: string): string => lang.toLowerCase().split('-')[0]!;

interface Occurrence {
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
        list.push({ target: normal(cu.translation), where: `${cu.file}:${cu.unit.line}`, file: cu.file, line: cu.unit.line, unit: cu.unit.id });
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
    for (const [key, list] of inFiles) {
      const memory = inMemory.get(key);
      const distinct = new Set(list.map((o) => o.target));
      if (distinct.size < 2 && (memory === undefined || memory.has(list[0]!.target))) continue;
      for (const o of list) {
        const others: string[] = [];
        for (const p of list) if (p.target !== o.target && !others.includes(p.target)) others.push(p.target);
        const memoryDiffers = memory !== undefined && !memory.has(o.target);
        if (others.length === 0 && !memoryDiffers) continue;
        const elsewhere = list.filter((p) => p.target !== o.target).map((p) => p.where);
        const alternatives = [...others, ...(memoryDiffers ? [...memory].filter((m) => !others.includes(m)) : [])];
        const sources = [...elsewhere.slice(0, 3), ...(memoryDiffers ? ['the memory'] : [])].join(', ');
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
