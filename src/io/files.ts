import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  readSync,
  fstatSync,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { ErrorCause, KiokuError, Result } from '../model.js';
import { err, ok } from '../model.js';
import { decodeText, type Decoded, type Encoding } from './decode.js';

/** Default cap on any input file: large enough for any real document, small enough to stay safe. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface ReadOptions {
  readonly maxBytes?: number;
  readonly encoding?: Encoding;
  /** Name to show in errors (the path as the user typed it); defaults to the path read. */
  readonly displayName?: string;
}

export function ioError(e: unknown, file: string, doing: string): KiokuError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'ENOSPC'
            ? 'no space left on the device'
            : code === 'EROFS'
              ? 'read-only file system'
              : code === 'ENOTDIR'
                ? 'a parent is not a directory'
                : ((e as Error)?.message ?? String(e));
  const cause = errorCause(e);
  return { code: 'io', message: `cannot ${doing}: ${reason}`, file, ...(cause ? { cause } : {}) };
}

/** The system error's `code` and `syscall` (Node's ErrnoException), or undefined when `e` carries neither. */
export function errorCause(e: unknown): ErrorCause | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, syscall } = e as NodeJS.ErrnoException;
  const errno = typeof code === 'string' ? code : undefined;
  const call = typeof syscall === 'string' ? syscall : undefined;
  if (errno === undefined && call === undefined) return undefined;
  return { ...(errno !== undefined ? { errno } : {}), ...(call !== undefined ? { syscall: call } : {}) };
}

/** Reads a file's bytes, refusing directories, non-regular files and anything over the size cap. */
export function readBytes(path: string, options: ReadOptions = {}): Result<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const file = options.displayName ?? path;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return err(ioError(e, file, 'read the file'));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return err({ code: 'io', message: 'cannot read the file: is a directory', file });
    if (st.isFile() && st.size > maxBytes) {
      return err({
        code: 'too-large',
        message: `the file is ${st.size} bytes, over the ${maxBytes}-byte limit`,
        file,
        hint: 'raise the limit with --max-bytes if the file is genuine',
      });
    }
    // Read in chunks so a pipe or a file that grows cannot go past the cap either.
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) {
        return err({ code: 'too-large', message: `the input is over the ${maxBytes}-byte limit`, file, hint: 'raise the limit with --max-bytes' });
      }
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return ok(Buffer.concat(chunks, total));
  } catch (e) {
    return err(ioError(e, file, 'read the file'));
  } finally {
    closeSync(fd);
  }
}

/** Reads and decodes a text file (see `decodeText`). */
export function readText(path: string, options: ReadOptions = {}): Result<Decoded> {
  const bytes = readBytes(path, options);
  if (!bytes.ok) return bytes;
  return decodeText(bytes.value, { file: options.displayName ?? path, ...(options.encoding ? { encoding: options.encoding } : {}) });
}

/** Whether a file exists and its content equals `data` (so unchanged files are not rewritten). */
export function sameContent(file: string, data: string | Uint8Array): boolean {
  try {
    const st = statSync(file);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (st.size !== bytes.length) return false;
    return Buffer.compare(readFileSync(file), bytes) === 0;
  } catch {
    return false;
  }
}

export interface WriteOutcome {
  readonly written: boolean;
}

/** What a path names once its symlinks are followed (see `outputTarget`). */
export type OutputKind = 'missing' | 'file' | 'directory' | 'special' | 'socket';

/** How many symlinks a chain may hold before it counts as a loop (Linux's own limit). */
const MAX_LINKS = 40;

/**
 * Where a write to `file` lands. A symlink is written through: the end of its chain (resolved link by
 * link, so a dangling link names the file it will create) is what gets replaced, and the link itself
 * stays a link. `special` is an existing device or FIFO, which is written in place (a rename over
 * `/dev/null` would turn the device into a regular file for everyone).
 */
export function outputTarget(file: string, displayName = file): Result<{ readonly path: string; readonly kind: OutputKind }> {
  let path = resolve(file);
  try {
    for (let hops = 0; ; hops++) {
      const st = lstatSync(path, { throwIfNoEntry: false });
      if (st === undefined) return ok({ path, kind: 'missing' });
      if (st.isSymbolicLink()) {
        if (hops >= MAX_LINKS) return err({ code: 'io', message: 'cannot write the file: too many levels of symbolic links', file: displayName });
        path = resolve(dirname(path), readlinkSync(path));
        continue;
      }
      const kind: OutputKind = st.isFile() ? 'file' : st.isDirectory() ? 'directory' : st.isSocket() ? 'socket' : 'special';
      return ok({ path, kind });
    }
  } catch (e) {
    return err(ioError(e, displayName, 'write the file'));
  }
}

/** A write prepared by `stageFile`: `commit` makes it visible, `abort` leaves everything as it was. */
export interface StagedWrite {
  /** The file that `commit` replaces (the target of a symlink), absolute. */
  readonly path: string;
  commit(): Result<WriteOutcome>;
  abort(): void;
}

/**
 * The first half of `writeFileAtomic`: the data written and fsynced under a temporary name beside
 * the target, so that a caller can do something else that may fail (record an export in the memory)
 * between writing and making the file visible, and leave neither on failure. A device or FIFO gets no
 * temporary file: `commit` opens it and writes in place (a FIFO waits there for its reader). Unchanged
 * content stages nothing and commits as `written: false`.
 */
