/**
 * A damaged, locked, read-only or full memory store, through the commands that use it (lookup, search,
 * export, import, tmx import, diff, memory fsck). Disk full, read-only and permission faults are
 * simulated inside the child (tests/hostile/preload.mjs): the suite runs as root on CI, where chmod
 * cannot make a directory read-only, and nobody can fill a real disk in a test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openStore } from '../../src/io/store.js';
import type { CaseContext, HostileCase } from './harness.js';
import { ARTICLE_JA, articleXliff, tmx, tu } from './builders.js';

const SHARD = ['ja_en', 'units.jsonl'];
const shard = (memory: string) => join(memory, ...SHARD);

function editShard(memory: string, edit: (lines: string[]) => string[]): void {
  const text = readFileSync(shard(memory), 'utf8');
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  writeFileSync(shard(memory), edit(lines).join('\n') + '\n');
}

const torn = ({ memory }: CaseContext) => {
  const text = readFileSync(shard(memory), 'utf8');
  writeFileSync(shard(memory), text.slice(0, text.length - 40));
};
const badChecksum = ({ memory }: CaseContext) => editShard(memory, (l) => l.map((x, i) => (i === 4 ? x.replace('"target":"', '"target":"Edited: ') : x)));
const conflict = ({ memory }: CaseContext) =>
  editShard(memory, (l) => [
    ...l.slice(0, 10),
    '<<<<<<< HEAD',
    l[10]!,
    '=======',
    l[10]!.replace('"target":"', '"target":"Theirs: '),
    '>>>>>>> branch',
    ...l.slice(11),
  ]);
const duplicate = ({ memory }: CaseContext) => editShard(memory, (l) => [...l, l[6]!]);
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
const lock = (pid: number) => JSON.stringify({ pid, hostname: hostname(), created: '2026-01-01T00:00:00.000Z', token: `${pid}-test` }) + '\n';

/** The records of the memory without `.lock`/temp files: what must not change. */
const records = (memory: string) => ['ja_en/units.jsonl', 'ja_en/exports.jsonl'].map((f) => readFileSync(join(memory, f), 'utf8')).join('\n');
const recordsBefore = new Map<string, string>();
const remember = (memory: string) => recordsBefore.set(memory, records(memory));

