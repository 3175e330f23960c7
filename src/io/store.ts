/**
 * The file store of a memory directory: the only code that reads or writes memory/.
 *
 * Writes are all-or-nothing per command, also across several shard files:
 *   1. take the lock (src/io/lock.ts), finish or roll back an interrupted commit, re-read the store;
 *   2. write every changed file under a temporary name beside it, fsync each, fsync their directories;
 *   3. write the journal `.journal` (temp + fsync + rename + directory fsync): the commit point;
 *   4. rename the temporary files over the shards (or delete emptied shards), fsync directories;
 *   5. delete the journal.
 * Killed before 3, the next command deletes the temporary files (old store); killed after 3, it
 * replays the journal (new store). Readers take the lock too, so they never see a half-applied commit.
 *
 * A derived cache (`.cache/index-v1.bin`: the records and the fuzzy index as binary arrays) is reused
 * while the shards' fingerprint (path, size, mtime, inode) is unchanged and rebuilt otherwise.
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ExportRecord, KiokuError, Lang, Memory, MemoryContent, Result, TranslationUnit } from '../model.js';
import { err, ok } from '../model.js';
import { FATAL_PROBLEMS, isStoreFile, layoutStore, pairDir, parseStore, SHARD_MAX, storeFileKind, type ParsedStore, type StoreFile, type StoreProblem } from '../memory/codec.js';
import { buildIndex } from '../memory/fuzzy-index.js';
import { encodeCacheParts, memoryFromContent, staleMemoryFromCache, withOverlay } from '../memory/view.js';
import { compareExports, exportKey } from '../memory/codec.js';
import { compareIds } from '../memory/content.js';
import { hash64 } from '../segment/id.js';
import { decodeUtf8Strict } from './decode.js';
import { ioError } from './files.js';
import { acquireLock, LOCK_FILE, type Lock } from './lock.js';

export const JOURNAL_FILE = '.journal';
export const CACHE_DIR = '.cache';
export const CACHE_FILE = 'index-v1.bin';
/** Written into a new memory directory; the same as the repository's memory/.gitattributes. */
const GITATTRIBUTES = `# kioku memory shards: one JSON record per line. Merge them record by record with kioku's driver
# (one-time setup per clone, see README.md in this folder):
#   git config merge.kioku-memory.name "kioku memory merge"
#   git config merge.kioku-memory.driver "node /path/to/kioku/bin/kioku.js memory merge-driver %O %A %B %P"
# with the path of a kioku clone (after npm run build; in kioku's own repository: node bin/kioku.js …).
# With kioku on the PATH (npm link, npm install -g): "kioku memory merge-driver %O %A %B %P"; as a
# devDependency of the project, installed: "npx --no-install kioku memory merge-driver %O %A %B %P".
# Without it git falls back to its text merge; \`kioku memory fsck --fix\` then resolves the markers.
*.jsonl text eol=lf merge=kioku-memory
`;
const GITIGNORE = `# derived and transient files of the kioku store
.cache/
.lock
.lock.break
.journal
.*.tmp
.*.new
`;
const PAIR_DIR_RE = /^[A-Za-z0-9-]+_[A-Za-z0-9-]+$/;

/** What a backend must offer; a server-backed store can implement the same interface later. */
export interface MemoryStore {
  /** Where the memory lives, as shown to users. */
  readonly location: string;
  /** The memory ready for lookups (from the cache when it is current). */
  load(): Result<Memory>;
  /** The memory as plain content (for exports and merges). */
  read(): Result<MemoryContent>;
  /** Changes the memory atomically under the lock; `fn` sees the current content. */
  update<R>(fn: (content: MemoryContent) => Result<{ content: MemoryContent; report: R }>): Result<{ report: R; written: boolean }>;
  /**
   * Like `update`, for changes that touch known units only (an import, an export record): `plan` sees
   * every export record and names the units it will add or replace; only the files that can hold them
   * are read, and `apply` gets those units (plus every export record) and returns them changed. Units
   * it does not return in a file it was given are deleted, so it must return every unit it got.
   */
  updateSelected<R>(plan: (exports: readonly ExportRecord[]) => Result<SelectedUpdate<R>>): Result<{ report: R; written: boolean }>;
  /** Checks (and with `fix`, repairs) the store. */
  fsck(options?: FsckOptions): Result<FsckReport>;
}

