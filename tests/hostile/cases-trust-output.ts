/**
 * Issue 11 (output): what kioku writes never destroys what it reads or the memory, and nothing it
 * prints or writes acts on a terminal, a browser or a CI viewer.
 *
 * - An output that is an input (however it is named: `./a.xlf`, `../project/a.xlf`, a symlink, a hard
 *   link) or that lies inside the memory folder is refused before anything is read or written: one
 *   line, exit 2. The harness's hash of the parent folder proves the input and the memory untouched.
 * - A device or FIFO named as an output is written in place (a rename over /dev/null, as root, would
 *   turn the device into a regular file); a symlink is written through to its target, and stays a link.
 * - Bidi controls (LRM/RLM/ALM included) and U+2028/2029 never reach a terminal, the HTML report or a
 *   SARIF viewer raw; a file name cannot become a `javascript:` URI.
 * - The export record and the XLIFF go together (`export -o -` records; a read-only memory leaves no
 *   XLIFF); `--max-bytes 0`, `FORCE_COLOR=false` and usage errors behave as documented.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openStore } from '../../src/io/store.js';
import type { HostileCase } from './harness.js';
import { ARTICLE_EN, ARTICLE_JA, articleXliff } from './builders.js';
import { nullDevice } from '../support/devices.js';

/** The article returned fully translated: `check` finds nothing (exit 0). */
const translated = () => articleXliff('2.0', undefined, 58);
const XLIFF = { 'a.xlf': translated };
const NOTES = { 'notes.ja.txt': '猫が好きだ。犬も好きだ。\n' };

const overwritesInput = (shown: string, input?: string) =>
  new RegExp(`^kioku: error: ${esc(shown)}: the output would overwrite an input${input ? ` \\(${esc(input)}\\)` : ''}; write it elsewhere$`);
const inMemory = (shown: string) => new RegExp(`^kioku: error: ${esc(shown)}: the output would be written inside the memory \\(memory\\); write it elsewhere$`);
const memoryFile = (shown: string) => new RegExp(`^kioku: error: ${esc(shown)}: the output would overwrite the memory's own file; write it elsewhere$`);
function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** What the HTML report and the terminal must never carry raw. */
const BIDI_AND_SEPARATORS = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * What a background reader of a FIFO received, once it is complete (`done`), waiting for it without
 * asserting any time (the wait is synchronous: a check cannot await); the reader is killed afterwards
 * in case it still waits (kioku never opened the FIFO).
 */
function received(reader: ChildProcess | undefined, file: string, done: (text: string) => boolean): string {
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  let text = '';
  for (let i = 0; i < 200; i++) {
    text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (done(text)) break;
    Atomics.wait(sleep, 0, 0, 25);
  }
  reader?.kill('SIGKILL');
  return text;
}
let fifoReader: ChildProcess | undefined;

const exportsOf = (memory: string) => {
  const content = openStore(memory).read();
  if (!content.ok) throw new Error(content.error.message);
  return content.value.exports.map((r) => r.document);
};

