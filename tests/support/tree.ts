import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A hash of every file's path and bytes below a folder (to prove a command left it byte-identical). */
export function hashTree(dir: string, ignore: (path: string) => boolean = (p) => p.includes('.cache')): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const rel = relative(dir, p);
      if (ignore(rel)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else h.update(rel).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex');
}
