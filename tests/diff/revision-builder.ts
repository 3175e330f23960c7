/**
 * Builds revision pairs with KNOWN edits: start from a segmented text, apply named edits (each
 * declares the kind a human expects), render the new text and the expected changes. The expected
 * changes come from the edits, never from the diff engine, so they are an independent truth.
 */
import { segment } from '../../src/segment/index.js';
import type { ChangeKind } from '../../src/model.js';

interface Rec {
  text: string;
  /** Old segment indices this new segment comes from (empty for added). */
  from: number[];
  kind: ChangeKind;
  /** Records of one split share a group number. */
  group?: number;
}

export interface ExpectedChange {
  readonly kind: ChangeKind;
  readonly old: readonly number[];
  readonly new: readonly number[];
}

export interface RevisionCase {
  readonly name: string;
  readonly lang: 'ja' | 'en';
  readonly description: string;
  readonly old: string;
  readonly new: string;
  /** Sorted by the first new index, removed ones by old index after them. */
  readonly expected: readonly ExpectedChange[];
}

export class Reviser {
  readonly paragraphs: Rec[][];
  private readonly removed: number[] = [];
  private nextGroup = 1;
  readonly joiner: string;
  readonly oldText: string;

  constructor(
    text: string,
    readonly lang: 'ja' | 'en',
  ) {
    const rev = segment(text, { lang });
    this.joiner = lang === 'ja' ? '' : ' ';
    this.paragraphs = rev.paragraphs.map((p) => p.segments.map((i) => ({ text: rev.segments[i]!.text, from: [i], kind: 'unchanged' as ChangeKind })));
    this.oldText = this.render(this.paragraphs);
    const check = segment(this.oldText, { lang });
    if (check.segments.length !== rev.segments.length || check.segments.some((s, i) => s.text !== rev.segments[i]!.text)) {
      throw new Error('the base text does not rebuild from its segments');
    }
  }

  private render(paragraphs: Rec[][]): string {
    return paragraphs.map((p) => p.map((r) => r.text).join(this.joiner)).join('\n\n') + '\n';
  }

  /** [paragraph, sentence] of the first current segment containing `needle` (occurrence `nth`, 1-based). */
  find(needle: string, nth = 1): [number, number] {
    let seen = 0;
    for (let p = 0; p < this.paragraphs.length; p++) {
      for (let s = 0; s < this.paragraphs[p]!.length; s++) {
        if (this.paragraphs[p]![s]!.text.includes(needle) && ++seen === nth) return [p, s];
      }
    }
    throw new Error(`no segment contains ${needle} (occurrence ${nth})`);
  }

  at(p: number, s: number): Rec {
    const r = this.paragraphs[p]?.[s];
    if (!r) throw new Error(`no segment at ${p}/${s}`);
    return r;
  }

  /** Replaces a segment's text; `kind` is what the edit is (minor, major, whitespace, punctuation). */
  edit([p, s]: [number, number], text: string, kind: ChangeKind): this {
    const r = this.at(p, s);
    if (r.kind !== 'unchanged' && r.kind !== 'moved') throw new Error('segment already edited');
    r.text = text;
    r.kind = kind;
    return this;
  }

  /** Edits with a string replacement inside the segment. */
  replace(needle: string, from: string, to: string, kind: ChangeKind, nth = 1): this {
    const at = this.find(needle, nth);
    const r = this.at(...at);
    if (!r.text.includes(from)) throw new Error(`${from} not in ${r.text}`);
    return this.edit(at, r.text.replace(from, to), kind);
  }

  split([p, s]: [number, number], texts: string[]): this {
    const r = this.at(p, s);
    const g = this.nextGroup++;
    this.paragraphs[p]!.splice(s, 1, ...texts.map((text) => ({ text, from: [...r.from], kind: 'split' as ChangeKind, group: g })));
    return this;
  }

  merge([p, s]: [number, number], count: number, text: string): this {
    const recs = this.paragraphs[p]!.slice(s, s + count);
    if (recs.length !== count) throw new Error('not enough segments to merge');
    this.paragraphs[p]!.splice(s, count, { text, from: recs.flatMap((r) => r.from), kind: 'merged' });
    return this;
  }

  insert([p, s]: [number, number], text: string): this {
    this.paragraphs[p]!.splice(s, 0, { text, from: [], kind: 'added' });
    return this;
  }

  remove([p, s]: [number, number]): this {
    const [r] = this.paragraphs[p]!.splice(s, 1);
    this.removed.push(...r!.from);
    if (this.paragraphs[p]!.length === 0) this.paragraphs.splice(p, 1);
    return this;
  }

  insertParagraph(at: number, texts: string[]): this {
    this.paragraphs.splice(
      at,
      0,
      texts.map((text) => ({ text, from: [], kind: 'added' as ChangeKind })),
    );
    return this;
  }

