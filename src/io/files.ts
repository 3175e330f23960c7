import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, readSync, fstatSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { KiokuError, Result } from '../model.js';
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
    code === 'ENOENT' ? 'no such file'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a directory'
    : code === 'ENOSPC' ? 'no space left on the device'
    : code === 'EROFS' ? 'read-only file system'
    : code === 'ENOTDIR' ? 'a parent is not a directory'
    : (e as Error)?.message ?? String(e);
  return { code: 'io', message: `cannot ${doing}: ${reason}`, file };
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

/**
 * Crash-safe replacement of a file: write a temp file beside it, fsync, rename over the target, fsync
 * the directory. A reader sees the old file or the new one, never a mix. Unchanged content is not
 * rewritten (so mtimes and git stay quiet). `displayName` is the name errors show (the path as the user
 * typed it).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number; displayName?: string } = {}): Result<WriteOutcome> {
  if (sameContent(file, data)) return ok({ written: false });
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', options.mode ?? 0o644);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
    fsyncDir(dir);
    return ok({ written: true });
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the original error matters
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // the temp file may never have been created
    }
    return err(ioError(e, options.displayName ?? file, 'write the file'));
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
