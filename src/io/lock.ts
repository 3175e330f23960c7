/**
 * The memory's lock file: `memory/.lock`, created exclusively, holding {pid, hostname, created, token}.
 * A lock whose process is gone (same host, pid not running) is stale and taken over; breaking it goes
 * through a second short-lived exclusive file so two processes cannot both take over the same lock.
 *
 * The memory folder may come from a pull request, so `.lock` and `.lock.break` can be anything: a
 * folder, a FIFO, a link. Only a regular file is a lock kioku wrote; anything else is refused at once
 * with one line (never opened, never waited on, never deleted), and every wait ends at the timeout.
 */
import * as nodeFs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { KiokuError, Result } from '../model.js';
import { err, ok } from '../model.js';
import { ioError } from './files.js';
import { describeEntry, guardPath, LOCK_BREAK_FILE, LOCK_FILE, MemoryPathRefused } from './layout.js';

export { LOCK_FILE } from './layout.js';

export interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly created: string;
  readonly token: string;
}

export interface Lock {
  readonly info: LockInfo;
  release(): void;
}

export interface LockOptions {
  /** How long to wait for a live holder (default: env KIOKU_LOCK_TIMEOUT ms, else 60 s). */
  readonly timeoutMs?: number;
  /** Name of the memory directory for messages. */
  readonly displayDir?: string;
  readonly fs?: typeof nodeFs;
}

/** A lock file holds one short JSON line; more than this is not a lock kioku wrote. */
const LOCK_MAX_BYTES = 4096;
/** A lock file without readable content older than this is a crash between create and write. */
const UNREADABLE_STALE_MS = 5_000;

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The holder named in a lock file. Opened without following a link and without blocking (a FIFO that
 * appeared since the check must not hang us), and only when it is a regular file.
 */
function readInfo(fs: typeof nodeFs, path: string): LockInfo | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, nodeFs.constants.O_RDONLY | nodeFs.constants.O_NOFOLLOW | nodeFs.constants.O_NONBLOCK);
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > LOCK_MAX_BYTES) return undefined;
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = fs.readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    const info = JSON.parse(buf.subarray(0, off).toString('utf8')) as LockInfo;
    return typeof info === 'object' && info !== null && typeof info.pid === 'number' && typeof info.token === 'string' ? info : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Why `.lock` or `.lock.break` cannot be a lock kioku wrote (a folder, a FIFO, a link…), or undefined
 * when it is absent or a regular file.
 */
function notALock(fs: typeof nodeFs, path: string): string | undefined {
  const st = fs.lstatSync(path, { throwIfNoEntry: false });
  return st === undefined || st.isFile() ? undefined : describeEntry(st);
}