export function stageFile(file: string, data: string | Uint8Array, options: { mode?: number; displayName?: string } = {}): Result<StagedWrite> {
  const shown = options.displayName ?? file;
  const target = outputTarget(file, shown);
  if (!target.ok) return target;
  const { path, kind } = target.value;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (kind === 'directory') return err({ code: 'io', message: 'cannot write the file: is a directory', file: shown });
  if (kind === 'socket')
    return err({ code: 'io', message: 'cannot write the file: it is a socket', file: shown, hint: 'write to a file, a FIFO or standard output (-)' });
  if (kind === 'special') {
    return ok({
      path,
      abort: () => {},
      commit: () => {
        let fd: number | undefined;
        try {
          fd = openSync(path, 'w');
          writeAll(fd, bytes);
          return ok({ written: true });
        } catch (e) {
          return err(ioError(e, shown, 'write the file'));
        } finally {
          if (fd !== undefined) closeQuietly(fd);
        }
      },
    });
  }
  if (kind === 'file' && sameContent(path, bytes)) return ok({ path, abort: () => {}, commit: () => ok({ written: false }) });
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const removeTmp = () => {
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file may never have been created
    }
  };
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', options.mode ?? 0o644);
    writeAll(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
  } catch (e) {
    if (fd !== undefined) closeQuietly(fd);
    removeTmp();
    return err(ioError(e, shown, 'write the file'));
  }
  let done = false;
  return ok({
    path,
    abort: () => {
      if (!done) removeTmp();
      done = true;
    },
    commit: () => {
      done = true;
      try {
        renameSync(tmp, path);
      } catch (e) {
        removeTmp();
        return err(ioError(e, shown, 'write the file'));
      }
      fsyncDir(dir);
      return ok({ written: true });
    },
  });
}

/**
 * Crash-safe replacement of a file: write a temp file beside it, fsync, rename over the target, fsync
 * the directory. A reader sees the old file or the new one, never a mix. Unchanged content is not
 * rewritten (so mtimes and git stay quiet). A symlink is written through (its target is replaced, the
 * link stays); a device or FIFO is written in place. `displayName` is the name errors show (the path
 * as the user typed it).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number; displayName?: string } = {}): Result<WriteOutcome> {
  const staged = stageFile(file, data, options);
  return staged.ok ? staged.value.commit() : staged;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already failing or finished; the outcome is decided
  }
}

/** An input or the memory folder that an output must not overwrite or land in. */
export interface GuardedPath {
  /** Absolute path. */
  readonly path: string;
  /** As the user typed it. */
  readonly display: string;
}

/**
 * Whether `file` is a safe output: not one of the `inputs` (the same file by device and inode, so
 * `./a.xlf`, `../x/a.xlf`, a hard link or a symlink to it all count) and not inside one of the
 * `memories` (by real path, symlinks resolved, whether the output exists yet or not). A device or FIFO
 * is written in place and never replaced, so it is not compared. Checked before any work is written.
 */
export function checkOutput(
  file: string,
  displayName: string,
  guard: { readonly inputs: readonly GuardedPath[]; readonly memories: readonly GuardedPath[] },
): Result<void> {
  const target = outputTarget(file, displayName);
  if (!target.ok) return target;
  const { path, kind } = target.value;
  if (kind === 'directory') return err({ code: 'io', message: 'cannot write the file: is a directory', file: displayName });
  if (kind === 'special' || kind === 'socket') return ok(undefined);
  if (kind === 'file') {
    const out = statSync(path, { throwIfNoEntry: false });
    for (const input of guard.inputs) {
      const st = statSync(input.path, { throwIfNoEntry: false });
      if (out && st && st.isFile() && st.dev === out.dev && st.ino === out.ino) {
        return err({
          code: 'usage',
          message: `the output would overwrite an input${input.display === displayName ? '' : ` (${input.display})`}`,
          file: displayName,
          hint: 'write it elsewhere',
        });
      }
    }
  }
  const real = realPathOf(path);
  for (const memory of guard.memories) {
    const dir = realPathOf(memory.path);
    if (real === dir || real.startsWith(dir.endsWith(sep) ? dir : dir + sep)) {
      return err({
        code: 'usage',
        message: kind === 'file' ? "the output would overwrite the memory's own file" : `the output would be written inside the memory (${memory.display})`,
        file: displayName,
        hint: 'write it elsewhere',
      });
    }
  }
  return ok(undefined);
}

/** The real path of `path`, whose last parts need not exist yet (the nearest existing ancestor is resolved). */
function realPathOf(path: string): string {
  const rest: string[] = [];
  let p = resolve(path);
  for (;;) {
    let real: string;
    try {
      real = realpathSync.native(p);
    } catch {
      const parent = dirname(p);
      if (parent === p) return join(p, ...rest.reverse());
      rest.push(basename(p));
      p = parent;
      continue;
    }
    return join(real, ...rest.reverse());
  }
}

/** fsync a directory so a rename in it survives a power cut (a no-op where the OS refuses). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms and file systems cannot fsync directories; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