/** A unit a partial update adds or replaces, by language pair and id. */
export interface UnitKey {
  readonly sourceLang: Lang;
  readonly targetLang: Lang;
  readonly id: string;
}

export interface SelectedUpdate<R> {
  readonly units: readonly UnitKey[];
  readonly apply: (content: MemoryContent) => Result<{ content: MemoryContent; report: R }>;
}

export interface FsckOptions {
  readonly fix?: boolean;
  /** Re-seal records whose checksum does not match (hand edits you want to keep). */
  readonly acceptEdits?: boolean;
  /** Drop records whose checksum does not match (saved aside in .cache/). */
  readonly dropEdits?: boolean;
}

export interface FsckReport {
  readonly problems: readonly StoreProblem[];
  readonly units: number;
  readonly exports: number;
  /** Files the recovery or --fix removed or rewrote, relative to the memory directory. */
  readonly repaired: readonly string[];
  /** Problems left after --fix (or all of them without it). */
  readonly unresolved: readonly StoreProblem[];
  /** Where dropped lines were saved. */
  readonly savedTo?: string;
}

export interface StoreOptions {
  /** The directory name to show in messages (as the user typed it). */
  readonly displayDir?: string;
  /** Create the directory on first write (default true). */
  readonly create?: boolean;
  /** File-system functions (tests inject failures such as ENOSPC or EROFS here). */
  readonly fs?: typeof nodeFs;
  readonly lockTimeoutMs?: number;
  /** Write the derived index cache when (re)building it (default true). */
  readonly cache?: boolean;
  /** Largest shard file read (default SHARD_MAX_BYTES). */
  readonly maxShardBytes?: number;
}

/**
 * Largest shard file kioku reads. kioku writes at most SHARD_MAX records (about 5 MB) to an unsharded
 * pair and splits the rest by id prefix, so a shard this large was not written by kioku (or the memory
 * is far beyond what one process can load); refusing it up front gives a clear error instead of a heap
 * or string-length failure halfway through the read.
 */
export const SHARD_MAX_BYTES = 256 * 1024 * 1024;

interface Journal {
  readonly token: string;
  readonly files: ReadonlyArray<{ readonly path: string; readonly staged?: string; readonly sum?: string; readonly remove?: boolean }>;
}

export function openStore(dir: string, options: StoreOptions = {}): MemoryStore {
  return new FileStore(dir, options);
}

/** Loads the memory in `dir` (see MemoryStore.load). */
export function loadMemory(dir: string, options: StoreOptions = {}): Result<Memory> {
  return openStore(dir, options).load();
}

/** Changes the memory in `dir` atomically (see MemoryStore.update). */
export function updateMemory<R>(dir: string, fn: (content: MemoryContent) => Result<{ content: MemoryContent; report: R }>, options: StoreOptions = {}): Result<{ report: R; written: boolean }> {
  return openStore(dir, options).update(fn);
}

const sumOf = (text: string) => hash64(text);

class FileStore implements MemoryStore {
  readonly location: string;
  private readonly fs: typeof nodeFs;
  /** What the last recovery finished or deleted (fsck reports it). */
  private recovered: string[] = [];
  constructor(
    private readonly dir: string,
    private readonly options: StoreOptions,
  ) {
    this.location = options.displayDir ?? dir;
    this.fs = options.fs ?? nodeFs;
  }

  private show(rel: string): string {
    return join(this.location, rel);
  }

