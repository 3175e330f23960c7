import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { kioku } from '../support/cli.js';
import { FIXTURES, SHARED, missing } from '../support/env.js';
import { segment } from '../../src/segment/index.js';
import { loadMemory } from '../../src/io/store.js';
import { leverage } from '../../src/memory/index.js';
import { readXliff } from '../../src/xliff/index.js';

let dir: string;
const ARTICLE_JA = join(FIXTURES, 'article.ja.txt');
const ARTICLE_EN = join(FIXTURES, 'article.en.txt');
const NEWS_EN = join(FIXTURES, 'align', 'article.en.news.txt');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioku-align-'));
  copyFileSync(ARTICLE_JA, join(dir, 'article.ja.txt'));
  copyFileSync(ARTICLE_EN, join(dir, 'article.en.txt'));
  copyFileSync(NEWS_EN, join(dir, 'article.en.news.txt'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LANGS = ['--source-lang', 'ja', '--target-lang', 'en'];

describe('kioku align --json', () => {
  it('prints exactly {"pairs":[{"source","target","score"}]} with indices of kioku segment --json', async () => {
    const r = await kioku(['align', 'article.ja.txt', 'article.en.news.txt', ...LANGS, '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const json = JSON.parse(r.stdout) as { pairs: Array<{ source: number[]; target: number[]; score: number }> };
    expect(Object.keys(json)).toEqual(['pairs']);
    const seg = async (file: string, lang: string) =>
      (JSON.parse((await kioku(['segment', file, '--lang', lang, '--json'], { cwd: dir })).stdout) as { segments: unknown[] }).segments.length;
    const n = await seg('article.ja.txt', 'ja');
    const m = await seg('article.en.news.txt', 'en');
    let i = 0;
    let j = 0;
    for (const p of json.pairs) {
      expect(Object.keys(p)).toEqual(['source', 'target', 'score']);
      for (const x of p.source) expect(x).toBe(i++);
      for (const x of p.target) expect(x).toBe(j++);
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
      expect(Math.round(p.score * 100) / 100).toBe(p.score);
    }
    expect([i, j]).toEqual([n, m]);
    // The translator merged and split sentences: those links are there.
    expect(json.pairs.some((p) => p.source.length === 2 && p.target.length === 1)).toBe(true);
    expect(json.pairs.some((p) => p.source.length === 1 && p.target.length === 2)).toBe(true);
    expect(json.pairs.some((p) => p.target.length === 0)).toBe(true);
  });

  it('detects the languages from the scripts when not given', async () => {
    const a = await kioku(['align', 'article.ja.txt', 'article.en.txt', '--json'], { cwd: dir });
    const b = await kioku(['align', 'article.ja.txt', 'article.en.txt', ...LANGS, '--json'], { cwd: dir });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('kioku align listing', () => {
  it('shows source and target side by side with scores and a summary', async () => {
    const r = await kioku(['align', 'article.ja.txt', 'article.en.news.txt', ...LANGS], { cwd: dir, env: { COLUMNS: '100' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('│');
    expect(r.stdout).toContain('観客は拍手を送った。');
    expect(r.stdout).toContain('The audience applauded as the music');
    expect(r.stdout).toMatch(/\d+ links \(.*2-1.*\) between 58 ja and \d+ en segments/);
    expect(r.stdout).not.toContain('\u001b['); // no colour off a terminal
    // The two-column rows fit the terminal width.
    for (const line of r.stdout.split('\n').filter((l) => l.startsWith('       '))) expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });

  it('shows progress on stderr for long inputs on a terminal, and none in a pipe', async () => {
    const ja = readFileSync(ARTICLE_JA, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const en = readFileSync(ARTICLE_EN, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    writeFileSync(join(dir, 'long.ja.txt'), Array(40).fill(ja.join('\n\n')).join('\n\n') + '\n');
    writeFileSync(join(dir, 'long.en.txt'), Array(40).fill(en.join('\n\n')).join('\n\n') + '\n');
    const tty = await kioku(['align', 'long.ja.txt', 'long.en.txt', ...LANGS, '--json'], { cwd: dir, tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('aligning:');
    expect(tty.stderr).toMatch(/\(100%\)/);
    const pipe = await kioku(['align', 'long.ja.txt', 'long.en.txt', ...LANGS, '--json'], { cwd: dir });
    expect(pipe.stderr).toBe('');
    expect(JSON.parse(pipe.stdout).pairs).toHaveLength(58 * 40);
  });

  it('colours only on a terminal', async () => {
    const r = await kioku(['align', 'article.ja.txt', 'article.en.txt', ...LANGS], { cwd: dir, tty: true });
    expect(r.stdout).toContain('\u001b[');
    const plain = await kioku(['align', 'article.ja.txt', 'article.en.txt', ...LANGS], { cwd: dir, tty: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
  });
});

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

describe('kioku align outputs', () => {
  it('--tmx writes valid TMX 1.4 with every linked pair and its state', async () => {
    const r = await kioku(['align', 'article.ja.txt', 'article.en.news.txt', ...LANGS, '--tmx', 'news.tmx'], { cwd: dir });
    expect(r.code).toBe(0);
    const tmx = readFileSync(join(dir, 'news.tmx'), 'utf8');
    expect(tmx).toContain('<tmx version="1.4">');
    expect(tmx).toContain('<seg>観客は拍手を送った。国家楽団の音楽がいっそう高まった。</seg>');
    expect(tmx).toContain('<seg>The audience applauded as the music of the state orchestra swelled.</seg>');
    expect(tmx).toMatch(/<prop type="x-state">needs-review<\/prop>/);
    expect(tmx).toMatch(/<prop type="x-state">translated<\/prop>/);
  });

  it.skipIf(missing({ shared: 'validate-tmx' }))('--tmx output passes the TMX 1.4 DTD (../shared/validate-tmx)', () => {
    execFileSync(join(SHARED, 'validate-tmx'), [join(dir, 'news.tmx')]);
  });

  it('--xliff writes the source with the aligned translations and states by confidence (1.2 and 2.0)', async () => {
    for (const version of ['1.2', '2.0'] as const) {
      const file = `news.${version}.xlf`;
      const r = await kioku(['align', 'article.ja.txt', 'article.en.news.txt', ...LANGS, '--xliff', file, '--xliff-version', version], { cwd: dir });
      expect(r.code).toBe(0);
      const doc = readXliff(readFileSync(join(dir, file), 'utf8'), { file });
      expect(doc.ok).toBe(true);
      if (!doc.ok) continue;
      const units = doc.value.groups.flatMap((g) => g.units);
      expect(units).toHaveLength(58);
      const byId = new Map(units.map((u) => [u.source, u]));
      const merged = byId.get('観客は拍手を送った。')!;
      expect(merged.target).toBe('The audience applauded as the music of the state orchestra swelled.');
      expect(merged.state).toBe('needs-review');
      expect(byId.get('国家楽団の音楽がいっそう高まった。')!.target ?? '').toBe('');
      expect(byId.get('この記事は気に入りましたか?')!.notes.join(' ')).toContain('no translation');
      const plain = byId.get('少なくとも600人が死亡し、さらに数千人が負傷した。')!;
      expect(plain.target).toBe('At least 600 have been killed and thousands more wounded.');
      expect(plain.state).toBe('translated');
    }
  });

  it.skipIf(missing({ shared: 'validate-xliff' }))('--xliff output is schema-valid (../shared/validate-xliff, 1.2 strict and 2.0)', () => {
    execFileSync(join(SHARED, 'validate-xliff'), [join(dir, 'news.1.2.xlf'), join(dir, 'news.2.0.xlf')]);
  });

  it('builds every output before writing any, and never overwrites an input', async () => {
    const r = await kioku(['align', 'article.ja.txt', 'article.en.txt', ...LANGS, '--tmx', 'fresh.tmx', '--xliff', 'article.en.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kioku: error: article\.en\.txt: the output would overwrite an input/);
    expect(existsSync(join(dir, 'fresh.tmx'))).toBe(false);
    expect(readFileSync(join(dir, 'article.en.txt'), 'utf8')).toBe(readFileSync(ARTICLE_EN, 'utf8'));
  });
});

describe('kioku align --import (acceptance)', () => {
  it('seeds a memory from which the article is pre-filled with 100% matches', async () => {
    const mem = join(dir, 'seeded');
    const r = await kioku(['align', 'article.ja.txt', 'article.en.txt', ...LANGS, '--import', '--memory', 'seeded'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/imported into seeded: added 58, updated 0, unchanged 0/);
    // Library view: every segment of the article finds an exact (100) or in-context (101) match.
    const memory = loadMemory(mem);
    expect(memory.ok).toBe(true);
    if (!memory.ok) return;
    const revision = segment(readFileSync(ARTICLE_JA, 'utf8'), { lang: 'ja' });
    const fill = leverage(memory.value, revision, { document: 'article.ja.txt', sourceLang: 'ja', targetLang: 'en' });
    const english = segment(readFileSync(ARTICLE_EN, 'utf8'), { lang: 'en' });
    revision.segments.forEach((s, i) => {
      const p = fill(i)!;
      expect(p.candidates[0]!.score).toBeGreaterThanOrEqual(100);
      // The article's translation is sentence-parallel: the match is the same-numbered English sentence.
      expect(p.target).toBe(english.segments[i]!.text);
    });
    // Again: nothing changes (idempotent import).
    const again = await kioku(['align', 'article.ja.txt', 'article.en.txt', ...LANGS, '--import', '--memory', 'seeded'], { cwd: dir });
    expect(again.stdout).toMatch(/added 0, updated 0, unchanged 58/);
  });

  it('kioku export --memory then pre-fills every unit of the article with its 101/100% match', async () => {
    const help = await kioku(['export', '--help']);
    expect(help.stdout).toContain('--memory');
    const r = await kioku(['export', 'article.ja.txt', ...LANGS, '--memory', 'seeded', '-o', 'leveraged.xlf', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ units: 58, withTarget: 58 });
    const doc = readXliff(readFileSync(join(dir, 'leveraged.xlf'), 'utf8'), { file: 'leveraged.xlf' });
    expect(doc.ok).toBe(true);
    if (!doc.ok) return;
    const english = new Set(segment(readFileSync(ARTICLE_EN, 'utf8'), { lang: 'en' }).segments.map((s) => s.text));
    for (const u of doc.value.groups.flatMap((g) => g.units)) {
      expect(english.has(u.target!)).toBe(true);
      expect(u.state).toBe('translated');
      expect(u.candidates[0]!.score).toBeGreaterThanOrEqual(100);
    }
  });

  it('stores low-confidence pairs as needs-review, confident ones as translated', async () => {
    const r = await kioku(['align', 'article.ja.txt', 'article.en.news.txt', ...LANGS, '--import', '--memory', 'news'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ stored as needs-review/);
    const json = JSON.parse((await kioku(['align', 'article.ja.txt', 'article.en.news.txt', ...LANGS, '--json'], { cwd: dir })).stdout) as {
      pairs: Array<{ source: number[]; target: number[]; score: number }>;
    };
    const ja = segment(readFileSync(ARTICLE_JA, 'utf8'), { lang: 'ja' });
    const memory = loadMemory(join(dir, 'news'));
    if (!memory.ok) throw new Error(memory.error.message);
    const states = new Map<string, string>();
    for (let i = 0; i < memory.value.size; i++) states.set(memory.value.unit(i).source, memory.value.unit(i).state);
    let low = 0;
    for (const p of json.pairs) {
      const first = ja.segments[p.source[0] ?? -1];
      if (!first || p.target.length === 0 || p.source.length !== 1) continue;
      expect(states.get(first.text)).toBe(p.score < 0.9 ? 'needs-review' : 'translated');
      if (p.score < 0.9) low++;
    }
    expect(low).toBeGreaterThan(0);
    // Untranslated sentences are not stored.
    expect(states.has('この記事は気に入りましたか?')).toBe(false);
  });
});

describe('kioku align: bad input', () => {
  it('one clear line and exit 2 for a missing file, an empty file, bad options', async () => {
    const missingFile = await kioku(['align', 'nope.txt', 'article.en.txt'], { cwd: dir });
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr.trim().split('\n')).toHaveLength(1);
    expect(missingFile.stderr).toMatch(/^kioku: error: nope\.txt: /);

    writeFileSync(join(dir, 'empty.txt'), '\n\n');
    const empty = await kioku(['align', 'article.ja.txt', 'empty.txt', ...LANGS], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^kioku: error: empty\.txt: the file has no text to align/);

    const score = await kioku(['align', 'article.ja.txt', 'article.en.txt', '--review-below', '2'], { cwd: dir });
    expect(score.code).toBe(2);
    expect(score.stderr).toContain('expected a number from 0 to 1');

    const same = await kioku(['align', 'article.ja.txt', 'article.ja.txt'], { cwd: dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/both texts look like ja.*--source-lang and --target-lang/);

    const noMemory = await kioku(['align', 'article.ja.txt', 'article.en.txt', '--memory', 'does-not-exist'], { cwd: dir });
    expect(noMemory.code).toBe(2);
    expect(noMemory.stderr).toMatch(/there is no memory at does-not-exist/);
    expect(readdirSync(dir)).not.toContain('does-not-exist');
  });

  it('--help documents every option', async () => {
    const r = await kioku(['align', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['--source-lang', '--target-lang', '--json', '--tmx', '--xliff', '--import', '--memory', '--review-below']) expect(r.stdout).toContain(o);
  });
});
