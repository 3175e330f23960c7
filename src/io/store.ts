/**
 * The file store of a memory directory: the only code that reads or writes memory/.
 *
 * Writes are all-or-nothing per command, also across several shard files:
 *   1. take the lock (src/io/lock.ts), finish or roll back an interrupted commit, re-read the store;
 *   2. write every changed file under a temporary name beside it, fsync each, fsync their directories;
 *   3. write the journal `.journal` (temp + fsync + rename + directory fsync): the commit point;
 *   4. rename the temporary files over the shards (or delete emptied shards), fsync directories;
 *   5. delete the journal.
 * Killed before 3, the next command deletes kioku's own temporary files (old store); killed after 3,
 * it replays the journal (new store) — only a journal of the exact shape kioku writes, naming store
 * files of this memory (src/io/layout.ts): the memory folder comes from git, so a pull request can
 * commit any `.journal`. Readers take the lock too, so they never see a half-applied commit.
 *
 * Every path the store writes, renames, deletes or makes a folder at goes through the wall
 * (`guardPath` in src/io/layout.ts); everything it reads is lstat'ed first: regular files only, no
 * symbolic links inside the memory, no FIFO (which would block the read).
 *
 * A derived cache (`.cache/index-v2.bin`: the records and the fuzzy index as binary arrays, with a
 * checksum) is reused while the shards' fingerprint (path, size, mtime, inode) is unchanged and
 * rebuilt otherwise; a cache that fails its checksum or does not decode is rebuilt silently.
 */
import * as nodeFs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ExportRecord, KiokuError, MemoryContent, Result, TranslationUnit } from '../model.js';
import type { Memory } from '../memory/shapes.js';
import { err, ok } from '../model.js';
import {
  FATAL_PROBLEMS,
  layoutStore,
  pairFolderProblem,
  parseStore,
  StorePathError,
  SHARD_MAX,
  unwritableField,
  type ParsedStore,
  type StoreFile,
  type StoreProblem,
} from '../memory/codec.js';
import { buildIndex } from '../memory/fuzzy-index.js';
import { encodeCacheParts, memoryFromContent, staleMemoryFromCache, withOverlay } from '../memory/view.js';
import { compareExports, exportKey } from '../memory/codec.js';
import { compareIds, unitId } from '../memory/content.js';
import { hash64 } from '../text/hash.js';
import { quoteTag } from '../text/lang.js';
import { decodeUtf8Strict } from './decode.js';
import { ioError } from './files.js';
import {
  CACHE_DIR,
  CACHE_FILE,
  commitToken,
  describeEntry,
  guardPath,
  isOwnTemp,
  isStoreFileName,
  JOURNAL_FILE,
  LOCK_FILE,
  MemoryPathRefused,
  PAIR_DIR_RE,
  stagedName,
  tempName,
  validateJournal,
  type Journal,
  type PathOp,
} from './layout.js';
import { acquireLock, type Lock } from './lock.js';
import type { FsckOptions, FsckReport, MemoryStore, SelectedUpdate } from '../memory/store.js';
import {
  exportFiles,
  fileChanges,
  fingerprintLine,
  hiddenUnits,
  planOverlay,
  selectedScope,
  SHARD_MAX_BYTES,
  shardTooLarge,
  unreadOverwrite,
} from '../memory/shards.js';

// The interface lives in the core (src/memory/store.ts); re-exported for callers of the file side.
export type { FsckOptions, FsckReport, MemoryStore, SelectedUpdate, UnitKey } from '../memory/store.js';

export { CACHE_DIR, CACHE_FILE, JOURNAL_FILE } from './layout.js';
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

export { SHARD_MAX_BYTES } from '../memory/shards.js';

/** The errors that say a memory cannot be written (its lock cannot be made): then it is read without the lock. */
const UNWRITABLE: ReadonlySet<string> = new Set(['EACCES', 'EPERM', 'EROFS']);

/** A journal lists file names and checksums: even a commit of every shard of many pairs stays far below this. */
const JOURNAL_MAX_BYTES = 16 * 1024 * 1024;

/** An entry of the memory folder that is not what the layout puts there, found while listing it. */
interface OddEntry {
  readonly path: string;
  /** "a symbolic link", "a FIFO", "a folder"… */
  readonly what: string;
  /** Whether commands must stop (a pair folder or a store file); otherwise only fsck reports it. */
  readonly fatal: boolean;
}

