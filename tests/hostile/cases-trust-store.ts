/**
 * Issue 11 (store): a memory folder is committed in git, so on a pull request everything in it is the
 * pull request's: a `.journal`, links, FIFOs, a planted cache, records resealed by hand. None of it may
 * make kioku write, rename or delete outside the memory, hang, or lose data. Each case runs the real
 * command a CI job would run on the pull request (lookup, check, import, memory info/fsck, export).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { expect } from 'vitest';
import { openStore } from '../../src/io/store.js';
import { checksum, layoutStore, parseStore } from '../../src/memory/codec.js';
import { upsertUnits } from '../../src/memory/content.js';
import { hash64 } from '../../src/segment/id.js';
import { writeTmx } from '../../src/tmx/index.js';
import type { CaseContext, HostileCase } from './harness.js';
import { ARTICLE_JA, articleXliff, memoryUnit } from './builders.js';

const KREMLIN = 'クレムリンは北朝鮮との関係を深めるために迅速に動いている。';
/** What lookup prints for a sentence of the article: the memory answered from its records. */
const FOUND = /^101% in-context|^100% exact/;
const shard = (memory: string) => join(memory, 'ja_en', 'units.jsonl');
const neighbourMemory = (ctx: CaseContext) => join(ctx.parent, 'neighbour', 'memory');

/** A returned job whose translations differ from the memory's: importing it must write. */
const IMPORT_FILE = {
  'job.xlf': () =>
    articleXliff('1.2', (d) => ({
      ...d,
      groups: d.groups.map((g) => ({ ...g, units: g.units.map((u) => (u.target ? { ...u, target: `${u.target} (revised)` } : u)) })),
    })),
};

