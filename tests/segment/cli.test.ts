import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kioku } from '../support/cli.js';
import { FIXTURES } from '../support/env.js';
import { spawnKioku } from '../support/spawn.js';
import { encodable, encodeLegacy, encodeUtf16 } from './legacy-encoders.js';

const GOLDEN = join(FIXTURES, 'segment', 'article.ja.segments.json');
const ARTICLE = readFileSync(join(FIXTURES, 'article.ja.txt'), 'utf8');

interface SegmentJson {
  lang: string;
  segments: Array<{ id: string; paragraph: number; text: string }>;
}

const dir = mkdtempSync(join(tmpdir(), 'kioku-segment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function segmentJson(path: string, ...args: string[]): Promise<SegmentJson> {
  const r = await kioku(['segment', path, '--json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as SegmentJson;
}

/** Runs `kioku segment` expecting the one-line error, and returns that line. */
async function refused(path: string): Promise<string> {
  const r = await kioku(['segment', path, '--json']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
  expect(r.stderr).toMatch(/^kioku: error: /);
  return r.stderr;
}

describe('kioku segment on the article', () => {
  it('prints exactly the reviewed golden file', async () => {
    const r = await kioku(['segment', 'tests/fixtures/article.ja.txt', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('detects Japanese and lists paragraphs as 0-based non-empty lines', async () => {
    const json = JSON.parse(readFileSync(GOLDEN, 'utf8')) as SegmentJson;
    expect(json.lang).toBe('ja');
    const nonEmpty = ARTICLE.split('\n').filter((l) => l.trim() !== '');
    expect(new Set(json.segments.map((s) => s.paragraph)).size).toBe(nonEmpty.length);
    // Every sentence comes from its paragraph, in order, and the sentences cover it.
    for (let p = 0; p < nonEmpty.length; p++) {
      const texts = json.segments.filter((s) => s.paragraph === p).map((s) => s.text);
      expect(texts.join('').replace(/\s/g, '')).toBe(nonEmpty[p]!.replace(/\s/g, ''));
    }
  });

  it('prints a readable listing without --json', async () => {
    const r = await kioku(['segment', 'tests/fixtures/article.ja.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('¶0 (line 1)');
    expect(r.stdout).toContain('8554b01a130b    国際問題');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('58 segments in 40 paragraphs (ja)');
  });

  it('follows --lang', async () => {
    const en = await segmentJson(file('mixed.txt', 'Dr. Smith arrived. He sat down.\n'), '--lang', 'en');
    expect(en).toEqual({ lang: 'en', segments: [expect.objectContaining({ text: 'Dr. Smith arrived.' }), expect.objectContaining({ text: 'He sat down.' })] });
    expect((await segmentJson(file('detect.txt', 'Dr. Smith arrived. He sat down.\n'))).lang).toBe('en');
  });
});

describe('kioku segment input encodings', () => {
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as SegmentJson;

  it('reads UTF-8 with a BOM, CRLF and CR line ends as the same document', async () => {
    expect(await segmentJson(file('bom.txt', '\ufeff' + ARTICLE))).toEqual(golden);
    expect(await segmentJson(file('crlf.txt', ARTICLE.replace(/\n/g, '\r\n')))).toEqual(golden);
    expect(await segmentJson(file('cr.txt', ARTICLE.replace(/\n/g, '\r')))).toEqual(golden);
    expect(await segmentJson(file('bom-crlf.txt', '\ufeff' + ARTICLE.replace(/\n/g, '\r\n')))).toEqual(golden);
  });

  it('reads UTF-16 with a BOM', async () => {
    expect(await segmentJson(file('le.txt', encodeUtf16(ARTICLE, 'le', true)))).toEqual(golden);
    expect(await segmentJson(file('be.txt', encodeUtf16(ARTICLE, 'be', true)))).toEqual(golden);
  });

  // The article has a few characters JIS X 0208 lacks (纪); its other lines make the legacy files.
  const legacyText = ARTICLE.split('\n')
    .filter((l) => encodable(l, 'shift_jis') && encodable(l, 'euc-jp'))
    .join('\n');

  it('refuses Shift_JIS and EUC-JP with one line naming the encoding, and reads them with --encoding', async () => {
    expect(legacyText.split('\n').length).toBeGreaterThan(60);
    const expected = await segmentJson(file('legacy-utf8.txt', legacyText));
    const sjis = file('sjis.txt', encodeLegacy(legacyText, 'shift_jis'));
    const euc = file('euc.txt', encodeLegacy(legacyText, 'euc-jp'));
    expect(await refused(sjis)).toBe(
      `kioku: error: ${sjis}: not UTF-8 text: the bytes look like Shift_JIS (first invalid UTF-8 byte at offset 0); convert it to UTF-8, or pass --encoding shift_jis\n`,
    );
    expect(await refused(euc)).toBe(
      `kioku: error: ${euc}: not UTF-8 text: the bytes look like EUC-JP (first invalid UTF-8 byte at offset 0); convert it to UTF-8, or pass --encoding euc-jp\n`,
    );
    expect(await segmentJson(sjis, '--encoding', 'shift_jis')).toEqual(expected);
    expect(await segmentJson(euc, '--encoding', 'euc-jp')).toEqual(expected);
  });

  it('refuses UTF-16 without a BOM with one line saying so', async () => {
    for (const [name, bytes] of [
      ['article-le.txt', encodeUtf16(ARTICLE, 'le', false)],
      ['article-be.txt', encodeUtf16(ARTICLE, 'be', false)],
      ['kana-le.txt', encodeUtf16('これはペンです。それはマーカーです。', 'le', false)],
      ['english-le.txt', encodeUtf16('This is a pen. That is a marker.\n', 'le', false)],
    ] as const) {
      expect(await refused(file(name, bytes))).toMatch(
        /: not UTF-8 text: found UTF-16 without a byte-order mark at byte \d+; save the file as UTF-8, or as UTF-16 with a BOM\n$/,
      );
    }
    // …and reads it when told.
    expect(await segmentJson(file('told-le.txt', encodeUtf16(ARTICLE, 'le', false)), '--encoding', 'utf-16le')).toEqual(golden);
  });

  it('refuses binary data with one line, also as a real process (exit code 2)', async () => {
    const png = file('image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    expect(await refused(png)).toBe(`kioku: error: ${png}: not UTF-8 text: found binary data (a NUL byte) at byte 8; give a text file\n`);
    const r = spawnKioku(['segment', png, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`kioku: error: ${png}: not UTF-8 text: found binary data (a NUL byte) at byte 8; give a text file\n`);
  });

  it('refuses invalid UTF-8 that is no known encoding with the offset of the first bad byte', async () => {
    const bad = file('bad.txt', Uint8Array.from([0x41, 0x42, 0xff, 0xfe, 0xfd, 0x43]));
    expect(await refused(bad)).toBe(`kioku: error: ${bad}: invalid UTF-8 at byte offset 2; save the file as UTF-8\n`);
  });
});