function ageMs(fs: typeof nodeFs, path: string): number {
  try {
    return Date.now() - fs.lstatSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Why a lock is stale, or undefined when its holder may be alive. */
function staleReason(fs: typeof nodeFs, path: string, info: LockInfo | undefined): string | undefined {
  if (!info) return ageMs(fs, path) > UNREADABLE_STALE_MS ? 'unreadable lock file' : undefined;
  if (info.hostname !== hostname()) return undefined;
  if (info.pid === process.pid) return undefined;
  return processAlive(info.pid) ? undefined : `process ${info.pid} is gone`;
}

/** Removes a stale lock unless someone else already replaced it. */
function breakStale(fs: typeof nodeFs, dir: string, stale: LockInfo | undefined): void {
  const breakPath = join(dir, LOCK_BREAK_FILE);
  let fd: number;
  try {
    fd = fs.openSync(guardPath(fs, dir, LOCK_BREAK_FILE, 'create'), 'wx');
  } catch {
    // Another process is breaking it; a breaker killed mid-way leaves an old break file behind.
    if (ageMs(fs, breakPath) > 10_000) {
      try {
        fs.unlinkSync(guardPath(fs, dir, LOCK_BREAK_FILE, 'delete'));
      } catch {
        // gone already, or not a file kioku may delete (the caller refuses it)
      }
    }
    return;
  }
  try {
    fs.closeSync(fd);
    const now = readInfo(fs, join(dir, LOCK_FILE));
    const same = stale === undefined ? now === undefined : now?.token === stale.token;
    if (same) fs.unlinkSync(guardPath(fs, dir, LOCK_FILE, 'delete'));
  } catch {
    // the lock vanished meanwhile, or turned into something kioku does not delete: the caller sees it
  } finally {
    try {
      fs.unlinkSync(guardPath(fs, dir, LOCK_BREAK_FILE, 'delete'));
    } catch {
      // nothing to clean
    }
  }
}

/**
 * Takes the lock of a memory directory, waiting for a live holder and taking over a stale one. `dir`
 * is the memory folder as the store resolved it (realpath).
 */
export function acquireLock(dir: string, options: LockOptions = {}): Result<Lock> {
  const fs = options.fs ?? nodeFs;
  const envTimeout = Number(process.env.KIOKU_LOCK_TIMEOUT);
  const timeout = options.timeoutMs ?? (Number.isFinite(envTimeout) && envTimeout > 0 ? envTimeout : 60_000);
  const path = join(dir, LOCK_FILE);
  const display = join(options.displayDir ?? dir, LOCK_FILE);
  const shown = (name: string) => join(options.displayDir ?? dir, name);
  const info: LockInfo = {
    pid: process.pid,
    hostname: hostname(),
    created: new Date().toISOString(),
    token: `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
  };
  const started = Date.now();
  let wait = 5;
  let breaks = 0;
  for (;;) {
    // Checked on every turn: a folder or FIFO where the lock belongs would otherwise be waited on
    // (or "broken") forever.
    for (const name of [LOCK_FILE, LOCK_BREAK_FILE]) {
      const what = notALock(fs, join(dir, name));
      if (what !== undefined) return err(notALockError(shown(name), what));
    }
    let fd: number | undefined;
    try {
      fd = fs.openSync(guardPath(fs, dir, LOCK_FILE, 'create'), 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify(info) + '\n');
      fs.closeSync(fd);
      fd = undefined;
      return ok({
        info,
        release: () => {
          const now = readInfo(fs, path);
          if (now?.token === info.token) {
            try {
              fs.unlinkSync(guardPath(fs, dir, LOCK_FILE, 'delete'));
            } catch {
              // already gone
            }
          }
        },
      });
    } catch (e) {
      if (e instanceof MemoryPathRefused) return err(notALockError(shown(e.path), e.entry ?? e.reason));
      if (fd !== undefined) {
        try {
          fs.closeSync(fd);
          fs.unlinkSync(guardPath(fs, dir, LOCK_FILE, 'delete'));
        } catch {
          // best effort
        }
        return err(ioError(e, display, 'write the lock file'));
      }
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return err(lockIoError(e, display));
    }
    const holder = readInfo(fs, path);
    if (staleReason(fs, path, holder) !== undefined) {
      // Taken over at once; a lock that will not go away (someone else keeps breaking and taking it)
      // is waited for like a live one, up to the timeout.
      breakStale(fs, dir, holder);
      if (breaks++ === 0) continue;
    }
    if (Date.now() - started >= timeout) return err(lockedError(display, holder));
    sleep(wait);
    wait = Math.min(100, wait * 2);
  }
}

/** `what`: "a folder", "a FIFO", "a symbolic link"… */
function notALockError(display: string, what: string): KiokuError {
  return {
    code: 'lock',
    message: `the lock is ${what}, not a file kioku wrote; nothing was changed`,
    file: display,
    hint: `if no kioku is running, delete ${display}`,
  };
}

function lockIoError(e: unknown, display: string): KiokuError {
  const base = ioError(e, display, 'lock the memory');
  return { ...base, hint: 'the memory directory must be writable to change it' };
}

function lockedError(display: string, holder: LockInfo | undefined): KiokuError {
  const who = holder ? `process ${holder.pid} on ${holder.hostname} since ${holder.created}` : 'another process';
  return {
    code: 'lock',
    message: `the memory is locked by ${who}`,
    file: display,
    hint: `wait for it to finish; if no kioku is running${holder && holder.hostname !== hostname() ? ' on that host' : ''}, delete ${display}`,
  };
}
