/**
 * Output injection: ANSI/OSC escape sequences, C1 controls, bidi overrides and other control characters
 * in the data, reaching the terminal through every command that prints data. The harness asserts for
 * every case (these and all others) that nothing acting on a terminal is printed; these cases also
 * check that the data did arrive, escaped (`\x1b`, `\x9b`, `\u202e`), rather than being dropped.
 *
 * No kioku command writes CSV or TSV (check's formats are text, JSON, JUnit, SARIF, GitHub workflow
 * commands; CSV is only read, as a glossary), so there is no spreadsheet-formula case (= + - @).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openStore } from '../../src/io/store.js';
import { writeTmx } from '../../src/tmx/index.js';
import { listTree } from '../support/tree.js';
import type { CaseContext, HostileCase } from './harness.js';
import { articleXliff, memoryUnit, plantRecords, xliff12, xliff20 } from './builders.js';

const ESC = '\u001b';
/** Clear the screen, set the window title, put text on the clipboard (OSC 52), a disguised link (OSC 8). */
const ANSI = `${ESC}[2J${ESC}[H${ESC}]0;pwned\u0007${ESC}]52;c;cHduZWQ=\u0007${ESC}]8;;http://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`;
/** What XML can carry (it forbids C0): C1 CSI and OSC, DEL, and a right-to-left override. */
const C1 = '\u009b31m\u009d0;pwned\u009c\u007f\u202eevil\u202c';
const ALL = `${ANSI}\b${C1}`;
/** A shorter mix that stays inside one sentence and one wrapped line. */
const SHORT = `${ESC}[2J${ESC}]0;pwned\u0007\u009b31m\u202e`;

const escaped = (o: { stdout: string; stderr: string }, ...forms: string[]) => {
  for (const f of forms) expect(o.stdout + o.stderr).toContain(f);
};

/** Memory units carrying the payloads in every field a listing prints. */
const hostileUnits = () => [
  memoryUnit('北朝鮮兵はロシアで戦っている。', `North Korean soldiers ${ALL} fight in Russia.`, {
    doc: `evil${ESC}]0;title\u0007.txt`,
    seg: `seg${ESC}[31m${C1}`,
  }),
  memoryUnit(`北朝鮮兵は${ESC}[2J\u202eロシアで戦った。`, `Soldiers ${C1} fought in Russia.`, { doc: 'plain.txt', seg: 's2' }),
];
const plant = ({ memory }: CaseContext) => plantRecords(memory, hostileUnits());

const hostileIds = (tag: string) =>
  xliff12(
    `<trans-unit id="u${C1}1"><source>猫です。</source><target state="translated">It is a cat ${C1}.</target></trans-unit>\n` +
      `<trans-unit id="${tag}"><source>犬です。</source><target state="translated">It is a dog.</target></trans-unit>`,
    'original="article.ja.txt" source-language="ja" target-language="en" datatype="plaintext"',
  );

