import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type MemoryStore } from '../../src/io/store.js';
import { ok, type MemoryContent, type TranslationUnit } from '../../src/model.js';
import { memoryFromContent } from '../../src/memory/index.js';

/* The two kinds of store the job tests use: a real one in a temporary folder, and a fake in memory. */

const dirs: string[] = [];

/** A file store in a fresh temporary folder, shown as `memory`; `removeTempStores` deletes them all. */
export function tempStore(): MemoryStore {
  const dir = mkdtempSync(join(tmpdir(), 'kioku-jobs-'));
  dirs.push(dir);
  return openStore(join(dir, 'memory'), { displayDir: 'memory' });
}

export function removeTempStores(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * A store that is only the MemoryStore interface over content held in memory: what a job needs of a
 * store and nothing more (no lock, no files). Updates see the whole content; `fsck` is not there.
 */
export function contentStore(units: readonly TranslationUnit[] = [], location = 'fake'): MemoryStore & { readonly content: () => MemoryContent } {
  let content: MemoryContent = { units: [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), exports: [] };
  return {
    location,
    content: () => content,
    load: () => ok(memoryFromContent(content)),
    read: () => ok(content),
    update(fn) {
      const r = fn(content);
      if (!r.ok) return r;
      content = r.value.content;
      return ok({ report: r.value.report, written: true });
    },
    updateSelected(plan) {
      const p = plan(content.exports);
      if (!p.ok) return p;
      const r = p.value.apply(content);
      if (!r.ok) return r;
      content = r.value.content;
      return ok({ report: r.value.report, written: true });
    },
    fsck: () => {
      throw new Error('fsck is not part of the fake store');
    },
  };
}
