/**
 * The memory's lock file: `memory/.lock`, created exclusively, holding {pid, hostname, created, token}.
 * A lock whose process is gone (same host, pid not running) is stale and taken over; breaking it goes
 * through a second short-lived exclusive file so two processes cannot both take over the same lock.
 */
import * as nodeFs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { KiokuError, Result } from '../model.js';
import { err, ok } from '../model.js';
import { ioError } from './files.js';

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

export const LOCK_FILE = '.lock';
const BREAK_FILE = '.lock.break';
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

function readInfo(fs: typeof nodeFs, path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && typeof info.token === 'string' ? info : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(fs: typeof nodeFs, path: string): number {
  try {
    return Date.now() - fs.statSync(path).mtimeMs;
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
  const breakPath = join(dir, BREAK_FILE);
  let fd: number;
  try {
    fd = fs.openSync(breakPath, 'wx');
  } catch {
    // Another process is breaking it; a breaker killed mid-way leaves an old break file behind.
    if (ageMs(fs, breakPath) > 10_000) {
      try {
        fs.unlinkSync(breakPath);
      } catch {
        // gone already
      }
    }
    return;
  }
  try {
    fs.closeSync(fd);
    const now = readInfo(fs, join(dir, LOCK_FILE));
    const same = stale === undefined ? now === undefined : now?.token === stale.token;
    if (same) fs.unlinkSync(join(dir, LOCK_FILE));
  } catch {
    // the lock vanished meanwhile: fine
  } finally {
    try {
      fs.unlinkSync(breakPath);
    } catch {
      // nothing to clean
    }
  }
}

/** Takes the lock of a memory directory, waiting for a live holder and taking over a stale one. */
export function acquireLock(dir: string, options: LockOptions = {}): Result<Lock> {
  const fs = options.fs ?? nodeFs;
  const envTimeout = Number(process.env.KIOKU_LOCK_TIMEOUT);
  const timeout = options.timeoutMs ?? (Number.isFinite(envTimeout) && envTimeout > 0 ? envTimeout : 60_000);
  const path = join(dir, LOCK_FILE);
  const display = join(options.displayDir ?? dir, LOCK_FILE);
  const info: LockInfo = {
    pid: process.pid,
    hostname: hostname(),
    created: new Date().toISOString(),
    token: `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
  };
  const started = Date.now();
  let wait = 5;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify(info) + '\n');
      fs.closeSync(fd);
      fd = undefined;
      return ok({
        info,
        release: () => {
          const now = readInfo(fs, path);
          if (now?.token === info.token) {
            try {
              fs.unlinkSync(path);
            } catch {
              // already gone
            }
          }
        },
      });
    } catch (e) {
      if (fd !== undefined) {
        try {
          fs.closeSync(fd);
          fs.unlinkSync(path);
        } catch {
          // best effort
        }
        return err(ioError(e, display, 'write the lock file'));
      }
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return err(lockIoError(e, display));
    }
    const holder = readInfo(fs, path);
    if (staleReason(fs, path, holder) !== undefined) {
      breakStale(fs, dir, holder);
      continue;
    }
    if (Date.now() - started >= timeout) return err(lockedError(display, holder));
    sleep(wait);
    wait = Math.min(100, wait * 2);
  }
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
