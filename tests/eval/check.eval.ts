// `npm run eval -- check`: the check's measurements for the README.
// 1. The article's own translation (XLIFF 1.2 and 2.0 from tests/fixtures/check/build.ts), checked against
//    the current source, the glossary and a memory holding the article's translation: must be zero findings.
// 2. The seeded-defect copy (every rule's defect planted at least twice, tests/fixtures/check/defects.xlf):
//    planted vs found per rule, and anything found that was not planted.
// 3. Context: the numbers rule on the 401 human-translated pairs of the Kyoto Wikipedia sample.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXliff } from '../../src/xliff/index.js';
import { segment } from '../../src/segment/index.js';
import { runChecks } from '../../src/check/run.js';
import { RULES } from '../../src/check/rules/index.js';
import { parseGlossaryCsv } from '../../src/check/glossary.js';
import type { BilingualDocument, TranslationUnit } from '../../src/model.js';
import type { CheckInput } from '../../src/check/types.js';
import { FIXTURES, missing, SHARED } from '../support/env.js';
import { KYOTO_PATH } from '../align/support/evaluate.js';

const read = (p: string): string => readFileSync(join(FIXTURES, p), 'utf8');

function document(name: string): BilingualDocument {
  const d = readXliff(read(`check/${name}`), { file: name });
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
}

function glossary() {
  const g = parseGlossaryCsv(read('check/glossary.csv'), 'glossary.csv');
  if (!g.ok) throw new Error(g.error.message);
  return g.value;
}

/** The memory `kioku import article.en.xlf` builds: one approved unit per translated segment. */
function memoryOf(doc: BilingualDocument): TranslationUnit[] {
  return doc.groups.flatMap((g) =>
    g.units.map((u) => ({
      id: u.id,
      sourceLang: doc.sourceLang,
      targetLang: doc.targetLang,
      source: u.source,
      target: u.target ?? '',
      state: u.state,
      provenance: { document: doc.original, segment: u.id, created: '2026-01-01T00:00:00Z', changed: '2026-01-01T00:00:00Z' },
    })),
  );
}

export async function run(): Promise<void> {
  const rows: string[][] = [];
  for (const name of ['article.en.xlf', 'article.en.v2.xlf']) {
    const doc = document(name);
    const input: CheckInput = {
      files: [{ file: name, document: doc }],
      sources: [{ file: 'article.ja.txt', for: name, revision: segment(read('article.ja.txt'), { lang: 'ja' }) }],
      glossary: glossary(),
      memory: memoryOf(document('article.en.xlf')),
    };
    const r = runChecks(input);
    rows.push([name, doc.version, String(r.unitCount), String(RULES.length), String(r.findings.length)]);
  }
  console.log("### The article's own translation\n");
  console.log('| file | XLIFF | units | rules | findings |\n| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);

  const defects = document('defects.xlf');
  const r = runChecks({
    files: [{ file: 'defects.xlf', document: defects }],
    sources: [{ file: 'article.ja.revised.txt', for: 'defects.xlf', revision: segment(read('check/article.ja.revised.txt'), { lang: 'ja' }) }],
    glossary: glossary(),
  });
  const expected = JSON.parse(read('check/defects.expected.json')) as Array<{ rule: string; unit: string }>;
  const key = (f: { rule: string; unit: string }): string => `${f.rule}\u0000${f.unit}`;
  const found = new Set(r.findings.map(key));
  const planted = new Set(expected.map(key));
  console.log('\n### Seeded defects (tests/fixtures/check/defects.xlf)\n');
  console.log('| rule | severity | planted | found | not planted |\n| --- | --- | --- | --- | --- |');
  let totalPlanted = 0;
  let totalFound = 0;
  let totalExtra = 0;
  for (const rule of RULES) {
    const p = expected.filter((e) => e.rule === rule.id);
    const hit = p.filter((e) => found.has(key(e))).length;
    const extra = r.findings.filter((f) => f.rule === rule.id && !planted.has(key(f))).length;
    totalPlanted += p.length;
    totalFound += hit;
    totalExtra += extra;
    console.log(`| \`${rule.id}\` | ${rule.severity} | ${p.length} | ${hit} | ${extra} |`);
  }
  console.log(`| **all** | | **${totalPlanted}** | **${totalFound}** | **${totalExtra}** |`);
  console.log(`\nRecall ${((100 * totalFound) / totalPlanted).toFixed(1)}%, findings not planted: ${totalExtra}.`);

  // Context for the numbers rule: a real human translation corpus with its own conventions.
  const reason = missing({ shared: KYOTO_PATH });
  if (reason) {
    console.log(`\n_Numbers on the Kyoto Wikipedia sample skipped: ${reason}_`);
    return;
  }
  const kyoto = JSON.parse(readFileSync(join(SHARED, KYOTO_PATH), 'utf8')) as {
    documents: Array<{ blocks: Array<{ units: Array<{ ja: string; en: string }> }> }>;
  };
  const pairs = kyoto.documents.flatMap((d) => d.blocks.flatMap((b) => b.units));
  const units = pairs.map((p, i) => ({ id: `k${i}`, source: p.ja, target: p.en, state: 'translated' as const, notes: [], candidates: [], line: i + 1 }));
  const k = runChecks(
    { files: [{ file: 'kyoto', document: { version: '1.2', sourceLang: 'ja', targetLang: 'en', original: 'kyoto', groups: [{ id: 'g', units }] } }] },
    { rules: RULES.filter((x) => x.id === 'numbers' || x.id === 'numbers-extra') },
  );
  const flagged = (rule: string) => new Set(k.findings.filter((f) => f.rule === rule).map((f) => f.unit)).size;
  console.log(`\n### Numbers on the Kyoto Wikipedia sample (${pairs.length} ja→en pairs, human translation)\n`);
  console.log(
    `\`numbers\` flags ${flagged('numbers')} pairs, \`numbers-extra\` ${flagged('numbers-extra')} (${k.findings.length} findings). Read by hand (README.md, "Checks"), each is a real difference between the two texts, none a misreading of the notation: an old-calendar date the translator dropped in favour of the Gregorian one, a date left out, old length units converted to km and m, a year or a "4" added, and a broken character reference in the corpus.`,
  );
}