  private exists(): boolean {
    try {
      return this.fs.statSync(this.dir).isDirectory();
    } catch {
      return false;
    }
  }

  /** Runs fn under the lock; a read-only memory is read without it (nobody can write it either). */
  private withLock<T>(fn: (locked: boolean) => Result<T>, write: boolean): Result<T> {
    if (!this.exists()) {
      if (!write || this.options.create === false) return fn(false);
      try {
        this.fs.mkdirSync(this.dir, { recursive: true });
        // A new memory carries its git setup: shards merge through kioku, derived files stay out of git.
        this.fs.writeFileSync(join(this.dir, '.gitattributes'), GITATTRIBUTES);
        this.fs.writeFileSync(join(this.dir, '.gitignore'), GITIGNORE);
      } catch (e) {
        return err(ioError(e, this.location, 'create the memory directory'));
      }
    }
    const lock = acquireLock(this.dir, { displayDir: this.location, fs: this.fs, ...(this.options.lockTimeoutMs !== undefined ? { timeoutMs: this.options.lockTimeoutMs } : {}) });
    if (!lock.ok) {
      const code = /permission denied|read-only/.test(lock.error.message);
      if (!write && lock.error.code === 'io' && code) return fn(false);
      return lock;
    }
    try {
      const recovered = this.recover();
      if (!recovered.ok) return recovered;
      this.recovered = recovered.value;
      return fn(true);
    } finally {
      (lock.value as Lock).release();
    }
  }

  // --- Reading ---------------------------------------------------------------------------------------

  /** Store files (relative paths) and stray temporary files. */
  private list(): Result<{ files: string[]; temps: string[] }> {
    const files: string[] = [];
    const temps: string[] = [];
    if (!this.exists()) return ok({ files, temps });
    try {
      for (const entry of this.fs.readdirSync(this.dir, { withFileTypes: true })) {
        const name = entry.name;
        if (entry.isFile() && isTemp(name)) temps.push(name);
        if (entry.isDirectory() && name === CACHE_DIR) {
          for (const c of this.fs.readdirSync(join(this.dir, name))) if (isTemp(c)) temps.push(`${name}/${c}`);
        }
        if (!entry.isDirectory() || !PAIR_DIR_RE.test(name)) continue;
        for (const f of this.fs.readdirSync(join(this.dir, name)).sort()) {
          const rel = `${name}/${f}`;
          if (isTemp(f)) temps.push(rel);
          else if (f.endsWith('.jsonl')) files.push(rel);
        }
      }
    } catch (e) {
      return err(ioError(e, this.location, 'list the memory directory'));
    }
    files.sort();
    return ok({ files, temps });
  }

  private readFiles(paths: readonly string[]): Result<StoreFile[]> {
    const out: StoreFile[] = [];
    const maxBytes = this.options.maxShardBytes ?? SHARD_MAX_BYTES;
    for (const path of paths) {
      try {
        const size = this.fs.statSync(join(this.dir, path)).size;
        if (size > maxBytes) {
          return err({
            code: 'memory',
            message: `the shard is ${size} bytes, over the ${maxBytes}-byte limit for one shard (kioku never writes shards that large)`,
            file: this.show(path),
            hint: 'check where the file came from and restore it from git',
          });
        }
        const bytes = this.fs.readFileSync(join(this.dir, path));
        const decoded = decodeUtf8Strict(bytes);
        if ('invalidAt' in decoded) {
          return err({ code: 'memory', message: `the shard is not valid UTF-8 (byte offset ${decoded.invalidAt})`, file: this.show(path), hint: 'restore the file from git, or remove the bad bytes' });
        }
        out.push({ path, text: decoded.text });
      } catch (e) {
        return err(ioError(e, this.show(path), 'read the memory shard'));
      }
    }
    return ok(out);
  }

