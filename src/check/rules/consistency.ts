import { findingAt, quote, type CheckUnit, type CollectionRule } from '../types.js';
import { APPROVED_STATES, type Finding } from '../../model.js';
import { TextFlag, textFlags } from '../../text/script.js';
import { textFingerprint } from '../../text/hash.js';
import { sameLanguage } from '../../text/lang.js';

/** NFC with whitespace runs collapsed; the flags (textFlags of the text) say which parts can be skipped. */
function normal(text: string, flags: number = textFlags(text)): string {
  let t = (flags & TextFlag.COMBINING) !== 0 ? text.normalize('NFC') : text;
  if ((flags & (TextFlag.EDGE_SPACE | TextFlag.DOUBLE_SPACE | TextFlag.OTHER_SPACE)) !== 0) t = t.replace(/\s+/g, ' ').trim();
  return t;
}

interface Occurrence {
  /** Its place among the group's occurrences (checking order). */
  readonly index: number;
  /** The translation (normalised once the source is known to occur more than once). */
  readonly target: string;
  readonly where: string;
  readonly file: string;
  readonly line: number;
  readonly unit: string;
}

/** Flags under which `normal` changes a text. */
const RESHAPED = TextFlag.COMBINING | TextFlag.EDGE_SPACE | TextFlag.DOUBLE_SPACE | TextFlag.OTHER_SPACE;

/** The units (in checking order) whose sources are the same `key`; `first` is the first one's number. */
export interface SourceGroup {
  readonly key: string;
  readonly first: number;
  readonly units: CheckUnit[];
}

/**
 * The approved units of one language pair by source. Sources are found through their fingerprint in an
 * open-addressing table of typed arrays (no Map entry, no object and no string read for the 100,000
 * distinct sources of a large file), then compared as strings; a fingerprint holds a single unit,
 * kept as its number, until a second unit arrives.
 */
export class SourceIndex {
  /**
   * An empty index frozen for good, held by the class for the engine (as NumberList's anchor): an
   * index lives for one run, and without an index alive a full garbage collection between runs dropped
   * the shape of indexes and deoptimised the code that files and finds units.
   */
  static readonly #shapeAnchor: Readonly<SourceIndex> = Object.freeze(new SourceIndex([], 0));

  /**
   * Two entries per slot, side by side (one cache line holds both): the fingerprint, -1 when the slot
   * is free (fingerprints are non-negative), and the number of the only unit with that fingerprint or
   * -1 - (its index into `lists`).
   */
  private table: Int32Array;
  private readonly lists: SourceGroup[][] = [];
  private size = 0;

  constructor(
    private readonly units: readonly CheckUnit[],
    expected: number,
  ) {
    let capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    this.table = new Int32Array(2 * capacity).fill(-1);
  }

  /** The slot (index of its fingerprint entry) of a fingerprint: where it is, or the free one where it would go. */
  private slot(fingerprint: number): number {
    const table = this.table;
    const mask = table.length - 2;
    // Fingerprints are already mixed: their low bits spread well.
    let i = (fingerprint << 1) & mask;
    for (;;) {
      const k = table[i]!;
      if (k === fingerprint || k === -1) return i;
      i = (i + 2) & mask;
    }
  }

  /**
   * Adds unit n. Its source is read only when its fingerprint is taken: a unit alone with its
   * fingerprint (nearly every unit of a large file) is filed without touching its text.
   */
  add(fingerprint: number, n: number): void {
    const i = this.slot(fingerprint);
    if (this.table[i] === -1) {
      this.table[i] = fingerprint;
      this.table[i + 1] = n;
      if (++this.size * 4 > this.table.length) this.grow();
      return;
    }
    const groups = this.open(i);
    const key = sourceKey(this.units[n]!);
    const same = groups.find((g) => g.key === key);
    if (same !== undefined) same.units.push(this.units[n]!);
    else groups.push({ key, first: n, units: [this.units[n]!] });
  }

  /** The group of a source, or undefined when no approved unit has it. */
  find(fingerprint: number, key: string): SourceGroup | undefined {
    const i = this.slot(fingerprint);
    if (this.table[i] === -1) return undefined;
    return this.open(i).find((g) => g.key === key);
  }

  /** Every group of two or more units, and the groups in `also`, in the order of their first units. */
  groups(also: ReadonlySet<number>): SourceGroup[] {
    const out: SourceGroup[] = [];
    for (const list of this.lists) for (const g of list) if (g.units.length > 1 || also.has(g.first)) out.push(g);
    return out.sort((a, b) => a.first - b.first);
  }

  /** The groups of slot i (a single unit becomes a group of its own first). */
  private open(i: number): SourceGroup[] {
    const v = this.table[i + 1]!;
    if (v < 0) return this.lists[-1 - v]!;
    const cu = this.units[v]!;
    const groups = [{ key: sourceKey(cu), first: v, units: [cu] }];
    this.table[i + 1] = -1 - this.lists.length;
    this.lists.push(groups);
    return groups;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(2 * old.length).fill(-1);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === -1) continue;
      const j = this.slot(old[i]!);
      this.table[j] = old[i]!;
      this.table[j + 1] = old[i + 1]!;
    }
  }
}

