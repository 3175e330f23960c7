import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { openStore, JOURNAL_FILE } from '../../src/io/store.js';
import { acquireLock } from '../../src/io/lock.js';
import { upsertUnits, recordExport, lastRevision, layoutStore, parseStore, lookup, search as searchMemory } from '../../src/memory/index.js';
import { segment } from '../../src/segment/index.js';
import type { MemoryContent, TranslationUnit } from '../../src/model.js';
import { unit } from './builders.js';
import { kioku } from '../support/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioku-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const add = (units: TranslationUnit[]) => (c: MemoryContent) => ({ ok: true as const, value: upsertUnits(c, units) });

const many = (n: number, prefix = '文') => Array.from({ length: n }, (_, i) => unit(`${prefix}${i}番目の文です。`, `Sentence ${i}.`, { seg: `seg${i}` }));

describe('store', () => {
  it("creates a new memory with the repository's memory/.gitattributes and .gitignore (the merge driver and the derived files)", () => {
    expect(openStore(join(dir, 'memory')).update(add(many(1))).ok).toBe(true);
    const root = fileURLToPath(new URL('../../memory/', import.meta.url));
    for (const name of ['.gitattributes', '.gitignore']) expect(readFileSync(join(dir, 'memory', name), 'utf8')).toBe(readFileSync(join(root, name), 'utf8'));
  });
  it('writes sorted, checksummed, deterministic shards and reads them back', () => {
    const store = openStore(join(dir, 'memory'));
    const units = many(5);
    expect(store.update(add(units))).toMatchObject({ ok: true, value: { written: true, report: { added: units } } });
    const text = readFileSync(join(dir, 'memory/ja_en/units.jsonl'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect([...lines].sort()).toEqual(lines);
    expect(lines[0]).toMatch(/^\{"id":"[0-9a-f]{16}","src":"ja","tgt":"en","source":".*","sum":"[0-9a-f]{8}"\}$/);
    const read = store.read();
    expect(read.ok && read.value.units.length).toBe(5);
    // Unchanged content is not rewritten.
    const again = store.update(add(units));
    expect(again.ok && again.value.written).toBe(false);
  });

  it('shards a large pair by id prefix', () => {
    const content = upsertUnits({ units: [], exports: [] }, many(30)).content;
    const files = layoutStore(content, 10);
    expect([...files.keys()].every((p) => /^ja_en\/units-[0-9a-f]{2}\.jsonl$/.test(p))).toBe(true);
    const parsed = parseStore([...files].map(([path, text]) => ({ path, text })));
    expect(parsed.problems).toEqual([]);
    expect(parsed.content.units).toEqual(content.units);
  });

  it('records exported revisions (what DIFF and import compare with)', () => {
    const store = openStore(join(dir, 'memory'));
    const revision = segment('一つ目の文。二つ目の文。\n\n三つ目。', { lang: 'ja' });
    const { collisions: _c, ...rev } = revision;
    store.update((c) => ({
      ok: true,
      value: {
        content: recordExport(c, { document: 'a.txt', sourceLang: 'ja', targetLang: 'en', exported: '2026-01-01T00:00:00Z', revision: rev }),
        report: null,
      },
    }));
    const read = store.read();
    expect(read.ok && lastRevision(read.value, 'a.txt')).toEqual(rev);
  });

  it('reports torn lines, bad checksums, conflict markers and duplicates with file:line', () => {
    const store = openStore(join(dir, 'memory'), { displayDir: 'memory' });
    store.update(add(many(3)));
    const path = join(dir, 'memory/ja_en/units.jsonl');
    const good = readFileSync(path, 'utf8');
    const lines = good.trimEnd().split('\n');
    const cases: Array<[string, RegExp]> = [
      [good + lines[0]!.slice(0, 30), /memory\/ja_en\/units\.jsonl:4.*incomplete last line/],
      [good.replace('Sentence 1.', 'Sentence one.'), /units\.jsonl:\d: .*checksum mismatch/],
      [`<<<<<<< HEAD\n${lines[0]}\n=======\n${lines[1]}\n>>>>>>> other\n`, /units\.jsonl:1: .*conflict marker/],
      [`${good}${lines[0]}\n`, /units\.jsonl:4: .*duplicate id/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(path, text);
      const r = store.load();
      expect(r.ok).toBe(false);
      if (!r.ok) expect(`${r.error.file}:${r.error.line}: ${r.error.message}`).toMatch(message);
    }
    // A duplicate in another file (a bad merge put a record in a shard of its own): loading parses
    // file by file, and still finds it.
    writeFileSync(path, good);
    writeFileSync(join(dir, 'memory/ja_en/units-00.jsonl'), `${lines[1]}\n`);
    const r = store.load();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.error.file}:${r.error.line}: ${r.error.message}`).toMatch(/units\.jsonl:2: .*duplicate id .*units-00\.jsonl:1/);
  });

  it('refuses a shard over the size limit before reading it, and names a shard that is not UTF-8 with the byte offset', () => {
    const path = join(dir, 'memory/ja_en/units.jsonl');
    openStore(join(dir, 'memory')).update(add(many(20)));
    const size = statSync(path).size;
    const capped = openStore(join(dir, 'memory'), { displayDir: 'memory', maxShardBytes: size - 1 });
    const r = capped.load();
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(`${r.error.file}: ${r.error.message}`).toBe(
        `memory/ja_en/units.jsonl: the shard is ${size} bytes, over the ${size - 1}-byte limit for one shard (kioku never writes shards that large)`,
      );
    expect(openStore(join(dir, 'memory'), { maxShardBytes: size }).load().ok).toBe(true);
    const bytes = readFileSync(path);
    writeFileSync(path, Buffer.concat([bytes.subarray(0, 50), Buffer.from([0xc3]), bytes.subarray(51)]));
    const bad = openStore(join(dir, 'memory'), { displayDir: 'memory' }).load();
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(`${bad.error.file}: ${bad.error.message}`).toBe('memory/ja_en/units.jsonl: the shard is not valid UTF-8 (byte offset 50)');
  });
  it('fsck --fix resolves conflict markers and duplicates, keeps hand edits only when asked', async () => {
    const mem = join(dir, 'memory');
    openStore(mem).update(add(many(3)));
    const path = join(mem, 'ja_en/units.jsonl');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, `<<<<<<< HEAD\n${lines[0]}\n${lines[2]}\n=======\n${lines[1]}\n${lines[2]}\n>>>>>>> b\n`);
    const check = await kioku(['memory', 'fsck', '--memory', mem]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/conflict/);
    const fix = await kioku(['memory', 'fsck', '--fix', '--memory', mem]);
    expect(fix.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(lines.join('\n') + '\n');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Sentence 1.', 'Sentence one.'));
    const blocked = await kioku(['memory', 'fsck', '--fix', '--memory', mem]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/--accept-edits/);
    expect((await kioku(['memory', 'fsck', '--fix', '--accept-edits', '--memory', mem])).code).toBe(0);
    const r = openStore(mem).read();
    expect(r.ok && r.value.units.map((u) => u.target)).toContain('Sentence one.');
    expect((await kioku(['memory', 'fsck', '--memory', mem])).stdout).toMatch(/clean/);
  });

  it('a partial update (import, export record) reads only the shards of the units it names', () => {
    const mem = join(dir, 'memory');
    const base = many(10_050);
    expect(openStore(mem).update(add(base)).ok).toBe(true);
    const shards = readdirSync(join(mem, 'ja_en')).filter((f) => f.startsWith('units-'));
    expect(shards.length).toBeGreaterThan(200);
    const fresh = unit('新しい文です。', 'A new sentence.', { seg: 'new' });
    const changed = { ...base[7]!, target: 'Changed.', provenance: { ...base[7]!.provenance, changed: '2026-02-01T00:00:00Z' } };
    const read: string[] = [];
    const spy = {
      ...fs,
      readFileSync: ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
        read.push(String(path));
        return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
      }) as typeof fs.readFileSync,
    };
    const before = snapshotTree(mem);
    const r = openStore(mem, { fs: spy }).updateSelected((exports) => {
      expect(exports).toEqual([]);
      return { ok: true, value: { units: [fresh, changed], apply: (c) => ({ ok: true, value: upsertUnits(c, [fresh, changed]) }) } };
    });
    expect(r).toMatchObject({ ok: true, value: { written: true } });
    const shardReads = read.filter((p) => /units-[0-9a-f]{2}\.jsonl$/.test(p)).map((p) => p.slice(-14, -6));
    expect(new Set(shardReads)).toEqual(new Set([`units-${fresh.id.slice(0, 2)}`, `units-${changed.id.slice(0, 2)}`]));
    // Only those shards changed, and the store is what a full update would have written.
    const after = snapshotTree(mem);
    const differing = Object.keys(after).filter((k) => after[k] !== before[k] && !k.includes('.cache'));
    expect(differing.sort()).toEqual([...new Set([`/ja_en/units-${fresh.id.slice(0, 2)}.jsonl`, `/ja_en/units-${changed.id.slice(0, 2)}.jsonl`])].sort());
    const full = upsertUnits({ units: base, exports: [] }, [fresh, changed]).content;
    for (const [path, text] of layoutStore(full)) expect(readFileSync(join(mem, path), 'utf8')).toBe(text);
    const check = openStore(mem).fsck();
    expect(check.ok && check.value.problems).toEqual([]);
    // An export record reads and writes the export records only.
    read.length = 0;
    const revision = segment('新しい文です。', { lang: 'ja' });
    const rec = openStore(mem, { fs: spy }).updateSelected(() => ({
      ok: true,
      value: {
        units: [],
        apply: (c) => ({
          ok: true,
          value: {
            content: recordExport(c, { document: 'new.txt', sourceLang: 'ja', targetLang: 'en', exported: '2026-02-01T00:00:00Z', revision }),
            report: null,
          },
        }),
      },
    }));
    expect(rec.ok).toBe(true);
    expect(read.filter((p) => p.endsWith('.jsonl'))).toEqual([]);
    const content = openStore(mem).read();
    expect(content.ok && lastRevision(content.value, 'new.txt')?.segments).toHaveLength(1);
    // With export records on disk, each file in scope is read once (the records are planned from).
    read.length = 0;
    const again = { ...fresh, target: 'A newer sentence.', provenance: { ...fresh.provenance, changed: '2026-02-02T00:00:00Z' } };
    const second = openStore(mem, { fs: spy }).updateSelected((exports) => {
      expect(exports).toHaveLength(1);
      return { ok: true, value: { units: [again], apply: (c) => ({ ok: true, value: upsertUnits(c, [again]) }) } };
    });
    expect(second).toMatchObject({ ok: true, value: { written: true } });
    expect(read.filter((p) => p.endsWith('.jsonl')).map((p) => p.slice(p.indexOf('ja_en')))).toEqual([
      'ja_en/exports.jsonl',
      `ja_en/units-${fresh.id.slice(0, 2)}.jsonl`,
    ]);
    const after2 = openStore(mem).read();
    expect(after2.ok && after2.value.exports).toHaveLength(1);
    expect(after2.ok && after2.value.units.find((u) => u.id === fresh.id)?.target).toBe('A newer sentence.');
  });

  it('after a partial update, loading reuses the cache for the other shards and indexes the changed ones beside it', () => {
    const mem = join(dir, 'memory');
    const base = many(10_050);
    expect(openStore(mem).update(add(base)).ok).toBe(true);
    expect(openStore(mem).load().ok).toBe(true); // writes the cache
    const fresh = unit('新しい文です。', 'A new sentence.', { seg: 'new' });
    const changed = { ...base[7]!, target: 'Changed.', provenance: { ...base[7]!.provenance, changed: '2026-02-01T00:00:00Z' } };
    expect(
      openStore(mem).updateSelected(() => ({
        ok: true,
        value: { units: [fresh, changed], apply: (c) => ({ ok: true, value: upsertUnits(c, [fresh, changed]) }) },
      })).ok,
    ).toBe(true);
    const revision = segment('新しい文です。', { lang: 'ja' });
    expect(
      openStore(mem).updateSelected(() => ({
        ok: true,
        value: {
          units: [],
          apply: (c) => ({
            ok: true,
            value: {
              content: recordExport(c, { document: 'new.txt', sourceLang: 'ja', targetLang: 'en', exported: '2026-02-01T00:00:00Z', revision }),
              report: null,
            },
          }),
        },
      })).ok,
    ).toBe(true);
    const read: string[] = [];
    const spy = {
      ...fs,
      readFileSync: ((path: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
        read.push(String(path));
        return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
      }) as typeof fs.readFileSync,
    };
    const loaded = openStore(mem, { fs: spy }).load();
    if (!loaded.ok) throw new Error(loaded.error.message);
    const memory = loaded.value;
    expect(memory.overlay).toBeDefined();
    expect(read.filter((p) => p.endsWith('.jsonl')).map((p) => p.slice(p.indexOf('ja_en')))).toEqual(
      [...new Set([`ja_en/exports.jsonl`, `ja_en/units-${changed.id.slice(0, 2)}.jsonl`, `ja_en/units-${fresh.id.slice(0, 2)}.jsonl`])].sort(),
    );
    // The same memory as a full rebuild: same units, lookups, concordance and exports.
    expect(memory.size).toBe(10_051);
    const ids = new Set(Array.from({ length: memory.size }, (_, i) => memory.id(i)));
    expect(ids.size).toBe(10_051);
    expect(Array.from({ length: memory.size }, (_, i) => memory.unit(i)).find((u) => u.id === changed.id)?.target).toBe('Changed.');
    expect(lookup(memory, { source: fresh.source }).map((m) => [m.score, m.unit.target])).toEqual([[100, 'A new sentence.']]);
    const exact = lookup(memory, { source: changed.source }, { limit: 50 });
    expect(exact.filter((m) => m.score >= 100).map((m) => m.unit.target)).toEqual(['Changed.']);
    expect(exact.some((m) => m.unit.target === base[7]!.target)).toBe(false);
    const fuzzy = lookup(memory, { source: `${changed.source.slice(0, -1)}ね。` }, { threshold: 70, limit: 50 });
    expect(fuzzy.some((m) => m.unit.id === changed.id && m.unit.target === 'Changed.')).toBe(true);
    expect(fuzzy.some((m) => m.unit.target === base[7]!.target)).toBe(false);
    expect(searchMemory(memory, 'Changed.').hits.map((h) => h.unit.id)).toEqual([changed.id]);
    const listed = searchMemory(memory, '番目の文です', { limit: 3 });
    expect(listed.total).toBe(10_050);
    expect(listed.hits.map((h) => h.unit.id)).toEqual(
      [...base]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, 3)
        .map((u) => u.id),
    );
    expect(lastRevision(memory, 'new.txt')?.segments).toHaveLength(1);
    rmSync(join(mem, '.cache'), { recursive: true });
    const full = openStore(mem).load();
    if (!full.ok) throw new Error(full.error.message);
    expect(full.value.overlay).toBeUndefined();
    const all = (m: typeof memory) => Array.from({ length: m.size }, (_, i) => `${m.id(i)} ${m.unit(i).target}`).sort();
    expect(all(memory)).toEqual(all(full.value));
  });

  it('an overlay also covers a small pair rewritten whole, and a pair that became sharded', () => {
    const mem = join(dir, 'memory');
    const big = many(10_050);
    const small = Array.from({ length: 20 }, (_, i) => unit(`Sentence number ${i}.`, `${i}番目の文。`, { src: 'en', tgt: 'ja', seg: `e${i}` }));
    expect(openStore(mem).update(add([...big, ...small])).ok).toBe(true);
    expect(openStore(mem).load().ok).toBe(true);
    const changed = { ...small[3]!, target: '変更。' };
    expect(
      openStore(mem).updateSelected(() => ({ ok: true, value: { units: [changed], apply: (c) => ({ ok: true, value: upsertUnits(c, [changed]) }) } })).ok,
    ).toBe(true);
    const loaded = openStore(mem).load();
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.overlay).toBeDefined();
    expect(loaded.value.size).toBe(10_070);
    expect(
      lookup(loaded.value, { source: changed.source, sourceLang: 'en' })
        .filter((m) => m.score >= 100)
        .map((m) => m.unit.target),
    ).toEqual(['変更。']);
    expect(searchMemory(loaded.value, 'Sentence number', { sourceLang: 'en' }).total).toBe(20);
    expect(searchMemory(loaded.value, '番目の文です', { sourceLang: 'en' }).total).toBe(0);
  });

  it('a partial update of a small pair rewrites it whole, and shards it when it grows past the limit', () => {
    const mem = join(dir, 'memory');
    expect(openStore(mem).update(add(many(9_990))).ok).toBe(true);
    expect(existsSync(join(mem, 'ja_en/units.jsonl'))).toBe(true);
    const extra = many(20, '追加');
    const r = openStore(mem).updateSelected(() => ({ ok: true, value: { units: extra, apply: (c) => ({ ok: true, value: upsertUnits(c, extra) }) } }));
    expect(r.ok).toBe(true);
    expect(existsSync(join(mem, 'ja_en/units.jsonl'))).toBe(false);
    const read = openStore(mem).read();
    expect(read.ok && read.value.units.length).toBe(10_010);
    const check = openStore(mem).fsck();
    expect(check.ok && check.value.problems).toEqual([]);
  });

  it('finishes a commit whose journal was written, and rolls back one that was not', () => {
    const mem = join(dir, 'memory');
    const store = openStore(mem);
    store.update(add(many(2)));
    const before = snapshotTree(mem);
    // Not committed: a staged file without a journal is deleted, the store is unchanged. Only kioku's
    // own temporary names (`.<name>.<pid>.<base36>.tmp`, `.<name>.<token>.new`) are deleted.
    writeFileSync(join(mem, 'ja_en/.units.jsonl.999.abc.new'), 'garbage');
    writeFileSync(join(mem, '..journal.123.lk2abc.tmp'), '{');
    expect(store.read().ok).toBe(true);
    expect(snapshotTree(mem)).toEqual(before);
    // Committed: the journal is replayed.
    const next = layoutStore(
      upsertUnits(parseStore([{ path: 'ja_en/units.jsonl', text: readFileSync(join(mem, 'ja_en/units.jsonl'), 'utf8') }]).content, many(4)).content,
    );
    const text = next.get('ja_en/units.jsonl')!;
    writeFileSync(join(mem, 'ja_en/.units.jsonl.1.x7.new'), text);
    const { hash64 } = require_hash();
    writeFileSync(
      join(mem, JOURNAL_FILE),
      JSON.stringify({ token: '1.x7', files: [{ path: 'ja_en/units.jsonl', staged: 'ja_en/.units.jsonl.1.x7.new', sum: hash64(text) }] }),
    );
    const r = store.read();
    expect(r.ok && r.value.units.length).toBe(4);
    expect(existsSync(join(mem, JOURNAL_FILE))).toBe(false);
    expect(readdirSync(join(mem, 'ja_en'))).toEqual(['units.jsonl']);
  });

  it('takes over the lock of a dead process, waits for a live one', () => {
    const mem = join(dir, 'memory');
    mkdirSync(mem);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(mem, '.lock'), JSON.stringify({ pid: Number(dead.stdout), hostname: require_os().hostname(), created: 'then', token: 't' }));
    expect(openStore(mem).update(add(many(1))).ok).toBe(true);
    expect(existsSync(join(mem, '.lock'))).toBe(false);
    const held = acquireLock(mem);
    expect(held.ok).toBe(true);
    const blocked = openStore(mem, { displayDir: 'memory', lockTimeoutMs: 200 }).update(add(many(2)));
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) expect(blocked.error).toMatchObject({ code: 'lock', file: 'memory/.lock' });
    if (held.ok) held.value.release();
  });

  it('leaves the store byte-identical when the disk is full or the directory read-only', () => {
    const mem = join(dir, 'memory');
    openStore(mem).update(add(many(3)));
    const before = snapshotTree(mem);
    for (const code of ['ENOSPC', 'EROFS', 'EACCES']) {
      // Writes of one commit: the lock file, the staged shard, the journal (opens: staged shard, journal).
      for (let failAt = 1; failAt <= (code === 'ENOSPC' ? 3 : 2); failAt++) {
        let writes = 0;
        const failing = {
          ...fs,
          writeSync: ((...args: Parameters<typeof fs.writeSync>) => {
            if (++writes === failAt && code === 'ENOSPC') throw Object.assign(new Error('no space'), { code });
            return (fs.writeSync as (...a: unknown[]) => number)(...args);
          }) as typeof fs.writeSync,
          openSync: ((path: fs.PathLike, flags: fs.OpenMode = 'r', mode?: fs.Mode) => {
            if (code !== 'ENOSPC' && flags === 'wx' && !String(path).endsWith('.lock') && ++writes >= failAt)
              throw Object.assign(new Error('read-only'), { code });
            return fs.openSync(path, flags, mode);
          }) as typeof fs.openSync,
        } as typeof fs;
        const r = openStore(mem, { fs: failing, displayDir: 'memory' }).update(add(many(40, '新')));
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.message).toMatch(code === 'ENOSPC' ? /no space left/ : /read-only|permission denied/);
        expect(snapshotTree(mem)).toEqual(before);
      }
    }
  });
});

import { createRequire } from 'node:module';
const req = createRequire(import.meta.url);
function require_os(): typeof import('node:os') {
  return req('node:os');
}
function require_hash(): { hash64: (s: string) => string } {
  return { hash64: (s: string) => hash64Impl(s) };
}
import { hash64 as hash64Impl } from '../../src/segment/id.js';
import { snapshotTree } from '../support/tree.js';