  private fingerprint(paths: readonly string[]): Result<string> {
    const parts: string[] = [];
    for (const p of paths) {
      try {
        const st = this.fs.statSync(join(this.dir, p), { bigint: true });
        parts.push(`${p}:${st.size}:${st.mtimeNs}:${st.ino}`);
      } catch (e) {
        return err(ioError(e, this.show(p), 'read the memory shard'));
      }
    }
    return ok(parts.join('\n'));
  }

  private parse(): Result<{ parsed: ParsedStore; files: StoreFile[] }> {
    const listed = this.list();
    if (!listed.ok) return listed;
    const files = this.readFiles(listed.value.files);
    if (!files.ok) return files;
    return ok({ parsed: parseStore(files.value), files: files.value });
  }

  private fatal(problems: readonly StoreProblem[]): KiokuError | undefined {
    const p = problems.find((x) => FATAL_PROBLEMS.has(x.kind));
    if (!p) return undefined;
    const more = problems.filter((x) => FATAL_PROBLEMS.has(x.kind)).length - 1;
    return {
      code: 'memory',
      message: `the memory is damaged: ${p.message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`,
      file: this.show(p.file),
      line: p.line,
      hint: `run kioku memory fsck --memory ${this.location} to see every problem, then --fix`,
    };
  }

  read(): Result<MemoryContent> {
    return this.withLock(() => {
      const r = this.parse();
      if (!r.ok) return r;
      const bad = this.fatal(r.value.parsed.problems);
      return bad ? err(bad) : ok(r.value.parsed.content);
    }, false);
  }

  load(): Result<Memory> {
    return this.withLock((locked) => {
      const listed = this.list();
      if (!listed.ok) return listed;
      const fp = this.fingerprint(listed.value.files);
      if (!fp.ok) return fp;
      const cachePath = join(this.dir, CACHE_DIR, CACHE_FILE);
      if (listed.value.files.length > 0) {
        let stale: ReturnType<typeof staleMemoryFromCache>;
        try {
          stale = staleMemoryFromCache(this.fs.readFileSync(cachePath));
        } catch {
          // no cache yet, or unreadable: rebuild below
        }
        if (stale && stale.fingerprint === fp.value) return ok(stale.memory);
        if (stale) {
          const overlaid = this.overlay(stale.memory, stale.fingerprint, listed.value.files, fp.value);
          if (overlaid) return overlaid;
        }
      }
      const parsed = this.parseByFile(listed.value.files);
      if (!parsed.ok) return parsed;
      const bad = this.fatal(parsed.value.problems);
      if (bad) return err(bad);
      const content = parsed.value.content;
      const index = buildIndex(content.units);
      if (locked && this.options.cache !== false && listed.value.files.length > 0) {
        // Best effort: a memory we cannot write a cache for still works, only slower next time.
        try {
          this.fs.mkdirSync(join(this.dir, CACHE_DIR), { recursive: true });
          this.writeAtomic(join(CACHE_DIR, CACHE_FILE), encodeCacheParts(content, index, fp.value));
        } catch {
          // ignore
        }
      }
      return ok(memoryFromContent(content, index));
    }, false);
  }

  /**
   * The whole store parsed one file at a time, so the texts of all shards are never held at once (a
   * 1M-unit memory's shards are ~300 MB of text). Ids are unique across files in a healthy store;
   * anything unusual (a duplicate across files) is left to the all-files parse, which reports it.
   */
  private parseByFile(paths: readonly string[]): Result<ParsedStore> {
    const units: TranslationUnit[] = [];
    const exports: ExportRecord[] = [];
    const problems: StoreProblem[] = [];
    const dropped: Array<ParsedStore['dropped'][number]> = [];
    const ids = new Set<string>();
    const exportKeys = new Set<string>();
    let sorted = true;
    for (const path of [...paths].sort()) {
      const read = this.readFiles([path]);
      if (!read.ok) return read;
      const parsed = parseStore(read.value);
      problems.push(...parsed.problems);
      dropped.push(...parsed.dropped);
      for (const u of parsed.content.units) {
        if (ids.has(u.id)) return this.parseAll(paths);
        ids.add(u.id);
        const last = units[units.length - 1];
        if (last && last.id > u.id) sorted = false;
        units.push(u);
      }
      for (const r of parsed.content.exports) {
        const key = exportKey(r);
        if (exportKeys.has(key)) return this.parseAll(paths);
        exportKeys.add(key);
        exports.push(r);
      }
    }
    if (!sorted) units.sort(compareIds);
    exports.sort(compareExports);
    return ok({ content: { units, exports }, problems, dropped });
  }