interface Listing {
  readonly files: string[];
  readonly temps: string[];
  readonly odd: OddEntry[];
  /** Folders that hold store files where no reader looks (`ja_JP_en_US/`): reported by fsck, never read. */
  readonly misnamed: StoreProblem[];
}

export function openStore(dir: string, options: StoreOptions = {}): MemoryStore {
  return new FileStore(dir, options);
}

/** Loads the memory in `dir` (see MemoryStore.load). */
export function loadMemory(dir: string, options: StoreOptions = {}): Result<Memory> {
  return openStore(dir, options).load();
}

/** Changes the memory in `dir` atomically (see MemoryStore.update). */
export function updateMemory<R>(
  dir: string,
  fn: (content: MemoryContent) => Result<{ content: MemoryContent; report: R }>,
  options: StoreOptions = {},
): Result<{ report: R; written: boolean }> {
  return openStore(dir, options).update(fn);
}

const sumOf = (text: string) => hash64(text);

class FileStore implements MemoryStore {
  readonly location: string;
  private readonly fs: typeof nodeFs;
  /** What the last recovery finished or deleted (fsck reports it). */
  private recovered: string[] = [];
  /** The memory folder resolved once (it may itself be a link the user chose); nothing inside is followed. */
  private resolved: string | undefined;
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

  private get root(): string {
    if (this.resolved === undefined) {
      // A memory that does not exist yet has nothing to resolve (nothing is read; a write creates it first).
      if (!this.exists()) return resolve(this.dir);
      this.resolved = this.fs.realpathSync(this.dir);
    }
    return this.resolved;
  }

  /** The absolute path of `rel` for reading: no link, FIFO or folder on the way (checked by listing and lstat). */
  private at(rel: string): string {
    return join(this.root, rel);
  }

  /** The absolute path of `rel` for `op`, through the wall (throws MemoryPathRefused). */
  private guard(rel: string, op: PathOp): string {
    return guardPath(this.fs, this.root, rel, op);
  }

  /** One error line for a path the wall refused. */
  private refused(e: MemoryPathRefused): KiokuError {
    return {
      code: 'memory',
      message: `refusing to write ${e.path} in the memory: ${e.reason}`,
      file: this.show(e.path),
      hint: 'kioku writes only its own files in a memory folder and follows no links there; replace links with real folders or files',
    };
  }

  private writeError(e: unknown, doing: string): KiokuError {
    return e instanceof MemoryPathRefused ? this.refused(e) : ioError(e, this.location, doing);
  }

  /** Runs fn under the lock; a read-only memory is read without it (nobody can write it either). */
  private withLock<T>(fn: (locked: boolean) => Result<T>, write: boolean): Result<T> {
    try {
      return this.withLockUnguarded(fn, write);
    } catch (e) {
      // pairDir's last line of defence: a tag that is not one would name a folder. Nothing was written.
      if (!(e instanceof StorePathError)) throw e;
      return err({
        code: 'memory',
        message: `refusing to write a pair folder named after ${quoteTag(e.tag)} in the memory: not a file of the memory layout (only language tags such as ja or en-US name pair folders)`,
        file: this.location,
        hint: 'the file or option that gave this language was not validated: please report it',
      });
    }
  }

  private withLockUnguarded<T>(fn: (locked: boolean) => Result<T>, write: boolean): Result<T> {
    let created = false;
    if (!this.exists()) {
      if (!write || this.options.create === false) return fn(false);
      try {
        this.fs.mkdirSync(this.dir, { recursive: true });
        created = true;
      } catch (e) {
        return err(e instanceof MemoryPathRefused ? this.refused(e) : ioError(e, this.location, 'create the memory directory'));
      }
    }
    const result = this.locked(fn, write, created);
    if (created && !result.ok) {
      // A write that failed (a rejected import) leaves no memory behind: the folder held only the lock,
      // released by now. It stays if anything else is in it (another writer got in).
      try {
        this.fs.rmdirSync(this.dir);
      } catch {
        // not empty (another writer got in) or already gone: leave it
      }
    }
    return result;
  }