const journal = (memory: string, value: unknown) => writeFileSync(join(memory, '.journal'), typeof value === 'string' ? value : JSON.stringify(value) + '\n');

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo ${path}: ${r.stderr}`);
}

/** Replaces a store file (or folder) by a FIFO of the same name. */
const fifoAt = (path: string) => {
  rmSync(path, { recursive: true, force: true });
  mkfifo(path);
};

/** Rewrites line `n` (1-based) of the shard with `edit`, resealed as kioku would (a valid checksum). */
function resealLine(memory: string, n: number, edit: (record: Record<string, unknown>) => Record<string, unknown>): string {
  const lines = readFileSync(shard(memory), 'utf8').trimEnd().split('\n');
  const { sum: _sum, ...record } = JSON.parse(lines[n - 1]!) as Record<string, unknown>;
  const body = JSON.stringify(edit(record));
  lines[n - 1] = `${body.slice(0, -1)},"sum":"${checksum(body)}"}`;
  writeFileSync(shard(memory), lines.join('\n') + '\n');
  return lines[n - 1]!;
}

/** Builds the memory's cache (as a lookup does), then lets `damage` change its bytes. */
function damageCache(memory: string, damage: (bytes: Buffer) => Buffer): void {
  const loaded = openStore(memory).load();
  if (!loaded.ok) throw new Error(loaded.error.message);
  const file = join(memory, '.cache', 'index-v2.bin');
  writeFileSync(file, damage(readFileSync(file)));
}

/** The byte range of a section of a cache file (see src/memory/view.ts). */
function section(bytes: Buffer, name: string): [number, number] {
  const headerLength = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.subarray(24, 24 + headerLength).toString('utf8')) as { sections: Record<string, [number, number]> };
  const bodyStart = (24 + headerLength + 7) & ~7;
  const [off, len] = header.sections[name]!;
  return [bodyStart + off, bodyStart + off + len];
}

const JOURNAL_REFUSED = (what: string) => new RegExp(`^kioku: error: memory/\\.journal: the journal of an interrupted write ${what}; nothing was changed; `);

/** The victim outside the memory is still there, byte for byte (the harness hashes the whole parent folder too). */
const victimKept = (_o: unknown, { dir }: CaseContext) => expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('my own file\n');

const linkPairToNeighbour = (ctx: CaseContext) => {
  rmSync(join(ctx.memory, 'ja_en'), { recursive: true });
  symlinkSync(join(neighbourMemory(ctx), 'ja_en'), join(ctx.memory, 'ja_en'));
};

const pairFolderIsAFile = ({ memory }: CaseContext) => {
  rmSync(join(memory, 'ja_en'), { recursive: true });
  writeFileSync(join(memory, 'ja_en'), 'notes someone saved under the wrong name\n');
};

const unknownField = ({ memory }: CaseContext) => resealLine(memory, 3, (r) => ({ ...r, reviewer: 'a newer kioku' }));
const escInTarget = ({ memory }: CaseContext) => resealLine(memory, 4, (r) => ({ ...r, target: `\u001b[2J${String(r.target)}` }));
/** Line 2's source edited and resealed: the record is valid, its id no longer what its content gives. */
const staleId = ({ memory }: CaseContext) => resealLine(memory, 2, (r) => ({ ...r, source: `${String(r.source)}（改訂）` }));

export const TRUST_STORE_CASES: readonly HostileCase[] = [
  // --- The journal -----------------------------------------------------------------------------------
  {
    category: 'paths',
    name: 'a committed journal that deletes ../victim.txt → lookup (read-only)',
    files: { 'victim.txt': 'my own file\n' },
    setup: ({ memory }) => journal(memory, { token: 'x', files: [{ path: '../victim.txt', remove: true }] }),
    args: ['lookup', KREMLIN],
    exit: 2,
    error:
      /^kioku: error: memory\/\.journal: the journal of an interrupted write names \.\.\/victim\.txt, which is not a file of this memory; nothing was changed; delete memory\/\.journal if no kioku is running$/,
    check: victimKept,
  },
  {
    category: 'paths',
    name: 'a committed journal that plants ../planted.sh from a file of the memory → check',
    files: { 'job.xlf': articleXliff('1.2') },
    setup: ({ memory }) => {
      writeFileSync(join(memory, 'ja_en', 'notes.txt'), '#!/bin/sh\necho planted\n');
      journal(memory, { token: 'x', files: [{ path: '../planted.sh', staged: 'ja_en/notes.txt' }] });
    },
    args: ['check', 'job.xlf'],
    exit: 2,
    error: JOURNAL_REFUSED('names \\.\\./planted\\.sh, which is not a file of this memory'),
    check: (_o, { dir, parent, memory }) => {
      expect(existsSync(join(dir, 'planted.sh'))).toBe(false);
      expect(existsSync(join(parent, 'planted.sh'))).toBe(false);
      expect(existsSync(join(memory, 'ja_en', 'notes.txt'))).toBe(true);
    },
  },
  {
    category: 'paths',
    name: "a journal naming another project's shard by absolute path → import",
    files: IMPORT_FILE,
    setup: (ctx) => journal(ctx.memory, { token: '1.abc', files: [{ path: join(neighbourMemory(ctx), 'ja_en', 'units.jsonl'), remove: true }] }),
    args: ['import', 'job.xlf'],
    exit: 2,
    error: JOURNAL_REFUSED('names .*, which is not a file of this memory'),
    check: (_o, ctx) => expect(existsSync(join(neighbourMemory(ctx), 'ja_en', 'units.jsonl'))).toBe(true),
  },
  {
    category: 'paths',
    name: "a journal of kioku's shape that removes a shard through a pair folder linked to another project → lookup",
    setup: (ctx) => {
      linkPairToNeighbour(ctx);
      journal(ctx.memory, { token: '4242.lz1abc', files: [{ path: 'ja_en/units.jsonl', remove: true }] });
    },
    args: ['lookup', KREMLIN],
    exit: 2,
    // The second wall: the journal names a store file, but the path runs through a link.
    error: JOURNAL_REFUSED('names ja_en/units\\.jsonl, which kioku will not touch \\(ja_en is a symbolic link, not a folder\\)'),
    check: (_o, ctx) =>
      expect(
        readFileSync(join(neighbourMemory(ctx), 'ja_en', 'units.jsonl'), 'utf8')
          .trimEnd()
          .split('\n'),
      ).toHaveLength(58),
  },
  {
    category: 'paths',
    name: 'a journal of the wrong shape ("files" an object) → memory info',
    setup: ({ memory }) => journal(memory, { token: '1.abc', files: {} }),
    args: ['memory', 'info'],
    exit: 2,
    error:
      /^kioku: error: memory\/\.journal: the journal of an interrupted write has no list of files; nothing was changed; delete memory\/\.journal if no kioku is running$/,
    check: (o) => expect(o.stderr).not.toMatch(/iterable/),
  },
  {
    category: 'paths',
    name: "a journal staging a shard from another store file (not kioku's temp name) → lookup",
    setup: ({ memory }) => journal(memory, { token: '1.abc', files: [{ path: 'ja_en/units.jsonl', staged: 'ja_en/exports.jsonl', sum: '0123456789abcdef' }] }),
    args: ['lookup', KREMLIN],
    exit: 2,
    error: JOURNAL_REFUSED("stages ja_en/units\\.jsonl from ja_en/exports\\.jsonl, which is not kioku's temporary name for it"),
  },
  {
    category: 'paths',
    name: 'a journal whose staged file does not hold what it names → lookup',
    setup: ({ memory }) => {
      writeFileSync(join(memory, 'ja_en', '.units.jsonl.4242.lz1abc.new'), '{"not":"the committed shard"}\n');
      journal(memory, { token: '4242.lz1abc', files: [{ path: 'ja_en/units.jsonl', staged: 'ja_en/.units.jsonl.4242.lz1abc.new', sum: '0123456789abcdef' }] });
    },
    args: ['lookup', KREMLIN],
    exit: 2,
    error: JOURNAL_REFUSED('does not match its staged file ja_en/\\.units\\.jsonl\\.4242\\.lz1abc\\.new'),
  },
  {
    category: 'paths',
    name: 'a journal with a field kioku does not write → search',
    setup: ({ memory }) => journal(memory, { token: '1.abc', files: [{ path: 'ja_en/units.jsonl', remove: true, mode: 'follow' }] }),
    args: ['search', '北朝鮮'],
    exit: 2,
    error: JOURNAL_REFUSED('has an entry with a field kioku does not write \\(mode\\)'),
  },
  {
    category: 'paths',
    name: 'a journal that is not JSON → lookup',
    setup: ({ memory }) => journal(memory, '{"token":"1.abc","files":[{"path":'),
    args: ['lookup', KREMLIN],
    exit: 2,
    error: /^kioku: error: memory\/\.journal: the journal of an interrupted write is unreadable \(not JSON\); nothing was changed; /,
  },
  {
    category: 'paths',
    name: 'a journal that is a symbolic link to a file outside the memory → memory fsck',
    files: { 'victim.txt': 'my own file\n' },
    setup: ({ memory, dir }) => symlinkSync(join(dir, 'victim.txt'), join(memory, '.journal')),
    args: ['memory', 'fsck'],
    exit: 2,
    error: JOURNAL_REFUSED('is a symbolic link, not a file kioku wrote'),
    check: victimKept,
  },
  {
    category: 'store',
    name: 'a journal that is a folder → lookup',
    setup: ({ memory }) => mkdirSync(join(memory, '.journal')),
    args: ['lookup', KREMLIN],
    exit: 2,
    error: JOURNAL_REFUSED('is a folder, not a file kioku wrote'),
  },
  {
    category: 'store',
    name: 'a journal that is a FIFO (reading it would block) → lookup',
    setup: ({ memory }) => mkfifo(join(memory, '.journal')),
    args: ['lookup', KREMLIN],
    exit: 2,
    error: JOURNAL_REFUSED('is a FIFO, not a file kioku wrote'),
  },
  {
    category: 'store',
    name: 'the journal of a real interrupted import (control) → lookup (read-only) finishes it',
    setup: ({ memory }) => {
      const text = readFileSync(shard(memory), 'utf8');
      const content = upsertUnits(parseStore([{ path: 'ja_en/units.jsonl', text }]).content, [
        memoryUnit('新しく加わった文です。', 'A sentence added by the interrupted import.'),
      ]).content;
      const next = layoutStore(content).get('ja_en/units.jsonl')!;
      const staged = 'ja_en/.units.jsonl.4242.lz1abc.new';
      writeFileSync(join(memory, staged), next);
      journal(memory, { token: '4242.lz1abc', files: [{ path: 'ja_en/units.jsonl', staged, sum: hash64(next) }] });
    },
    args: ['lookup', '新しく加わった文です。'],
    exit: 0,
    why: 'a journal of the exact shape kioku writes, whose staged file holds what it names, is the commit point of a write that was killed: every command, read-only ones too, finishes it under the lock so nobody reads the old store beside the new one',
    memory: ({ memory }) => {
      expect(existsSync(join(memory, '.journal'))).toBe(false);
      expect(readdirSync(join(memory, 'ja_en')).sort()).toEqual(['exports.jsonl', 'units.jsonl']);
      expect(readFileSync(shard(memory), 'utf8').trimEnd().split('\n')).toHaveLength(59);
    },
    check: (o) => expect(o.stdout).toMatch(/^100% exact/),
  },

  // --- Symbolic links and entries that are not what the layout puts there -------------------------
  {
    category: 'paths',
    name: "a pair folder that is a symbolic link to another project's memory → memory info",
    setup: linkPairToNeighbour,
    args: ['memory', 'info'],
    exit: 2,
    error:
      /^kioku: error: memory\/ja_en: the pair folder is a symbolic link, not a folder; nothing was read or written; kioku follows no links inside a memory/,
  },
  {
    category: 'paths',
    name: "a pair folder that is a symbolic link to another project's memory → import",
    setup: linkPairToNeighbour,
    files: IMPORT_FILE,
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en: the pair folder is a symbolic link, not a folder; nothing was read or written; /,
    check: (_o, ctx) =>
      expect(
        readFileSync(join(neighbourMemory(ctx), 'ja_en', 'units.jsonl'), 'utf8')
          .trimEnd()
          .split('\n'),
      ).toHaveLength(58),
  },
  {
    category: 'paths',
    name: 'a pair folder that is a symbolic link → memory fsck reports it',
    setup: linkPairToNeighbour,
    args: ['memory', 'fsck'],
    exit: 1,
    why: 'fsck reports what it finds (exit 1: problems found) and leaves the link alone, also with --fix: kioku deletes no entry it did not write',
    check: (o) => expect(o.stdout).toMatch(/^memory\/ja_en: layout: the pair folder is a symbolic link, not a folder; not repaired: /m),
  },
  {
    category: 'paths',
    name: "a shard that is a symbolic link to another project's shard → import",
    setup: (ctx) => {
      rmSync(shard(ctx.memory));
      symlinkSync(join(neighbourMemory(ctx), 'ja_en', 'units.jsonl'), shard(ctx.memory));
    },
    files: IMPORT_FILE,
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl: the shard is a symbolic link, not a regular file; nothing was read or written; /,
  },
  {
    category: 'paths',
    name: 'a shard that is a symbolic link to /dev/zero (an endless read) → lookup',
    setup: ({ memory }) => {
      rmSync(shard(memory));
      symlinkSync('/dev/zero', shard(memory));
    },
    args: ['lookup', KREMLIN],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl: the shard is a symbolic link, not a regular file; /,
  },
  {
    category: 'paths',
    name: 'the lock file is a symbolic link to a file outside the memory → import',
    files: { ...IMPORT_FILE, 'victim.txt': 'my own file\n' },
    setup: ({ memory, dir }) => symlinkSync(join(dir, 'victim.txt'), join(memory, '.lock')),
    args: ['import', 'job.xlf'],
    exit: 2,
    error:
      /^kioku: error: memory\/\.lock: the lock is a symbolic link, not a file kioku wrote; nothing was changed; if no kioku is running, delete memory\/\.lock$/,
    check: victimKept,
  },
  {
    category: 'paths',
    name: 'the cache folder is a symbolic link to a folder outside the memory → lookup',
    setup: ({ memory, dir }) => {
      mkdirSync(join(dir, 'elsewhere'));
      symlinkSync(join(dir, 'elsewhere'), join(memory, '.cache'));
    },
    args: ['lookup', KREMLIN],
    exit: 0,
    why: 'the cache is derived and best effort: a `.cache` that is not a real folder is neither read nor written through (the harness proves elsewhere/ stays empty); the lookup answers from the shards',
    check: (o, { dir }) => {
      expect(o.stdout).toMatch(FOUND);
      expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
    },
  },
  {
    category: 'paths',
    name: "the cache file is a symbolic link to another project's file → search",
    setup: (ctx) => {
      mkdirSync(join(ctx.memory, '.cache'));
      symlinkSync(join(ctx.parent, 'neighbour', 'notes.txt'), join(ctx.memory, '.cache', 'index-v2.bin'));
    },
    args: ['search', '北朝鮮'],
    exit: 0,
    why: "a cache file that is a link is ignored (never opened, never replaced through): the search answers from the shards and the neighbour's notes stay as they were",
    check: (o) => expect(o.stdout).toMatch(/北朝鮮/),
  },
  {
    category: 'paths',
    name: 'a file where the pair folder belongs → lookup',
    setup: pairFolderIsAFile,
    args: ['lookup', KREMLIN],
    exit: 2,
    error:
      /^kioku: error: memory\/ja_en: a file where the folder of a language pair belongs; nothing was read or written; move it away \(kioku memory fsck --fix --memory memory moves it into memory\/\.cache\)$/,
  },
  {
    category: 'paths',
    name: 'a file where the pair folder belongs → memory fsck reports it',
    setup: pairFolderIsAFile,
    args: ['memory', 'fsck'],
    exit: 1,
    why: 'fsck reports the file (exit 1: a problem found; it was clean before issue 11); --fix moves it aside',
    check: (o) => expect(o.stdout).toMatch(/^memory\/ja_en: layout: a file where the folder of a language pair belongs; --fix moves it into \.cache\/$/m),
  },
  {
    category: 'paths',
    name: 'a file where the pair folder belongs → memory fsck --fix moves it aside',
    setup: pairFolderIsAFile,
    args: ['memory', 'fsck', '--fix'],
    exit: 0,
    why: 'the file holds no record kioku can read; --fix moves it into .cache/ (kept, and still in git) so the pair folder can be made again, and says where',
    memory: ({ memory }) => {
      expect(existsSync(join(memory, 'ja_en'))).toBe(false);
      const moved = readdirSync(join(memory, '.cache')).filter((f) => f.startsWith('fsck-moved-'));
      expect(moved).toHaveLength(1);
      expect(readFileSync(join(memory, '.cache', moved[0]!), 'utf8')).toBe('notes someone saved under the wrong name\n');
    },
    check: (o) => expect(o.stdout).toMatch(/^repaired: ja_en \(moved to \.cache\/fsck-moved-[0-9TZ-]+-ja_en\)$/m),
  },

  // --- Hangs: FIFOs and folders where files belong --------------------------------------------------
  {
    category: 'store',
    name: 'the lock is a folder older than the stale-lock age (looped forever) → lookup',
    setup: ({ memory }) => {
      mkdirSync(join(memory, '.lock'));
      utimesSync(join(memory, '.lock'), new Date('2020-01-01'), new Date('2020-01-01'));
    },
    args: ['lookup', KREMLIN],
    exit: 2,
    error: /^kioku: error: memory\/\.lock: the lock is a folder, not a file kioku wrote; nothing was changed; if no kioku is running, delete memory\/\.lock$/,
  },
  {
    category: 'store',
    name: 'the lock is a FIFO → import',
    setup: ({ memory }) => mkfifo(join(memory, '.lock')),
    files: IMPORT_FILE,
    args: ['import', 'job.xlf'],
    exit: 2,
    error: /^kioku: error: memory\/\.lock: the lock is a FIFO, not a file kioku wrote; nothing was changed; /,
  },
  {
    category: 'store',
    name: "the lock breaker's file is a folder (a stale lock could never be broken) → import",
    setup: ({ memory }) => {
      writeFileSync(join(memory, '.lock'), '{"torn');
      utimesSync(join(memory, '.lock'), new Date('2020-01-01'), new Date('2020-01-01'));
      mkdirSync(join(memory, '.lock.break'));
      utimesSync(join(memory, '.lock.break'), new Date('2020-01-01'), new Date('2020-01-01'));
    },
    files: IMPORT_FILE,
    args: ['import', 'job.xlf'],
    exit: 2,
    error:
      /^kioku: error: memory\/\.lock\.break: the lock is a folder, not a file kioku wrote; nothing was changed; if no kioku is running, delete memory\/\.lock\.break$/,
  },
  {
    category: 'store',
    name: 'a FIFO named like a shard (reading it would block every command) → lookup',
    setup: ({ memory }) => fifoAt(shard(memory)),
    args: ['lookup', KREMLIN],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/units\.jsonl: the shard is a FIFO, not a regular file; nothing was read or written; restore it from git$/,
  },
  {
    category: 'store',
    name: 'a FIFO named like a shard → memory fsck reports it',
    setup: ({ memory }) => fifoAt(shard(memory)),
    args: ['memory', 'fsck', '--json'],
    exit: 1,
    why: 'fsck lists the FIFO (exit 1: a problem found) without opening it, and reads the rest of the memory',
    check: (o) => expect(JSON.parse(o.stdout)).toMatchObject({ clean: false, exports: 1, problems: [{ kind: 'layout', file: 'ja_en/units.jsonl' }] }),
  },
  {
    category: 'store',
    name: 'a folder named like the export records → export with the memory',
    setup: ({ memory }) => {
      rmSync(join(memory, 'ja_en', 'exports.jsonl'));
      mkdirSync(join(memory, 'ja_en', 'exports.jsonl'));
    },
    files: { 'article.ja.txt': ARTICLE_JA },
    args: ['export', 'article.ja.txt', '--target-lang', 'en', '--memory', 'memory', '-o', 'out.xlf'],
    exit: 2,
    error: /^kioku: error: memory\/ja_en\/exports\.jsonl: the shard is a folder, not a regular file; nothing was read or written; /,
    check: (_o, { dir }) => expect(existsSync(join(dir, 'out.xlf'))).toBe(false),
  },
  {
    category: 'store',
    name: 'the cache file is a FIFO → lookup',
    setup: ({ memory }) => {
      mkdirSync(join(memory, '.cache'));
      mkfifo(join(memory, '.cache', 'index-v2.bin'));
    },
    args: ['lookup', KREMLIN],
    exit: 0,
    why: 'the cache is best effort: a cache file that is not a regular file is ignored (never opened) and the memory is indexed from the shards in memory',
    check: (o) => expect(o.stdout).toMatch(FOUND),
  },
  {
    category: 'store',
    name: 'the cache file is a folder → lookup',
    setup: ({ memory }) => mkdirSync(join(memory, '.cache', 'index-v2.bin'), { recursive: true }),
    args: ['lookup', KREMLIN],
    exit: 0,
    why: 'the cache is best effort: a folder where the cache file belongs is ignored, the lookup answers from the shards',
    check: (o) => expect(o.stdout).toMatch(FOUND),
  },

  // --- Temporary files: only kioku's own ----------------------------------------------------------
  {
    category: 'store',
    name: "a user's dot files that look like temporary files are kept → lookup",
    setup: ({ memory }) => {
      writeFileSync(join(memory, 'ja_en', '.review-notes.tmp'), 'my review notes\n');
      writeFileSync(join(memory, 'ja_en', '.units.jsonl.tmp'), 'a copy I made\n');
      writeFileSync(join(memory, 'ja_en', '.units.jsonl.bak.new'), 'another copy\n');
      writeFileSync(join(memory, '.draft.new'), 'a draft\n');
    },
    args: ['lookup', KREMLIN],
    exit: 0,
    why: "recovery deletes only kioku's own temporary names (`.<name>.<pid>.<base36>.tmp`, `.<name>.<token>.new` of its own files); these are the user's, so the memory stays byte-identical",
    check: (o) => expect(o.stdout).toMatch(FOUND),
  },

  // --- The cache ------------------------------------------------------------------------------------
  {
    category: 'store',
    name: 'one changed byte in the cache → lookup',
    setup: ({ memory }) =>
      damageCache(memory, (b) => {
        const [from, to] = section(b, 'lines');
        b.writeUInt8(b.readUInt8((from + to) >> 1) ^ 0x01, (from + to) >> 1);
        return b;
      }),
    args: ['lookup', KREMLIN],
    exit: 0,
    why: 'the cache is derived: one that fails its checksum is rebuilt from the shards, silently, and the lookup answers correctly',
    check: (o) => expect(o.stdout).toMatch(FOUND),
  },
  {
    category: 'store',
    name: 'changed record offsets in the cache → lookup',
    setup: ({ memory }) =>
      damageCache(memory, (b) => {
        const [from, to] = section(b, 'lineStart');
        for (let at = from + 4; at < to - 4; at += 4) b.writeUInt32LE(b.readUInt32LE(at) + 3, at);
        return b;
      }),
    args: ['lookup', KREMLIN],
    exit: 0,
    why: 'offsets that no longer point at the records fail the checksum: the cache is rebuilt and the sentence is found (it answered "no match" before)',
    check: (o) => expect(o.stdout).toMatch(FOUND),
  },
  {
    category: 'store',
    name: 'a cache cut in half → search',
    setup: ({ memory }) => damageCache(memory, (b) => b.subarray(0, b.length >> 1)),
    args: ['search', '北朝鮮兵'],
    exit: 0,
    why: 'a torn cache fails its checksum and is rebuilt from the shards',
    check: (o) => expect(o.stdout).toMatch(/北朝鮮兵/),
  },
  {
    category: 'store',
    name: 'a planted cache with a valid checksum and a header that is not JSON → lookup',
    setup: ({ memory }) => {
      mkdirSync(join(memory, '.cache'));
      const header = Buffer.from('{"fingerprint": [', 'utf8');
      const body = Buffer.concat([header, Buffer.alloc(8 - (header.length % 8))]);
      const head = Buffer.alloc(24);
      head.write('KIOKUIDX', 0, 'latin1');
      head.writeUInt32LE(4, 8);
      head.writeUInt32LE(header.length, 12);
      head.writeUInt32LE(crc32(body), 16);
      writeFileSync(join(memory, '.cache', 'index-v2.bin'), Buffer.concat([head, body]));
    },
    args: ['lookup', KREMLIN],
    exit: 0,
    why: 'a cache that passes its checksum but does not decode is not a cache either: rebuilt from the shards, never an error',
    check: (o) => expect(o.stdout).toMatch(FOUND),
  },

  // --- fsck: ids, unknown fields, characters no writer can carry -------------------------------------
  {
    category: 'store',
    name: 'a record whose content no longer matches its id (resealed) → memory fsck',
    setup: staleId,
    args: ['memory', 'fsck'],
    exit: 1,
    why: 'the id is a hash of the languages, document, segment and source: a record whose content gives another id was changed outside kioku (a re-import would not find it); fsck reports it (exit 1)',
    check: (o) =>
      expect(o.stdout).toMatch(
        /^memory\/ja_en\/units\.jsonl:2: id-mismatch: record [0-9a-f]{16}: its content gives the id [0-9a-f]{16} \(changed by hand or by another tool\); --fix gives it that id$/m,
      ),
  },
  {
    category: 'store',
    name: 'a record whose content no longer matches its id → memory fsck --fix re-ids it',
    setup: staleId,
    args: ['memory', 'fsck', '--fix'],
    exit: 0,
    why: 'the content is the record; the id is derived from it, so --fix gives the record the id its content gives (where an import of that segment looks for it), and the memory is clean afterwards',
    memory: ({ memory }) => {
      const r = openStore(memory).fsck();
      expect(r.ok && r.value.problems).toEqual([]);
      const content = openStore(memory).read();
      expect(content.ok && content.value.units).toHaveLength(58);
      expect(content.ok && content.value.units.some((u) => u.source.endsWith('（改訂）'))).toBe(true);
    },
  },
  {
    category: 'store',
    name: 'a record with a field this kioku does not know → lookup reads it',
    setup: unknownField,
    args: ['lookup', KREMLIN],
    exit: 0,
    why: 'a newer kioku may add fields: this one reads such records (the lookup answers) and only refuses to rewrite their file',
    check: (o) => expect(o.stdout).toMatch(FOUND),
  },
  {
    category: 'store',
    name: 'a record with a field this kioku does not know → import refuses to drop it',
    setup: unknownField,
    files: IMPORT_FILE,
    args: ['import', 'job.xlf'],
    exit: 2,
    error:
      /^kioku: error: memory\/ja_en\/units\.jsonl:3: record [0-9a-f]{16} holds fields this kioku does not know \(reviewer\): a newer kioku may have written them; this kioku reads the record but never rewrites its file, which would drop them; nothing was changed; upgrade kioku/,
  },
  {
    category: 'store',
    name: 'a record with a field this kioku does not know → memory fsck --fix refuses to drop it',
    setup: unknownField,
    args: ['memory', 'fsck', '--fix'],
    exit: 2,
    error:
      /^kioku: error: memory\/ja_en\/units\.jsonl:3: record [0-9a-f]{16} holds fields this kioku does not know \(reviewer\): .*; nothing was changed; upgrade kioku, or \(fields added by hand\) remove them and run kioku memory fsck --fix --accept-edits$/,
  },
  {
    category: 'store',
    name: 'a record holding ESC, which no XLIFF or TMX can carry → memory fsck',
    setup: escInTarget,
    args: ['memory', 'fsck'],
    exit: 1,
    why: 'a record the writers cannot carry makes `tmx export` and `export --memory` fail for the whole memory: fsck reports it with its line (exit 1)',
    check: (o) =>
      expect(o.stdout).toMatch(
        /^memory\/ja_en\/units\.jsonl:4: unwritable: record [0-9a-f]{16}: the target holds U\+001B at offset 0, which no XLIFF or TMX can carry$/m,
      ),
  },
  {
    category: 'store',
    name: 'a record holding ESC → memory fsck --fix removes it (saved aside)',
    setup: escInTarget,
    args: ['memory', 'fsck', '--fix'],
    exit: 0,
    why: '--fix removes the record (saved in .cache/ like a torn line), so the memory holds nothing it cannot write: a TMX of it can be written again',
    memory: ({ memory }) => {
      const content = openStore(memory).read();
      if (!content.ok) throw new Error(content.error.message);
      expect(content.value.units).toHaveLength(57);
      expect(writeTmx(content.value.units).ok).toBe(true);
      const saved = readdirSync(join(memory, '.cache')).filter((f) => f.startsWith('fsck-dropped-'));
      expect(saved).toHaveLength(1);
      expect(readFileSync(join(memory, '.cache', saved[0]!), 'utf8')).toMatch(/^ja_en\/units\.jsonl:4: \{"id":/);
    },
    check: (o) => expect(o.stdout).toMatch(/^dropped lines saved in memory\/\.cache\/fsck-dropped-/m),
  },
  {
    category: 'store',
    name: 'an aligned text holding ESC → align --import (the store refuses to hold it)',
    files: { 'a.txt': '猫が好きです。\u001b[2J犬も好きです。\n', 'b.txt': 'I like cats.\nI like dogs too.\n' },
    args: ['align', 'a.txt', 'b.txt', '--source-lang', 'ja', '--target-lang', 'en', '--import'],
    exit: 2,
    // Whatever reader let it through, the store never writes a record it could not export again.
    error:
      /^kioku: error: the source holds U\+001B at offset 0, which no XLIFF or TMX can carry: kioku does not store it \(unit [0-9a-f]+\); remove the character from the file and import again$/,
  },
];