export const TRUST_OUTPUT_CASES: readonly HostileCase[] = [
  // --- an output that is an input ------------------------------------------------------------------
  {
    category: 'paths',
    name: 'the report written over the checked file → check -o a.xlf',
    files: XLIFF,
    args: ['check', 'a.xlf', '-o', 'a.xlf'],
    exit: 2,
    error: overwritesInput('a.xlf'),
  },
  {
    category: 'paths',
    name: 'the input under another name → check --format sarif -o ./a.xlf',
    files: XLIFF,
    args: ['check', 'a.xlf', '--format', 'sarif', '-o', './a.xlf'],
    exit: 2,
    error: overwritesInput('./a.xlf', 'a.xlf'),
  },
  {
    category: 'paths',
    name: 'the input through the parent folder → check -o ../project/a.xlf',
    files: XLIFF,
    args: ['check', 'a.xlf', '-o', '../project/a.xlf'],
    exit: 2,
    error: overwritesInput('../project/a.xlf', 'a.xlf'),
  },
  {
    category: 'paths',
    name: 'a symlink output pointing at the input → check -o report.txt',
    files: XLIFF,
    setup: ({ dir }) => symlinkSync('a.xlf', join(dir, 'report.txt')),
    args: ['check', 'a.xlf', '-o', 'report.txt'],
    exit: 2,
    error: overwritesInput('report.txt', 'a.xlf'),
  },
  {
    category: 'paths',
    name: 'a hard link to the input as output → check -o copy.xlf',
    files: XLIFF,
    setup: ({ dir }) => linkSync(join(dir, 'a.xlf'), join(dir, 'copy.xlf')),
    args: ['check', 'a.xlf', '-o', 'copy.xlf'],
    exit: 2,
    error: overwritesInput('copy.xlf', 'a.xlf'),
  },
  {
    category: 'paths',
    name: 'the baseline written over the checked file → check --write-baseline a.xlf',
    files: XLIFF,
    args: ['check', 'a.xlf', '--write-baseline', 'a.xlf'],
    exit: 2,
    error: overwritesInput('a.xlf'),
  },
  {
    category: 'paths',
    name: 'the report written over the glossary → check --glossary g.csv -o g.csv',
    files: { ...XLIFF, 'g.csv': 'ja,en\n平壌,Pyongyang\n' },
    args: ['check', 'a.xlf', '--glossary', 'g.csv', '-o', 'g.csv'],
    exit: 2,
    error: overwritesInput('g.csv'),
  },
  {
    category: 'paths',
    name: 'the HTML report written over the new revision → diff old.txt new.txt --html new.txt',
    files: { 'old.txt': 'One sentence here.\n', 'new.txt': 'One sentence there.\n' },
    args: ['diff', 'old.txt', 'new.txt', '--html', 'new.txt'],
    exit: 2,
    error: overwritesInput('new.txt'),
  },
  {
    category: 'paths',
    name: 'the TMX written over the source text → align ja.txt en.txt --tmx ja.txt',
    files: { 'ja.txt': ARTICLE_JA, 'en.txt': ARTICLE_EN },
    args: ['align', 'ja.txt', 'en.txt', '--tmx', 'ja.txt'],
    exit: 2,
    error: overwritesInput('ja.txt'),
  },
  {
    category: 'paths',
    name: 'two outputs that are the same file → align --tmx out.tmx --xliff ./out.tmx',
    files: { 'ja.txt': ARTICLE_JA, 'en.txt': ARTICLE_EN },
    args: ['align', 'ja.txt', 'en.txt', '--tmx', 'out.tmx', '--xliff', './out.tmx'],
    exit: 2,
    error: /^kioku: error: \.\/out\.tmx: two outputs are the same file \(out\.tmx\); give each output its own name$/,
  },
  // --- an output inside the memory --------------------------------------------------------------------
  {
    category: 'paths',
    name: 'the TMX written over a shard (unlocked: the memory would be unreadable) → tmx export -o memory/ja_en/units.jsonl',
    args: ['tmx', 'export', '-o', 'memory/ja_en/units.jsonl'],
    exit: 2,
    error: memoryFile('memory/ja_en/units.jsonl'),
  },
  {
    category: 'paths',
    name: 'a new file inside the memory → tmx export -o memory/new.tmx',
    args: ['tmx', 'export', '-o', 'memory/new.tmx'],
    exit: 2,
    error: inMemory('memory/new.tmx'),
  },
  {
    category: 'paths',
    name: 'a symlink output pointing into the memory → tmx export -o out.tmx',
    setup: ({ dir }) => symlinkSync('memory/ja_en/units.jsonl', join(dir, 'out.tmx')),
    args: ['tmx', 'export', '-o', 'out.tmx'],
    exit: 2,
    error: memoryFile('out.tmx'),
  },
  {
    category: 'paths',
    name: "another project's memory named by --memory → tmx export --memory ../neighbour/memory -o ../neighbour/memory/ja_en/units.jsonl",
    args: ['tmx', 'export', '--memory', '../neighbour/memory', '-o', '../neighbour/memory/ja_en/units.jsonl'],
    exit: 2,
    error: /^kioku: error: \.\.\/neighbour\/memory\/ja_en\/units\.jsonl: the output would overwrite the memory's own file; write it elsewhere$/,
  },
  {
    category: 'paths',
    name: 'the XLIFF written over the export records → export -o memory/ja_en/exports.jsonl',
    files: NOTES,
    args: ['export', 'notes.ja.txt', '--target-lang', 'en', '-o', 'memory/ja_en/exports.jsonl'],
    exit: 2,
    error: memoryFile('memory/ja_en/exports.jsonl'),
  },
  {
    category: 'paths',
    name: 'the HTML report inside the memory → diff --html memory/report.html',
    files: { 'old.txt': 'One sentence here.\n', 'new.txt': 'One sentence there.\n' },
    args: ['diff', 'old.txt', 'new.txt', '--html', 'memory/report.html'],
    exit: 2,
    error: inMemory('memory/report.html'),
  },
  {
    category: 'paths',
    name: 'the TMX of an alignment over a shard → align --tmx memory/ja_en/units.jsonl',
    files: { 'ja.txt': ARTICLE_JA, 'en.txt': ARTICLE_EN },
    args: ['align', 'ja.txt', 'en.txt', '--tmx', 'memory/ja_en/units.jsonl'],
    exit: 2,
    error: memoryFile('memory/ja_en/units.jsonl'),
  },
  {
    category: 'paths',
    name: 'the tour told to start from the project folder (it would delete it) → demo --out .',
    files: XLIFF,
    args: ['demo', '--out', '.'],
    exit: 2,
    error: /^kioku: error: \.: not an empty folder nor one the demo wrote; give --out a new or empty folder$/,
  },
  // --- devices, FIFOs, symlinks ------------------------------------------------------------------------
  {
    category: 'paths',
    name: 'the report to the null device (written in place: it stays a device) → check -o null',
    files: XLIFF,
    // The case's own null device (as root, which is when a rename over a device succeeds), so that a
    // regression damages a node in the case folder, never the machine's /dev/null; without root, a
    // symlink to /dev/null (which a non-root rename cannot replace anyway).
    setup: ({ dir }) => nullDevice(join(dir, 'null')),
    args: ['check', 'a.xlf', '--format', 'sarif', '-o', 'null'],
    exit: 0,
    why: 'a device is written in place, never replaced by a rename; the check itself finds nothing',
    check: (o, { dir }) => {
      expect(statSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
      expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
      expect(o.stderr).toMatch(/report in null/);
    },
  },
  {
    category: 'paths',
    name: 'the report to a FIFO (written in place, read by another process) → check -o report.fifo',
    files: XLIFF,
    setup: ({ dir }) => {
      const made = spawnSync('mkfifo', [join(dir, 'report.fifo')]);
      if (made.status !== 0) throw new Error(`mkfifo: ${made.stderr}`);
      // The reader waits on the FIFO until kioku opens it, and ends when kioku closes it.
      fifoReader = spawn('sh', ['-c', 'cat report.fifo > received.json'], { cwd: dir, stdio: 'ignore' });
    },
    args: ['check', 'a.xlf', '--format', 'json', '-o', 'report.fifo'],
    exit: 0,
    why: 'a FIFO is opened and written, not renamed over (which would leave its reader waiting and a regular file in its place)',
    writes: ['received.json'],
    check: (_o, { dir }) => {
      const text = received(fifoReader, join(dir, 'received.json'), (t) => t.endsWith('}\n'));
      expect(lstatSync(join(dir, 'report.fifo')).isFIFO()).toBe(true);
      expect(JSON.parse(text)).toMatchObject({ findings: [] });
    },
  },
  {
    category: 'paths',
    name: 'a symlink output is written through to its target, and stays a link → check --format sarif -o out.sarif',
    files: XLIFF,
    setup: ({ dir }) => {
      mkdirSync(join(dir, 'reports'));
      symlinkSync('reports/kioku.sarif', join(dir, 'out.sarif'));
    },
    args: ['check', 'a.xlf', '--format', 'sarif', '-o', 'out.sarif'],
    exit: 0,
    why: 'the report lands in the file the link names (created atomically there); the link itself is not replaced',
    writes: ['reports/kioku.sarif'],
    check: (_o, { dir }) => {
      expect(lstatSync(join(dir, 'out.sarif')).isSymbolicLink()).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'reports', 'kioku.sarif'), 'utf8')).version).toBe('2.1.0');
    },
  },
  {
    category: 'paths',
    name: 'a symlink loop as output → check -o loop',
    files: XLIFF,
    setup: ({ dir }) => symlinkSync('loop', join(dir, 'loop')),
    args: ['check', 'a.xlf', '-o', 'loop'],
    exit: 2,
    error: /^kioku: error: loop: cannot write the file: too many levels of symbolic links$/,
  },
  // --- what a terminal, a browser or a SARIF viewer would act on --------------------------------------
  {
    category: 'output',
    name: 'bidi controls and a line separator in a sentence → diff --html (the report shows them as escapes)',
    files: {
      'old.txt': 'Pay the invoice today.\nKeep this line.\n',
      'new.txt': 'Pay the \u202egpj.exe\u202c invoice \u200etoday\u200f\u2028now\u061c.\nKeep this line.\n',
    },
    args: ['diff', 'old.txt', 'new.txt', '--lang', 'en', '--html', 'report.html'],
    exit: 0,
    why: 'the diff runs; the HTML report and the listing show every bidi control and separator as a visible escape',
    writes: ['report.html'],
    check: (o, { dir }) => {
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(BIDI_AND_SEPARATORS.test(html), 'no raw bidi control or separator in the HTML').toBe(false);
      expect(html).toContain('<span class="ctrl" title="U+202E">\\u202e</span>');
      for (const e of ['\\u200e', '\\u200f', '\\u2028', '\\u061c']) expect(html).toContain(e);
      for (const e of ['\\u202e', '\\u200e', '\\u200f', '\\u2028', '\\u061c']) expect(o.stdout).toContain(e);
    },
  },
  {
    category: 'output',
    name: 'LRM, RLM, ALM and the line/paragraph separators in a text → segment',
    files: { 't.txt': 'Total \u200e42\u200f dollars\u061c were\u2028 paid. Next\u2029 part.\n' },
    args: ['segment', 't.txt', '--lang', 'en'],
    exit: 0,
    why: 'the text is valid; its segments are listed with each mark and separator as a visible escape',
    check: (o) => {
      for (const e of ['\\u200e', '\\u200f', '\\u061c', '\\u2028', '\\u2029']) expect(o.stdout).toContain(e);
    },
  },
  {
    category: 'output',
    name: 'bidi controls and separators in JSON output → segment --json (same value, escaped spelling)',
    files: { 't.txt': 'Total \u200e42\u200f dollars\u2028 paid.\n' },
    args: ['segment', 't.txt', '--lang', 'en', '--json'],
    exit: 0,
    why: 'the JSON carries the characters as \\u escapes: a program reads the same text, a terminal sees no control',
    check: (o) => {
      expect(o.stdout).toContain('\\u200e42\\u200f');
      expect(JSON.parse(o.stdout).segments[0].text).toContain('\u200e42\u200f');
    },
  },
  {
    category: 'output',
    name: 'a bidi override in a target → check --format junit (character references)',
    files: {
      'a.xlf': () =>
        articleXliff('2.0', (d) => ({
          ...d,
          groups: d.groups.map((g, i) => (i === 0 ? { ...g, units: g.units.map((u, j) => (j === 0 ? { ...u, target: 'x\u202e1 \u200e' } : u)) } : g)),
        })),
    },
    args: ['check', 'a.xlf', '--format', 'junit'],
    exit: 1,
    why: 'findings (untranslated units, numbers) fail the check; the JUnit XML spells the bidi characters as references',
    check: (o) => expect(o.stdout).toMatch(/&#x202E;|&#x200E;/),
  },
  {
    category: 'output',
    name: 'a file named javascript:alert(1).xlf → check --format sarif (a relative uri, not a scheme)',
    files: { 'javascript:alert(1).xlf': () => articleXliff('2.0') },
    args: ['check', 'javascript:alert(1).xlf', '--format', 'sarif'],
    exit: 1,
    why: 'untranslated units are findings (exit 1); every artifact uri is the relative reference ./javascript:alert(1).xlf',
    check: (o) => {
      const log = JSON.parse(o.stdout) as {
        runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
      };
      const uris = new Set(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
      expect([...uris]).toEqual(['./javascript:alert(1).xlf']);
    },
  },
  {
    category: 'output',
    name: 'a file name with spaces, # and % → check --format sarif (percent-encoded)',
    files: { 'job #1 100%.xlf': () => articleXliff('2.0') },
    args: ['check', 'job #1 100%.xlf', '--format', 'sarif'],
    exit: 1,
    why: 'untranslated units are findings (exit 1); the uri is percent-encoded as RFC 3986 requires',
    check: (o) => expect(o.stdout).toContain('"uri": "job%20%231%20100%25.xlf"'),
  },
  {
    category: 'output',
    name: 'a file named javascript:alert(1).xlf → check --format github (file= escaped per workflow-command rules)',
    files: { 'javascript:alert(1).xlf': () => articleXliff('2.0') },
    args: ['check', 'javascript:alert(1).xlf', '--format', 'github'],
    exit: 1,
    why: 'untranslated units are findings (exit 1); the file property escapes its colon',
    check: (o) => {
      expect(o.stdout).toMatch(/^::error file=javascript%3Aalert\(1\)\.xlf,line=\d+,/m);
      expect(o.stdout).not.toContain('file=javascript:');
    },
  },
  // --- export record and XLIFF go together --------------------------------------------------------------
  {
    category: 'paths',
    name: 'the XLIFF on standard output still records the export → export -o -',
    files: NOTES,
    args: ['export', 'notes.ja.txt', '--target-lang', 'en', '-o', '-'],
    exit: 0,
    why: 'an export to standard output is an export: the memory records it as for a file (import and diff --since-last need the record)',
    memory: ({ memory }) => expect(exportsOf(memory)).toContain('notes.ja.txt'),
    check: (o) => expect(o.stdout).toMatch(/^<\?xml[^]*original="notes\.ja\.txt"/),
  },
  {
    category: 'paths',
    name: 'a read-only memory leaves no XLIFF behind → export -o notes.en.xlf',
    files: NOTES,
    fault: { code: 'EROFS' },
    args: ['export', 'notes.ja.txt', '--target-lang', 'en', '-o', 'notes.en.xlf'],
    exit: 2,
    error: /^kioku: error: memory\/\.lock: .*read-only file system/,
    // The harness's hash of the project folder proves no XLIFF and no staged temp file remain.
    check: (_o, { dir }) => expect(existsSync(join(dir, 'notes.en.xlf'))).toBe(false),
  },
  {
    category: 'paths',
    name: 'a read-only memory prints no XLIFF → export -o -',
    files: NOTES,
    fault: { code: 'EROFS' },
    args: ['export', 'notes.ja.txt', '--target-lang', 'en', '-o', '-'],
    exit: 2,
    error: /^kioku: error: memory\/\.lock: .*read-only file system/,
    check: (o) => expect(o.stdout).toBe(''),
  },
  {
    category: 'paths',
    name: 'a memory locked by a live writer leaves no XLIFF behind → export',
    files: NOTES,
    setup: ({ memory }) =>
      writeFileSync(
        join(memory, '.lock'),
        JSON.stringify({ pid: process.pid, hostname: hostname(), created: '2026-01-01T00:00:00.000Z', token: `${process.pid}-test` }) + '\n',
      ),
    env: { KIOKU_LOCK_TIMEOUT: '300' },
    args: ['export', 'notes.ja.txt', '--target-lang', 'en'],
    exit: 2,
    error: new RegExp(`^kioku: error: memory/\\.lock: .*process ${process.pid} on `),
    check: (_o, { dir }) => expect(existsSync(join(dir, 'notes.en.xlf'))).toBe(false),
  },
  // --- options ------------------------------------------------------------------------------------------
  {
    category: 'bytes',
    name: '--max-bytes 0 is a limit, not "no limit" → segment',
    files: { 'a.txt': 'One sentence.\n' },
    args: ['segment', 'a.txt', '--max-bytes', '0'],
    exit: 2,
    error: /^kioku: error: a\.txt: the file is 14 bytes, over the 0-byte limit; raise the limit with --max-bytes if the file is genuine$/,
  },
  {
    category: 'bytes',
    name: '--max-bytes 0 → check',
    files: XLIFF,
    args: ['check', 'a.xlf', '--max-bytes', '0'],
    exit: 2,
    error: /^kioku: error: a\.xlf: the file is \d+ bytes, over the 0-byte limit/,
  },
  {
    category: 'output',
    name: 'FORCE_COLOR=false keeps colour off → diff',
    files: { 'old.txt': 'One sentence here.\n', 'new.txt': 'One sentence there.\n' },
    env: { NO_COLOR: '', FORCE_COLOR: 'false' },
    args: ['diff', 'old.txt', 'new.txt', '--lang', 'en'],
    exit: 0,
    why: 'FORCE_COLOR=false means no colour (the supports-color convention): the plain [- -]/{+ +} markers, no escape sequence',
    check: (o) => expect(o.stdout).toMatch(/\{\+.+\+\}/),
  },
  {
    category: 'output',
    name: 'an unknown option is one error line → check --bogus',
    args: ['check', '--bogus'],
    exit: 2,
    usage: true,
    error: /^kioku: error: unknown option '--bogus' \(run kioku check --help for usage\)$/,
  },
  {
    category: 'output',
    name: 'an unknown option of a nested command is one error line → memory fsck --bogus',
    args: ['memory', 'fsck', '--bogus'],
    exit: 2,
    usage: true,
    error: /^kioku: error: unknown option '--bogus' \(run kioku memory fsck --help for usage\)$/,
  },
  {
    category: 'output',
    name: 'a mistyped command with a suggestion is one error line → segmnt',
    args: ['segmnt', 'a.txt'],
    exit: 2,
    usage: true,
    error: /^kioku: error: unknown command 'segmnt' \(Did you mean segment\?\) \(run kioku --help for usage\)$/,
  },
];
