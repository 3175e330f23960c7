/** Hostile bytes and encodings, through every command that reads a file. */
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { HostileCase } from './harness.js';
import { ARTICLE_EN, ARTICLE_JA, articleXliff, encodeLegacy, encodeUtf16, tbx, termEntry, tmx, tu, xliff12 } from './builders.js';

const bytes = (...parts: Array<string | number[] | Uint8Array>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p as Uint8Array))));

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]);
/** Japanese that Shift_JIS and EUC-JP can carry (the article's first paragraphs). */
const JA = ARTICLE_JA.split('\n').slice(0, 8).join('\n') + '\n';

/** A sparse file one byte over the default 64 MiB cap (no disk used; the cap is checked before reading). */
function sparse(path: string, size: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
}

/** A one-unit XLIFF declaring Shift_JIS and encoded in it. */
const sjisXliff = () =>
  encodeLegacy(
    xliff12('<trans-unit id="u"><source>北朝鮮兵です。</source><target state="translated">North Korean soldiers.</target></trans-unit>').replace(
      'encoding="UTF-8"',
      'encoding="Shift_JIS"',
    ),
    'shift_jis',
  );

const segmentsOf = (stdout: string) => (JSON.parse(stdout) as { segments: Array<{ paragraph: number; text: string }> }).segments;

