/**
 * The memory folder's layout, the journal schema and the path wall (src/io/layout.ts), the lock's
 * refusal of anything that is not a lock file, the cache checksum (src/memory/view.ts), and the
 * store's refusal to write a record no XLIFF or TMX can carry (issue 11).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  commitToken,
  guardPath,
  isLayoutStoreFile,
  isOwnTemp,
  layoutKind,
  MemoryPathRefused,
  stagedName,
  tempName,
  validateJournal,
  type PathOp,
} from '../../src/io/layout.js';
import { acquireLock } from '../../src/io/lock.js';
import { openStore } from '../../src/io/store.js';
import { checksum } from '../../src/memory/codec.js';
import { upsertUnits } from '../../src/memory/content.js';
import { buildIndex } from '../../src/memory/fuzzy-index.js';
import { encodeCache, staleMemoryFromCache } from '../../src/memory/view.js';
import type { MemoryContent, TranslationUnit } from '../../src/model.js';
import { unit } from './builders.js';
import { hash64 } from '../../src/segment/id.js';
import { hashOutside } from '../hostile/harness.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'kioku-layout-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SUM = '0123456789abcdef';

describe('the journal schema', () => {
  const token = '4242.lz1abcd';
  const rename = (path: string) => ({ path, staged: stagedName(path, token), sum: SUM });

  it('accepts exactly what a commit writes', () => {
    const t = commitToken();
    const journal = {
      token: t,
      files: [
        { path: 'ja_en/units-3f.jsonl', staged: stagedName('ja_en/units-3f.jsonl', t), sum: SUM },
        { path: 'ja_en/units.jsonl', remove: true },
        { path: 'en-US_ja/exports.jsonl', staged: stagedName('en-US_ja/exports.jsonl', t), sum: SUM },
      ],
    };
    expect(validateJournal(JSON.parse(JSON.stringify(journal)))).toEqual({ ok: true, journal });
    expect(stagedName('ja_en/units.jsonl', '1.x')).toBe('ja_en/.units.jsonl.1.x.new');
  });

  it.each([
    ['a path outside the memory', { token, files: [{ path: '../victim.txt', remove: true }] }, 'names ../victim.txt, which is not a file of this memory'],
    ['an absolute path', { token, files: [{ path: '/etc/passwd', remove: true }] }, 'names /etc/passwd, which is not a file of this memory'],
    ['a path through ..', { token, files: [{ path: 'ja_en/../../x/units.jsonl', remove: true }] }, 'which is not a file of this memory'],
    ['a pair folder that is not a pair of tags', { token, files: [{ path: '.._../units.jsonl', remove: true }] }, 'which is not a file of this memory'],
    [
      'a file of the pair that is not a store file',
      { token, files: [{ path: 'ja_en/notes.txt', remove: true }] },
      'names ja_en/notes.txt, which is not a file of this memory',
    ],
    ['the cache', { token, files: [{ path: '.cache/index-v2.bin', remove: true }] }, 'which is not a file of this memory'],
    ['a path that is not a string', { token, files: [{ path: 7, remove: true }] }, 'names 7, which is not a file of this memory'],
    [
      'a staged name in another folder',
      { token, files: [{ path: 'ja_en/units.jsonl', staged: `en_ja/.units.jsonl.${token}.new`, sum: SUM }] },
      "which is not kioku's temporary name for it",
    ],
    [
      'a staged name of another commit',
      { token, files: [{ path: 'ja_en/units.jsonl', staged: 'ja_en/.units.jsonl.1.other.new', sum: SUM }] },
      "which is not kioku's temporary name for it",
    ],
    [
      'another store file as the staged file',
      { token, files: [{ path: 'ja_en/units.jsonl', staged: 'ja_en/exports.jsonl', sum: SUM }] },
      "stages ja_en/units.jsonl from ja_en/exports.jsonl, which is not kioku's temporary name for it",
    ],
    [
      'a file of the user as the staged file',
      { token, files: [{ path: 'ja_en/units.jsonl', staged: 'ja_en/notes.txt' }] },
      "which is not kioku's temporary name for it",
    ],
    [
      'no checksum',
      { token, files: [{ path: 'ja_en/units.jsonl', staged: stagedName('ja_en/units.jsonl', token) }] },
      'has no valid checksum for ja_en/units.jsonl',
    ],
    ['a checksum that is not hex', { token, files: [{ ...rename('ja_en/units.jsonl'), sum: 'zz' }] }, 'has no valid checksum'],
    ['remove: false', { token, files: [{ path: 'ja_en/units.jsonl', remove: false }] }, 'neither a removal nor a rename'],
    ['a removal that also renames', { token, files: [{ ...rename('ja_en/units.jsonl'), remove: true }] }, 'neither a removal nor a rename'],
    [
      'a field kioku does not write',
      { token, files: [{ ...rename('ja_en/units.jsonl'), follow: true }] },
      'has an entry with a field kioku does not write (follow)',
    ],
    ['a top-level field kioku does not write', { token, files: [rename('ja_en/units.jsonl')], hook: 'x' }, 'has a field kioku does not write (hook)'],
    ['one path twice', { token, files: [rename('ja_en/units.jsonl'), { path: 'ja_en/units.jsonl', remove: true }] }, 'names ja_en/units.jsonl twice'],
    ['files that are not a list', { token, files: {} }, 'has no list of files'],
    ['an empty list of files', { token, files: [] }, 'has no list of files'],
    ['an entry that is not an object', { token, files: ['ja_en/units.jsonl'] }, 'lists ja_en/units.jsonl, which is not a file entry'],
    ['a token of another shape', { token: 'x', files: [{ path: 'ja_en/units.jsonl', remove: true }] }, 'has no valid token (x)'],
    ['a token with a slash', { token: '1.a/../b', files: [{ path: 'ja_en/units.jsonl', remove: true }] }, 'has no valid token'],
    ['not an object', [1, 2], 'is not a JSON object'],
    ['null', null, 'is not a JSON object'],
  ])('refuses %s', (_what, journal, problem) => {
    const r = validateJournal(journal);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toContain(problem);
  });

  it('a hostile value is quoted short in the error', () => {
    const r = validateJournal({ token, files: [{ path: `../${'a'.repeat(5000)}`, remove: true }] });
    expect(!r.ok && r.problem.length).toBeLessThan(200);
  });

  it('whatever a journal holds, what it lets through names only store files and their own staged names (fixed seed)', () => {
    const segment = fc.constantFrom(
      '..',
      '.',
      '',
      'ja_en',
      'en-US_ja',
      'ja_JP_en',
      '.cache',
      'units.jsonl',
      'units-3f.jsonl',
      'exports.jsonl',
      'index-v2.bin',
      '.units.jsonl.1.ab.new',
      'etc',
      '/',
      '\\',
      'victim.txt',
    );
    const pathArb = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((p) => p.join('/')),
      fc.string(),
      fc.constant('ja_en/units.jsonl'),
    );
    const tokenArb = fc.oneof(fc.constant(token), fc.constant('x'), fc.string(), fc.constant('1.ab'));
    const entryArb = fc.record(
      {
        path: pathArb,
        staged: fc.oneof(pathArb, fc.constant(undefined)),
        sum: fc.oneof(fc.constant(SUM), fc.string()),
        remove: fc.oneof(fc.boolean(), fc.constant(undefined), fc.integer()),
      },
      { requiredKeys: ['path'] },
    );
    fc.assert(
      fc.property(tokenArb, fc.array(entryArb, { maxLength: 4 }), (t, files) => {
        const r = validateJournal({ token: t, files });
        if (!r.ok) return;
        for (const f of r.journal.files) {
          expect(isLayoutStoreFile(f.path)).toBe(true);
          expect(f.path.split('/').some((p) => p === '..' || p === '.' || p === '')).toBe(false);
          if (f.staged !== undefined) expect(f.staged).toBe(stagedName(f.path, r.journal.token));
          else expect(f.remove).toBe(true);
        }
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
});

describe('the layout', () => {
  it("knows kioku's own temporary names and nobody else's", () => {
    const stamp = tempName('.journal');
    expect(stamp).toMatch(/^\.\.journal\.\d+\.[0-9a-z]+\.tmp$/);
    expect(isOwnTemp('', stamp)).toBe(true);
    expect(isOwnTemp('.cache', tempName('.cache/index-v2.bin').slice('.cache/'.length))).toBe(true);
    expect(isOwnTemp('ja_en', stagedName('ja_en/units.jsonl', commitToken()).slice('ja_en/'.length))).toBe(true);
    expect(isOwnTemp('ja_en', '.units-0a.jsonl.4242.lz1abcd.new', '4242.lz1abcd')).toBe(true);
    expect(isOwnTemp('ja_en', '.units-0a.jsonl.4242.lz1abcd.new', '4242.other')).toBe(false);
    for (const name of [
      '.review-notes.tmp',
      '.units.jsonl.tmp',
      '.units.jsonl.bak.new',
      '.notes.txt.4242.abc.new',
      '.units.jsonl.4242.ABC.new',
      '..journal.tmp',
      '.journal.123.tmp',
    ]) {
      expect(isOwnTemp('ja_en', name) || isOwnTemp('', name), name).toBe(false);
    }
  });

  it('places every name kioku uses, and nothing else', () => {
    expect(layoutKind('ja_en/units.jsonl')).toBe('store-file');
    expect(layoutKind('en-US_ja/units-ff.jsonl')).toBe('store-file');
    expect(layoutKind('ja_en')).toBe('pair-dir');
    expect(layoutKind('.lock')).toBe('lock');
    expect(layoutKind('.lock.break')).toBe('lock');
    expect(layoutKind('.journal')).toBe('journal');
    expect(layoutKind('.cache')).toBe('cache-dir');
    expect(layoutKind('.cache/index-v2.bin')).toBe('cache-file');
    expect(layoutKind('.cache/fsck-dropped-2026-01-01T00-00-00-000Z.txt')).toBe('cache-file');
    expect(layoutKind('.gitignore')).toBe('git-setup');
    for (const p of [
      '../victim.txt',
      '/etc/passwd',
      'ja_en/../en_ja/units.jsonl',
      './ja_en/units.jsonl',
      'ja_en//units.jsonl',
      'ja_en/units.jsonl/',
      'ja_en/notes.txt',
      'ja_en/sub/units.jsonl',
      'ja_JP_en/units.jsonl',
      'ja.x_en/units.jsonl',
      'README.md',
      '.git/config',
      'ja_en\\units.jsonl',
      '.cache/../.journal',
      '',
    ]) {
      expect(layoutKind(p), p).toBeUndefined();
    }
  });
});

describe('the wall', () => {
  const root = () => join(dir, 'memory');
  beforeEach(() => {
    mkdirSync(join(dir, 'memory', 'ja_en'), { recursive: true });
    mkdirSync(join(dir, 'elsewhere', 'ja_en'), { recursive: true });
    writeFileSync(join(dir, 'memory', 'ja_en', 'units.jsonl'), '');
  });
  const refused = (rel: string, op: PathOp) => {
    try {
      guardPath(fs, root(), rel, op);
    } catch (e) {
      if (e instanceof MemoryPathRefused) return e.reason;
      throw e;
    }
    return undefined;
  };

  it('lets the store do what it does to its own files', () => {
    expect(guardPath(fs, root(), 'ja_en/units.jsonl', 'rename-to')).toBe(join(root(), 'ja_en/units.jsonl'));
    expect(refused('ja_en/.units.jsonl.1.ab.new', 'create')).toBeUndefined();
    expect(refused('ja_en/units.jsonl', 'delete')).toBeUndefined();
    expect(refused('en_ja', 'mkdir')).toBeUndefined();
    expect(refused('ja_en', 'mkdir')).toBeUndefined();
    expect(refused('.lock', 'create')).toBeUndefined();
    expect(refused('.journal', 'rename-to')).toBeUndefined();
  });

  it('refuses what is not in the layout, or not done to such a file', () => {
    expect(refused('../victim.txt', 'delete')).toBe('not a file of the memory layout');
    expect(refused(join(dir, 'elsewhere', 'ja_en', 'units.jsonl'), 'rename-to')).toBe('not a file of the memory layout');
    expect(refused('ja_en/notes.txt', 'create')).toBe('not a file of the memory layout');
    expect(refused('ja_en/units.jsonl', 'create')).toMatch(/never does that/);
    expect(refused('ja_en', 'delete')).toMatch(/never does that to a pair folder/);
    expect(refused('.gitignore', 'delete')).toMatch(/never does that/);
  });

  it('refuses links and non-folders on the way, and links, FIFOs and folders as the entry', () => {
    symlinkSync(join(dir, 'elsewhere', 'ja_en'), join(root(), 'en_ja'));
    expect(refused('en_ja/units.jsonl', 'rename-to')).toBe('en_ja is a symbolic link, not a folder');
    expect(refused('en_ja/.units.jsonl.1.ab.new', 'create')).toBe('en_ja is a symbolic link, not a folder');
    expect(refused('en_ja', 'mkdir')).toBe('it is a symbolic link');
    writeFileSync(join(root(), 'de_en'), 'a file');
    expect(refused('de_en/units.jsonl', 'rename-to')).toBe('de_en is a regular file, not a folder');
    symlinkSync('/etc/passwd', join(root(), 'ja_en', 'exports.jsonl'));
    expect(refused('ja_en/exports.jsonl', 'delete')).toBe('it is a symbolic link');
    mkdirSync(join(root(), 'ja_en', 'units-00.jsonl'));
    expect(refused('ja_en/units-00.jsonl', 'rename-to')).toBe('it is a folder');
    spawnSync('mkfifo', [join(root(), '.journal')]);
    expect(refused('.journal', 'rename-to')).toBe('it is a FIFO');
    mkdirSync(join(root(), '.cache'));
    symlinkSync(join(dir, 'elsewhere'), join(root(), '.cache', 'index-v2.bin'));
    expect(refused('.cache/index-v2.bin', 'rename-to')).toBe('it is a symbolic link');
  });

  it('whatever the path, a path it lets through resolves inside the memory (fixed seed)', () => {
    symlinkSync(join(dir, 'elsewhere', 'ja_en'), join(root(), 'en_ja'));
    symlinkSync(join(dir, 'elsewhere'), join(root(), '.cache'));
    const segment = fc.constantFrom(
      '..',
      '.',
      '',
      'ja_en',
      'en_ja',
      '.cache',
      'units.jsonl',
      'exports.jsonl',
      'index-v2.bin',
      '.lock',
      '.journal',
      'elsewhere',
      dir.slice(1),
    );
    const ops: PathOp[] = ['create', 'rename-to', 'rename-from', 'delete', 'mkdir'];
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.constantFrom(...ops), (parts, absolute, op) => {
        const rel = (absolute ? '/' : '') + parts.join('/');
        let abs: string;
        try {
          abs = guardPath(fs, root(), rel, op);
        } catch (e) {
          if (e instanceof MemoryPathRefused) return;
          throw e;
        }
        const inside = relative(realpathSync(root()), abs);
        expect(inside.startsWith('..') || isAbsolute(inside)).toBe(false);
        // Nothing on the way is a link.
        const steps = inside.split('/');
        for (let i = 1; i < steps.length; i++) expect(fs.lstatSync(join(root(), ...steps.slice(0, i))).isSymbolicLink()).toBe(false);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
});

describe('the store behind the wall', () => {
  it('refuses to write units whose languages would make a folder outside the layout, whatever the caller', () => {
    const mem = join(dir, 'project', 'memory');
    const store = openStore(mem, { displayDir: 'memory' });
    expect(store.update((c) => ({ ok: true, value: upsertUnits(c, [unit('一つ目。', 'One.')]) })).ok).toBe(true);
    for (const [src, tgt] of [
      ['../../victim', 'en'],
      ['ja', 'en/../../../x'],
      ['ja_JP', 'en'],
      ['/tmp/x', 'en'],
      ['ja', '.cache'],
    ]) {
      const r = store.update((c) => ({ ok: true, value: upsertUnits(c, [unit('二つ目。', 'Two.', { src, tgt })]) }));
      expect(r.ok, `${src} → ${tgt}`).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/^refusing to write .* in the memory: (not a file of the memory layout|.* is a regular file, not a folder)/);
    }
    expect(fs.readdirSync(join(dir, 'project')).sort()).toEqual(['memory']);
    expect(fs.readdirSync(dir).sort()).toEqual(['project']);
    expect(fs.readdirSync(mem).sort()).toEqual(['.gitattributes', '.gitignore', 'ja_en']);
    expect(fs.readdirSync(join(mem, 'ja_en'))).toEqual(['units.jsonl']);
  });
});

describe('the lock', () => {
  it('refuses a folder, a FIFO or a link where the lock belongs at once, whatever the timeout', () => {
    const mem = join(dir, 'memory');
    mkdirSync(mem);
    const cases: Array<[string, () => void, RegExp]> = [
      ['.lock', () => mkdirSync(join(mem, '.lock')), /the lock is a folder/],
      ['.lock', () => spawnSync('mkfifo', [join(mem, '.lock')]), /the lock is a FIFO/],
      ['.lock', () => symlinkSync('/dev/null', join(mem, '.lock')), /the lock is a symbolic link/],
      ['.lock.break', () => mkdirSync(join(mem, '.lock.break')), /the lock is a folder/],
    ];
    for (const [name, plant, message] of cases) {
      plant();
      const started = Date.now();
      const r = acquireLock(mem, { timeoutMs: 60_000, displayDir: 'memory' });
      expect(Date.now() - started).toBeLessThan(30_000); // not the 60 s timeout (no timings asserted beyond that)
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'lock', file: `memory/${name}`, message: expect.stringMatching(message) });
      rmSync(join(mem, name), { recursive: true, force: true });
    }
    const taken = acquireLock(mem);
    expect(taken.ok).toBe(true);
    if (taken.ok) taken.value.release();
  });
});

describe('the cache checksum', () => {
  const content: MemoryContent = upsertUnits(
    { units: [], exports: [] },
    Array.from({ length: 40 }, (_, i) => unit(`${i}番目の文です。`, `Sentence ${i}.`, { seg: `s${i}` })),
  ).content;
  const bytes = () => Buffer.from(encodeCache(content, buildIndex(content.units), 'fp'));

  it('maps back an intact cache', () => {
    const m = staleMemoryFromCache(bytes());
    expect(m?.fingerprint).toBe('fp');
    expect(m?.memory.size).toBe(40);
    expect(m?.memory.unit(3)).toEqual(content.units[3]);
  });

  it('is not a cache once any byte changed (every byte of the file), cut short, or of another version', () => {
    const good = bytes();
    for (let at = 0; at < good.length; at++) {
      const b = Buffer.from(good);
      b.writeUInt8(b.readUInt8(at) ^ 0x20, at);
      expect(staleMemoryFromCache(b), `byte ${at} changed`).toBeUndefined();
    }
    expect(staleMemoryFromCache(good.subarray(0, good.length - 8))).toBeUndefined();
    expect(staleMemoryFromCache(good.subarray(0, 10))).toBeUndefined();
    const v3 = Buffer.from(good);
    v3.writeUInt32LE(3, 8);
    expect(staleMemoryFromCache(v3)).toBeUndefined();
  });
});

describe('records no writer can carry', () => {
  const reseal = (line: string, edit: (r: Record<string, unknown>) => Record<string, unknown>) => {
    const { sum: _s, ...r } = JSON.parse(line) as Record<string, unknown>;
    const body = JSON.stringify(edit(r));
    return `${body.slice(0, -1)},"sum":"${checksum(body)}"}`;
  };
  const add = (units: TranslationUnit[]) => (c: MemoryContent) => ({ ok: true as const, value: upsertUnits(c, units) });

  it('the store refuses to write a new one, and carries one already stored (fsck removes it)', () => {
    const mem = join(dir, 'memory');
    expect(openStore(mem).update(add([unit('一つ目。', 'One.', { seg: 'a' })])).ok).toBe(true);
    const refused = openStore(mem).update(add([unit('二つ目。', 'Two\u0000.', { seg: 'b' })]));
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error).toMatchObject({
        code: 'content',
        unit: 'b',
        message: expect.stringMatching(/^the target holds U\+0000 at offset 3, which no XLIFF or TMX can carry/),
      });
    const path = join(mem, 'ja_en', 'units.jsonl');
    writeFileSync(path, reseal(readFileSync(path, 'utf8').trimEnd(), (r) => ({ ...r, target: 'One\u001b.' })) + '\n');
    expect(openStore(mem).update(add([unit('三つ目。', 'Three.', { seg: 'c' })])).ok).toBe(true);
    const report = openStore(mem).fsck();
    expect(report.ok && report.value.problems.map((p) => p.kind)).toEqual(['unwritable']);
    expect(openStore(mem).fsck({ fix: true }).ok).toBe(true);
    const after = openStore(mem).read();
    expect(after.ok && after.value.units.map((u) => u.target)).toEqual(['Three.']);
  });
});

describe('an untrusted memory folder never changes anything outside it (fuzz, fixed seed)', () => {
  // Mutants of journals and store layouts, each run against every store operation in-process (the
  // hostile suite runs the same attacks through the CLI). Whatever the mutant, nothing outside
  // `project/memory` may be created, changed or deleted, and every operation returns a Result.
  it('300 mutants × load, read, update, updateSelected, fsck --fix', () => {
    const template = join(dir, 'template');
    const seedUnits = [
      unit('一つ目の文。', 'One.', { seg: 'a' }),
      unit('二つ目の文。', 'Two.', { seg: 'b' }),
      unit('Third.', '三つ目。', { seg: 'c', src: 'en', tgt: 'ja' }),
    ];
    expect(openStore(template).update((c) => ({ ok: true, value: upsertUnits(c, seedUnits) })).ok).toBe(true);
    let run = 0;
    const mutation = fc.constantFrom(
      'journal',
      'journal-bytes',
      'link-pair',
      'file-pair',
      'link-shard',
      'dir-shard',
      'fifo-shard',
      'lock-dir',
      'lock-link',
      'cache-link',
      'cache-file-link',
      'staged-link',
      'temp-link',
    );
    const pick = fc.nat();
    fc.assert(
      fc.property(fc.array(fc.tuple(mutation, pick, pick, pick), { minLength: 1, maxLength: 3 }), fc.string({ maxLength: 40 }), (mutations, noise) => {
        const parent = join(dir, `run-${run++}`);
        const mem = join(parent, 'project', 'memory');
        const neighbour = join(parent, 'neighbour', 'memory');
        fs.cpSync(template, mem, { recursive: true });
        fs.cpSync(template, neighbour, { recursive: true });
        const victim = join(parent, 'project', 'victim.txt');
        writeFileSync(victim, 'mine\n');
        const victimSum = hash64('mine\n');
        const token = '4242.lz1abcd';
        const paths = [
          '../victim.txt',
          victim,
          join(neighbour, 'ja_en', 'units.jsonl'),
          'ja_en/units.jsonl',
          'en_ja/units.jsonl',
          'ja_en/exports.jsonl',
          '../../neighbour/memory/ja_en/units.jsonl',
          'ja_en/../../victim.txt',
          '.cache/index-v2.bin',
          'ja_en',
        ];
        const at = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
        const put = (rel: string, make: (p: string) => void) => {
          const p = join(mem, rel);
          rmSync(p, { recursive: true, force: true });
          make(p);
        };
        for (const [m, a, b, c] of mutations) mutate(m, a, b, c);
        function mutate(m: string, a: number, b: number, c: number): void {
          try {
            apply(m, a, b, c);
          } catch {
            // a mutant an earlier one made impossible (a folder where a file now is…)
          }
        }
        function apply(m: string, a: number, b: number, c: number): void {
          if (m === 'journal') {
            const path = at(paths, a);
            const staged = at([stagedName(path, token), 'ja_en/notes.txt', '../victim.txt', victim, undefined], b);
            if (typeof staged === 'string' && !staged.startsWith('/') && !staged.includes('..')) {
              try {
                mkdirSync(join(mem, staged, '..'), { recursive: true });
                put(staged, (p) => writeFileSync(p, at(['mine\n', '{"not":"a shard"}\n'], c)));
              } catch {
                // a path the mutant made impossible
              }
            }
            const entry = {
              path,
              ...(staged !== undefined ? { staged } : {}),
              ...at([{ sum: victimSum }, { sum: SUM }, {}, { remove: true }, { remove: false }], c),
            };
            put('.journal', (p) =>
              writeFileSync(p, JSON.stringify({ token: at([token, 'x', '1.ab/..'], a + b), files: at([[entry], entry, [entry, entry]], c) })),
            );
          } else if (m === 'journal-bytes') put('.journal', (p) => writeFileSync(p, noise));
          else if (m === 'link-pair') put('ja_en', (p) => symlinkSync(join(neighbour, 'ja_en'), p));
          else if (m === 'file-pair') put('ja_en', (p) => writeFileSync(p, noise));
          else if (m === 'link-shard') put('ja_en/units.jsonl', (p) => symlinkSync(at([join(neighbour, 'ja_en', 'units.jsonl'), victim, '/dev/zero'], a), p));
          else if (m === 'dir-shard') put(at(['en_ja/units.jsonl', 'ja_en/exports.jsonl'], a), (p) => mkdirSync(p));
          else if (m === 'fifo-shard') put(at(['ja_en/units.jsonl', '.journal', '.lock', '.cache'], a), (p) => spawnSync('mkfifo', [p]));
          else if (m === 'lock-dir') put(at(['.lock', '.lock.break'], a), (p) => mkdirSync(p));
          else if (m === 'lock-link') put(at(['.lock', '.lock.break'], a), (p) => symlinkSync(victim, p));
          else if (m === 'cache-link') put('.cache', (p) => symlinkSync(at([neighbour, join(neighbour, 'ja_en'), join(parent, 'project')], a), p));
          else if (m === 'cache-file-link') {
            mkdirSync(join(mem, '.cache'), { recursive: true });
            put('.cache/index-v2.bin', (p) => symlinkSync(at([victim, join(neighbour, 'ja_en', 'units.jsonl')], a), p));
          } else if (m === 'staged-link') {
            const path = at(['ja_en/units.jsonl', 'en_ja/units.jsonl'], a);
            put(stagedName(path, token), (p) => symlinkSync(victim, p));
            put('.journal', (p) => writeFileSync(p, JSON.stringify({ token, files: [{ path, staged: stagedName(path, token), sum: victimSum }] })));
          } else if (m === 'temp-link')
            put(at(['ja_en/.units.jsonl.1.ab.new', '..journal.1.ab.tmp', '.cache/.index-v2.bin.1.ab.tmp'], a), (p) => {
              mkdirSync(join(p, '..'), { recursive: true });
              symlinkSync(victim, p);
            });
        }
        const skip = (rel: string) => rel === 'project/memory';
        const before = hashOutside(parent, skip);
        const store = () => openStore(mem, { lockTimeoutMs: 50, displayDir: 'memory' });
        const fresh = unit('新しい文。', 'New.', { seg: 'n' });
        const results = [
          store().load(),
          store().read(),
          store().update((cnt) => ({ ok: true, value: upsertUnits(cnt, [fresh]) })),
          store().updateSelected(() => ({ ok: true, value: { units: [fresh], apply: (cnt) => ({ ok: true, value: upsertUnits(cnt, [fresh]) }) } })),
          store().fsck({ fix: true, dropEdits: true }),
        ];
        for (const r of results) expect(typeof r.ok).toBe('boolean');
        expect(hashOutside(parent, skip), JSON.stringify(mutations)).toBe(before);
        expect(readFileSync(victim, 'utf8')).toBe('mine\n');
        rmSync(parent, { recursive: true, force: true });
      }),
      { seed: 11, numRuns: 300 },
    );
  }, 120_000);
});