const fsckOf = (memory: string) => {
  const r = openStore(memory).fsck();
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** A returned job whose translations differ from the memory's: importing it must write. */
const IMPORT_FILE = {
  'job.xlf': () =>
    articleXliff('1.2', (d) => ({
      ...d,
      groups: d.groups.map((g) => ({ ...g, units: g.units.map((u) => (u.target ? { ...u, target: `${u.target} (revised)` } : u)) })),
    })),
};

export const STORE_CASES: readonly HostileCase[] = [
  {
    category: 'store',
    name: 'a torn last line → lookup',
    setup: torn,
    args: ['lookup', '北朝鮮兵'],
    exit: 2,
    error:
      /^kioku: error: memory\/ja_en\/units\.jsonl:58: the memory is damaged: an incomplete last line \(a cut-off write\); run kioku memory fsck --memory memory/,
  },
  {
    category: 'store',
    name: 'a torn last line → memory fsck',
    setup: torn,
    args: ['memory', 'fsck'],
    exit: 1,
    why: 'fsck is the command that reports damage: exit 1 means "problems found" (as a check does), each with file:line; it repairs only with --fix',
    check: (o) => expect(o.stdout).toMatch(/^memory\/ja_en\/units\.jsonl:58: torn: an incomplete last line/m),
  },
  {
    category: 'store',
    name: 'a bad checksum (a record edited by hand) → export with the memory',
    setup: badChecksum,
    files: { 'article.ja.txt': ARTICLE_JA },
    args: ['export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'memory', '-o', 'out.xlf'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl:5: the memory is damaged: checksum mismatch: the record was changed outside kioku; /,
    check: (_o, { dir }) => expect(existsSync(join(dir, 'out.xlf'))).toBe(false),
  },
  {
    category: 'store',
    name: 'a bad checksum → memory fsck',
    setup: badChecksum,
    args: ['memory', 'fsck', '--json'],
    exit: 1,
    why: 'fsck reports the edited record with its line (exit 1: problems found); --fix --accept-edits or --drop-edits decides',
    check: (o) => expect(JSON.parse(o.stdout)).toMatchObject({ clean: false, problems: [{ kind: 'checksum', file: 'ja_en/units.jsonl', line: 5 }] }),
  },
  {
    category: 'store',
    name: 'git conflict markers → import',
    setup: conflict,
    files: IMPORT_FILE,
    args: ['import', 'job.xlf'],
    exit: 2,
    error:
      /^kioku: error: memory\/ja_en\/units\.jsonl:11: the memory is damaged: a git conflict marker: the memory was merged without kioku's merge setup \(and \d+ more problems\); run kioku memory fsck --memory memory/,
  },
  {
    category: 'store',
    name: 'git conflict markers → diff --since-last',
    setup: conflict,
    files: { 'article.ja.txt': ARTICLE_JA },
    args: ['diff', '--since-last', 'article.ja.txt'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl:11: the memory is damaged: a git conflict marker/,
  },
  {
    category: 'store',
    name: 'duplicate ids after a merge → search',
    setup: duplicate,
    args: ['search', '北朝鮮'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl:59: the memory is damaged: duplicate id [0-9a-f]{16} \(also at ja_en\/units\.jsonl:7\)/,
  },
  {
    category: 'store',
    name: 'duplicate ids after a merge → memory fsck',
    setup: duplicate,
    args: ['memory', 'fsck'],
    exit: 1,
    why: 'fsck lists the duplicate with both lines (exit 1: problems found); --fix keeps one',
    check: (o) => expect(o.stdout).toMatch(/^memory\/ja_en\/units\.jsonl:59: duplicate: duplicate id [0-9a-f]{16} \(also at ja_en\/units\.jsonl:7\)/m),
  },
  {
    category: 'store',
    name: 'a shard that is not UTF-8 → lookup',
    setup: ({ memory }) => writeFileSync(shard(memory), Buffer.concat([readFileSync(shard(memory)), Buffer.from([0xff, 0x0a])])),
    args: ['lookup', '北朝鮮兵'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl: the shard is not valid UTF-8 \(byte offset \d+\); restore the file from git/,
  },
  {
    category: 'store',
    name: 'a memory path that is a file → lookup --memory',
    files: { 'notes.txt': 'not a memory\n' },
    args: ['lookup', '北朝鮮兵', '--memory', 'notes.txt'],
    exit: 2,
    error: /^kioku: error: notes\.txt: not a memory directory: it is a file; point --memory at the memory directory$/,
  },
  {
    category: 'store',
    name: 'a stale lock (its process is gone) → lookup',
    setup: ({ memory }) => {
      writeFileSync(join(memory, '.lock'), lock(deadPid()));
      remember(memory);
    },
    args: ['lookup', 'クレムリンは北朝鮮との関係を深めるために迅速に動いている。'],
    exit: 0,
    why: 'a lock whose process is gone (same host, pid not running) is recovered, as issue 3 requires: the lookup runs, the stale lock is removed, the records are untouched',
    memory: ({ memory }) => {
      expect(existsSync(join(memory, '.lock'))).toBe(false);
      expect(records(memory)).toBe(recordsBefore.get(memory));
    },
    check: (o) => expect(o.stdout).toMatch(/^101% in-context|^100% exact/),
  },
  {
    category: 'store',
    name: 'a live lock (another kioku is writing) → import',
    setup: ({ memory }) => writeFileSync(join(memory, '.lock'), lock(process.pid)),
    files: IMPORT_FILE,
    args: ['import', 'job.xlf'],
    env: { KIOKU_LOCK_TIMEOUT: '300' },
    exit: 2,
    error: new RegExp(`^kioku: error: memory/\\.lock: .*process ${process.pid} on `),
  },
  {
    category: 'store',
    name: 'leftover temp files of a killed writer → lookup',
    setup: ({ memory }) => {
      // kioku's own temporary names (issue 11: only those are deleted, see cases-trust-store.ts).
      writeFileSync(join(memory, 'ja_en', '.units.jsonl.4242.abc.tmp'), '{"partial":');
      writeFileSync(join(memory, 'ja_en', '.units.jsonl.4243.lz1abcd.new'), 'garbage');
      writeFileSync(join(memory, '..journal.4243.lz1abcd.tmp'), '{"token":');
      remember(memory);
    },
    args: ['lookup', '北朝鮮兵'],
    exit: 0,
    why: 'temp files of a writer killed before its commit point are not part of the store: the next command deletes them (issue 7: 0 stray temp files after the next command) and answers from the records, which are untouched',
    memory: ({ memory }) => {
      expect(readdirSync(join(memory, 'ja_en')).filter((f) => f.endsWith('.tmp') || f.endsWith('.new'))).toEqual([]);
      expect(existsSync(join(memory, '..journal.4243.lz1abcd.tmp'))).toBe(false);
      expect(records(memory)).toBe(recordsBefore.get(memory));
    },
  },
  {
    category: 'store',
    name: 'a read-only file system → import',
    files: IMPORT_FILE,
    fault: { code: 'EROFS' },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: memory\/\.lock: .*read-only file system/,
  },
  {
    category: 'store',
    name: 'a directory without write permission → tmx import',
    files: { 'a.tmx': tmx(tu('猫です。', 'It is a cat.')) },
    fault: { code: 'EACCES' },
    args: ['tmx', 'import', 'a.tmx'],
    exit: 2,
    error: /^kioku: error: memory\/\.lock: .*permission denied/,
  },
  {
    category: 'store',
    name: 'a read-only memory → lookup',
    fault: { code: 'EROFS' },
    args: ['lookup', 'クレムリンは北朝鮮との関係を深めるために迅速に動いている。'],
    exit: 0,
    why: 'reading needs no write: a read-only memory (a CI checkout, a mounted share) is read without the lock, since nobody can write it either',
    check: (o) => expect(o.stdout).toMatch(/^101% in-context|^100% exact/),
  },
  {
    category: 'store',
    name: 'disk full at the first write (the lock) → import',
    files: IMPORT_FILE,
    fault: { code: 'ENOSPC' },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: memory\/\.lock: .*no space left on the device/,
  },
  {
    category: 'store',
    name: 'disk full while staging the new shard → import',
    files: IMPORT_FILE,
    fault: { code: 'ENOSPC', after: 1 },
    args: ['import', 'job.xlf'],
    exit: 2,
    // No position: nothing in any file is wrong; the memory could not be written.
    error: /^kioku: error: memory: cannot write the memory: no space left on the device$/,
  },
  {
    category: 'store',
    name: 'disk full while writing the journal (the commit point) → import',
    files: IMPORT_FILE,
    fault: { code: 'ENOSPC', after: 2 },
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: memory: cannot write the memory: no space left on the device$/,
  },
  {
    category: 'store',
    name: 'disk space for exactly one commit (control: the same import succeeds) → import',
    files: IMPORT_FILE,
    fault: { code: 'ENOSPC', after: 3 },
    args: ['import', 'job.xlf', '--json'],
    exit: 0,
    why: 'the control of the disk-full cases: with room for the lock, the shard and the journal, the import commits, so the failures above are the fault and not the input',
    memory: (ctx) => expect(fsckOf(ctx.memory).problems).toEqual([]),
    check: (o) => expect(JSON.parse(o.stdout)).toMatchObject({ ok: true, updated: 5 }),
  },
  {
    category: 'store',
    name: 'disk full while writing the export (memory untouched) → export',
    files: { 'article.ja.txt': ARTICLE_JA },
    setup: ({ dir }) => mkdirSync(join(dir, 'out')),
    fault: { code: 'ENOSPC', under: 'out' },
    args: ['export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'memory', '-o', 'out/article.en.xlf'],
    exit: 2,
    error: /^kioku: error: out\/article\.en\.xlf: cannot write the file: no space left on the device$/,
    check: (_o, { dir }) => expect(readdirSync(join(dir, 'out'))).toEqual([]),
  },
  {
    category: 'store',
    name: 'a side of a merge that is not UTF-8 → memory merge-driver',
    setup: ({ dir, memory }) => {
      const text = readFileSync(shard(memory));
      writeFileSync(join(dir, 'base.jsonl'), text);
      writeFileSync(join(dir, 'ours.jsonl'), text);
      writeFileSync(join(dir, 'theirs.jsonl'), Buffer.concat([text.subarray(0, 30), Buffer.from([0xff, 0xfe]), text.subarray(30)]));
    },
    args: ['memory', 'merge-driver', 'base.jsonl', 'ours.jsonl', 'theirs.jsonl', 'memory/ja_en/units.jsonl'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl: cannot merge: their version is not valid UTF-8 \(byte offset 30\); git leaves the file unmerged/,
    check: (_o, { dir, memory }) => expect(readFileSync(join(dir, 'ours.jsonl'))).toEqual(readFileSync(shard(memory))),
  },
  {
    category: 'store',
    name: 'a side of a merge edited by hand → memory merge-driver',
    setup: ({ dir, memory }) => {
      const text = readFileSync(shard(memory), 'utf8');
      writeFileSync(join(dir, 'base.jsonl'), text);
      writeFileSync(join(dir, 'theirs.jsonl'), text);
      const lines = text.split('\n');
      lines[2] = lines[2]!.replace('"target":"', '"target":"Edited: ');
      writeFileSync(join(dir, 'ours.jsonl'), lines.join('\n'));
    },
    args: ['memory', 'merge-driver', 'base.jsonl', 'ours.jsonl', 'theirs.jsonl', 'memory/ja_en/units.jsonl'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl:3: cannot merge: our version is damaged: checksum mismatch/,
    check: (_o, { dir }) => expect(readFileSync(join(dir, 'ours.jsonl'), 'utf8')).toContain('"target":"Edited: '),
  },
];
