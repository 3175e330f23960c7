/**
 * io errors carry the system error they came from (`KiokuError.cause`), and the store decides on it,
 * not on the wording of the message: a memory whose lock cannot be made for want of permission (or on a
 * read-only file system) is still read, unlocked; a write to it fails with the io error.
 */
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCause, ioError } from '../../src/io/files.js';
import { openStore } from '../../src/io/store.js';
import { upsertUnits } from '../../src/memory/content.js';
import type { MemoryContent } from '../../src/model.js';
import { unit } from '../memory/builders.js';

/** A Node-style system error; its message deliberately says nothing a reader could match. */
const sysError = (code: string, syscall?: string) => Object.assign(new Error('opaque'), { code, ...(syscall ? { syscall } : {}) });

describe('ioError', () => {
  it('keeps the code and the system call as the cause', () => {
    expect(ioError(sysError('EROFS', 'open'), 'f.txt', 'write the file')).toEqual({
      code: 'io',
      message: 'cannot write the file: read-only file system',
      file: 'f.txt',
      cause: { errno: 'EROFS', syscall: 'open' },
    });
    expect(ioError(sysError('ENOENT'), 'f.txt', 'read the file').cause).toEqual({ errno: 'ENOENT' });
  });

  it('has no cause for an error that is not a system error', () => {
    expect(ioError(new Error('boom'), 'f.txt', 'read the file')).toEqual({ code: 'io', message: 'cannot read the file: boom', file: 'f.txt' });
    expect(errorCause('text')).toBeUndefined();
    expect(errorCause(null)).toBeUndefined();
    expect(errorCause({ code: 42 })).toBeUndefined();
  });
});

describe('a memory whose lock cannot be made', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kioku-errors-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The node fs, except that creating the lock file fails with `code`. */
  const lockFails = (code: string) =>
    ({
      ...fs,
      openSync: ((path: fs.PathLike, flags: fs.OpenMode = 'r', mode?: fs.Mode) => {
        if (String(path).endsWith('.lock') && flags === 'wx') throw sysError(code, 'open');
        return fs.openSync(path, flags, mode);
      }) as typeof fs.openSync,
    }) as typeof fs;

  const add = (c: MemoryContent) => ({ ok: true as const, value: upsertUnits(c, [unit('猫です。', 'It is a cat.')]) });

  it.each(['EACCES', 'EPERM', 'EROFS'])('is read without the lock (%s), and a write fails with the io error', (code) => {
    const mem = join(dir, 'memory');
    expect(openStore(mem).update(add).ok).toBe(true);
    const store = openStore(mem, { fs: lockFails(code), displayDir: 'memory' });
    const read = store.read();
    expect(read.ok && read.value.units.length).toBe(1);
    const loaded = store.load();
    expect(loaded.ok && loaded.value.size).toBe(1);
    const written = store.update(add);
    expect(written.ok).toBe(false);
    if (!written.ok) expect(written.error).toMatchObject({ code: 'io', cause: { errno: code, syscall: 'open' } });
  });

  it('is not read when the lock fails for another reason', () => {
    const mem = join(dir, 'memory');
    expect(openStore(mem).update(add).ok).toBe(true);
    const read = openStore(mem, { fs: lockFails('EIO'), displayDir: 'memory' }).read();
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatchObject({ code: 'io', cause: { errno: 'EIO' } });
  });
});
