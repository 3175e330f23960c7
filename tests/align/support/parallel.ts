/**
 * Parallel documents with gold alignment, as data: translation units (a source text piece and its
 * translation) grouped into lines on each side. Rendering joins a line's source pieces without a
 * separator (Japanese) and its target pieces with a space (English), and records where every unit landed,
 * which is the gold. Disturbances change only the target's line structure (join, split, drop, flatten)
 * so the aligner's robustness to paragraphs that do not correspond can be measured on real text.
 */
import { readFileSync } from 'node:fs';
import type { GoldSpan, GoldUnit } from './gold.js';
import { rng } from '../../support/rng.mjs';

export interface ParallelUnit {
  readonly source: string;
  /** Empty when the translator left the piece out. */
  readonly target: string;
}

export interface ParallelDoc {
  readonly name: string;
  readonly units: readonly ParallelUnit[];
  /** Unit indices per source line, in order. */
  readonly sourceLines: readonly (readonly number[])[];
  /** Unit indices per target line, in order (a unit with an empty target may be absent). */
  readonly targetLines: readonly (readonly number[])[];
}

export interface Rendered {
  readonly source: string;
  readonly target: string;
  readonly gold: GoldUnit[];
}

/** Renders both texts (paragraphs separated by a blank line) and the gold units. */
export function render(doc: ParallelDoc, options: { sourceJoin?: string; targetJoin?: string } = {}): Rendered {
  const sourceJoin = options.sourceJoin ?? '';
  const targetJoin = options.targetJoin ?? ' ';
  const spans = doc.units.map(() => ({ source: [] as GoldSpan[], target: [] as GoldSpan[] }));
  const side = (lines: readonly (readonly number[])[], pick: (u: ParallelUnit) => string, join: string, key: 'source' | 'target') => {
    const out: string[] = [];
    for (const line of lines) {
      const pieces = line.map((k) => ({ k, text: pick(doc.units[k]!) })).filter((p) => p.text.trim() !== '');
      if (pieces.length === 0) continue;
      let text = '';
      for (const p of pieces) {
        if (text !== '') text += join;
        spans[p.k]![key].push({ paragraph: out.length, start: text.length, end: text.length + p.text.length });
        text += p.text;
      }
      out.push(text);
    }
    return out.join('\n\n') + '\n';
  };
  const source = side(doc.sourceLines, (u) => u.source, sourceJoin, 'source');
  const target = side(doc.targetLines, (u) => u.target, targetJoin, 'target');
  return { source, target, gold: spans };
}

// ---------------------------------------------------------------------------------------------------
// Kyoto Wikipedia sample (../shared/corpora/alignment/kyoto-wiki/kyoto-wiki-sample.json)

interface KyotoJson {
  documents: Array<{
    file: string;
    title: { ja: string; en: string };
    blocks: Array<{ kind: string; path: string; units: Array<{ sen_id: string; ja: string; en: string }> }>;
  }>;
}

/**
 * One ParallelDoc per article: the title, then each block (section heading or paragraph) as a line —
 * a paragraph's `ja` strings joined without separator, its `en` strings with a space, as the corpus
 * README prescribes.
 */
