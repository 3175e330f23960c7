/**
 * What may exist in a memory folder, and the wall every write goes through.
 *
 * The memory folder is committed in git, so on a pull request everything in it is chosen by whoever
 * opened the pull request: a journal naming `../victim.txt`, a pair folder that is a symbolic link to
 * another project, a FIFO named like a shard. Two rules keep that inside the folder:
 *
 *   - the layout: the only names kioku reads, writes or deletes are listed here (store files of valid
 *     pair folders, kioku's own temporary names, the lock, the journal, the cache, the git setup);
 *   - the wall (`guardPath`): every path the store creates, renames, deletes or makes a folder at is
 *     checked against the layout AND against the disk (no `..`, nothing absolute, no symbolic link or
 *     non-folder on the way, the entry itself a regular file or absent) right before the call, whatever
 *     the caller or a journal on disk says.
 *
 * Symbolic links inside the memory are refused, never followed (memory/README.md, "How writes stay
 * safe"): following them would let a committed link point kioku's writes at /etc or ~/.ssh. The memory
 * folder itself may be a link (the user chose it with --memory); the store resolves it once.
 */
import type * as nodeFs from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = '.lock';
export const LOCK_BREAK_FILE = '.lock.break';
export const JOURNAL_FILE = '.journal';
export const CACHE_DIR = '.cache';
/** The derived index cache; the name carries the layout version, so older caches are simply ignored. */
export const CACHE_FILE = 'index-v2.bin';
/** Cache files of earlier layouts: never read, their leftover temp files still cleaned. */
const OLD_CACHE_FILES: readonly string[] = ['index-v1.bin'];
export const GIT_SETUP_FILES: readonly string[] = ['.gitattributes', '.gitignore'];

/**
 * A pair folder: `<source>_<target>`, each a language tag made of letters, digits and inner hyphens
 * (no dots, slashes or anything a file system gives a meaning). Wider than BCP 47 on purpose: this is
 * the wall, the tags themselves are validated where files are read.
 */
export const PAIR_DIR_RE = /^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8}){0,15}_[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8}){0,15}$/;
const STORE_NAME_RE = /^(?:units(?:-[0-9a-f]{2})?|exports)\.jsonl$/;
/** A commit's token: `<pid>.<time base 36><random base 36>` (see commitToken). */
export const TOKEN_RE = /^[0-9]{1,10}\.[0-9a-z]{1,16}$/;
/** kioku's temporary names: `.<name>.<pid>.<base36>.tmp` (writeAtomic) and `.<name>.<token>.new` (a commit). */
const TEMP_RE = /^\.(.+)\.([0-9]{1,10}\.[0-9a-z]{1,16})\.(tmp|new)$/;
const DROPPED_RE = /^fsck-dropped-[0-9TZ-]{1,40}(?:-[A-Za-z0-9_-]{1,80})?\.txt$/;
const MOVED_RE = /^fsck-moved-[0-9TZ-]{1,40}-[A-Za-z0-9_-]{1,80}$/;

