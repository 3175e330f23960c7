// Revision-diff accuracy: `npm run eval -- diff`. Precision and recall of "changed" per segment and the
// accuracy of kinds, on the committed revision test set (tests/fixtures/revisions: seed article and
// generated texts with known edits) and on a larger seeded random set of generated revisions.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segment } from '../../src/segment/index.js';
import { diffRevisions } from '../../src/diff/index.js';
import type { ChangeKind, SegmentChange } from '../../src/model.js';
import { FIXTURES } from '../support/env.js';
import { scoreChanges, type ExpectedChange } from '../diff/revision-builder.js';
import { stressCases } from '../diff/revision-cases.js';

interface Case {
  readonly name: string;
  readonly lang: 'ja' | 'en';
  readonly old: string;
  readonly new: string;
  readonly expected: readonly ExpectedChange[];
}

function fixtureCases(prefix: string): Case[] {
  const dir = join(FIXTURES, 'revisions');
  return readdirSync(dir)
    .filter((d) => d.startsWith(prefix) && existsSync(join(dir, d, 'expected.json')))
    .sort()
    .map((d) => {
      const e = JSON.parse(readFileSync(join(dir, d, 'expected.json'), 'utf8')) as { lang: 'ja' | 'en'; changes: ExpectedChange[] };
      return {
        name: d,
        lang: e.lang,
        old: readFileSync(join(dir, d, 'old.txt'), 'utf8'),
        new: readFileSync(join(dir, d, 'new.txt'), 'utf8'),
        expected: e.changes,
      };
    });
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);

export async function run(): Promise<void> {
  const sets: Array<[string, Case[]]> = [
    ['seed article (ja + en), 8 revisions', fixtureCases('ja-').concat(fixtureCases('en-'))],
    ['generated texts, 4 revisions', fixtureCases('gen-')],
    ['random generated revisions (seeded), 100 documents', stressCases(100)],
  ];
  const rows: string[] = [];
  const confusion = new Map<string, number>();
  for (const [label, cases] of sets) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let kindRight = 0;
    let changed = 0;
    let segments = 0;
    for (const c of cases) {
      const old = segment(c.old, { lang: c.lang });
      const next = segment(c.new, { lang: c.lang });
      const changes: SegmentChange[] = diffRevisions(old, next);
      const s = scoreChanges(c.expected, changes);
      tp += s.truePositive;
      fp += s.falsePositive;
      fn += s.falseNegative;
      kindRight += s.kindRight;
      changed += s.changed;
      segments += next.segments.length;
      if (label.startsWith('random')) {
        const actualOf = new Map<number, ChangeKind>();
        for (const ch of changes) for (const n of ch.new) actualOf.set(n, ch.kind);
        for (const e of c.expected) {
          if (e.kind === 'unchanged' || e.new.length === 0) continue;
          const a = actualOf.get(e.new[0]!) ?? '?';
          const k = `${e.kind} → ${a}`;
          confusion.set(k, (confusion.get(k) ?? 0) + 1);
        }
      }
    }
    rows.push(`| ${label} | ${segments} | ${changed} | ${pct(tp, tp + fp)} | ${pct(tp, tp + fn)} | ${pct(kindRight, changed)} |`);
  }
  console.log('| revision set | new segments | changed (truth) | precision of "changed" | recall of "changed" | kind accuracy |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  console.log('\nKind confusions on the random set (expected → reported, new segments; correct ones omitted):\n');
  const wrong = [...confusion.entries()].filter(([k]) => k.split(' → ')[0] !== k.split(' → ')[1]).sort((a, b) => b[1] - a[1]);
  const right = [...confusion.entries()].filter(([k]) => k.split(' → ')[0] === k.split(' → ')[1]).reduce((n, [, v]) => n + v, 0);
  if (wrong.length === 0) console.log('(none)');
  else for (const [k, v] of wrong) console.log(`- ${k}: ${v}`);
  console.log(`\n(${right} edited new segments got the expected kind.)`);
}