  private parseAll(paths: readonly string[]): Result<ParsedStore> {
    const files = this.readFiles(paths);
    if (!files.ok) return files;
    return ok(parseStore(files.value));
  }

  /**
   * A cache built before a few unit shards changed (an import, an export record) is still good for
   * every other shard: the changed shards are parsed and indexed beside it (MemoryOverlay) instead of
   * rebuilding the whole index. Undefined when the changed shards hold more than OVERLAY_SHARE of the
   * memory's bytes (then the caller rebuilds the cache).
   */
  private overlay(base: Memory, oldFingerprint: string, files: readonly string[], newFingerprint: string): Result<Memory> | undefined {
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
    const read = this.readFiles(toRead);
    if (!read.ok) return read;
    const parsed = parseStore(read.value);
    const bad = this.fatal(parsed.problems);
    if (bad) return err(bad);
    // The base units that lived in a changed or removed shard: their records are read again (or gone).
    const hidden = new Uint8Array(base.size);
    const pairDirOf = base.index.pairs.map(([s, t]) => pairDir(s, t));
    for (const f of [...changed, ...gone]) {
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
    return ok(withOverlay(base, hidden, parsed.content.units, exportsChanged ? parsed.content.exports : base.exports));
  }

  // --- Writing ---------------------------------------------------------------------------------------

  update<R>(fn: (content: MemoryContent) => Result<{ content: MemoryContent; report: R }>): Result<{ report: R; written: boolean }> {
    return this.withLock(() => {
      const r = this.parse();
      if (!r.ok) return r;
      const bad = this.fatal(r.value.parsed.problems);
      if (bad) return err(bad);
      const next = fn(r.value.parsed.content);
      if (!next.ok) return next;
      const written = this.commit(r.value.files, layoutStore(next.value.content));
      if (!written.ok) return written;
      return ok({ report: next.value.report, written: written.value });
    }, true);
  }

  updateSelected<R>(plan: (exports: readonly ExportRecord[]) => Result<SelectedUpdate<R>>): Result<{ report: R; written: boolean }> {
    return this.withLock(() => {
      const listed = this.list();
      if (!listed.ok) return listed;
      const all = listed.value.files;
      const exportFiles = all.filter((f) => storeFileKind(f)?.kind === 'exports');
      const exportsRead = this.readFiles(exportFiles);
      if (!exportsRead.ok) return exportsRead;
      const exportsParsed = parseStore(exportsRead.value);
      const badExports = this.fatal(exportsParsed.problems);
      if (badExports) return err(badExports);
      const planned = plan(exportsParsed.content.exports);
      if (!planned.ok) return planned;
      // The unit files that can hold the named units: a whole pair when it is one file (or laid out
      // unexpectedly), only the shards of the ids' prefixes when the pair is sharded.
      const unitFiles = new Map<string, string[]>();
      for (const f of all) {
        const k = storeFileKind(f);
        if (k?.kind !== 'units') continue;
        let list = unitFiles.get(k.pair);
        if (!list) unitFiles.set(k.pair, (list = []));
        list.push(f);
      }
      const scope = new Set<string>();
      const sharded = new Set<string>();
      const byPair = new Map<string, Set<string>>();
      for (const u of planned.value.units) {
        const dir = pairDir(u.sourceLang, u.targetLang);
        let prefixes = byPair.get(dir);
        if (!prefixes) byPair.set(dir, (prefixes = new Set()));
        prefixes.add(u.id.slice(0, 2));
      }
      for (const [dir, prefixes] of byPair) {
        const files = unitFiles.get(dir) ?? [];
        const onlyShards = files.length > 0 && files.every((f) => storeFileKind(f)?.prefix !== undefined);
        if (!onlyShards) {
          for (const f of files) scope.add(f);
          continue;
        }
        sharded.add(dir);
        const present = new Set(files);
        for (const prefix of prefixes) {
          const path = `${dir}/units-${prefix}.jsonl`;
          if (present.has(path)) scope.add(path);
        }
      }
      const unitsRead = this.readFiles([...scope].sort());
      if (!unitsRead.ok) return unitsRead;
      // The export records were read above: they join the scope without a second read.
      for (const f of exportFiles) scope.add(f);
      const read = [...exportsRead.value, ...unitsRead.value].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const parsed = parseStore(read);
      const bad = this.fatal(parsed.problems);
      if (bad) return err(bad);
      const next = planned.value.apply(parsed.content);
      if (!next.ok) return next;
      const layout = layoutStore(next.value.content, SHARD_MAX, sharded);
      // A file outside the scope that exists was not read: writing it would lose its records.
      const existing = new Set(all);
      for (const path of layout.keys()) {
        if (!scope.has(path) && existing.has(path)) {
          return err({ code: 'memory', message: `a partial update would overwrite ${path}, which it did not read`, file: this.show(path) });
        }
      }
      const written = this.commit(read, layout);
      if (!written.ok) return written;
      return ok({ report: next.value.report, written: written.value });
    }, true);
  }

  /** Makes the files on disk equal `layout` (all-or-nothing). Returns whether anything changed. */
  private commit(current: readonly StoreFile[], layout: ReadonlyMap<string, string>): Result<boolean> {
    const old = new Map(current.map((f) => [f.path, f.text] as const));
    const changes: Array<{ path: string; text?: string }> = [];
    for (const [path, text] of layout) if (old.get(path) !== text) changes.push({ path, text });
    for (const path of old.keys()) if (!layout.has(path)) changes.push({ path });
    if (changes.length === 0) return ok(false);
    const token = `${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const entries: Array<{ path: string; staged?: string; sum?: string; remove?: boolean }> = [];
    const staged: string[] = [];
    const dirs = new Set<string>();
    const cleanup = () => {
      for (const s of staged) {
        try {
          this.fs.unlinkSync(join(this.dir, s));
        } catch {
          // not created
        }
      }
    };
    try {
      for (const c of changes) {
        if (c.text === undefined) {
          entries.push({ path: c.path, remove: true });
          continue;
        }
        const d = dirname(c.path);
        this.fs.mkdirSync(join(this.dir, d), { recursive: true });
        const s = `${d}/.${basename(c.path)}.${token}.new`;
        staged.push(s);
        this.writeDurable(s, c.text);
        dirs.add(d);
        entries.push({ path: c.path, staged: s, sum: sumOf(c.text) });
      }
      for (const d of dirs) this.syncDir(d);
      failpoint('staged');
      const journal: Journal = { token, files: entries };
      this.writeAtomic(JOURNAL_FILE, JSON.stringify(journal) + '\n');
      failpoint('journal');
    } catch (e) {
      cleanup();
      return err(ioError(e, this.location, 'write the memory'));
    }
    // Committed: from here on, a failure is finished by the next command's recovery.
    const applied = this.applyJournal({ token, files: entries });
    if (!applied.ok) return applied;
    return ok(true);
  }

  private applyJournal(journal: Journal): Result<void> {
    const dirs = new Set<string>(['.']);
    try {
      for (const f of journal.files) {
        const target = join(this.dir, f.path);
        if (f.remove) {
          try {
            this.fs.unlinkSync(target);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          }
        } else if (f.staged) {
          const stagedPath = join(this.dir, f.staged);
          if (this.fs.existsSync(stagedPath)) {
            this.fs.renameSync(stagedPath, target);
            failpoint('renamed');
          }
          else {
            // Renamed before the interruption: the shard must already hold the committed content.
            let current: string | undefined;
            try {
              current = this.fs.readFileSync(target, 'utf8');
            } catch {
              current = undefined;
            }
            if (current === undefined || sumOf(current) !== f.sum) {
              return err({ code: 'memory', message: 'an interrupted write cannot be completed: a staged shard is missing', file: this.show(f.path), hint: `restore ${this.location} from git, then delete ${this.show(JOURNAL_FILE)}` });
            }
          }
        }
        dirs.add(dirname(f.path));
      }
      for (const d of dirs) this.syncDir(d);
      failpoint('applied');
      this.fs.unlinkSync(join(this.dir, JOURNAL_FILE));
      this.syncDir('.');
    } catch (e) {
      return err(ioError(e, this.location, 'finish writing the memory'));
    }
    return ok(undefined);
  }

  /** Finishes or rolls back an interrupted commit and deletes stray temporary files. Under the lock. */
  private recover(): Result<string[]> {
    const repaired: string[] = [];
    const journalPath = join(this.dir, JOURNAL_FILE);
    if (this.fs.existsSync(journalPath)) {
      let journal: Journal;
      try {
        journal = JSON.parse(this.fs.readFileSync(journalPath, 'utf8')) as Journal;
      } catch {
        return err({ code: 'memory', message: 'the journal of an interrupted write is unreadable', file: this.show(JOURNAL_FILE), hint: `check ${this.location} with git status; delete the journal to keep the files as they are` });
      }
      const applied = this.applyJournal(journal);
      if (!applied.ok) return applied;
      repaired.push(JOURNAL_FILE, ...journal.files.map((f) => f.path));
    }
    const listed = this.list();
    if (!listed.ok) return listed;
    for (const t of listed.value.temps) {
      try {
        this.fs.unlinkSync(join(this.dir, t));
        repaired.push(t);
      } catch {
        // a read-only memory keeps its strays; nothing else to do
      }
    }
    return ok(repaired);
  }

  private writeDurable(rel: string, data: string | Uint8Array | readonly Uint8Array[]): void {
    const fd = this.fs.openSync(join(this.dir, rel), 'wx', 0o644);
    try {
      const pieces = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
      for (const bytes of pieces) {
        let off = 0;
        while (off < bytes.length) off += this.fs.writeSync(fd, bytes, off, bytes.length - off);
      }
      this.fs.fsyncSync(fd);
    } finally {
      this.fs.closeSync(fd);
    }
  }

  /** temp + fsync + rename + directory fsync, with this store's fs (so failures can be injected). */
  private writeAtomic(rel: string, data: string | Uint8Array | readonly Uint8Array[]): void {
    const tmp = `${dirname(rel)}/.${basename(rel)}.${process.pid}.${Date.now().toString(36)}.tmp`;
    try {
      this.writeDurable(tmp, data);
      this.fs.renameSync(join(this.dir, tmp), join(this.dir, rel));
    } catch (e) {
      try {
        this.fs.unlinkSync(join(this.dir, tmp));
      } catch {
        // never created
      }
      throw e;
    }
    this.syncDir(dirname(rel));
  }

  private syncDir(rel: string): void {
    let fd: number | undefined;
    try {
      fd = this.fs.openSync(join(this.dir, rel), 'r');
      this.fs.fsyncSync(fd);
    } catch {
      // Some file systems cannot fsync a directory; the renames are still atomic.
    } finally {
      if (fd !== undefined) this.fs.closeSync(fd);
    }
  }

  // --- fsck ------------------------------------------------------------------------------------------

  fsck(options: FsckOptions = {}): Result<FsckReport> {
    return this.withLock((locked) => {
      const repaired: string[] = [...this.recovered];
      const listed = this.list();
      if (!listed.ok) return listed;
      const files = this.readFiles(listed.value.files);
      if (!files.ok) return files;
      const parsed = parseStore(files.value, { acceptEdits: options.fix === true && options.acceptEdits === true });
      const problems = [...parsed.problems];
      if (this.fs.existsSync(join(this.dir, LOCK_FILE)) && !locked) problems.push({ kind: 'stray', file: LOCK_FILE, line: 0, message: 'a lock file in a read-only memory' });
      for (const t of listed.value.temps) problems.push({ kind: 'stray', file: t, line: 0, message: 'a left-over temporary file' });
      if (!options.fix) {
        return ok({ problems, units: parsed.content.units.length, exports: parsed.content.exports.length, repaired, unresolved: problems.filter((p) => p.kind !== 'stray' || !locked) });
      }
      if (!locked) return err({ code: 'io', message: 'cannot repair a memory that is not writable', file: this.location });
      // Edits are neither dropped nor accepted silently: that needs --accept-edits or --drop-edits.
      const keepBlocked = parsed.dropped.some((d) => d.kind === 'checksum') && !options.dropEdits;
      const unresolved = keepBlocked ? problems.filter((p) => p.kind === 'checksum') : [];
      let savedTo: string | undefined;
      if (keepBlocked) {
        return ok({ problems, units: parsed.content.units.length, exports: parsed.content.exports.length, repaired, unresolved });
      }
      if (parsed.dropped.length > 0) {
        savedTo = `${CACHE_DIR}/fsck-dropped-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`;
        try {
          this.fs.mkdirSync(join(this.dir, CACHE_DIR), { recursive: true });
          this.writeAtomic(savedTo, parsed.dropped.map((d) => `${d.file}:${d.line}: ${d.text}`).join('\n') + '\n');
        } catch (e) {
          return err(ioError(e, this.show(savedTo), 'save the dropped lines'));
        }
      }
      const layout = layoutStore(parsed.content);
      const before = new Set(files.value.map((f) => f.path));
      const written = this.commit(files.value, layout);
      if (!written.ok) return written;
      for (const [path, text] of layout) if (files.value.find((f) => f.path === path)?.text !== text) repaired.push(path);
      for (const p of before) if (!layout.has(p)) repaired.push(p);
      repaired.push(...listed.value.temps);
      return ok({ problems, units: parsed.content.units.length, exports: parsed.content.exports.length, repaired, unresolved, ...(savedTo ? { savedTo } : {}) });
    }, options.fix === true);
  }
}

/**
 * Crash injection for the durability tests: with KIOKU_CRASH_AT=staged|journal|renamed|applied the
 * process kills itself with SIGKILL at that step of a commit, exactly as a crash there would.
 */
function failpoint(name: 'staged' | 'journal' | 'renamed' | 'applied'): void {
  if (process.env.KIOKU_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

/**
 * A fingerprint (see FileStore.fingerprint: one `path:size:mtimeNs:ino` line per file) as path → the
 * rest. Split from the right: a store file's name may itself hold a colon.
 */
function shardStamps(fingerprint: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of fingerprint.split('\n')) {
    const at = line.lastIndexOf(':', line.lastIndexOf(':', line.lastIndexOf(':') - 1) - 1);
    if (at > 0) m.set(line.slice(0, at), line.slice(at + 1));
  }
  return m;
}

/** Above this share of the unit shards' bytes changed since the cache was built, it is rebuilt whole. */
const OVERLAY_SHARE = 0.1;

/** The first unit number whose id is ≥ `prefix` (ids are sorted). */
function firstId(memory: Memory, prefix: string): number {
  let lo = 0;
  let hi = memory.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (memory.id(mid) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isTemp(name: string): boolean {
  return name.startsWith('.') && (name.endsWith('.tmp') || name.endsWith('.new'));
}