export function commitToken(): string {
  return `${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Where a commit stages the new text of a store file: beside it, under the commit's token. */
export function stagedName(path: string, token: string): string {
  const at = path.lastIndexOf('/');
  return `${path.slice(0, at + 1)}.${path.slice(at + 1)}.${token}.new`;
}

/** Where writeAtomic writes before its rename. */
export function tempName(path: string): string {
  const at = path.lastIndexOf('/');
  return `${path.slice(0, at + 1)}.${path.slice(at + 1)}.${process.pid}.${Date.now().toString(36)}.tmp`;
}

/** Whether a relative path is a store file of a valid pair folder: `<pair>/units.jsonl`, `<pair>/units-xx.jsonl`, `<pair>/exports.jsonl`. */
export function isLayoutStoreFile(path: string): boolean {
  const parts = path.split('/');
  return parts.length === 2 && PAIR_DIR_RE.test(parts[0]!) && STORE_NAME_RE.test(parts[1]!);
}

export function isStoreFileName(name: string): boolean {
  return STORE_NAME_RE.test(name);
}

/** The files kioku writes by temp + rename in a folder of the memory ('' is the memory folder itself). */
function atomicNames(dir: string): (name: string) => boolean {
  if (dir === '') return (n) => n === JOURNAL_FILE;
  if (dir === CACHE_DIR) return (n) => n === CACHE_FILE || OLD_CACHE_FILES.includes(n) || DROPPED_RE.test(n);
  // Shards are staged as .new by a commit; .tmp beside a shard is what earlier versions left.
  if (PAIR_DIR_RE.test(dir)) return (n) => STORE_NAME_RE.test(n);
  return () => false;
}

/**
 * Whether `name` in folder `dir` is one of kioku's own temporary names, the only leftovers recovery
 * deletes (a user's `.review-notes.tmp` is not). `token`: only the names of that commit.
 */
export function isOwnTemp(dir: string, name: string, token?: string): boolean {
  const m = TEMP_RE.exec(name);
  if (!m || !atomicNames(dir)(m[1]!)) return false;
  if (token !== undefined) return m[3] === 'new' && m[2] === token;
  return true;
}

export type LayoutKind = 'store-file' | 'temp' | 'pair-dir' | 'cache-dir' | 'cache-file' | 'lock' | 'journal' | 'git-setup' | 'moved-aside';

/** What a relative path is in the memory layout, or undefined when kioku has no business there. */
export function layoutKind(path: string): LayoutKind | undefined {
  if (typeof path !== 'string' || path === '' || path.length > 512) return undefined;
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) return undefined;
  if (parts.length === 1) {
    const name = parts[0]!;
    if (name === LOCK_FILE || name === LOCK_BREAK_FILE) return 'lock';
    if (name === JOURNAL_FILE) return 'journal';
    if (name === CACHE_DIR) return 'cache-dir';
    if (GIT_SETUP_FILES.includes(name)) return 'git-setup';
    if (PAIR_DIR_RE.test(name)) return 'pair-dir';
    if (isOwnTemp('', name)) return 'temp';
    return undefined;
  }
  if (parts.length !== 2) return undefined;
  const [dir, name] = parts as [string, string];
  if (dir === CACHE_DIR) {
    if (name === CACHE_FILE || DROPPED_RE.test(name)) return 'cache-file';
    if (MOVED_RE.test(name)) return 'moved-aside';
    return isOwnTemp(dir, name) ? 'temp' : undefined;
  }
  if (!PAIR_DIR_RE.test(dir)) return undefined;
  if (STORE_NAME_RE.test(name)) return 'store-file';
  return isOwnTemp(dir, name) ? 'temp' : undefined;
}

/**
 * What the store does to a path: create a new file (open with O_EXCL), rename a file onto it (the
 * target of a commit or an atomic write) or away from it (the source: a temporary file, or a file
 * where a pair folder belongs that fsck moves aside), delete it, or make a folder.
 */
export type PathOp = 'create' | 'rename-to' | 'rename-from' | 'delete' | 'mkdir';

const ALLOWED: Record<PathOp, ReadonlySet<LayoutKind>> = {
  create: new Set(['temp', 'lock', 'git-setup']),
  'rename-to': new Set(['store-file', 'journal', 'cache-file', 'moved-aside']),
  'rename-from': new Set(['temp', 'pair-dir']),
  delete: new Set(['store-file', 'temp', 'lock', 'journal']),
  mkdir: new Set(['pair-dir', 'cache-dir']),
};

/** A path the wall refused: thrown by guardPath, turned into one error line by the store. */
export class MemoryPathRefused extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    /** When the entry itself is in the way: what it is ("a folder", "a FIFO"…), for callers that name it. */
    readonly entry?: string,
  ) {
    super(`refusing to touch ${path} in the memory: ${reason}`);
  }
}

function kindOf(st: nodeFs.Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isBlockDevice() || st.isCharacterDevice()) return 'a device';
  return 'a regular file';
}

/** Why a file-system entry is not what the layout expects ("a symbolic link", "a FIFO"…). */
export function describeEntry(st: nodeFs.Stats): string {
  return kindOf(st);
}

function lstatOrUndefined(fs: typeof nodeFs, path: string): nodeFs.Stats | undefined {
  return fs.lstatSync(path, { throwIfNoEntry: false });
}

/**
 * The wall: the absolute path of `rel` under the memory folder `root` (already resolved with realpath)
 * when `op` on it keeps to the layout and to the folder; throws MemoryPathRefused otherwise. Checked
 * on the disk right before the call: every folder on the way must be a real folder (not a link), the
 * entry itself absent or a regular file (a real folder for mkdir).
 */
export function guardPath(fs: typeof nodeFs, root: string, rel: string, op: PathOp): string {
  const kind = layoutKind(rel);
  if (kind === undefined || !ALLOWED[op].has(kind)) {
    throw new MemoryPathRefused(
      rel,
      kind === undefined
        ? 'not a file of the memory layout'
        : `kioku never does that to ${kind === 'pair-dir' ? 'a pair folder' : `a ${kind.replace('-', ' ')}`}`,
    );
  }
  const parts = rel.split('/');
  let at = root;
  for (let i = 0; i < parts.length - 1; i++) {
    at = join(at, parts[i]!);
    const st = lstatOrUndefined(fs, at);
    if (st === undefined) return join(root, rel); // the call itself fails (ENOENT): nothing to escape through
    if (!st.isDirectory()) throw new MemoryPathRefused(rel, `${parts.slice(0, i + 1).join('/')} is ${kindOf(st)}, not a folder`);
  }
  const abs = join(root, rel);
  const st = lstatOrUndefined(fs, abs);
  if (st !== undefined) {
    // lstat: a link is neither a folder nor a regular file here.
    const fine = op === 'mkdir' ? st.isDirectory() : st.isFile();
    if (!fine) throw new MemoryPathRefused(rel, `it is ${kindOf(st)}`, kindOf(st));
  }
  return abs;
}

// --- The journal ------------------------------------------------------------------------------------

export interface JournalEntry {
  readonly path: string;
  readonly staged?: string;
  readonly sum?: string;
  readonly remove?: boolean;
}

export interface Journal {
  readonly token: string;
  readonly files: readonly JournalEntry[];
}

const SUM_RE = /^[0-9a-f]{16}$/;
const ENTRY_KEYS: ReadonlySet<string> = new Set(['path', 'staged', 'sum', 'remove']);

/** A shown value from the journal: short, so a hostile journal cannot flood the error line. */
function shown(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/**
 * Checks a parsed journal against the only shape kioku writes: `token` a commit token; `files` a
 * non-empty array of entries, each either `{path, remove: true}` or `{path, staged, sum}`, where `path`
 * is a store file of this memory (each at most once), `staged` exactly `<dir>/.<name>.<token>.new`
 * beside it and `sum` 16 hex digits. The journal or a description of the first thing wrong
 * ("names ../victim.txt, which is not a file of this memory").
 */
export function validateJournal(value: unknown): { ok: true; journal: Journal } | { ok: false; problem: string } {
  const bad = (problem: string) => ({ ok: false as const, problem });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('is not a JSON object');
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'token' && k !== 'files') return bad(`has a field kioku does not write (${shown(k)})`);
  if (!Array.isArray(o.files) || o.files.length === 0) return bad('has no list of files');
  // The paths first: what a hostile journal aims at is the most useful thing to name.
  const entries: Array<Record<string, unknown> & { path: string }> = [];
  const seen = new Set<string>();
  for (const f of o.files as unknown[]) {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) return bad(`lists ${shown(f)}, which is not a file entry`);
    const e = f as Record<string, unknown>;
    if (typeof e.path !== 'string' || !isLayoutStoreFile(e.path)) return bad(`names ${shown(e.path)}, which is not a file of this memory`);
    for (const k of Object.keys(e)) if (!ENTRY_KEYS.has(k)) return bad(`has an entry with a field kioku does not write (${shown(k)})`);
    if (seen.has(e.path)) return bad(`names ${shown(e.path)} twice`);
    seen.add(e.path);
    entries.push(e as Record<string, unknown> & { path: string });
  }
  if (typeof o.token !== 'string' || !TOKEN_RE.test(o.token)) return bad(`has no valid token (${shown(o.token)})`);
  const token = o.token;
  const files: JournalEntry[] = [];
  for (const e of entries) {
    const path = e.path;
    if (e.remove !== undefined) {
      if (e.remove !== true || e.staged !== undefined || e.sum !== undefined)
        return bad(`has an entry for ${shown(path)} that is neither a removal nor a rename`);
      files.push({ path, remove: true });
      continue;
    }
    if (typeof e.staged !== 'string' || e.staged !== stagedName(path, token)) {
      return bad(`stages ${shown(path)} from ${shown(e.staged)}, which is not kioku's temporary name for it`);
    }
    if (typeof e.sum !== 'string' || !SUM_RE.test(e.sum)) return bad(`has no valid checksum for ${shown(path)}`);
    files.push({ path, staged: e.staged, sum: e.sum });
  }
  return { ok: true, journal: { token, files } };
}
