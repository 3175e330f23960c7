// The translator round trip used by the memory tests and by tests/memory/article-memory.ts:
// export a text with the memory, fill targets the way a CAT tool does, write the file back.
import { readFileSync, writeFileSync } from 'node:fs';
import type { BilingualDocument, UnitState, XliffVersion } from '../../src/model.js';
import { readXliff, writeXliff } from '../../src/xliff/index.js';
import { basename, resolve } from 'node:path';
import { documentFromRevision } from '../../src/xliff/index.js';
import { segment } from '../../src/segment/index.js';
import { memoryForExport } from '../../src/cli/commands/memory.js';

/**
 * What `kioku export FILE --memory DIR` does (leverage + the export record), through the library:
 * segment, pre-fill from the memory, write the XLIFF, record the exported revision.
 */
export function exportWith(cwd: string, file: string, out: string, options: { version?: XliffVersion; memory?: string; copySource?: boolean; approveExact?: boolean } = {}): BilingualDocument {
  const text = readFileSync(resolve(cwd, file), 'utf8');
  const revision = segment(text, { lang: 'ja' });
  const ctx = { stdout: { write() {} }, stderr: { write() {} }, cwd, env: {}, now: () => new Date('2026-01-02T00:00:00Z') };
  const doc = { document: basename(file), sourceLang: 'ja', targetLang: 'en' };
  const mem = memoryForExport(ctx, revision, doc, { ...(options.memory ? { memory: options.memory } : {}), ...(options.approveExact ? { approveExact: true } : {}) });
  const bilingual = documentFromRevision(revision, { original: doc.document, sourceLang: 'ja', targetLang: 'en', version: options.version ?? '1.2', ...(mem.prefill ? { prefill: mem.prefill } : {}) });
  const xliff = writeXliff(bilingual, { version: options.version ?? '1.2', ...(options.copySource ? { copySource: true } : {}), ...(options.approveExact ? { approveExact: true } : {}) });
  if (!xliff.ok) throw new Error(xliff.error.message);
  writeFileSync(resolve(cwd, out), xliff.value);
  mem.record();
  return bilingual;
}

/** Sets targets (by unit id) and states in an XLIFF file, as a translator's tool would, and saves it. */
export function fillTargets(path: string, fill: (unit: { id: string; source: string }) => { target: string; state?: UnitState; source?: string } | undefined): BilingualDocument {
  const doc = readXliff(readFileSync(path, 'utf8'), { file: path });
  if (!doc.ok) throw new Error(doc.error.message);
  const filled: BilingualDocument = {
    ...doc.value,
    groups: doc.value.groups.map((g) => ({
      ...g,
      units: g.units.map((u) => {
        const f = fill(u);
        return f ? { ...u, target: f.target, state: f.state ?? 'translated', ...(f.source !== undefined ? { source: f.source } : {}) } : u;
      }),
    })),
  };
  const text = writeXliff(filled, { version: doc.value.version });
  if (!text.ok) throw new Error(text.error.message);
  writeFileSync(path, text.value);
  return filled;
}
