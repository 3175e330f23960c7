/**
 * The pure decisions of the file store (src/io/store.ts), as values in and values out: which shards
 * a partial update reads, which files a commit changes, when a cached index is reused beside a few
 * changed shards and which of its units those shards replace. The store does the reading, writing and
 * locking; nothing here touches a file.
 */
import type { StoreFile } from './codec.js';
import { pairDir, storeFileKind } from './codec.js';
import type { Memory } from './shapes.js';
import type { UnitKey } from './store.js';

/**
 * Largest shard file kioku reads. kioku writes at most SHARD_MAX records (about 5 MB) to an unsharded
 * pair and splits the rest by id prefix, so a shard this large was not written by kioku (or the memory
 * is far beyond what one process can load); refusing it up front gives a clear error instead of a heap
 * or string-length failure halfway through the read.
 */
export const SHARD_MAX_BYTES = 256 * 1024 * 1024;

/** Whether a shard file of `size` bytes is over the limit kioku reads (`maxBytes`, SHARD_MAX_BYTES by default). */
export function shardTooLarge(size: number, maxBytes: number = SHARD_MAX_BYTES): boolean {
  return size > maxBytes;
}

/** The shard of a sharded pair folder that holds the ids starting with `prefix` (two hex digits). */
export function shardPath(pair: string, prefix: string): string {
  return `${pair}/units-${prefix}.jsonl`;
}

// --- Partial updates (MemoryStore.updateSelected) -----------------------------------------------------

/** The export-record files among a listing, in listing order. */
export function exportFiles(files: readonly string[]): string[] {
  return files.filter((f) => storeFileKind(f)?.kind === 'exports');
}

export interface SelectedScope {
  /** The unit files that can hold the named units, sorted: the ones a partial update reads. */
  readonly unitFiles: readonly string[];
  /** Pair folders laid out as prefix shards only: they stay sharded when written back (see layoutStore). */
  readonly sharded: ReadonlySet<string>;
}

/**
 * The unit files of `files` (a listing of the store) that can hold `units`: a whole pair when it is
 * one file (or laid out unexpectedly), only the shards of the ids' prefixes when the pair is sharded.
 * Throws StorePathError (from pairDir) for a language that is not a tag, before anything is read.
 */
export function selectedScope(files: readonly string[], units: readonly UnitKey[]): SelectedScope {
  const byPairFiles = new Map<string, string[]>();
  for (const f of files) {
    const k = storeFileKind(f);
    if (k?.kind !== 'units') continue;
    let list = byPairFiles.get(k.pair);
    if (!list) byPairFiles.set(k.pair, (list = []));
    list.push(f);
  }
  const scope = new Set<string>();
  const sharded = new Set<string>();
  const byPair = new Map<string, Set<string>>();
  for (const u of units) {
    const dir = pairDir(u.sourceLang, u.targetLang);
    let prefixes = byPair.get(dir);
    if (!prefixes) byPair.set(dir, (prefixes = new Set()));
    prefixes.add(u.id.slice(0, 2));
  }
  for (const [dir, prefixes] of byPair) {
    const pairFiles = byPairFiles.get(dir) ?? [];
    const onlyShards = pairFiles.length > 0 && pairFiles.every((f) => storeFileKind(f)?.prefix !== undefined);
    if (!onlyShards) {
      for (const f of pairFiles) scope.add(f);
      continue;
    }
    sharded.add(dir);
    const present = new Set(pairFiles);
    for (const prefix of prefixes) {
      const path = shardPath(dir, prefix);
      if (present.has(path)) scope.add(path);
    }
  }
  return { unitFiles: [...scope].sort(), sharded };
}

/**
 * The first path of `layout` that exists (`existing`) but was not read (`scope`): writing it would
 * lose the records it holds, so a partial update that would is refused. Undefined when there is none.
 */
export function unreadOverwrite(layout: Iterable<string>, scope: ReadonlySet<string>, existing: ReadonlySet<string>): string | undefined {
  for (const path of layout) if (!scope.has(path) && existing.has(path)) return path;
  return undefined;
}

// --- Commits ------------------------------------------------------------------------------------------

/** One file a commit writes (`text`) or deletes (no `text`). */
export interface FileChange {
  readonly path: string;
  readonly text?: string;
}

/**
 * What makes the files `current` equal `layout`: the files of the layout whose text differs (in
 * layout order), then the current files the layout no longer has (deleted, in `current` order).
 */
