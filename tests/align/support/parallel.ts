/**
 * Parallel documents with gold alignment, as data: translation units (a source text piece and its
 * translation) grouped into lines on each side. Rendering joins a line's source pieces without a
 * separator (Japanese) and its target pieces with a space (English), and records where every unit landed,
 * which is the gold. Disturbances change only the target's line structure (join, split, drop, flatten)
 * so the aligner's robustness to paragraphs that do not correspond can be measured on real text.
 */
import { readFileSync } from 'node:fs';
import type { GoldSpan, GoldUnit } from './gold.js';
import { rng } from './rng.js';

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

export type Disturbance = 'join' | 'split' | 'missing' | 'flat' | 'mixed';

/**
 * - `join`: every second target paragraph is glued to the one before (as a translator who merges).
 * - `split`: every target paragraph of 2+ units is split in two.
 * - `missing`: one target paragraph in five (deterministic choice) is left untranslated.
 * - `flat`: the whole target is one paragraph (no structure at all).
 * - `mixed`: one of join / split / missing at random per place, with a fixed seed.
 */
export function disturb(doc: ParallelDoc, kind: Disturbance, seed = 1): ParallelDoc {
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
