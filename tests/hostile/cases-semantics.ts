/** Well-formed XLIFF and TMX whose content is wrong or tricky, through import, check and tmx import. */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { BilingualDocument } from '../../src/model.js';
import { openStore } from '../../src/io/store.js';
import type { CaseContext, HostileCase } from './harness.js';
import { articleUnits, articleXliff, editFirstSource, tmx, tu, xliff12, xliff20, xliffCase } from './builders.js';

const UNITS = articleUnits();
const first = UNITS[2]!;

/** Edits the source of the first translated unit (as a translator "fixing" the source would). */
const editSource = editFirstSource((source) => `${source}韓国`);

/** The memory after a successful import: still clean, with `added` more units. */
function grew(added: number) {
  return ({ memory }: CaseContext) => {
    const fsck = openStore(memory).fsck();
    expect(fsck.ok && fsck.value.problems).toEqual([]);
    const content = openStore(memory).read();
    expect(content.ok && content.value.units.length).toBe(58 + added);
  };
}

export const SEMANTICS_CASES: readonly HostileCase[] = [
  {
    category: 'semantics',
    name: 'duplicate unit ids (1.2) → import',
    files: { 'dup.xlf': () => xliffCase('duplicate unit ids') },
    args: ['import', 'dup.xlf'],
    exit: 2,
    error: /^kioku: error: dup\.xlf:6:1: the unit id appears twice \(lines 5 and 6\) \(unit u\); unit ids must be unique in a file$/,
  },
  {
    category: 'semantics',
    name: 'duplicate unit ids (2.0, the article with one id repeated) → check',
    // writeXliff refuses duplicate ids, so the id is repeated by hand, as a merge gone wrong would.
    files: { 'dup.xlf': () => articleXliff('2.0').replace(`<unit id="${UNITS[7]!.id}"`, `<unit id="${UNITS[3]!.id}"`) },
    args: ['check', 'dup.xlf', '--no-memory'],
    exit: 2,
    error: new RegExp(`^kioku: error: dup\\.xlf:\\d+:\\d+: the unit id appears twice \\(lines \\d+ and \\d+\\) \\(unit ${UNITS[3]!.id}\\)`),
  },
  {
    category: 'semantics',
    name: 'duplicate __proto__ ids → import',
    files: { 'proto.xlf': () => xliffCase('duplicate __proto__ ids') },
    args: ['import', 'proto.xlf'],
    exit: 2,
    error: /^kioku: error: proto\.xlf:4:\d+: the unit id appears twice \(lines 4 and 4\) \(unit __proto__\)/,
  },
  {
    category: 'semantics',
    name: '__proto__ and constructor as unit ids → check',
    files: {
      'proto.xlf': xliff20(
        '<unit id="__proto__"><segment state="translated"><source>猫です。</source><target>It is a cat.</target></segment></unit>' +
          '<unit id="constructor"><segment state="translated"><source>犬です。</source><target>It is a dog</target></segment></unit>' +
          '<unit id="toString"><segment><source>鳥です。</source></segment></unit>',
      ),
    },
    args: ['check', 'proto.xlf', '--no-memory', '--format', 'json'],
    exit: 1,
    why: 'the ids are plain names to kioku: the file is checked like any other, and exit 1 reports its real findings (a missing full stop, an untranslated unit) under those ids',
    check: (o) => {
      const units = (JSON.parse(o.stdout) as { findings: Array<{ unit: string }> }).findings.map((f) => f.unit);
      expect(units).toContain('constructor');
      expect(units).toContain('toString');
    },
  },
  {
    category: 'semantics',
    name: '__proto__ and constructor as unit ids → import --strict',
    files: {
      'proto.xlf': xliff12(
        '<trans-unit id="__proto__"><source>猫です。</source><target state="translated">It is a cat.</target></trans-unit>\n' +
          '<trans-unit id="constructor"><source>犬です。</source><target state="translated">It is a dog.</target></trans-unit>',
        'original="article.ja.txt" source-language="ja" target-language="en" datatype="plaintext"',
      ),
    },
    args: ['import', 'proto.xlf', '--strict'],
    exit: 2,
    errorLines: 3,
    why: 'rejected as unknown ids (nothing in the export record answers to __proto__ or constructor), one line per unit and a summary',
    error: /^kioku: error: proto\.xlf:5: unknown unit id: .* \(unit __proto__\)/,
    check: (o) => expect(o.stderr).toMatch(/proto\.xlf:6: unknown unit id: .* \(unit constructor\)/),
  },
  {
    category: 'semantics',
    name: 'a unit without an id → import',
    files: { 'noid.xlf': () => xliffCase('a missing id') },
    args: ['import', 'noid.xlf'],
    exit: 2,
    error: /^kioku: error: noid\.xlf:4:1: a <unit> without an id; every unit needs the id it was exported with$/,
  },
  {
    category: 'semantics',
    name: 'a unit without a source → check',
    files: { 'nosource.xlf': () => xliffCase('a missing source') },
    args: ['check', 'nosource.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: nosource\.xlf:5:1: the unit has no <source> \(unit u\)$/,
  },
  {
    category: 'semantics',
    name: 'the source edited by the translator → import',
    files: { 'edited.xlf': () => articleXliff('1.2', editSource) },
    args: ['import', 'edited.xlf'],
    exit: 2,
    errorLines: 2,
    why: 'one line for the rejected unit (with its id and the diff of the source), and at most a summary line',
    error:
      /^kioku: error: edited\.xlf:\d+: the source was changed by the translator; diff \(exported → returned\): 国際問題\{\+韓国\+\} \(unit [0-9a-f]{12}\)$/,
  },
  {
    category: 'semantics',
    name: 'the wrong target language → import --target-lang de',
    files: { 'fr.xlf': () => articleXliff('1.2') },
    args: ['import', 'fr.xlf', '--target-lang', 'de'],
    exit: 2,
    error: /^kioku: error: fr\.xlf:3:\d+: the target language is en, but de is expected/,
  },
  {
    category: 'semantics',
    name: 'the wrong target language → tmx import --target-lang de',
    files: { 'en.tmx': tmx(tu('猫です。', 'It is a cat.')) },
    args: ['tmx', 'import', 'en.tmx', '--source-lang', 'ja', '--target-lang', 'de'],
    exit: 2,
    error: /^kioku: error: en\.tmx: the TMX has no de text \(languages: ja, en\); check --target-lang/,
  },
  {
    category: 'semantics',
    name: 'unbalanced inline tags (1.2) → import',
    files: { 'tags.xlf': () => xliffCase('unbalanced inline tags') },
    args: ['import', 'tags.xlf'],
    exit: 2,
    error: /^kioku: error: tags\.xlf:5:28: in the source: <bpt id="1"> is never closed \(unbalanced inline tags\) \(unit u\)$/,
  },
  {
    category: 'semantics',
    name: 'unbalanced inline tags (2.0) → check',
    files: { 'tags.xlf': () => xliffCase('unbalanced 2.0 inline tags') },
    args: ['check', 'tags.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: tags\.xlf:4:32: in the source: <ec id="7"> closes a code that was never opened \(unbalanced inline tags\) \(unit u\)$/,
  },
  {
    category: 'semantics',
    name: 'path traversal in original → import',
    files: {
      'trav.xlf': xliff12(
        `<trans-unit id="${first.id}"><source>${first.source}</source><target state="translated">North Korean soldiers.</target></trans-unit>`,
        'original="../../outside/pwned.txt" source-language="ja" target-language="en" datatype="plaintext"',
      ),
    },
    setup: ({ dir }) => mkdirSync(join(dir, 'work')),
    args: ['import', 'trav.xlf'],
    exit: 0,
    why: '`original` is a document label in the memory, never a path kioku opens or writes: the unit is stored under that label and nothing appears outside',
    memory: grew(1),
    check: (o, { dir }) => {
      expect(o.stdout).toContain('trav.xlf (../../outside/pwned.txt): added 1');
      expect(existsSync(join(dir, '..', 'outside'))).toBe(false);
      expect(existsSync(join(dir, '..', '..', 'outside'))).toBe(false);
      expect(readdirSync(dir).sort()).toEqual(['memory', 'trav.xlf', 'work']);
    },
  },
  {
    category: 'semantics',
    name: 'path traversal in original, paired with --source by file name → check',
    files: {
      'a.xlf': () => articleXliff('2.0').replace('original="article.ja.txt"', 'original="../../../etc/article.ja.txt"'),
      'article.ja.txt': '国際問題\n',
    },
    args: ['check', 'a.xlf', '--source', 'article.ja.txt', '--no-memory', '--format', 'json'],
    exit: 1,
    why: 'only the base name of `original` pairs the file with --source (nothing is read from the path it names); the check then reports the units the shortened source no longer has',
    check: (o) => expect((JSON.parse(o.stdout) as { findings: Array<{ rule: string }> }).findings.some((f) => /stale|removed/.test(f.rule))).toBe(true),
  },
  {
    category: 'semantics',
    name: 'a 1.2 file where 2.0 is expected → import --xliff 2.0',
    files: { 'old.xlf': () => articleXliff('1.2') },
    args: ['import', 'old.xlf', '--xliff', '2.0'],
    exit: 2,
    error: /^kioku: error: old\.xlf:2:1: this is an XLIFF 1\.2 file, but XLIFF 2\.0 is expected here; /,
  },
  {
    category: 'semantics',
    name: '1.2 units under a 2.0 root (mixed versions) → check',
    files: { 'mixed.xlf': () => xliffCase('1.2 units under a 2.0 root') },
    args: ['check', 'mixed.xlf', '--no-memory'],
    exit: 2,
    error: /^kioku: error: mixed\.xlf:4:1: an XLIFF 1\.2 <trans-unit> element in an XLIFF 2\.0 file \(unit u\)/,
  },
  {
    category: 'semantics',
    name: 'a job exported as 2.0, returned as 1.2 → import',
    files: { 'returned.xlf': () => articleXliff('1.2') },
    args: ['import', 'returned.xlf', '--json'],
    exit: 0,
    why: 'both versions are read, and what matters (ids and sources against the export record) is checked; a CAT tool that saves 1.2 is common. --xliff 2.0 refuses it when a team wants that',
    memory: (ctx) => {
      const fsck = openStore(ctx.memory).fsck();
      expect(fsck.ok && fsck.value.problems).toEqual([]);
    },
    check: (o) => expect(JSON.parse(o.stdout)).toMatchObject({ ok: true }),
  },
  {
    category: 'semantics',
    name: 'a TMX <tuv> without a language → tmx import',
    files: { 'nolang.tmx': tmx('<tu tuid="t1"><tuv xml:lang="ja"><seg>猫</seg></tuv><tuv><seg>cat</seg></tuv></tu>') },
    args: ['tmx', 'import', 'nolang.tmx'],
    exit: 2,
    error: /^kioku: error: nolang\.tmx:5:\d+: a <tuv> has no xml:lang \(unit t1\)$/,
  },
  {
    category: 'semantics',
    name: '__proto__ and constructor as TMX prop types and tuid → tmx import',
    files: {
      'proto.tmx': tmx(
        tu('猫です。', 'It is a cat.', ' tuid="__proto__"').replace('<tuv', '<prop type="__proto__">x</prop><prop type="constructor">y</prop><tuv'),
      ),
    },
    args: ['tmx', 'import', 'proto.tmx', '--json'],
    exit: 0,
    why: 'prop types and tuids are plain names (null-prototype maps): the unit is imported like any other, the memory stays clean',
    memory: grew(1),
    check: (o) => expect(JSON.parse(o.stdout)).toMatchObject({ added: 1 }),
  },
  {
    category: 'semantics',
    name: 'an unterminated quote in a CSV glossary → check --glossary',
    files: { 'a.xlf': () => articleXliff('2.0'), 'terms.csv': 'ja,en\n"北朝鮮,North Korea\nロシア,Russia\n' },
    args: ['check', 'a.xlf', '--glossary', 'terms.csv', '--no-memory'],
    exit: 2,
    error: /^kioku: error: terms\.csv:2:1: unterminated quoted field; /,
  },
  {
    category: 'semantics',
    name: 'a baseline of JSON nested a million deep → check --baseline',
    files: { 'a.xlf': () => articleXliff('2.0'), 'base.json': () => '['.repeat(1_000_000) + ']'.repeat(1_000_000) },
    args: ['check', 'a.xlf', '--baseline', 'base.json', '--no-memory'],
    exit: 2,
    // JSON has no positions worth giving here: the whole file is not a baseline.
    error: /^kioku: error: base\.json: not a kioku baseline: expected a JSON object; /,
  },
  {
    category: 'semantics',
    name: 'a TMX whose header names the other language as source → tmx import',
    files: { 'po2tmx.tmx': tmx(tu('猫です。', 'It is a cat.'), 'srclang="en"') },
    args: ['tmx', 'import', 'po2tmx.tmx'],
    exit: 2,
    error: /^kioku: error: po2tmx\.tmx: the TMX header says srclang="en"/,
  },
];
