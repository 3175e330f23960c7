/**
 * The pure decisions of the file store (src/memory/shards.ts): which files a partial update reads,
 * which files a commit changes, when a cache is reused beside changed shards and which of its units
 * they hide. The store's behaviour on disk is tested in store.test.ts; these pin the decisions alone.
 */
import { describe, expect, it } from 'vitest';
import { StorePathError, type StoreFile } from '../../src/memory/codec.js';
import {
  exportFiles,
  fileChanges,
  fingerprintLine,
  firstId,
  hiddenUnits,
  OVERLAY_SHARE,
  planOverlay,
  selectedScope,
  SHARD_MAX_BYTES,
  shardPath,
  shardStamps,
  shardTooLarge,
  unreadOverwrite,
} from '../../src/memory/shards.js';
import { memoryFromContent } from '../../src/memory/view.js';
import type { UnitKey } from '../../src/memory/store.js';
import { unit } from './builders.js';

/** A unit key of the ja→en pair (or another) with the given id. */
const key = (id: string, sourceLang = 'ja', targetLang = 'en'): UnitKey => ({ sourceLang, targetLang, id });

/** A fingerprint of `files`, each as [path, size] (mtime and inode fixed unless given). */
const fingerprint = (files: ReadonlyArray<readonly [path: string, size: number, mtime?: number]>) =>
  files.map(([path, size, mtime = 1]) => fingerprintLine(path, size, mtime, 7)).join('\n');

/** A memory of units with chosen ids (sorted), each `id` or `id@src_tgt`. */
function memoryOf(...specs: string[]) {
  const units = specs.map((spec, n) => {
    const [id, pair = 'ja_en'] = spec.split('@') as [string, string?];
    const [src, tgt] = pair.split('_') as [string, string];
    return { ...unit(`source ${n}`, `target ${n}`, { src, tgt }), id };
  });
  return memoryFromContent({ units, exports: [] });
}

const hiddenIds = (memory: ReturnType<typeof memoryOf>, hidden: Uint8Array) => [...hidden].flatMap((h, i) => (h ? [memory.id(i)] : []));

describe('shard size limit', () => {
  it('refuses a shard only above the limit', () => {
    expect(shardTooLarge(SHARD_MAX_BYTES)).toBe(false);
    expect(shardTooLarge(SHARD_MAX_BYTES + 1)).toBe(true);
    expect(shardTooLarge(100, 100)).toBe(false);
    expect(shardTooLarge(101, 100)).toBe(true);
  });

  it('names the shard of a prefix', () => {
    expect(shardPath('ja_en', '0a')).toBe('ja_en/units-0a.jsonl');
  });
});

describe('selectedScope', () => {
  it('reads the whole file of an unsharded pair, and nothing of other pairs', () => {
    const files = ['en_ja/units.jsonl', 'ja_en/exports.jsonl', 'ja_en/units.jsonl'];
    const scope = selectedScope(files, [key('0a1'), key('ff2')]);
    expect(scope.unitFiles).toEqual(['ja_en/units.jsonl']);
    expect([...scope.sharded]).toEqual([]);
  });

  it('reads only the shards of the ids’ prefixes in a sharded pair, sorted, and keeps the pair sharded', () => {
    const files = ['ja_en/units-0a.jsonl', 'ja_en/units-3c.jsonl', 'ja_en/units-ff.jsonl'];
    const scope = selectedScope(files, [key('ff01'), key('0a02'), key('0a03'), key('77aa')]);
    // 77 has no shard yet: the update creates it; nothing to read.
    expect(scope.unitFiles).toEqual(['ja_en/units-0a.jsonl', 'ja_en/units-ff.jsonl']);
    expect([...scope.sharded]).toEqual(['ja_en']);
  });

  it('reads every unit file of a pair laid out both ways, and does not keep it sharded', () => {
    const files = ['ja_en/units-0a.jsonl', 'ja_en/units.jsonl'];
    const scope = selectedScope(files, [key('0a01')]);
    expect(scope.unitFiles).toEqual(['ja_en/units-0a.jsonl', 'ja_en/units.jsonl']);
    expect(scope.sharded.size).toBe(0);
  });

  it('reads nothing for a pair without files', () => {
    const scope = selectedScope(['en_ja/units-0a.jsonl'], [key('0a01')]);
    expect(scope.unitFiles).toEqual([]);
    expect(scope.sharded.size).toBe(0);
  });

  it('throws StorePathError for a language that is not a tag', () => {
    expect(() => selectedScope([], [key('0a', '../x')])).toThrow(StorePathError);
  });

  it('lists the export files', () => {
    expect(exportFiles(['en_ja/exports.jsonl', 'en_ja/units.jsonl', 'ja_en/exports.jsonl', 'stray.jsonl'])).toEqual([
      'en_ja/exports.jsonl',
      'ja_en/exports.jsonl',
    ]);
  });
});

describe('unreadOverwrite', () => {
  it('names the first existing file the update did not read', () => {
    const existing = new Set(['ja_en/units-0a.jsonl', 'ja_en/units-0b.jsonl']);
    const scope = new Set(['ja_en/units-0a.jsonl']);
    expect(unreadOverwrite(['ja_en/units-0a.jsonl', 'ja_en/units-0c.jsonl'], scope, existing)).toBeUndefined();
    expect(unreadOverwrite(['ja_en/units-0a.jsonl', 'ja_en/units-0b.jsonl'], scope, existing)).toBe('ja_en/units-0b.jsonl');
  });
});