  removeParagraph(p: number): this {
    const [gone] = this.paragraphs.splice(p, 1);
    for (const r of gone!) this.removed.push(...r.from);
    return this;
  }

  /** Moves paragraph `from` to position `to` (in the list without it); its unchanged sentences become moved. */
  moveParagraph(from: number, to: number): this {
    const [para] = this.paragraphs.splice(from, 1);
    for (const r of para!) if (r.kind === 'unchanged') r.kind = 'moved';
    this.paragraphs.splice(to, 0, para!);
    return this;
  }

  build(name: string, description: string): RevisionCase {
    const text = this.render(this.paragraphs);
    const flat = this.paragraphs.flat();
    const check = segment(text, { lang: this.lang });
    if (check.segments.length !== flat.length || check.segments.some((s, i) => s.text !== flat[i]!.text)) {
      const bad = check.segments.findIndex((s, i) => s.text !== flat[i]?.text);
      throw new Error(
        `${name}: the new text does not segment as built (first difference at ${bad}: ${JSON.stringify(check.segments[bad]?.text)} vs ${JSON.stringify(flat[bad]?.text)})`,
      );
    }
    const expected: Array<ExpectedChange & { pos: number; rank: number }> = [];
    for (let n = 0; n < flat.length; n++) {
      const r = flat[n]!;
      if (r.kind === 'split') {
        if (n > 0 && flat[n - 1]!.group === r.group) continue;
        const news = [n];
        while (flat[news[news.length - 1]! + 1]?.group === r.group) news.push(news[news.length - 1]! + 1);
        expected.push({ kind: 'split', old: r.from, new: news, pos: n, rank: 0 });
      } else {
        expected.push({ kind: r.kind, old: r.from, new: [n], pos: n, rank: 0 });
      }
    }
    for (const o of this.removed) expected.push({ kind: 'removed', old: [o], new: [], pos: Infinity, rank: 1 });
    return {
      name,
      lang: this.lang,
      description,
      old: this.oldText,
      new: text,
      expected: expected.map(({ kind, old, new: n }) => ({ kind, old: [...old].sort((a, b) => a - b), new: n })),
    };
  }
}

/** Compares expected and actual changes per segment; the basis of the tests and of the evaluation. */
export interface Score {
  /** Segments (new ones, plus removed old ones) that changed per the truth and were flagged. */
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  /** Truly changed segments whose reported kind (and old/new grouping) is right. */
  kindRight: number;
  changed: number;
  mistakes: string[];
}

export function scoreChanges(expected: readonly ExpectedChange[], actual: ReadonlyArray<ExpectedChange>): Score {
  const key = (c: ExpectedChange) => `${c.kind}:${[...c.old].sort((a, b) => a - b).join(',')}>${c.new.join(',')}`;
  const byNew = (list: readonly ExpectedChange[]) => {
    const m = new Map<number, ExpectedChange>();
    for (const c of list) for (const n of c.new) m.set(n, c);
    return m;
  };
  const byOld = (list: readonly ExpectedChange[], removedOnly: boolean) => {
    const m = new Map<number, ExpectedChange>();
    for (const c of list) if (!removedOnly || c.new.length === 0) for (const o of c.old) m.set(o, c);
    return m;
  };
  const s: Score = { truePositive: 0, falsePositive: 0, falseNegative: 0, kindRight: 0, changed: 0, mistakes: [] };
  const units: Array<[string, ExpectedChange | undefined, ExpectedChange | undefined]> = [];
  const en = byNew(expected);
  const an = byNew(actual);
  for (const [n, e] of en) units.push([`new #${n}`, e, an.get(n)]);
  // Removed segments (expected or reported) are units of their own, judged by the change holding them.
  const er = byOld(expected, true);
  const ar = byOld(actual, true);
  const eo = byOld(expected, false);
  const ao = byOld(actual, false);
  for (const o of [...new Set([...er.keys(), ...ar.keys()])].sort((x, y) => x - y)) units.push([`old #${o}`, eo.get(o), ao.get(o)]);
  for (const [label, e, a] of units) {
    const eChanged = e !== undefined && e.kind !== 'unchanged';
    const aChanged = a !== undefined && a.kind !== 'unchanged';
    if (eChanged) s.changed++;
    if (eChanged && aChanged) s.truePositive++;
    else if (aChanged) s.falsePositive++;
    else if (eChanged) s.falseNegative++;
    if (eChanged && a !== undefined && key(e) === key(a)) s.kindRight++;
    if ((e === undefined) !== (a === undefined) || (e && a && key(e) !== key(a))) {
      s.mistakes.push(`${label}: expected ${e ? key(e) : 'nothing'}, got ${a ? key(a) : 'nothing'}`);
    }
  }
  return s;
}