export const OUTPUT_CASES: readonly HostileCase[] = [
  {
    category: 'output',
    name: 'escape sequences in a text → segment',
    files: { 'evil.txt': `The first sentence ${ALL} ends here. The second one.\nA ${ESC}[8mhidden${ESC}[0m paragraph.\n` },
    args: ['segment', 'evil.txt', '--lang', 'en'],
    exit: 0,
    why: 'the text is valid; its segments are listed with every control character shown as a visible escape',
    check: (o) => escaped(o, '\\x1b[2J', '\\x1b]52;c;', '\\x07', '\\x08', '\\x9b31m', '\\u202e', '\\x1b[8mhidden'),
  },
  {
    category: 'output',
    name: 'escape sequences in a changed sentence → diff',
    files: { 'old.txt': 'One sentence here.\nAnother one stays.\n', 'new.txt': `One sentence ${SHORT} here.\nAnother one stays.\n` },
    args: ['diff', 'old.txt', 'new.txt', '--lang', 'en'],
    exit: 0,
    why: 'the diff ran (exit 1 only with --exit-code); the inserted characters are shown escaped in the {+ +} markup',
    check: (o) => escaped(o, '{+\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202e +}'),
  },
  {
    category: 'output',
    name: 'escape sequences in both texts → align listing',
    files: { 'a.ja.txt': `北朝鮮兵は${ANSI}ロシアで戦っている。彼らは若い。\n`, 'a.en.txt': `North Korean soldiers ${ALL} fight in Russia. They are young.\n` },
    args: ['align', 'a.ja.txt', 'a.en.txt', '--source-lang', 'ja', '--target-lang', 'en'],
    env: { COLUMNS: '400' },
    exit: 0,
    why: 'alignment works on any text; the two-column listing escapes what it prints (and wraps the escapes, not raw bytes)',
    check: (o) => escaped(o, '\\x1b[2J', '\\u202e'),
  },
  {
    category: 'output',
    name: 'C1 controls and a bidi override in unit ids and targets → check (text report)',
    files: { 'evil.xlf': hostileIds(`d\u202eog${C1}`) },
    args: ['check', 'evil.xlf', '--no-memory', '--fail-on', 'warning'],
    exit: 1,
    why: 'the file is readable and has warnings (exit 1 with --fail-on warning); the report names the hostile unit ids and texts escaped',
    check: (o) => escaped(o, 'unit u\\x9b31m', '\\u202e'),
  },
  {
    category: 'output',
    name: 'C1 controls in data → check --format github (workflow commands in a CI log)',
    files: { 'evil.xlf': hostileIds(`x${C1}\n::error::fake`) },
    args: ['check', 'evil.xlf', '--no-memory', '--format', 'github', '--fail-on', 'warning'],
    exit: 1,
    why: 'findings (exit 1); each is one workflow command whose data cannot start a second command (newlines as %0A) nor drive the log viewer',
    check: (o) => {
      for (const line of o.stdout.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice) /);
      escaped(o, '\\x9b');
    },
  },
  {
    category: 'output',
    name: 'escape sequences in the current source → check --source (stale-source diff)',
    files: { 'a.xlf': () => articleXliff('2.0', undefined, 62), 'article.ja.txt': () => `国際問題${ANSI}\n` },
    args: ['check', 'a.xlf', '--source', 'article.ja.txt', '--no-memory'],
    exit: 1,
    why: 'the units no longer match the revised source (exit 1); the source text quoted in the findings is escaped',
    check: (o) => escaped(o, '\\x1b[2J'),
  },
  {
    category: 'output',
    name: 'escape sequences in memory records (source, target, document, segment) → lookup',
    setup: plant,
    args: ['lookup', '北朝鮮兵はロシアで戦っている。', '--threshold', '50'],
    exit: 0,
    why: 'the memory holds what was imported; the candidates, their diff and provenance line are printed escaped',
    check: (o) => escaped(o, '\\x1b]0;title\\x07.txt', 'seg\\x1b[31m\\x9b31m', 'soldiers \\x1b[2J', '\\x1b[2J\\u202e'),
  },
  {
    category: 'output',
    name: 'escape sequences in memory records → search',
    setup: plant,
    args: ['search', '北朝鮮兵'],
    exit: 0,
    why: 'concordance hits are printed with the match marked and every control character escaped',
    check: (o) => escaped(o, '\\x1b[2J\\u202e', '\\x1b]0;title\\x07.txt', 'seg\\x1b[31m'),
  },
  {
    category: 'output',
    name: 'escape sequences in document names → memory info',
    setup: plant,
    args: ['memory', 'info'],
    exit: 0,
    why: 'the listing of exported documents and pairs is data; it is escaped',
    check: (o) => expect(o.stdout).toMatch(/units/),
  },
  {
    category: 'output',
    name: 'an OSC title sequence in a missing file name → import (error line)',
    args: ['import', `job${ESC}]0;pwned\u0007.xlf`],
    exit: 2,
    error: /^kioku: error: job\\x1b\]0;pwned\\x07\.xlf: cannot read the file: no such file$/,
  },
  {
    category: 'output',
    name: 'C1 controls and bidi in duplicate unit ids → import (error line)',
    files: {
      'dup.xlf': xliff20(
        `<unit id="a\u202e${C1}"><segment><source>x</source></segment></unit><unit id="a\u202e${C1}"><segment><source>y</source></segment></unit>`,
      ),
    },
    args: ['import', 'dup.xlf'],
    exit: 2,
    error: /^kioku: error: dup\.xlf:4:\d+: the unit id appears twice .*\(unit a\\u202e\\x9b31m\\x9d0;pwned\\x9c\\x7f\\u202eevil\\u202c\)/,
  },
  {
    category: 'output',
    name: 'C1 controls in unknown unit ids → import --strict (rejection lines)',
    files: { 'evil.xlf': hostileIds(`d${C1}`) },
    args: ['import', 'evil.xlf', '--strict'],
    exit: 2,
    errorLines: 3,
    error: /^kioku: error: evil\.xlf:5: unknown unit id: .* \(unit u\\x9b31m\\x9d0;pwned\\x9c\\x7f\\u202eevil\\u202c1\)$/,
  },
  {
    category: 'output',
    name: 'an escape sequence in the file name and C1 in original → import (success line)',
    files: { [`job${ESC}[2J.xlf`]: hostileIds('d').replace('original="article.ja.txt"', `original="art${C1}.txt"`) },
    args: ['import', `job${ESC}[2J.xlf`],
    exit: 0,
    why: 'a valid file: its units are imported; the per-file count line names the file and document escaped',
    memory: ({ memory }) => {
      const c = openStore(memory).read();
      expect(c.ok && c.value.units.length).toBe(60);
    },
    check: (o) => escaped(o, 'job\\x1b[2J.xlf (art\\x9b31m'),
  },
  {
    category: 'output',
    name: 'an escape sequence in the input file name (it becomes `original`) → export',
    files: { [`story${ESC}]0;t\u0007.txt`]: 'A sentence.\n' },
    args: ['export', `story${ESC}]0;t\u0007.txt`, '--source-lang', 'en', '--target-lang', 'ja'],
    exit: 2,
    error: /^kioku: error: story\\x1b\]0;t\\x07\.txt: the original file name contains U\+001B at offset 5, which XML 1\.0 cannot carry; /,
  },
  {
    category: 'output',
    name: 'C1 controls in the input name and an escape sequence in the output name → export (summary line)',
    files: { [`story${C1}.txt`]: 'A sentence.\n' },
    args: ['export', `story${C1}.txt`, '--source-lang', 'en', '--target-lang', 'ja', '-o', `out${ESC}[2J.xlf`],
    exit: 0,
    why: 'XML can carry C1 characters, so the export is written; the "wrote FILE" line shows the output name escaped',
    writes: [`out${ESC}[2J.xlf`],
    // memory/ exists in the working directory, so export records what it exported there (issue 4).
    memory: ({ memory }) => expect(openStore(memory).read().ok && listTree(memory)).toContain('en_ja/exports.jsonl'),
    check: (o) => escaped(o, 'wrote out\\x1b[2J.xlf'),
  },
  {
    category: 'output',
    name: "an escape sequence in the file name → tmx import (the memory's own TMX)",
    setup: ({ dir, memory }) => {
      const content = openStore(memory).read();
      if (!content.ok) throw new Error(content.error.message);
      const text = writeTmx(content.value.units, { now: '2026-01-01T00:00:00Z' });
      if (!text.ok) throw new Error(text.error.message);
      writeFileSync(join(dir, `tm${ESC}[2J.tmx`), text.value);
    },
    args: ['tmx', 'import', `tm${ESC}[2J.tmx`],
    exit: 0,
    why: 'the TMX re-imports the memory itself (nothing changes); the count line shows the name escaped',
    check: (o) => escaped(o, 'tm\\x1b[2J.tmx (ja→en)'),
  },
  {
    category: 'output',
    name: 'escape sequences in a damaged shard line → memory fsck',
    setup: ({ memory }) => {
      mkdirSync(join(memory, 'ja_en'), { recursive: true });
      writeFileSync(join(memory, 'ja_en', 'units.jsonl'), `${ESC}]0;pwned\u0007${ESC}[2J garbage\n`, { flag: 'a' });
    },
    args: ['memory', 'fsck'],
    exit: 1,
    why: 'fsck reports the damaged line (exit 1: problems found); what it quotes is escaped',
    check: (o) => expect(o.stdout).toMatch(/^memory\/ja_en\/units\.jsonl:59: /m),
  },
  {
    category: 'output',
    name: 'an escape sequence in the file name → stats',
    files: { [`a${ESC}[2J.txt`]: '北朝鮮兵は前線で戦っている。\n' },
    args: ['stats', `a${ESC}[2J.txt`],
    exit: 0,
    why: 'the analysis runs; its title line shows the file name escaped',
    check: (o) => escaped(o, 'a\\x1b[2J.txt'),
  },
  {
    category: 'output',
    name: 'an escape sequence in an unknown option → usage error line',
    args: ['segment', `--${ESC}]0;pwned\u0007`],
    exit: 2,
    usage: true,
    why: "commander's error becomes one kioku: error: line, through the same escaping, with the help pointer",
    error: /^kioku: error: unknown option '--\\x1b\]0;pwned\\x07' \(run kioku segment --help for usage\)$/,
  },
];