export function loadKyoto(path: string): ParallelDoc[] {
  const json = JSON.parse(readFileSync(path, 'utf8')) as KyotoJson;
  return json.documents.map((d) => {
    const units: ParallelUnit[] = [{ source: d.title.ja, target: d.title.en }];
    const lines: number[][] = [[0]];
    for (const b of d.blocks) {
      const line: number[] = [];
      for (const u of b.units) {
        line.push(units.length);
        units.push({ source: u.ja, target: u.en });
      }
      if (line.length) lines.push(line);
    }
    return { name: d.file.replace(/^.*\//, '').replace(/\.xml$/, ''), units, sourceLines: lines, targetLines: lines };
  });
}

// ---------------------------------------------------------------------------------------------------
// Disturbances of the target's paragraph structure

export type Disturbance = 'join' | 'split' | 'missing' | 'flat' | 'mixed' | 'one-missing' | 'one-extra' | 'one-split' | 'one-join' | 'one-each';

/**
 * Realistic disturbances, one event per document (what a translator or an editor does):
 * - `one-missing`: one target paragraph (of 2+ units, about a third into the text) left untranslated;
 * - `one-extra`: one paragraph exists only in the target (its source removed, about half-way);
 * - `one-split`: one target paragraph of 2+ units split in two (about two thirds in);
 * - `one-join`: two neighbouring target paragraphs joined (about a quarter in);
 * - `one-each`: all four at once.
 * Stress tests, far beyond what real translations do:
 * - `join`: every second target paragraph glued to the one before;
 * - `split`: every target paragraph of 2+ units split in two;
 * - `missing`: one target paragraph in five left untranslated;
 * - `flat`: the whole target is one paragraph (no structure at all);
 * - `mixed`: join / split / missing at random on 60% of the paragraphs (fixed seed).
 */
export function disturb(doc: ParallelDoc, kind: Disturbance, seed = 1): ParallelDoc {
  if (kind.startsWith('one-')) return disturbOnce(doc, kind as Extract<Disturbance, `one-${string}`>);
  const lines = doc.targetLines.map((l) => [...l]);
  const units = [...doc.units];
  const random = rng(seed);
  const out: number[][] = [];
  if (kind === 'flat') return { ...doc, name: `${doc.name}+flat`, targetLines: [lines.flat()] };
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const op = kind === 'mixed' ? (['join', 'split', 'missing', 'keep', 'keep'] as const)[Math.floor(random() * 5)]! : kind;
    if (op === 'join' && (kind === 'mixed' || k % 2 === 1) && out.length > 0) {
      out[out.length - 1]!.push(...line);
    } else if (op === 'split' && line.length >= 2) {
      const cut = Math.ceil(line.length / 2);
      out.push(line.slice(0, cut), line.slice(cut));
    } else if (op === 'missing' && (kind === 'mixed' || k % 5 === 2) && k > 0) {
      for (const u of line) units[u] = { source: units[u]!.source, target: '' };
    } else {
      out.push(line);
    }
  }
  return { ...doc, name: `${doc.name}+${kind}`, units, targetLines: out };
}

function disturbOnce(doc: ParallelDoc, kind: 'one-missing' | 'one-extra' | 'one-split' | 'one-join' | 'one-each'): ParallelDoc {
  const n = doc.targetLines.length;
  // The first line at or after a fraction of the text that satisfies a condition (not the title).
  const pick = (fraction: number, ok: (line: readonly number[]) => boolean, avoid: ReadonlySet<number>): number | undefined => {
    for (let d = 0; d < n; d++) {
      for (const k of [Math.floor(n * fraction) + d, Math.floor(n * fraction) - d]) {
        if (k >= 1 && k < n && !avoid.has(k) && ok(doc.targetLines[k]!)) return k;
      }
    }
    return undefined;
  };
  const ops = kind === 'one-each' ? (['one-join', 'one-missing', 'one-extra', 'one-split'] as const) : [kind];
  const units = [...doc.units];
  const used = new Set<number>();
  const plan = new Map<number, 'one-join' | 'one-missing' | 'one-extra' | 'one-split'>();
  const at = { 'one-join': 0.25, 'one-missing': 0.35, 'one-extra': 0.5, 'one-split': 0.65 } as const;
  for (const op of ops) {
    const k = pick(at[op], (l) => op === 'one-join' || op === 'one-extra' || l.length >= 2, used);
    if (k === undefined) continue;
    plan.set(k, op);
    for (const x of [k - 1, k, k + 1]) used.add(x);
  }
  const targetLines: number[][] = [];
  const sourceLines: number[][] = [];
  doc.targetLines.forEach((line, k) => {
    const op = plan.get(k);
    if (op === 'one-missing') {
      for (const u of line) units[u] = { source: units[u]!.source, target: '' };
    } else if (op === 'one-extra') {
      for (const u of line) units[u] = { source: '', target: units[u]!.target };
      targetLines.push([...line]);
    } else if (op === 'one-split') {
      const cut = Math.ceil(line.length / 2);
      targetLines.push(line.slice(0, cut), line.slice(cut));
    } else if (op === 'one-join' && targetLines.length > 0) {
      targetLines[targetLines.length - 1]!.push(...line);
    } else {
      targetLines.push([...line]);
    }
  });
  doc.sourceLines.forEach((line) => sourceLines.push([...line]));
  return { ...doc, name: `${doc.name}+${kind}`, units, sourceLines, targetLines };
}

// ---------------------------------------------------------------------------------------------------
// Hand-made gold files (tests/fixtures/align/*.gold.json)

interface GoldJson {
  readonly lines: ReadonlyArray<ReadonlyArray<readonly [string, string]>>;
}

/** A gold file as a ParallelDoc: one source line per entry; target lines where any unit has a translation. */
export function loadGoldDoc(path: string, name: string): ParallelDoc {
  const json = JSON.parse(readFileSync(path, 'utf8')) as GoldJson;
  const units: ParallelUnit[] = [];
  const lines: number[][] = [];
  for (const line of json.lines) {
    const ids: number[] = [];
    for (const [source, target] of line) {
      ids.push(units.length);
      units.push({ source, target });
    }
    lines.push(ids);
  }
  return { name, units, sourceLines: lines, targetLines: lines };
}

/**
 * Gold units located in the real files (whose blank lines and spacing the renderer would not
 * reproduce): each unit's text is found in order in its line, with only whitespace between units.
 * Throws when the gold does not match the files, so a stale gold file fails loudly.
 */
export function locateGold(doc: ParallelDoc, sourceText: string, targetText: string): GoldUnit[] {
  const gold = doc.units.map(() => ({ source: [] as GoldSpan[], target: [] as GoldSpan[] }));
  const side = (text: string, lines: readonly (readonly number[])[], pick: (u: ParallelUnit) => string, key: 'source' | 'target') => {
    const paragraphs = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
    let p = 0;
    for (const line of lines) {
      const pieces = line.filter((k) => pick(doc.units[k]!) !== '');
      if (pieces.length === 0) continue;
      const para = paragraphs[p];
      if (para === undefined) throw new Error(`gold ${doc.name}: more ${key} lines than the file has`);
      let at = 0;
      for (const k of pieces) {
        const piece = pick(doc.units[k]!);
        const found = para.indexOf(piece, at);
        if (found < 0 || para.slice(at, found).trim() !== '')
          throw new Error(`gold ${doc.name}: ${key} line ${p + 1} does not continue with ${JSON.stringify(piece)}`);
        gold[k]![key].push({ paragraph: p, start: found, end: found + piece.length });
        at = found + piece.length;
      }
      if (para.slice(at).trim() !== '')
        throw new Error(`gold ${doc.name}: ${key} line ${p + 1} has text the gold does not cover: ${JSON.stringify(para.slice(at))}`);
      p++;
    }
    if (p !== paragraphs.length) throw new Error(`gold ${doc.name}: the ${key} file has ${paragraphs.length} lines, the gold ${p}`);
  };
  side(sourceText, doc.sourceLines, (u) => u.source, 'source');
  side(targetText, doc.targetLines, (u) => u.target, 'target');
  return gold;
}
