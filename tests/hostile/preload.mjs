// Loaded with `--import` into every kioku child of the hostile suite (never into kioku itself):
//  - KIOKU_TEST_RSS_FILE: at exit, write the peak resident memory of the whole process (main thread
//    and workers; process.resourceUsage().maxRSS, KiB) and its CPU time there;
//  - KIOKU_TEST_FAULT=ENOSPC|EROFS|EACCES with KIOKU_TEST_FAULT_DIR: simulate a full disk, a read-only
//    file system or a directory without write permission under that directory (the suite runs as root
//    on CI, where chmod cannot make a directory read-only). KIOKU_TEST_FAULT_AFTER=N lets the first N
//    files be written (a commit writes the lock, then each staged shard, then the journal) so the
//    failure can hit each step of a commit.
// Builtin ESM exports are re-synced after patching, so `import { openSync } from 'node:fs'` and
// `import * as fs from 'node:fs'` in kioku see the patched functions.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve, sep } from 'node:path';

const original = { ...fs };
const env = process.env;

if (env.KIOKU_TEST_RSS_FILE) {
  const file = env.KIOKU_TEST_RSS_FILE;
  process.on('exit', () => {
    const u = process.resourceUsage();
    original.writeFileSync(file, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) }));
  });
}

const fault = env.KIOKU_TEST_FAULT;
if (fault && env.KIOKU_TEST_FAULT_DIR) {
  const dir = resolve(env.KIOKU_TEST_FAULT_DIR);
  // How many files may be written (created, or opened for writing) before the fault strikes.
  let files = Number(env.KIOKU_TEST_FAULT_AFTER ?? 0);
  const inside = (p) => {
    if (typeof p !== 'string' && !(p instanceof URL) && !Buffer.isBuffer(p)) return false;
    const abs = resolve(String(p instanceof URL ? p.pathname : p));
    return abs === dir || abs.startsWith(dir + sep);
  };
  const fail = (syscall, p) => {
    const message = fault === 'ENOSPC' ? 'no space left on device' : fault === 'EROFS' ? 'read-only file system' : 'permission denied';
    return Object.assign(new Error(`${fault}: ${message}, ${syscall} '${p}'`), { code: fault, errno: -1, syscall, path: String(p) });
  };
  const writing = (flags) =>
    typeof flags === 'number' ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0 : /[wax+]/.test(String(flags ?? 'r'));
  // Files opened for writing inside the directory, and whether writing to them fails (ENOSPC).
  const full = new Map();
  /** One more file written: true when it is past the allowance. */
  const nextFileFails = () => {
    if (files > 0) {
      files--;
      return false;
    }
    return true;
  };
  // EROFS/EACCES: creating or changing anything fails once the allowance is used.
  const refuseChange = (syscall, p) => {
    if (fault !== 'ENOSPC' && inside(p) && nextFileFails()) throw fail(syscall, p);
  };

  fs.openSync = function (p, flags, mode) {
    if (!writing(flags) || !inside(p)) return original.openSync(p, flags, mode);
    if (fault !== 'ENOSPC') {
      refuseChange('open', p);
      return original.openSync(p, flags, mode);
    }
    // A full disk still lets a file be created; its data cannot be written.
    const fd = original.openSync(p, flags, mode);
    full.set(fd, nextFileFails());
    return fd;
  };
  fs.closeSync = function (fd) {
    full.delete(fd);
    return original.closeSync(fd);
  };
  fs.writeSync = function (fd, ...rest) {
    if (full.get(fd)) throw fail('write', `fd ${fd}`);
    return original.writeSync(fd, ...rest);
  };
  for (const name of ['writeFileSync', 'appendFileSync']) {
    const fn = original[name];
    fs[name] = function (p, data, options) {
      if (typeof p !== 'number' && inside(p)) {
        if (fault === 'ENOSPC' ? nextFileFails() : (refuseChange('open', p), false)) throw fail('write', p);
      }
      return fn.call(fs, p, data, options);
    };
  }
  for (const [name, syscall] of [
    ['mkdirSync', 'mkdir'],
    ['renameSync', 'rename'],
    ['unlinkSync', 'unlink'],
    ['rmSync', 'rm'],
    ['rmdirSync', 'rmdir'],
    ['copyFileSync', 'copyfile'],
  ]) {
    const fn = original[name];
    // A read-only file system refuses these too; a full disk does not (they free or reuse space).
    fs[name] = function (p, ...rest) {
      if (fault !== 'ENOSPC') {
        const target = name === 'renameSync' || name === 'copyFileSync' ? rest[0] : p;
        if (inside(target)) throw fail(syscall, target);
      }
      return fn.call(fs, p, ...rest);
    };
  }
  syncBuiltinESMExports();
}