/**
 * `SourceIndex` without the table, for the tests only (not part of the library): the groups in a Map by
 * source, fingerprints ignored. tests/check/consistency-reference.test.ts checks that both find and
 * group alike, used as the rule uses them: `also` holds the first units of groups `find` returned.
 */
export class ReferenceSourceIndex {
  private readonly bySource = new Map<string, { key: string; first: number; units: CheckUnit[] }>();

  constructor(private readonly units: readonly CheckUnit[]) {}

  add(_fingerprint: number, n: number): void {
    const key = sourceKey(this.units[n]!);
    const group = this.bySource.get(key);
    if (group === undefined) this.bySource.set(key, { key, first: n, units: [this.units[n]!] });
    else group.units.push(this.units[n]!);
  }

  find(_fingerprint: number, key: string): SourceGroup | undefined {
    return this.bySource.get(key);
  }

  groups(also: ReadonlySet<number>): SourceGroup[] {
    return [...this.bySource.values()].filter((g) => g.units.length > 1 || also.has(g.first)).sort((a, b) => a.first - b.first);
  }
}

/** What the rule compares: the source as `normal` makes it. */
export function sourceKey(cu: CheckUnit): string {
  return normal(cu.unit.source, cu.sourceFlags);
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
  description:
    'The same source is translated differently elsewhere in the checked files, or differently from every translation of it in the memory (--memory).',
  checkAll(prepared) {
    // Per language pair (sameLanguage on both sides: en-GB and en-US are one pair, zh-Hans and zh-Hant
    // are not), the approved units by source (numbered in checking order).
    const approved: CheckUnit[] = [];
    const pairs: Array<{ readonly sourceLang: string; readonly targetLang: string; readonly index: SourceIndex }> = [];
    const pairOf = (sourceLang: string, targetLang: string) =>
      pairs.find((p) => sameLanguage(p.sourceLang, sourceLang) && sameLanguage(p.targetLang, targetLang));
    const total = prepared.units.reduce((n, units) => n + units.length, 0);
    for (const [f, units] of prepared.units.entries()) {
      const ctx = prepared.contexts[f]!;
      let index = pairOf(ctx.sourceLang, ctx.targetLang)?.index;
      if (index === undefined) pairs.push({ sourceLang: ctx.sourceLang, targetLang: ctx.targetLang, index: (index = new SourceIndex(approved, total)) });
      for (const cu of units) {
        if (cu.translation === undefined || !cu.approved) continue;
        approved.push(cu);
        index.add((cu.sourceFlags & RESHAPED) === 0 ? cu.sourceKey : textFingerprint(sourceKey(cu)), approved.length - 1);
      }
    }
    // The memory's translations of sources the files have, by the number of the group's first unit.
    const inMemory = new Map<number, Set<string>>();
    // A memory holds a handful of pairs: look each up once.
    const memoryPair = new Map<string, SourceIndex | undefined>();
    for (const tu of prepared.input.memory ?? []) {
      if (!APPROVED_STATES.includes(tu.state)) continue;
      const key = `${tu.sourceLang}\u0000${tu.targetLang}`;
      let index = memoryPair.get(key);
      if (index === undefined && !memoryPair.has(key)) memoryPair.set(key, (index = pairOf(tu.sourceLang, tu.targetLang)?.index));
      if (index === undefined) continue;
      const source = normal(tu.source);
      const group = index.find(textFingerprint(source), source);
      if (group === undefined) continue;
      let set = inMemory.get(group.first);
      if (set === undefined) inMemory.set(group.first, (set = new Set()));
      set.add(normal(tu.target));
    }
    const out: Finding[] = [];
    // The sources worth a look: seen more than once in the files, or in the memory.
    const remembered = new Set(inMemory.keys());
    for (const group of pairs.flatMap((p) => p.index.groups(remembered))) {
      const memory = inMemory.get(group.first);
      // Only sources seen more than once (or in the memory) get here and pay for normalising targets.
      const list: Occurrence[] = group.units.map((cu, index) => ({
        index,
        target: normal(cu.translation!, cu.targetFlags),
        where: `${cu.file}:${cu.unit.line}`,
        file: cu.file,
        line: cu.unit.line,
        unit: cu.unit.id,
      }));
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
        // The first three other occurrences in checking order: among the first three of each other
        // translation (each list is in that order), so the work does not grow with the occurrences.
        const elsewhere = others
          .flatMap((t) => byTarget.get(t)!.slice(0, 3))
          .sort((a, b) => a.index - b.index)
          .slice(0, 3)
          .map((p) => p.where);
        const more = others.reduce((n, t) => n + byTarget.get(t)!.length, 0) - elsewhere.length;
        const alternatives = [...others, ...(memoryDiffers ? [...memory].filter((m) => !others.includes(m)) : [])];
        const sources = [...elsewhere, ...(more > 0 ? [`${more} more`] : []), ...(memoryDiffers ? ['the memory'] : [])].join(', ');
        out.push(
          findingAt(this, o.file, o.line, o.unit, `the same source is translated differently in ${sources}: ${alternatives.map((a) => quote(a)).join(' / ')}`, {
            actual: o.target,
            expected: alternatives.join(' | '),
          }),
        );
      }
    }
    return out;
  },
};
