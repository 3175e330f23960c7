import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Content hash of a directory tree: relative path, type and bytes of every entry, in sorted order,
 * leaving out `.cache/` (the derived index cache that readers rebuild: not part of the memory, ignored
 * by git, safe to delete). Proves a command left a memory byte-identical. A symbolic link is hashed by
 * its target and never followed; a FIFO, socket or device by its type only (reading a FIFO would block).
 */
export function hashTree(dir: string): string {
  const h = createHash('sha256');
  if (!existsSync(dir)) return 'absent';
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (r === '.cache') continue;
      const p = join(d, e.name);
      if (e.isSymbolicLink()) {
        h.update(`l ${r} -> ${readlinkSync(p)}\n`);
      } else if (e.isDirectory()) {
        h.update(`d ${r}\n`);
        walk(p, r);
      } else if (e.isFile()) {
        h.update(`f ${r}\n`);
        h.update(readFileSync(p));
        h.update('\n');
      } else {
        h.update(`o ${r}\n`);
      }
    }
  };
  walk(dir, '');
  return h.digest('hex');
}

/** Lists the files of a tree (relative paths, `.cache/` left out, as hashTree does): for messages when hashes differ. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (r === '.cache') continue;
      if (e.isDirectory() && !e.isSymbolicLink()) walk(join(d, e.name), r);
      else out.push(r);
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out.sort();
}

/** Every file under a directory (the cache included) with its bytes, for comparisons that name the file. */
export function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) out[p.slice(root.length)] = `link -> ${readlinkSync(p)}`;
      else if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[p.slice(root.length)] = readFileSync(p, 'base64');
      else out[p.slice(root.length)] = 'special';
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}
