/** `kioku export` as a user runs it: output naming, stdout, --json, atomic replacement, one-line errors. */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultOutput } from '../../src/cli/commands/export.js';
import { readXliff } from '../../src/xliff/read.js';
import { kioku } from '../support/cli.js';
import { spawnKioku } from '../support/spawn.js';
import { ARTICLE } from './builders.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioku-export-'));
  copyFileSync(ARTICLE, join(dir, 'article.ja.txt'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const listing = () => readdirSync(dir).sort();

describe('kioku export', () => {
  it('writes XLIFF 2.0 beside the input by default and says what it wrote', async () => {
    const r = await kioku(['export', 'article.ja.txt', '--source-lang', 'ja', '--target-lang', 'en'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('wrote article.en.xlf (58 units in 40 paragraphs, XLIFF 2.0, ja → en)\n');
    const back = readXliff(readFileSync(join(dir, 'article.en.xlf'), 'utf8'));
    expect(back.ok && back.value.version).toBe('2.0');
    const again = await kioku(['export', 'article.ja.txt', '--target-lang', 'en'], { cwd: dir });
    expect(again.stdout).toMatch(/^unchanged article\.en\.xlf /);
    expect(listing()).toEqual(['article.en.xlf', 'article.ja.txt']);
  });

  it('-o - writes the XLIFF to stdout and nothing to disk; --xliff 1.2 --copy-source', async () => {
    const r = await kioku(['export', 'article.ja.txt', '--target-lang', 'en', '--xliff', '1.2', '--copy-source', '-o', '-'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1\.2" version="1\.2"/);
    expect(r.stdout.match(/<target state="needs-translation">/g)!.length).toBe(58);
    expect(listing()).toEqual(['article.ja.txt']);
  });

  it('--json prints a summary for scripts', async () => {
    const r = await kioku(['export', 'article.ja.txt', '--target-lang', 'en', '-o', 'out/../job.xlf', '--json'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toEqual({
      output: 'out/../job.xlf',
      written: true,
      version: '2.0',
      sourceLang: 'ja',
      targetLang: 'en',
      units: 58,
      groups: 40,
      withTarget: 0,
    });
    expect(existsSync(join(dir, 'job.xlf'))).toBe(true);
  });

  it('names the default output after the input', () => {
    expect(defaultOutput('article.ja.txt', 'ja', 'en')).toBe('article.en.xlf');
    expect(defaultOutput('docs/notes.txt', 'ja', 'en-US')).toBe('docs/notes.en-US.xlf');
    expect(defaultOutput('README', 'en', 'ja')).toBe('README.ja.xlf');
    expect(defaultOutput('x.JA.md', 'ja', 'en')).toBe('x.en.xlf');
  });

  it('refuses text XML cannot carry with the line and unit id, leaving an existing output untouched and no temp file', async () => {
    writeFileSync(join(dir, 'bad.txt'), 'いい文です。\n悪い\u0001文です。\n');
    writeFileSync(join(dir, 'bad.en.xlf'), 'previous export\n');
    const r = await kioku(['export', 'bad.txt', '--target-lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^kioku: error: bad\.txt:2: the source contains U\+0001 at offset 2, which XML 1\.0 cannot carry \(unit [0-9a-f]{12}\); remove the character from the source text or the translation\n$/,
    );
    expect(readFileSync(join(dir, 'bad.en.xlf'), 'utf8')).toBe('previous export\n');
    expect(listing()).toEqual(['article.ja.txt', 'bad.en.xlf', 'bad.txt']);
  });

  it('replaces an existing export only with a complete new one', async () => {
    writeFileSync(join(dir, 'article.en.xlf'), 'old\n');
    const r = await kioku(['export', 'article.ja.txt', '--target-lang', 'en', '--xliff', '1.2'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'article.en.xlf'), 'utf8')).toMatch(/<\/xliff>\n$/);
    expect(listing()).toEqual(['article.en.xlf', 'article.ja.txt']);
  });

  it('one-line errors with exit 2: missing file, empty text, bad options, output over the input', async () => {
    writeFileSync(join(dir, 'empty.txt'), '\n \n');
    const cases: Array<[string[], RegExp]> = [
      [['export', 'nope.txt', '--target-lang', 'en'], /^kioku: error: nope\.txt: cannot read the file: no such file\n$/],
      [['export', 'empty.txt', '--target-lang', 'en'], /^kioku: error: empty\.txt: the file has no text to export\n$/],
      [
        ['export', 'article.ja.txt', '--target-lang', 'en', '-o', 'article.ja.txt'],
        /^kioku: error: article\.ja\.txt: the output would overwrite an input; write it elsewhere\n$/,
      ],
      [['export', 'article.ja.txt', '--target-lang', 'en', '--xliff', '1.3'], /argument '1\.3' is invalid/],
      [['export', 'article.ja.txt'], /^kioku: error: required option '--target-lang <lang>' not specified \(run kioku export --help for usage\)\n$/],
      [['export', 'article.ja.txt', '--target-lang', 'e"n'], /expected a language tag/],
    ];
    for (const [args, stderr] of cases) {
      const r = await kioku(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(stderr);
    }
    expect(readFileSync(join(dir, 'article.ja.txt'), 'utf8')).toBe(readFileSync(ARTICLE, 'utf8'));
  });

  it('runs as a real process', () => {
    // (spawnKioku loads tsx from the repository, so it runs there, on absolute paths.)
    const r = spawnKioku(['export', join(dir, 'article.ja.txt'), '--target-lang', 'en', '-o', '-']);
    expect(r.status).toBe(0);
    expect(r.stdout.match(/<unit /g)!.length).toBe(58);
    const bad = spawnKioku(['export', join(dir, 'missing.txt'), '--target-lang', 'en']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