describe('fileChanges', () => {
  const file = (path: string, text: string): StoreFile => ({ path, text });

  it('writes changed and new files in layout order, then deletes the files the layout dropped', () => {
    const current = [file('a/units.jsonl', 'old\n'), file('b/units.jsonl', 'same\n'), file('c/units.jsonl', 'gone\n')];
    const layout = new Map([
      ['d/units.jsonl', 'new\n'],
      ['b/units.jsonl', 'same\n'],
      ['a/units.jsonl', 'changed\n'],
    ]);
    expect(fileChanges(current, layout)).toEqual([
      { path: 'd/units.jsonl', text: 'new\n' },
      { path: 'a/units.jsonl', text: 'changed\n' },
      { path: 'c/units.jsonl' },
    ]);
  });

  it('changes nothing when the layout equals the files', () => {
    expect(fileChanges([file('a/units.jsonl', 'x\n')], new Map([['a/units.jsonl', 'x\n']]))).toEqual([]);
  });
});

describe('fingerprints', () => {
  it('round-trips a line, also for a file name with colons and bigint stats', () => {
    const line = fingerprintLine('ja_en/a:b.jsonl', 12n, 345n, 6n);
    expect(line).toBe('ja_en/a:b.jsonl:12:345:6');
    expect([...shardStamps(`${line}\n${fingerprintLine('x/units.jsonl', 1, 2, 3)}`)]).toEqual([
      ['ja_en/a:b.jsonl', '12:345:6'],
      ['x/units.jsonl', '1:2:3'],
    ]);
  });

  it('ignores an empty fingerprint', () => {
    expect(shardStamps('').size).toBe(0);
  });
});

describe('planOverlay', () => {
  // Ten 100-byte shards: one changed shard is exactly OVERLAY_SHARE of the bytes.
  const shards = Array.from({ length: 10 }, (_, i) => `ja_en/units-0${i}.jsonl`);
  const base = [...shards.map((p) => [p, 100] as const), ['ja_en/exports.jsonl', 50] as const];
  const files = base.map(([p]) => p).sort();
  const old = fingerprint(base);

  it('reads nothing when nothing changed', () => {
    expect(planOverlay(old, files, old)).toEqual({ changed: new Set(), gone: [], exportsChanged: false, toRead: [] });
  });

  it('reads the changed unit shard only', () => {
    const now = fingerprint(base.map(([p, s]) => [p, s, p === shards[3] ? 2 : 1] as const));
    expect(OVERLAY_SHARE).toBe(0.1);
    expect(planOverlay(old, files, now)).toEqual({ changed: new Set([shards[3]]), gone: [], exportsChanged: false, toRead: [shards[3]] });
  });

  it('gives up when the changed shards hold more than OVERLAY_SHARE of the unit bytes', () => {
    const now = fingerprint(base.map(([p, s]) => [p, p === shards[3] ? s + 1 : s, p === shards[3] ? 2 : 1] as const));
    expect(planOverlay(old, files, now)).toBeUndefined();
  });

  it('reads every export file when one changed or went', () => {
    const withOther = [...base, ['en_ja/exports.jsonl', 10] as const];
    const before = fingerprint(withOther);
    const after = fingerprint(withOther.map(([p, s]) => [p, s, p === 'en_ja/exports.jsonl' ? 2 : 1] as const));
    const all = withOther.map(([p]) => p).sort();
    expect(planOverlay(before, all, after)).toMatchObject({ exportsChanged: true, toRead: ['en_ja/exports.jsonl', 'ja_en/exports.jsonl'] });
    const gone = all.filter((p) => p !== 'en_ja/exports.jsonl');
    const plan = planOverlay(before, gone, fingerprint(base));
    expect(plan).toMatchObject({ gone: ['en_ja/exports.jsonl'], exportsChanged: true, toRead: ['ja_en/exports.jsonl'] });
  });

  it('lists a removed unit shard as gone without reading anything', () => {
    const left = files.filter((p) => p !== shards[9]);
    const plan = planOverlay(old, left, fingerprint(base.filter(([p]) => p !== shards[9])));
    expect(plan).toMatchObject({ gone: [shards[9]], exportsChanged: false, toRead: [] });
  });
});

describe('hiddenUnits', () => {
  const memory = memoryOf('0a01', '0a02@en_ja', '0b01', 'fe01', 'ff01', 'ff02');

  it('hides the units of a prefix shard in its pair only', () => {
    expect(hiddenIds(memory, hiddenUnits(memory, ['ja_en/units-0a.jsonl']))).toEqual(['0a01']);
    expect(hiddenIds(memory, hiddenUnits(memory, ['en_ja/units-0a.jsonl']))).toEqual(['0a02']);
  });

  it('hides up to the end for the last prefix', () => {
    expect(hiddenIds(memory, hiddenUnits(memory, ['ja_en/units-ff.jsonl']))).toEqual(['ff01', 'ff02']);
    expect(hiddenIds(memory, hiddenUnits(memory, ['ja_en/units-fe.jsonl']))).toEqual(['fe01']);
  });

  it('hides every unit of the pair for an unsharded file, and nothing for export files', () => {
    expect(hiddenIds(memory, hiddenUnits(memory, ['ja_en/units.jsonl']))).toEqual(['0a01', '0b01', 'fe01', 'ff01', 'ff02']);
    expect(hiddenIds(memory, hiddenUnits(memory, ['ja_en/exports.jsonl', 'en_ja/units-0b.jsonl']))).toEqual([]);
    expect(hiddenUnits(memory, []).length).toBe(memory.size);
  });

  it('finds the first id at or after a prefix', () => {
    expect([firstId(memory, '0a'), firstId(memory, '0b'), firstId(memory, '0c'), firstId(memory, 'ff'), firstId(memory, 'g')]).toEqual([0, 2, 3, 4, 6]);
  });
});
