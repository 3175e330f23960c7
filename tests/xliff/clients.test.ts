/**
 * Real clients reading kioku's exports: translate-toolkit (pocount, xliff2po) and OmegaT 3.6 in console
 * mode. Skipped with the reason when a tool is missing; CI (KIOKU_REQUIRE_ALL=1) fails instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planExport } from '../../src/xliff/export.js';
import { readXliff } from '../../src/xliff/read.js';
import { escapeText } from '../../src/xml/serialize.js';
import { missing, missingOmegat, SHARED } from '../support/env.js';
import { allUnits, ARTICLE } from './builders.js';

const work = mkdtempSync(join(tmpdir(), 'kioku-clients-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function exportArticle(version: '1.2' | '2.0', copySource: boolean, name: string) {
  const plan = planExport(
    { text: readFileSync(ARTICLE, 'utf8'), file: 'article.ja.txt', original: 'article.ja.txt' },
    { sourceLang: 'ja', targetLang: 'en', version, copySource },
  );
  if (!plan.ok) throw new Error(plan.error.message);
  const path = join(work, name);
  writeFileSync(path, plan.value.xml);
  return { path, plan: plan.value };
}

const noPocount = missing({ command: 'pocount' });
describe.skipIf(noPocount)(`translate-toolkit${noPocount ? ` (skipped: ${noPocount})` : ''}`, () => {
  it('pocount reports as many units as kioku has segments (1.2 export)', () => {
    const { path, plan } = exportArticle('1.2', false, 'article.en.xlf');
    const csv = execFileSync('pocount', ['--csv', path], { encoding: 'utf8' });
    // Filename, Translated, …, Fuzzy Messages, Fuzzy Source Words, Untranslated Messages, Untranslated Source Words, Total Message, …
    const row = csv
      .trim()
      .split('\n')
      .at(-1)!
      .split(',')
      .map((c) => c.trim());
    expect(Number(row[8])).toBe(plan.revision.segments.length);
    expect(Number(row[6])).toBe(plan.revision.segments.length); // all untranslated
  });

  it('pocount counts the --copy-source export too, every unit with a target (fuzzy: not approved)', () => {
    const { path, plan } = exportArticle('1.2', true, 'article.copy.en.xlf');
    const row = execFileSync('pocount', ['--csv', path], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!
      .split(',')
      .map((c) => c.trim());
    expect([Number(row[4]), Number(row[8])]).toEqual([plan.units, plan.units]);
  });

  it('xliff2po converts the 1.2 export with every unit id as a location', () => {
    const { path, plan } = exportArticle('1.2', false, 'article.po.xlf');
    const po = join(work, 'article.po');
    execFileSync('xliff2po', [path, po], { stdio: 'ignore' });
    const refs = [...readFileSync(po, 'utf8').matchAll(/^#: (.+)$/gm)].map((m) => m[1]!.trim());
    expect(refs).toEqual(plan.revision.segments.map((s) => s.id));
  });
});

const noOmegat = missingOmegat();
describe.skipIf(noOmegat)(`OmegaT 3.6 console mode${noOmegat ? ` (skipped: ${noOmegat})` : ''}`, () => {
  it('loads the --copy-source export, counts every segment, and writes every unit back', () => {
    const { path, plan } = exportArticle('1.2', true, 'article.en.xlf');
    // A memory holding a pseudo-translation of every kioku segment: OmegaT fills a unit exactly when
    // its own segmentation of the unit equals kioku's, which shows what it loaded and how it split it.
    const units = allUnits(plan.document);
    const tmx = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="kioku-test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="ja" datatype="plaintext"/><body>\n${units
      .map((u) => `<tu><tuv xml:lang="ja"><seg>${escapeText(u.source)}</seg></tuv><tuv xml:lang="en"><seg>EN ${u.id}</seg></tuv></tu>`)
      .join('\n')}\n</body></tmx>\n`;
    writeFileSync(join(work, 'pseudo.tmx'), tmx);
    const out = join(work, 'omegat');
    const r = spawnSync(join(SHARED, 'omegat-translate'), ['-s', 'ja', '-t', 'en', '-m', join(work, 'pseudo.tmx'), '-o', out, path], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(r.status, r.stderr).toBe(0);

    const stats = readFileSync(join(out, 'project_stats.txt'), 'utf8');
    const total = Number(/^Total:\s+(\d+)/m.exec(stats)![1]);
    // OmegaT re-segments each unit with its own SRX: never fewer segments than kioku's units.
    expect(total).toBeGreaterThanOrEqual(units.length);

    const back = readXliff(readFileSync(join(out, 'target', 'article.en.xlf'), 'utf8'), { version: '1.2', sourceLang: 'ja', targetLang: 'en' });
    if (!back.ok) throw new Error(back.error.message);
    const written = allUnits(back.value);
    expect(written.map((u) => [u.id, u.source])).toEqual(units.map((u) => [u.id, u.source]));
    const filled = written.filter((u) => u.target === `EN ${u.id}`);
    const split = written.filter((u) => u.target !== `EN ${u.id}`);
    // Every unit OmegaT did not fill whole is one its SRX breaks inside: after 。 before a photo
    // credit "[…]" or a closing 」. Each such unit adds one segment to OmegaT's count.
    for (const u of split) expect(u.source).toMatch(/。(?=.)/);
    expect(total).toBe(filled.length + 2 * split.length);
    expect(filled.length).toBeGreaterThan(units.length * 0.9);
  });
});
