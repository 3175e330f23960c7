// A long parallel text for the alignment benchmark and the at-scale accuracy figure, as plain JS so both
// the benchmark (node on dist/) and the evaluation (tsx) use the same recipe. Real Japanese–English
// translation units (the Kyoto Wikipedia sample, else the seed article's gold) drawn with a fixed seed
// into paragraphs of 1–5 units; 1% of the target paragraphs are left untranslated and 1% are split in
// two, so the aligner meets the usual irregularities. Returns a ParallelDoc (tests/align/support/parallel.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../../support/rng.mjs';

/** @param {string} shared @param {string} fixtures */
export function unitPool(shared, fixtures) {
  /** @type {Array<[string, string]>} */
  const units = [];
  try {
    const kyoto = JSON.parse(readFileSync(join(shared, 'corpora/alignment/kyoto-wiki/kyoto-wiki-sample.json'), 'utf8'));
    for (const d of kyoto.documents) for (const b of d.blocks) for (const u of b.units) units.push([u.ja, u.en]);
  } catch {
    const gold = JSON.parse(readFileSync(join(fixtures, 'align/article.gold.json'), 'utf8'));
    for (const line of gold.lines) for (const u of line) units.push([u[0], u[1]]);
  }
  // Units that do not end a sentence (headings, list items) would glue to their neighbours.
  return units.filter(([ja, en]) => /[。！？]$/.test(ja) && /[.!?]["”’)]?$/.test(en));
}

/**
 * @param {Array<[string, string]>} pool
 * @param {number} pairs about this many translation units
 * @param {number} seed
 */
export function scaleDoc(pool, pairs, seed) {
  const r = rng(seed);
  /** @type {Array<{source: string, target: string}>} */
  const units = [];
  /** @type {number[][]} */
  const sourceLines = [];
  /** @type {number[][]} */
  const targetLines = [];
  while (units.length < pairs) {
    const size = 1 + Math.floor(r() * 5);
    const ids = [];
    for (let k = 0; k < size; k++) {
      const [source, target] = pool[Math.floor(r() * pool.length)];
      ids.push(units.length);
      units.push({ source, target });
    }
    sourceLines.push(ids);
    const roll = r();
    if (roll < 0.01) {
      for (const i of ids) units[i] = { source: units[i].source, target: '' };
    } else if (roll < 0.02 && size >= 2) {
      targetLines.push(ids.slice(0, 1), ids.slice(1));
    } else {
      targetLines.push(ids);
    }
  }
  return { name: `scale-${pairs}`, units, sourceLines, targetLines };
}

/** The two texts of a doc: Japanese pieces joined without separator, English with a space. */
export function scaleTexts(doc) {
  const side = (lines, pick, glue) =>
    lines
      .map((l) =>
        l
          .map((k) => pick(doc.units[k]))
          .filter((t) => t !== '')
          .join(glue),
      )
      .filter((t) => t !== '')
      .join('\n\n') + '\n';
  return { ja: side(doc.sourceLines, (u) => u.source, ''), en: side(doc.targetLines, (u) => u.target, ' ') };
}