export function fileChanges(current: readonly StoreFile[], layout: ReadonlyMap<string, string>): FileChange[] {
  const old = new Map(current.map((f) => [f.path, f.text] as const));
  const changes: FileChange[] = [];
  for (const [path, text] of layout) if (old.get(path) !== text) changes.push({ path, text });
  for (const path of old.keys()) if (!layout.has(path)) changes.push({ path });
  return changes;
}

// --- The derived cache beside changed shards (MemoryOverlay) ------------------------------------------

/** One line of the shards' fingerprint: what tells a changed file from an unchanged one. */
export function fingerprintLine(path: string, size: number | bigint, mtimeNs: number | bigint, ino: number | bigint): string {
  return `${path}:${size}:${mtimeNs}:${ino}`;
}

/**
 * A fingerprint (one fingerprintLine per file) as path → the rest. Split from the right: a store
 * file's name may itself hold a colon.
 */
export function shardStamps(fingerprint: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of fingerprint.split('\n')) {
    const at = line.lastIndexOf(':', line.lastIndexOf(':', line.lastIndexOf(':') - 1) - 1);
    if (at > 0) m.set(line.slice(0, at), line.slice(at + 1));
  }
  return m;
}

/** Above this share of the unit shards' bytes changed since the cache was built, it is rebuilt whole. */
export const OVERLAY_SHARE = 0.1;

export interface OverlayPlan {
  /** Files of the listing that changed since the cache was built (or are new). */
  readonly changed: ReadonlySet<string>;
  /** Files the cache knew that are gone. */
  readonly gone: readonly string[];
  /** Whether an export-record file changed or went: then every export file is read again. */
  readonly exportsChanged: boolean;
  /** The files to read and parse: the changed unit shards, and every export file when exportsChanged. */
  readonly toRead: readonly string[];
}

/**
 * What reusing a cache built at `oldFingerprint` for the store now listed as `files` (at
 * `newFingerprint`) takes, or undefined when the changed unit shards hold more than OVERLAY_SHARE of
 * the unit shards' bytes (then the cache is rebuilt instead).
 */
export function planOverlay(oldFingerprint: string, files: readonly string[], newFingerprint: string): OverlayPlan | undefined {
  const before = shardStamps(oldFingerprint);
  const now = shardStamps(newFingerprint);
  const changed = new Set(files.filter((f) => before.get(f) !== now.get(f)));
  const gone = [...before.keys()].filter((f) => !now.has(f));
  const kind = (f: string) => storeFileKind(f)?.kind;
  const size = (f: string) => Number(now.get(f)?.split(':')[0] ?? 0);
  let total = 0;
  let changedBytes = 0;
  for (const f of files) {
    if (kind(f) !== 'units') continue;
    total += size(f);
    if (changed.has(f)) changedBytes += size(f);
  }
  if (changedBytes > total * OVERLAY_SHARE) return undefined;
  const exportsChanged = [...changed, ...gone].some((f) => kind(f) === 'exports');
  const toRead = files.filter((f) => (kind(f) === 'units' && changed.has(f)) || (exportsChanged && kind(f) === 'exports'));
  return { changed, gone, exportsChanged, toRead };
}

/**
 * The base units whose records lived in one of `shards` (changed or removed unit shards; other files
 * are ignored), as a 0/1 flag per unit number: their records are read again (or gone), so every
 * search skips them in the base.
 */
export function hiddenUnits(base: Memory, shards: Iterable<string>): Uint8Array {
  const hidden = new Uint8Array(base.size);
  const pairDirOf = base.index.pairs.map(([s, t]) => pairDir(s, t));
  for (const f of shards) {
    const shard = storeFileKind(f);
    if (shard?.kind !== 'units') continue;
    let from = 0;
    let to = base.size;
    if (shard.prefix !== undefined) {
      // Ids are sorted: the shard's ids are one range.
      from = firstId(base, shard.prefix);
      to = shard.prefix === 'ff' ? base.size : firstId(base, (parseInt(shard.prefix, 16) + 1).toString(16).padStart(2, '0'));
    }
    for (let i = from; i < to; i++) if (pairDirOf[base.index.pairOf[i]!] === shard.pair) hidden[i] = 1;
  }
  return hidden;
}

/** The first unit number whose id is ≥ `prefix` (ids are sorted). */
export function firstId(memory: Pick<Memory, 'size' | 'id'>, prefix: string): number {
  let lo = 0;
  let hi = memory.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (memory.id(mid) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