  private locked<T>(fn: (locked: boolean) => Result<T>, write: boolean, created: boolean): Result<T> {
    const lock = acquireLock(this.root, {
      displayDir: this.location,
      fs: this.fs,
      ...(this.options.lockTimeoutMs !== undefined ? { timeoutMs: this.options.lockTimeoutMs } : {}),
    });
    if (!lock.ok) {
      // A memory we may not write (no permission, a read-only file system) is still read, unlocked.
      const errno = lock.error.cause?.errno;
      if (!write && lock.error.code === 'io' && errno !== undefined && UNWRITABLE.has(errno)) return fn(false);
      return lock;
    }
    try {
      const recovered = this.recover();
      if (!recovered.ok) return recovered;
      this.recovered = recovered.value;
      const result = fn(true);
      if (created && result.ok) {
        // A new memory carries its git setup (shards merge through kioku, derived files stay out of
        // git), written once the write succeeded: a refused one leaves no memory behind.
        try {
          this.fs.writeFileSync(this.guard('.gitattributes', 'create'), GITATTRIBUTES, { flag: 'wx' });
          this.fs.writeFileSync(this.guard('.gitignore', 'create'), GITIGNORE, { flag: 'wx' });
        } catch (e) {
          return err(e instanceof MemoryPathRefused ? this.refused(e) : ioError(e, this.location, 'write the git setup of the new memory'));
        }
      }
      return result;
    } finally {
      (lock.value as Lock).release();
    }
  }

  // --- Reading ---------------------------------------------------------------------------------------