export const BYTES_CASES: readonly HostileCase[] = [
  {
    category: 'bytes',
    name: 'empty text file → segment',
    files: { 'empty.txt': '' },
    args: ['segment', 'empty.txt', '--json'],
    exit: 0,
    why: 'an empty text has no paragraphs; "no segments" is the true answer (like wc on an empty file), and scripts get the documented JSON shape',
    check: (o) => expect(JSON.parse(o.stdout)).toMatchObject({ segments: [] }),
  },
  {
    category: 'bytes',
    name: 'empty text file → export',
    files: { 'empty.txt': '' },
    args: ['export', 'empty.txt', '--source-lang', 'ja', '--target-lang', 'en'],
    exit: 2,
    error: /^kioku: error: empty\.txt: the file has no text to export/,
  },
  {
    category: 'bytes',
    name: 'empty XLIFF → import',
    files: { 'empty.xlf': '' },
    args: ['import', 'empty.xlf'],
    exit: 2,
    error: /^kioku: error: empty\.xlf:1:1: not accepted as XML: no root element \(empty or truncated file\)$/,
  },
  {
    category: 'bytes',
    name: 'whitespace-only text → align',
    files: { 'ws.ja.txt': ' \n\u3000\n\t\n', 'ws.en.txt': 'Text.\n' },
    args: ['align', 'ws.ja.txt', 'ws.en.txt', '--source-lang', 'ja', '--target-lang', 'en'],
    exit: 2,
    error: /^kioku: error: ws\.ja\.txt: the file has no text to align; /,
  },
  {
    category: 'bytes',
    name: 'whitespace-only TMX → tmx import',
    files: { 'ws.tmx': '\n \n\t\n' },
    args: ['tmx', 'import', 'ws.tmx'],
    exit: 2,
    error: /^kioku: error: ws\.tmx:3:2: not accepted as XML: no root element/,
  },
  {
    category: 'bytes',
    name: 'whitespace-only revisions → diff',
    files: { 'old.txt': '\n\n', 'new.txt': ' \r\n' },
    args: ['diff', 'old.txt', 'new.txt', '--json'],
    exit: 0,
    why: 'two blank revisions have no segments, so nothing changed: the diff ran and says so',
    check: (o) => expect(JSON.parse(o.stdout)).toEqual({ changes: [] }),
  },
  {
    category: 'bytes',
    name: 'binary (a PNG) → segment',
    files: { 'image.png': PNG },
    args: ['segment', 'image.png'],
    exit: 2,
    error: /^kioku: error: image\.png: not UTF-8 text: found binary data \(a NUL byte\) at byte 8; give a text file$/,
  },
  {
    category: 'bytes',
    name: 'binary (a PNG named .xlf) → import',
    files: { 'photo.xlf': PNG },
    args: ['import', 'photo.xlf'],
    exit: 2,
    error: /^kioku: error: photo\.xlf: not UTF-8 text: found binary data \(a NUL byte\) at byte 8/,
  },
  {
    category: 'bytes',
    name: 'NUL inside a text → diff',
    files: { 'old.txt': 'Same.\n', 'new.txt': bytes('Same.\nNew ', [0], ' line.\n') },
    args: ['diff', 'old.txt', 'new.txt'],
    exit: 2,
    error: /^kioku: error: new\.txt: not UTF-8 text: found binary data \(a NUL byte\) at byte 10; /,
  },
  {
    category: 'bytes',
    name: 'invalid UTF-8 (a stray 0xFF) → export',
    files: { 'bad.txt': bytes('The first line.\nThe se', [0xff], 'cond line.\n') },
    args: ['export', 'bad.txt', '--source-lang', 'en', '--target-lang', 'ja'],
    exit: 2,
    error: /^kioku: error: bad\.txt: invalid UTF-8 at byte offset 22; save the file as UTF-8$/,
  },
  {
    category: 'bytes',
    name: 'invalid UTF-8 (a character cut in two at the end) → diff',
    files: { 'old.ja.txt': JA, 'new.ja.txt': bytes(JA, Buffer.from('北', 'utf8').subarray(0, 2)) },
    args: ['diff', 'old.ja.txt', 'new.ja.txt'],
    exit: 2,
    error: new RegExp(`^kioku: error: new\\.ja\\.txt: invalid UTF-8 at byte offset ${Buffer.byteLength(JA)}; `),
  },
  {
    category: 'bytes',
    name: 'invalid UTF-8 (an overlong encoding of "/") → segment',
    files: { 'overlong.txt': bytes('path ', [0xc0, 0xaf], 'etc\n') },
    args: ['segment', 'overlong.txt'],
    exit: 2,
    error: /^kioku: error: overlong\.txt: invalid UTF-8 at byte offset 5; /,
  },
  {
    category: 'bytes',
    name: 'invalid UTF-8 (an encoded surrogate) in check --source',
    files: { 'a.xlf': articleXliff('2.0'), 'article.ja.txt': bytes('北朝鮮兵は', [0xed, 0xa0, 0x80], '。\n') },
    args: ['check', 'a.xlf', '--source', 'article.ja.txt', '--no-memory'],
    exit: 2,
    error: new RegExp(`^kioku: error: article\\.ja\\.txt: invalid UTF-8 at byte offset ${Buffer.byteLength('北朝鮮兵は')}; `),
  },
  {
    category: 'bytes',
    name: 'a BOM and then invalid UTF-8 (offset counts the BOM) → segment',
    files: { 'bom.txt': bytes([0xef, 0xbb, 0xbf], 'ok ', [0xfe], '\n') },
    args: ['segment', 'bom.txt'],
    exit: 2,
    error: /^kioku: error: bom\.txt: invalid UTF-8 at byte offset 6; /,
  },
  {
    category: 'bytes',
    name: 'Shift_JIS → segment (named, with the option to read it)',
    files: { 'sjis.txt': () => encodeLegacy(JA, 'shift_jis') },
    args: ['segment', 'sjis.txt'],
    exit: 2,
    error:
      /^kioku: error: sjis\.txt: not UTF-8 text: the bytes look like Shift_JIS \(first invalid UTF-8 byte at offset \d+\); convert it to UTF-8, or pass --encoding shift_jis$/,
  },
  {
    category: 'bytes',
    name: 'Shift_JIS with --encoding shift_jis → segment',
    files: { 'sjis.txt': () => encodeLegacy(JA, 'shift_jis') },
    args: ['segment', 'sjis.txt', '--encoding', 'shift_jis', '--json'],
    exit: 0,
    why: 'the user named the encoding, so the bytes decode exactly (undecodable bytes would still be refused)',
    check: (o) =>
      expect(
        segmentsOf(o.stdout)
          .map((s) => s.text)
          .join(''),
      ).toContain('北朝鮮兵は、自国が危険にさらされていない'),
  },
  {
    category: 'bytes',
    name: 'EUC-JP → align',
    files: { 'euc.ja.txt': () => encodeLegacy(JA, 'euc-jp'), 'a.en.txt': ARTICLE_EN.split('\n').slice(0, 8).join('\n') },
    args: ['align', 'euc.ja.txt', 'a.en.txt', '--source-lang', 'ja', '--target-lang', 'en'],
    exit: 2,
    error:
      /^kioku: error: euc\.ja\.txt: not UTF-8 text: the bytes look like EUC-JP \(first invalid UTF-8 byte at offset \d+\); convert it to UTF-8, or pass --encoding euc-jp$/,
  },
  {
    category: 'bytes',
    name: 'EUC-JP with --encoding euc-jp → diff',
    files: { 'old.txt': () => encodeLegacy(JA, 'euc-jp'), 'new.txt': () => encodeLegacy(JA.replace('4月25日', '4月26日'), 'euc-jp') },
    args: ['diff', 'old.txt', 'new.txt', '--encoding', 'euc-jp', '--json'],
    exit: 0,
    why: 'with the encoding named, both revisions decode and the one edited date is found',
    check: (o) => expect((JSON.parse(o.stdout) as { changes: Array<{ kind: string }> }).changes.filter((c) => c.kind !== 'unchanged')).toHaveLength(1),
  },
  {
    category: 'bytes',
    name: 'Shift_JIS source text in check --source',
    files: { 'a.xlf': articleXliff('2.0'), 'article.ja.txt': () => encodeLegacy(JA, 'shift_jis') },
    args: ['check', 'a.xlf', '--source', 'article.ja.txt', '--no-memory'],
    exit: 2,
    error: /^kioku: error: article\.ja\.txt: not UTF-8 text: the bytes look like Shift_JIS .*--encoding shift_jis$/,
  },
  {
    category: 'bytes',
    name: 'Shift_JIS XLIFF (declared in its XML declaration) → import',
    files: { 'sjis.xlf': sjisXliff },
    args: ['import', 'sjis.xlf'],
    exit: 2,
    error: /^kioku: error: sjis\.xlf: not UTF-8 text: the bytes look like Shift_JIS .*--encoding shift_jis$/,
  },
  {
    category: 'bytes',
    name: 'Shift_JIS XLIFF with --encoding shift_jis → check',
    files: { 'sjis.xlf': sjisXliff },
    args: ['check', 'sjis.xlf', '--encoding', 'shift_jis', '--no-memory', '--format', 'json'],
    exit: 0,
    why: 'the named encoding matches the XML declaration, so the file is read and checked: the translation is fine',
    check: (o) => expect(JSON.parse(o.stdout)).toMatchObject({ findings: [] }),
  },
  {
    category: 'bytes',
    name: 'Shift_JIS TMX → tmx import',
    files: {
      'sjis.tmx': () => encodeLegacy(tmx(tu('北朝鮮兵です。', 'North Korean soldiers.')).replace('encoding="UTF-8"', 'encoding="Shift_JIS"'), 'shift_jis'),
    },
    args: ['tmx', 'import', 'sjis.tmx'],
    exit: 2,
    error: /^kioku: error: sjis\.tmx: not UTF-8 text: the bytes look like Shift_JIS .*--encoding shift_jis$/,
  },
  {
    category: 'bytes',
    name: 'UTF-16 LE with a BOM → segment',
    files: { 'u16.txt': () => encodeUtf16(JA, 'le', true) },
    args: ['segment', 'u16.txt', '--json'],
    exit: 0,
    why: 'the byte-order mark says exactly how to read UTF-16 (issue 7 accepts UTF-16 LE/BE with a BOM)',
    check: (o) => expect(segmentsOf(o.stdout)[0]!.text).toBe('国際問題'),
  },
  {
    category: 'bytes',
    name: 'UTF-16 BE with a BOM → export to stdout',
    files: { 'u16.txt': () => encodeUtf16(JA, 'be', true) },
    args: ['export', 'u16.txt', '--source-lang', 'ja', '--target-lang', 'en', '-o', '-'],
    exit: 0,
    why: 'UTF-16 with a BOM is decoded; the XLIFF written is UTF-8 and carries the text (and, as for a file, the export is recorded)',
    memory: ({ memory }) => expect(readFileSync(join(memory, 'ja_en', 'exports.jsonl'), 'utf8')).toContain('"doc":"u16.txt"'),
    check: (o) => expect(o.stdout).toContain('<source>国際問題</source>'),
  },
  {
    category: 'bytes',
    name: 'UTF-16 LE without a BOM (Japanese) → segment',
    files: { 'u16.txt': () => encodeUtf16(JA, 'le', false) },
    args: ['segment', 'u16.txt'],
    exit: 2,
    error: /^kioku: error: u16\.txt: not UTF-8 text: found UTF-16 without a byte-order mark at byte \d+; save the file as UTF-8, or as UTF-16 with a BOM$/,
  },
  {
    category: 'bytes',
    name: 'UTF-16 BE without a BOM (an XLIFF) → import',
    files: { 'u16.xlf': () => encodeUtf16(xliff12('<trans-unit id="u"><source>x</source></trans-unit>'), 'be', false) },
    args: ['import', 'u16.xlf'],
    exit: 2,
    error: /^kioku: error: u16\.xlf: not UTF-8 text: found UTF-16 without a byte-order mark at byte 0; /,
  },
  {
    category: 'bytes',
    name: 'UTF-16 LE with a BOM (an XLIFF declaring UTF-16) → check',
    files: { 'u16.xlf': () => encodeUtf16(articleXliff('1.2').replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'le', true) },
    args: ['check', 'u16.xlf', '--no-memory', '--format', 'json'],
    exit: 1,
    why: 'the file is read (UTF-16 with a BOM is legal XML); exit 1 because the job is unfinished: the check reports its untranslated units',
    check: (o) => expect((JSON.parse(o.stdout) as { findings: Array<{ rule: string }> }).findings.some((f) => f.rule === 'untranslated')).toBe(true),
  },
  {
    category: 'bytes',
    name: 'mixed newlines (CRLF, CR, LF) → segment',
    files: { 'mixed.txt': 'First paragraph.\r\nSecond paragraph.\rThird paragraph.\n\r\nFourth paragraph.' },
    args: ['segment', 'mixed.txt', '--json', '--lang', 'en'],
    exit: 0,
    why: 'every newline convention ends a paragraph (normalised on reading), so all four paragraphs come out, numbered in order',
    check: (o) =>
      expect(segmentsOf(o.stdout).map((s) => [s.paragraph, s.text])).toEqual([
        [0, 'First paragraph.'],
        [1, 'Second paragraph.'],
        [2, 'Third paragraph.'],
        [3, 'Fourth paragraph.'],
      ]),
  },
  {
    category: 'bytes',
    name: 'over the size cap (--max-bytes 1KiB) → segment',
    files: { 'big.txt': 'x'.repeat(2000) },
    args: ['segment', 'big.txt', '--max-bytes', '1KiB'],
    exit: 2,
    error: /^kioku: error: big\.txt: the file is 2000 bytes, over the 1024-byte limit; raise the limit with --max-bytes if the file is genuine$/,
  },
  {
    category: 'bytes',
    name: 'over the default 64 MiB cap → import',
    setup: ({ dir }) => sparse(join(dir, 'huge.xlf'), 64 * 1024 * 1024 + 1),
    args: ['import', 'huge.xlf'],
    exit: 2,
    error: /^kioku: error: huge\.xlf: the file is 67108865 bytes, over the 67108864-byte limit; /,
  },
  {
    category: 'bytes',
    name: 'over the size cap → check --glossary',
    files: {
      'a.xlf': xliff12('<trans-unit id="u"><source>北朝鮮</source><target state="translated">North Korea</target></trans-unit>'),
      'terms.tbx': tbx(termEntry('c1', '北朝鮮', 'North Korea').repeat(200)),
    },
    args: ['check', 'a.xlf', '--glossary', 'terms.tbx', '--max-bytes', '20k', '--no-memory'],
    exit: 2,
    error: /^kioku: error: terms\.tbx: the file is \d+ bytes, over the 20480-byte limit; /,
  },
  {
    category: 'bytes',
    name: 'invalid UTF-8 in a CSV glossary → check --glossary',
    files: { 'a.xlf': articleXliff('2.0'), 'terms.csv': bytes('ja,en\n北朝鮮,North Korea\n', [0x96, 0x6b], ',Russia\n') },
    args: ['check', 'a.xlf', '--glossary', 'terms.csv', '--no-memory'],
    exit: 2,
    error: new RegExp(`^kioku: error: terms\\.csv: invalid UTF-8 at byte offset ${Buffer.byteLength('ja,en\n北朝鮮,North Korea\n')}; `),
  },
  {
    category: 'bytes',
    name: 'a directory given as a file → diff',
    files: { 'old.txt': 'A.\n' },
    setup: ({ dir }) => mkdirSync(join(dir, 'new.txt')),
    args: ['diff', 'old.txt', 'new.txt'],
    exit: 2,
    error: /^kioku: error: new\.txt: cannot read the file: is a directory$/,
  },
  {
    category: 'bytes',
    name: 'a missing file → align',
    files: { 'a.ja.txt': JA },
    args: ['align', 'a.ja.txt', 'missing.en.txt'],
    exit: 2,
    error: /^kioku: error: missing\.en\.txt: cannot read the file: no such file$/,
  },
];