  /**
   * Store files (relative paths), kioku's own stray temporary files, and entries that are not what the
   * layout puts there. Directory entries are typed without following links (readdir's d_type, lstat
   * where the file system does not say): a pair folder that is a link is reported, never entered.
   */
  private list(): Result<Listing> {
    const files: string[] = [];
    const temps: string[] = [];
    const odd: OddEntry[] = [];
    const misnamed: StoreProblem[] = [];
    if (!this.exists()) return ok({ files, temps, odd, misnamed });
    const what = (e: nodeFs.Dirent) =>
      e.isSymbolicLink()
        ? 'a symbolic link'
        : e.isDirectory()
          ? 'a folder'
          : e.isFile()
            ? 'a regular file'
            : e.isFIFO()
              ? 'a FIFO'
              : e.isSocket()
                ? 'a socket'
                : 'a device';
    try {
      for (const entry of this.fs.readdirSync(this.root, { withFileTypes: true })) {
        const name = entry.name;
        if (isOwnTemp('', name)) {
          if (entry.isFile()) temps.push(name);
          else odd.push({ path: name, what: what(entry), fatal: false });
          continue;
        }
        if (name === CACHE_DIR) {
          if (!entry.isDirectory()) {
            odd.push({ path: name, what: what(entry), fatal: false });
            continue;
          }
          for (const c of this.fs.readdirSync(this.at(name), { withFileTypes: true })) {
            if (!isOwnTemp(CACHE_DIR, c.name)) continue;
            if (c.isFile()) temps.push(`${name}/${c.name}`);
            else odd.push({ path: `${name}/${c.name}`, what: what(c), fatal: false });
          }
          continue;
        }
        if (!PAIR_DIR_RE.test(name)) {
          // Units in a folder no reader looks at would be silently invisible: fsck names the folder.
          if (entry.isDirectory()) {
            const problem = pairFolderProblem(name, this.fs.readdirSync(this.at(name)));
            if (problem !== undefined) misnamed.push(problem);
          }
          continue;
        }
        if (!entry.isDirectory()) {
          odd.push({ path: name, what: what(entry), fatal: true });
          continue;
        }
        for (const f of this.fs.readdirSync(this.at(name), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
          const rel = `${name}/${f.name}`;
          if (isOwnTemp(name, f.name)) {
            if (f.isFile()) temps.push(rel);
            else odd.push({ path: rel, what: what(f), fatal: false });
          } else if (isStoreFileName(f.name)) {
            if (f.isFile()) files.push(rel);
            else odd.push({ path: rel, what: what(f), fatal: true });
          } else if (f.name.endsWith('.jsonl')) {
            // Not a name of the layout: parseStore reports it as stray. Never opened unless regular.
            if (f.isFile()) files.push(rel);
            else odd.push({ path: rel, what: what(f), fatal: false });
          }
        }
      }
    } catch (e) {
      return err(ioError(e, this.location, 'list the memory directory'));
    }
    files.sort();
    return ok({ files, temps, odd, misnamed });
  }

  /** The listing, or one error line for the first pair folder or store file that is not a real folder or regular file. */
  private listUsable(): Result<Listing> {
    const listed = this.list();
    if (!listed.ok) return listed;
    const bad = listed.value.odd.find((o) => o.fatal);
    return bad ? err(this.oddError(bad)) : listed;
  }

  private oddError(o: OddEntry): KiokuError {
    const { problem, hint } = this.oddFault(o);
    return { code: 'memory', message: `${problem}; nothing was read or written`, file: this.show(o.path), hint };
  }

  /** What is wrong with an odd entry and how to fix it: the error line of a command, or fsck's problem. */
  private oddFault(o: OddEntry): { readonly problem: string; readonly hint: string } {
    const pairFolder = !o.path.includes('/');
    if (pairFolder && o.what === 'a regular file') {
      return {
        problem: 'a file where the folder of a language pair belongs',
        hint: `move it away (kioku memory fsck --fix --memory ${this.location} moves it into ${this.show(CACHE_DIR)})`,
      };
    }
    return {
      problem: `the ${pairFolder ? 'pair folder' : 'shard'} is ${o.what}, not a ${pairFolder ? 'folder' : 'regular file'}`,
      hint:
        o.what === 'a symbolic link'
          ? 'kioku follows no links inside a memory (a committed link could point anywhere): replace it with the real folder or file'
          : 'restore it from git',
    };
  }

  /** lstat of a store file: a regular file within the size cap, or the error line. */
  private checkRegular(path: string): Result<nodeFs.Stats> {
    let st: nodeFs.Stats;
    try {
      st = this.fs.lstatSync(this.at(path));
    } catch (e) {
      return err(ioError(e, this.show(path), 'read the memory shard'));
    }
    if (!st.isFile()) return err(this.oddError({ path, what: describeEntry(st), fatal: true }));
    const maxBytes = this.options.maxShardBytes ?? SHARD_MAX_BYTES;
    if (shardTooLarge(st.size, maxBytes)) {
      return err({
        code: 'memory',
        message: `the shard is ${st.size} bytes, over the ${maxBytes}-byte limit for one shard (kioku never writes shards that large)`,
        file: this.show(path),
        hint: 'check where the file came from and restore it from git',
      });
    }
    return ok(st);
  }

  private readFiles(paths: readonly string[]): Result<StoreFile[]> {
    const out: StoreFile[] = [];
    for (const path of paths) {
      // lstat first: a FIFO would block the read, a link would read whatever it points at.
      const checked = this.checkRegular(path);
      if (!checked.ok) return checked;
      try {
        const bytes = this.fs.readFileSync(this.at(path));
        const decoded = decodeUtf8Strict(bytes);
        if ('invalidAt' in decoded) {
          return err({
            code: 'memory',
            message: `the shard is not valid UTF-8 (byte offset ${decoded.invalidAt})`,
            file: this.show(path),
            hint: 'restore the file from git, or remove the bad bytes',
          });
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
        const st = this.fs.lstatSync(this.at(p), { bigint: true });
        if (!st.isFile()) return err(this.oddError({ path: p, what: st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file', fatal: true }));
        parts.push(fingerprintLine(p, st.size, st.mtimeNs, st.ino));
      } catch (e) {
        return err(ioError(e, this.show(p), 'read the memory shard'));
      }
    }
    return ok(parts.join('\n'));
  }

  private parse(options: Parameters<typeof parseStore>[1] = {}): Result<{ parsed: ParsedStore; files: StoreFile[] }> {
    const listed = this.listUsable();
    if (!listed.ok) return listed;
    const files = this.readFiles(listed.value.files);
    if (!files.ok) return files;
    return ok({ parsed: parseStore(files.value, options), files: files.value });
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

  /**
   * The cache file's bytes, or undefined. Best effort and never trusted: `.cache` must be a real
   * folder and the file a regular one (a link or FIFO there is ignored, not followed or opened); the
   * bytes are checked by staleMemoryFromCache (checksum, layout) and rebuilt from the shards when
   * anything is off.
   */
  private readCache(): Uint8Array | undefined {
    try {
      const folder = this.fs.lstatSync(this.at(CACHE_DIR), { throwIfNoEntry: false });
      if (!folder?.isDirectory()) return undefined;
      const rel = `${CACHE_DIR}/${CACHE_FILE}`;
      const file = this.fs.lstatSync(this.at(rel), { throwIfNoEntry: false });
      if (!file?.isFile()) return undefined;
      return this.fs.readFileSync(this.at(rel));
    } catch {
      return undefined;
    }
  }

  load(): Result<Memory> {
    return this.withLock((locked) => {
      const listed = this.listUsable();
      if (!listed.ok) return listed;
      const fp = this.fingerprint(listed.value.files);
      if (!fp.ok) return fp;
      if (listed.value.files.length > 0) {
        const bytes = this.readCache();
        const stale = bytes ? staleMemoryFromCache(bytes) : undefined;
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
        // Best effort: a memory we cannot write a cache for (read-only, or `.cache` is not a real
        // folder) still works, only slower next time.
        try {
          this.fs.mkdirSync(this.guard(CACHE_DIR, 'mkdir'), { recursive: true });
          this.writeAtomic(`${CACHE_DIR}/${CACHE_FILE}`, encodeCacheParts(content, index, fp.value));
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
    const plan = planOverlay(oldFingerprint, files, newFingerprint);
    if (!plan) return undefined;
    const { changed, gone, exportsChanged, toRead } = plan;
    const read = this.readFiles(toRead);
    if (!read.ok) return read;
    const parsed = parseStore(read.value);
    const bad = this.fatal(parsed.problems);
    if (bad) return err(bad);
    // The base units that lived in a changed or removed shard: their records are read again (or gone).
    const hidden = hiddenUnits(base, [...changed, ...gone]);
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
      const carried = newUnwritable(r.value.parsed.content.units, next.value.content.units);
      if (carried) return err(carried);
      const written = this.commit(r.value.files, layoutStore(next.value.content), r.value.parsed.problems);
      if (!written.ok) return written;
      return ok({ report: next.value.report, written: written.value });
    }, true);
  }

  updateSelected<R>(plan: (exports: readonly ExportRecord[]) => Result<SelectedUpdate<R>>): Result<{ report: R; written: boolean }> {
    return this.withLock(() => {
      const listed = this.listUsable();
      if (!listed.ok) return listed;
      const all = listed.value.files;
      const exportsOnly = exportFiles(all);
      const exportsRead = this.readFiles(exportsOnly);
      if (!exportsRead.ok) return exportsRead;
      const exportsParsed = parseStore(exportsRead.value);
      const badExports = this.fatal(exportsParsed.problems);
      if (badExports) return err(badExports);
      const planned = plan(exportsParsed.content.exports);
      if (!planned.ok) return planned;
      // The unit files that can hold the named units (a whole pair, or only the shards of the ids' prefixes).
      const { unitFiles, sharded } = selectedScope(all, planned.value.units);
      const unitsRead = this.readFiles(unitFiles);
      if (!unitsRead.ok) return unitsRead;
      // The export records were read above: they join the scope without a second read.
      const scope = new Set([...unitFiles, ...exportsOnly]);
      const read = [...exportsRead.value, ...unitsRead.value].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const parsed = parseStore(read);
      const bad = this.fatal(parsed.problems);
      if (bad) return err(bad);
      const next = planned.value.apply(parsed.content);
      if (!next.ok) return next;
      const carried = newUnwritable(parsed.content.units, next.value.content.units);
      if (carried) return err(carried);
      const layout = layoutStore(next.value.content, SHARD_MAX, sharded);
      // A file outside the scope that exists was not read: writing it would lose its records.
      const unread = unreadOverwrite(layout.keys(), scope, new Set(all));
      if (unread !== undefined) {
        return err({ code: 'memory', message: `a partial update would overwrite ${unread}, which it did not read`, file: this.show(unread) });
      }
      const written = this.commit(read, layout, parsed.problems);
      if (!written.ok) return written;
      return ok({ report: next.value.report, written: written.value });
    }, true);
  }

  /**
   * Makes the files on disk equal `layout` (all-or-nothing). Returns whether anything changed.
   * `problems` are those of parsing `current`: a file holding a record with fields this kioku does
   * not know is never rewritten (encodeUnit would drop them), so such a commit is refused.
   */
  private commit(current: readonly StoreFile[], layout: ReadonlyMap<string, string>, problems: readonly StoreProblem[]): Result<boolean> {
    const changes = fileChanges(current, layout);
    if (changes.length === 0) return ok(false);
    const changed = new Set(changes.map((c) => c.path));
    const keep = problems.find((p) => p.kind === 'unknown-fields' && changed.has(p.file));
    if (keep) {
      return err({
        code: 'memory',
        message: `${keep.message}; nothing was changed`,
        file: this.show(keep.file),
        line: keep.line,
        hint: 'upgrade kioku, or (fields added by hand) remove them and run kioku memory fsck --fix --accept-edits',
      });
    }
    const token = commitToken();
    const entries: Array<{ path: string; staged?: string; sum?: string; remove?: boolean }> = [];
    const staged: string[] = [];
    const dirs = new Set<string>();
    const cleanup = () => {
      for (const s of staged) {
        try {
          this.fs.unlinkSync(this.guard(s, 'delete'));
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
        this.fs.mkdirSync(this.guard(d, 'mkdir'), { recursive: true });
        const s = stagedName(c.path, token);
        staged.push(s);
        this.writeDurable(s, c.text);
        dirs.add(d);
        entries.push({ path: c.path, staged: s, sum: sumOf(c.text) });
      }
      // Removals are checked now too, so a path the wall refuses fails before the commit point.
      for (const e of entries) if (e.remove) this.guard(e.path, 'delete');
      for (const d of dirs) this.syncDir(d);
      failpoint('staged');
      const journal: Journal = { token, files: entries };
      this.writeAtomic(JOURNAL_FILE, JSON.stringify(journal) + '\n');
      failpoint('journal');
    } catch (e) {
      cleanup();
      return err(this.writeError(e, 'write the memory'));
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
        if (f.remove) {
          try {
            this.fs.unlinkSync(this.guard(f.path, 'delete'));
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          }
        } else if (f.staged) {
          const target = this.guard(f.path, 'rename-to');
          const stagedPath = this.guard(f.staged, 'rename-from');
          if (this.fs.lstatSync(stagedPath, { throwIfNoEntry: false }) !== undefined) {
            this.fs.renameSync(stagedPath, target);
            failpoint('renamed');
          } else if (this.sumAt(f.path) !== f.sum) {
            // Renamed before the interruption: the shard must already hold the committed content.
            return err({
              code: 'memory',
              message: 'an interrupted write cannot be completed: a staged shard is missing',
              file: this.show(f.path),
              hint: `restore ${this.location} from git, then delete ${this.show(JOURNAL_FILE)}`,
            });
          }
        }
        dirs.add(dirname(f.path));
      }
      for (const d of dirs) this.syncDir(d);
      failpoint('applied');
      this.fs.unlinkSync(this.guard(JOURNAL_FILE, 'delete'));
      this.syncDir('.');
    } catch (e) {
      return err(this.writeError(e, 'finish writing the memory'));
    }
    return ok(undefined);
  }

  /** The checksum a journal gives a file's content, or undefined when it is not a regular file we can read. */
  private sumAt(rel: string): string | undefined {
    try {
      const st = this.fs.lstatSync(this.at(rel), { throwIfNoEntry: false });
      if (!st?.isFile() || shardTooLarge(st.size)) return undefined;
      return sumOf(this.fs.readFileSync(this.at(rel), 'utf8'));
    } catch {
      return undefined;
    }
  }

  /**
   * The journal of an interrupted commit, checked before anything is done with it: a regular file of
   * the exact shape kioku writes (validateJournal), whose staged files (or, once renamed, the shards)
   * hold the content it names. Undefined when there is none; one error line naming the journal and
   * the fix otherwise, with nothing changed.
   */
  private readJournal(): Result<Journal | undefined> {
    const file = this.show(JOURNAL_FILE);
    const refuse = (problem: string, hint = `delete ${file} if no kioku is running`): Result<never> =>
      err({ code: 'memory', message: `the journal of an interrupted write ${problem}; nothing was changed`, file, hint });
    const st = this.fs.lstatSync(this.at(JOURNAL_FILE), { throwIfNoEntry: false });
    if (st === undefined) return ok(undefined);
    if (!st.isFile()) return refuse(`is ${describeEntry(st)}, not a file kioku wrote`);
    if (st.size > JOURNAL_MAX_BYTES) return refuse(`is ${st.size} bytes, far more than kioku ever writes`);
    let value: unknown;
    try {
      const decoded = decodeUtf8Strict(this.fs.readFileSync(this.at(JOURNAL_FILE)));
      if ('invalidAt' in decoded) return refuse(`is not valid UTF-8 (byte offset ${decoded.invalidAt})`);
      value = JSON.parse(decoded.text);
    } catch (e) {
      if (e instanceof SyntaxError)
        return refuse('is unreadable (not JSON)', `check ${this.location} with git status; delete ${file} to keep the files as they are`);
      return err(ioError(e, file, 'read the journal'));
    }
    const checked = validateJournal(value);
    if (!checked.ok) return refuse(checked.problem);
    const journal = checked.journal;
    // Every rename is possible before the first is made: all-or-nothing holds for the recovery too.
    for (const f of journal.files) {
      try {
        this.guard(f.path, f.remove ? 'delete' : 'rename-to');
        if (f.staged) this.guard(f.staged, 'rename-from');
      } catch (e) {
        if (e instanceof MemoryPathRefused) return refuse(`names ${e.path}, which kioku will not touch (${e.reason})`);
        throw e;
      }
      if (f.staged === undefined) continue;
      const staged = this.fs.lstatSync(this.at(f.staged), { throwIfNoEntry: false });
      const sum = staged ? this.sumAt(f.staged) : this.sumAt(f.path);
      if (sum !== f.sum) {
        return refuse(
          staged ? `does not match its staged file ${f.staged}` : `names ${f.staged}, which is missing, and ${f.path} does not hold what was committed`,
          `restore ${this.location} from git, then delete ${file}`,
        );
      }
    }
    return ok(journal);
  }

  /** Finishes or rolls back an interrupted commit and deletes kioku's own stray temporary files. Under the lock. */
  private recover(): Result<string[]> {
    const repaired: string[] = [];
    const journal = this.readJournal();
    if (!journal.ok) return journal;
    if (journal.value) {
      const applied = this.applyJournal(journal.value);
      if (!applied.ok) return applied;
      repaired.push(JOURNAL_FILE, ...journal.value.files.map((f) => f.path));
    }
    const listed = this.list();
    if (!listed.ok) return listed;
    for (const t of listed.value.temps) {
      try {
        this.fs.unlinkSync(this.guard(t, 'delete'));
        repaired.push(t);
      } catch {
        // a read-only memory keeps its strays; nothing else to do
      }
    }
    return ok(repaired);
  }

  private writeDurable(rel: string, data: string | Uint8Array | readonly Uint8Array[]): void {
    const fd = this.fs.openSync(this.guard(rel, 'create'), 'wx', 0o644);
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
    const tmp = tempName(rel);
    const target = this.guard(rel, 'rename-to');
    try {
      this.writeDurable(tmp, data);
      this.fs.renameSync(this.guard(tmp, 'rename-from'), target);
    } catch (e) {
      try {
        this.fs.unlinkSync(this.guard(tmp, 'delete'));
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
      // O_DIRECTORY | O_NOFOLLOW: only a real folder is opened (a FIFO there would block a plain open).
      fd = this.fs.openSync(join(this.root, rel), nodeFs.constants.O_RDONLY | nodeFs.constants.O_DIRECTORY | nodeFs.constants.O_NOFOLLOW);
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
      const parsed = parseStore(files.value, {
        acceptEdits: options.fix === true && options.acceptEdits === true,
        expectedId: (u) => unitId(u.sourceLang, u.targetLang, u.provenance.document, u.provenance.segment, u.source),
        dropUnwritable: true,
      });
      const problems = [...parsed.problems];
      for (const o of listed.value.odd) problems.push(this.oddProblem(o));
      problems.push(...listed.value.misnamed);
      const lock = this.fs.lstatSync(this.at(LOCK_FILE), { throwIfNoEntry: false });
      if (lock !== undefined && !locked) problems.push({ kind: 'stray', file: LOCK_FILE, line: 0, message: 'a lock file in a read-only memory' });
      for (const t of listed.value.temps) problems.push({ kind: 'stray', file: t, line: 0, message: 'a left-over temporary file' });
      const counts = { units: parsed.content.units.length, exports: parsed.content.exports.length };
      // What --fix leaves to the user: links, FIFOs, folders where files belong (kioku deletes no entry it did not write).
      const leftAlone = problems.filter((p) => (p.kind === 'layout' && !this.movable(listed.value.odd, p.file)) || p.kind === 'misnamed');
      if (!options.fix) {
        return ok({ problems, ...counts, repaired, unresolved: problems.filter((p) => p.kind !== 'stray' || !locked) });
      }
      if (!locked) return err({ code: 'io', message: 'cannot repair a memory that is not writable', file: this.location });
      // Edits are neither dropped nor accepted silently: that needs --accept-edits or --drop-edits.
      const keepBlocked = parsed.dropped.some((d) => d.kind === 'checksum') && !options.dropEdits;
      if (keepBlocked) {
        return ok({ problems, ...counts, repaired, unresolved: [...problems.filter((p) => p.kind === 'checksum'), ...leftAlone] });
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      // A file where a pair folder belongs holds no records kioku can read: moved aside (still on
      // disk, and in git), so the pair folder can be made again.
      for (const o of listed.value.odd) {
        if (!this.movable(listed.value.odd, o.path)) continue;
        const aside = `${CACHE_DIR}/fsck-moved-${stamp}-${o.path}`;
        try {
          this.fs.mkdirSync(this.guard(CACHE_DIR, 'mkdir'), { recursive: true });
          this.fs.renameSync(this.guard(o.path, 'rename-from'), this.guard(aside, 'rename-to'));
        } catch (e) {
          return err(this.writeError(e, `move ${o.path} aside`));
        }
        repaired.push(`${o.path} (moved to ${aside})`);
      }
      let savedTo: string | undefined;
      if (parsed.dropped.length > 0) {
        savedTo = `${CACHE_DIR}/fsck-dropped-${stamp}.txt`;
        try {
          this.fs.mkdirSync(this.guard(CACHE_DIR, 'mkdir'), { recursive: true });
          this.writeAtomic(savedTo, parsed.dropped.map((d) => `${d.file}:${d.line}: ${d.text}`).join('\n') + '\n');
        } catch (e) {
          return err(e instanceof MemoryPathRefused ? this.refused(e) : ioError(e, this.show(savedTo), 'save the dropped lines'));
        }
      }
      const layout = layoutStore(parsed.content);
      const written = this.commit(files.value, layout, parsed.problems);
      if (!written.ok) return written;
      for (const c of fileChanges(files.value, layout)) repaired.push(c.path);
      repaired.push(...listed.value.temps);
      return ok({ problems, ...counts, repaired, unresolved: leftAlone, ...(savedTo ? { savedTo } : {}) });
    }, options.fix === true);
  }

  /** Whether fsck --fix moves an odd entry aside: a regular file where a pair folder belongs. */
  private movable(odd: readonly OddEntry[], path: string): boolean {
    return odd.some((o) => o.path === path && !path.includes('/') && o.what === 'a regular file' && PAIR_DIR_RE.test(path));
  }

  private oddProblem(o: OddEntry): StoreProblem {
    const fault = this.oddFault(o);
    const fix = this.movable([o], o.path)
      ? `; --fix moves it into ${CACHE_DIR}/`
      : o.fatal
        ? `; not repaired: ${fault.hint}`
        : o.path === CACHE_DIR || o.path.startsWith(`${CACHE_DIR}/`)
          ? '; ignored (the cache is rebuilt in memory): delete it'
          : '; ignored: delete it';
    const message = o.fatal ? fault.problem : `${o.what} where kioku expects ${o.path === CACHE_DIR ? 'its cache folder' : 'a regular file'}`;
    return { kind: 'layout', file: o.path, line: 0, message: `${message}${fix}` };
  }
}

/**
 * The first unit of `after` that is new (not an object of `before`) and holds a character no XLIFF or
 * TMX can carry, as an error: the store never writes such a record (the readers refuse them with the
 * file and line; this is the last wall, for any caller). Records already stored pass through unchanged
 * (fsck reports them, --fix removes them).
 */
function newUnwritable(before: readonly TranslationUnit[], after: readonly TranslationUnit[]): KiokuError | undefined {
  const old = new Set(before);
  for (const u of after) {
    if (old.has(u)) continue;
    const bad = unwritableField(u);
    if (bad) {
      return {
        code: 'content',
        message: `the ${bad.field} holds ${bad.label} at offset ${bad.index}, which no XLIFF or TMX can carry: kioku does not store it`,
        unit: u.provenance.segment,
        hint: 'remove the character from the file and import again',
      };
    }
  }
  return undefined;
}

/**
 * Crash injection for the durability tests: with KIOKU_CRASH_AT=staged|journal|renamed|applied the
 * process kills itself with SIGKILL at that step of a commit, exactly as a crash there would.
 */
function failpoint(name: 'staged' | 'journal' | 'renamed' | 'applied'): void {
  if (process.env.KIOKU_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
